import type { ProgramDashboard } from '../../mentoring/analytics/dashboard-use-cases.js';
import { drawable } from '../../mentoring/analytics/privacy.js';
import { Plot, renderChart, type Chart } from './plot-svg.js';

const INK = '#1f4e79';
const SOFT = '#9bb7d4';
const shown = <T>(rows: T[], value: (r: T) => number | null) => rows.filter((r) => value(r) !== null);

export function funnelChart(d: ProgramDashboard): Chart {
  const rows = shown(d.funnel, (r) => drawable(r.count)).map((r) => ({ stage: r.label, people: drawable(r.count)! }));
  const matched = d.funnel.find((r) => r.stage === 'matched')!;
  const summary = `${d.enrolled.text} enrolled; ${matched.count.text} matched (${matched.ofEnrolled.text} of everyone enrolled). Stages with fewer than 3 people are not drawn.`;
  return renderChart('funnel', 'From enrolment to completion', summary, {
    height: 260, marginLeft: 210, x: { label: 'People', grid: true }, y: { label: null, domain: d.funnel.map((r) => r.label) },
    marks: [Plot.barX(rows, { x: 'people', y: 'stage', fill: INK }), Plot.text(rows, { x: 'people', y: 'stage', text: 'people', dx: 12 }), Plot.ruleX([0])],
  });
}

export function trendChart(d: ProgramDashboard): Chart {
  const rows = d.trends.flatMap((t) => [
    { week: new Date(`${t.week}T00:00:00Z`), series: 'Meetings held', n: t.meetingsHeld },
    { week: new Date(`${t.week}T00:00:00Z`), series: 'Expected', n: t.meetingsExpected },
    { week: new Date(`${t.week}T00:00:00Z`), series: 'Active circles', n: t.activeCircles },
  ]);
  const last = d.trends.at(-1);
  const summary = last
    ? `Week of ${last.week}: ${last.meetingsHeld} meetings held against ${last.meetingsExpected} expected, ${last.activeCircles} active circles.`
    : 'No weeks to show yet.';
  return renderChart('trends', 'Meetings held against the cadence, by week', summary, {
    height: 270, marginBottom: 44, x: { label: 'Week', type: 'utc' }, y: { label: 'Count', grid: true },
    marginRight: 110, color: { domain: ['Meetings held', 'Expected', 'Active circles'], range: [INK, '#c0504d', SOFT] },
    marks: [
      Plot.lineY(rows, { x: 'week', y: 'n', stroke: 'series', strokeWidth: 2 }), Plot.dot(rows, { x: 'week', y: 'n', fill: 'series', r: 3 }), Plot.ruleY([0]),
      Plot.text(rows, Plot.selectLast({ x: 'week', y: 'n', z: 'series', text: 'series', fill: 'series', textAnchor: 'start', dx: 6 })),
    ],
  });
}

export function responseChart(d: ProgramDashboard): Chart {
  const rows = shown(d.trends, (t) => drawable(t.responseRate)).map((t) => ({ week: new Date(`${t.week}T00:00:00Z`), rate: drawable(t.responseRate)! }));
  const summary = rows.length ? `Latest shown week: ${rows.at(-1)!.rate} % of the people sent a prompt answered it.` : 'No week had prompts sent to 3 or more people yet.';
  return renderChart('responses', 'Prompt response rate, by week', summary, {
    height: 230, marginBottom: 44, x: { label: 'Week', type: 'utc', domain: d.trends.length ? [new Date(`${d.trends[0]!.week}T00:00:00Z`), new Date(`${d.trends.at(-1)!.week}T00:00:00Z`)] : undefined },
    y: { label: 'Answered (%)', domain: [0, 100], grid: true },
    marks: [Plot.lineY(rows, { x: 'week', y: 'rate', stroke: INK, strokeWidth: 2, z: null }), Plot.dot(rows, { x: 'week', y: 'rate', fill: INK }), Plot.ruleY([0])],
  });
}

export function healthChart(d: ProgramDashboard): Chart {
  const summary = d.health.counts.map((c) => `${c.label}: ${c.circles}`).join('; ') + '.';
  return renderChart('health', 'Circle health', summary, {
    height: 160, marginLeft: 140, x: { label: 'Circles', grid: true }, y: { label: null, domain: d.health.counts.map((c) => c.label) },
    color: { domain: d.health.counts.map((c) => c.label), range: ['#2e7d32', '#c0504d', '#9e9e9e'] },
    marks: [Plot.barX(d.health.counts, { x: 'circles', y: 'label', fill: 'label' }), Plot.text(d.health.counts, { x: 'circles', y: 'label', text: 'circles', dx: 10 }), Plot.ruleX([0])],
  });
}

export function ratingsChart(d: ProgramDashboard): Chart {
  const rows = shown(d.ratings.rows, (r) => drawable(r.count)).map((r) => ({ rating: String(r.rating), n: drawable(r.count)! }));
  const summary = d.ratings.total < 3 ? 'Fewer than 3 ratings so far: nothing is shown.' : `${d.ratings.total} ratings. ` + d.ratings.rows.map((r) => `${r.rating}: ${r.count.text}`).join(', ') + '.';
  return renderChart('ratings', 'Feedback ratings', summary, {
    height: 220, x: { label: 'Rating (1–5)', domain: ['1', '2', '3', '4', '5'] }, y: { label: 'Ratings', grid: true },
    marks: [Plot.barY(rows, { x: 'rating', y: 'n', fill: INK }), Plot.ruleY([0])],
  });
}

export function loadChart(d: ProgramDashboard): Chart {
  const rows = shown(d.load, (r) => drawable(r.mentors)).map((r) => ({ band: r.label, n: drawable(r.mentors)! }));
  const summary = d.load.map((r) => `${r.label}: ${r.mentors.text}`).join('; ') + '.';
  return renderChart('load', 'Mentor load against capacity', summary, {
    height: 180, marginLeft: 140, x: { label: 'Mentors', grid: true }, y: { label: null, domain: d.load.map((r) => r.label) },
    marks: [Plot.barX(rows, { x: 'n', y: 'band', fill: INK }), Plot.ruleX([0])],
  });
}
