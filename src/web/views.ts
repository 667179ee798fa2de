import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';

export type RenderView = (view: string, model: Record<string, unknown>) => string;

function listTemplates(dir: string, prefix = ''): Array<[string, string]> {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return listTemplates(full, `${prefix}${entry}/`);
    return entry.endsWith('.hbs') ? [[`${prefix}${entry.slice(0, -4)}`, full] as [string, string]] : [];
  });
}

/**
 * Compiles every template under views/ once at start. `{{ }}` escapes all values; the layout
 * gets the page's HTML through `{{{body}}}` only.
 */
export function createViewRenderer(viewsDir: string): RenderView {
  const hbs = Handlebars.create();
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hbs.registerHelper('json', (value: unknown) => new hbs.SafeString(JSON.stringify(value).replace(/</g, '\\u003c')));
  const templates = new Map<string, Handlebars.TemplateDelegate>();
  for (const [name, file] of listTemplates(viewsDir)) {
    const source = readFileSync(file, 'utf8');
    if (name.startsWith('partials/')) hbs.registerPartial(name.slice('partials/'.length), source);
    else templates.set(name, hbs.compile(source, { strict: false }));
  }
  const layout = templates.get('layouts/main');
  if (!layout) throw new Error(`views/layouts/main.hbs is missing in ${viewsDir}`);
  return (view, model) => {
    const template = templates.get(view);
    if (!template) throw new Error(`Unknown view ${view}`);
    return layout({ ...model, body: template(model) });
  };
}
