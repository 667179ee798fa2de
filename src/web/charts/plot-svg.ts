import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';

/**
 * Charts are Observable Plot figures rendered on the server into linkedom's DOM: plain SVG,
 * no client script. Plot's inline <style> is dropped (the page's CSP allows only our CSS file,
 * public/css/analytics.css carries the same rules); the SVG names itself as an image with a
 * title and a description, and the same facts are in the table beside it.
 */
export interface Chart {
  id: string;
  title: string;
  /** One or two sentences: what the chart shows, in words. */
  summary: string;
  svg: string;
}

export const CHART_WIDTH = 480;

export function renderChart(id: string, title: string, summary: string, options: Plot.PlotOptions): Chart {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const figure = Plot.plot({ width: CHART_WIDTH, ...options, document } as Plot.PlotOptions) as unknown as Element;
  // With a legend Plot wraps the chart in a <figure>: the chart is its last direct <svg>.
  const svg = figure.tagName.toLowerCase() === 'svg' ? figure : [...figure.children].filter((e) => e.tagName.toLowerCase() === 'svg').at(-1)!;
  svg.querySelector('style')?.remove();
  svg.removeAttribute('aria-label');
  svg.removeAttribute('class');
  svg.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  svg.setAttribute('role', 'img');
  svg.setAttribute('font-size', '13');
  svg.setAttribute('class', 'chart-svg');
  svg.setAttribute('aria-labelledby', `${id}-svg-title ${id}-svg-desc`);
  const desc = document.createElementNS('http://www.w3.org/2000/svg', 'desc');
  desc.setAttribute('id', `${id}-svg-desc`);
  desc.textContent = summary;
  const heading = document.createElementNS('http://www.w3.org/2000/svg', 'title');
  heading.setAttribute('id', `${id}-svg-title`);
  heading.textContent = title;
  svg.insertBefore(desc, svg.firstChild);
  svg.insertBefore(heading, svg.firstChild);
  return { id, title, summary, svg: svg.outerHTML };
}

/** A chart file to download: the same SVG with an XML prolog. */
export const svgFile = (chart: Chart) => `<?xml version="1.0" encoding="UTF-8"?>\n${chart.svg}\n`;

export { Plot };
