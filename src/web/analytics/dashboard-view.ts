import type { Response } from 'express';
import type { CourseDashboardRow } from '../../mentoring/analytics/course-overview.js';
import { basisOf, type ProgramDashboard } from '../../mentoring/analytics/dashboard-use-cases.js';
import { MIN_PAIRS_SHOWN, MIN_PAIRS_SUGGEST } from '../../mentoring/analytics/pair-insights.js';
import { WEIGHTS } from '../../mentoring/matches/match-settings.js';
import { funnelChart, healthChart, loadChart, ratingsChart, responseChart, trendChart } from '../charts/dashboard-charts.js';
import { courseChart, insightsChart } from '../charts/insight-charts.js';
import type { Chart } from '../charts/plot-svg.js';
import { urlFor } from '../routes/route-helpers.js';
import { courseTable, programTables, type DataTable } from './dashboard-tables.js';

/** A chart with its table beside it, and their downloads. */
function figure(res: Response, base: string, chart: Chart | null, table: DataTable) {
  return {
    chart, table, id: table.id,
    csvUrl: urlFor(res, `${base}/${table.id}.csv`),
    svgUrl: chart ? urlFor(res, `${base}/${chart.id}.svg`) : null,
  };
}

const chartsOf = (d: ProgramDashboard) => [funnelChart(d), trendChart(d), responseChart(d), healthChart(d), ratingsChart(d), loadChart(d), insightsChart(d)];

export function programView(res: Response, d: ProgramDashboard, options: { print: boolean; notice: string | null }) {
  const base = `/staff/programs/${d.program.id}/dashboard`;
  const charts = chartsOf(d);
  const tables = programTables(d);
  const chart = (id: string) => charts.find((c) => c.id === id) ?? null;
  const table = (id: string) => tables.find((t) => t.id === id)!;
  const fig = (chartId: string | null, tableId: string) => figure(res, base, chartId ? chart(chartId) : null, table(tableId));
  return {
    title: `Dashboard: ${d.program.title}`, programTitle: d.program.title, print: options.print, notice: options.notice, charts, tables,
    generated: d.generatedAt.toISOString().slice(0, 16).replace('T', ' '),
    headline: {
      enrolled: d.enrolled.text, matchRate: d.matchRate.rate.text, target: d.matchRate.target, onTarget: d.matchRate.onTarget,
      daysToMatch: d.daysToMatch.text, milestones: d.milestones.rate.text, recommend: d.survey.recommendScore.text,
    },
    funnel: fig('funnel', 'funnel'), trends: fig('trends', 'trends'), responses: figure(res, base, chart('responses'), table('trends')),
    health: { ...fig('health', 'health'), rule: d.health.rule, attention: d.health.attention, attentionFigure: fig(null, 'attention') },
    ratings: fig('ratings', 'ratings'), survey: fig(null, 'survey'), load: fig('load', 'load'), insights: fig('insights', 'insights'),
    suggestions: d.suggestions.map((s) => ({ ...s, label: d.criterionLabels[s.criterion], fromLabel: WEIGHTS[s.from], toLabel: WEIGHTS[s.to] })),
    basis: basisOf(d), minPairsShown: MIN_PAIRS_SHOWN, minPairsSuggest: MIN_PAIRS_SUGGEST,
    formAuth: res.locals.formAuth,
    urls: {
      program: urlFor(res, `/staff/programs/${d.program.id}`), course: urlFor(res, '/staff/dashboard'), print: urlFor(res, base, { print: '1' }),
      screen: urlFor(res, base), target: `${base}/target`, weights: `${base}/weights`,
      circles: urlFor(res, `/staff/programs/${d.program.id}/circle-progress`), matching: urlFor(res, `/staff/programs/${d.program.id}/matching`),
    },
  };
}

export function courseView(res: Response, rows: readonly CourseDashboardRow[], print: boolean) {
  const table = courseTable(rows);
  return {
    title: 'Mentoring dashboard', print, courseTitle: (res.locals.session as { courseTitle?: string } | undefined)?.courseTitle,
    programs: figure(res, '/staff/dashboard', courseChart(rows), table),
    links: rows.map((r) => ({ title: r.title, url: urlFor(res, `/staff/programs/${r.programId}/dashboard`) })),
    urls: { home: urlFor(res, '/home'), print: urlFor(res, '/staff/dashboard', { print: '1' }), screen: urlFor(res, '/staff/dashboard') },
  };
}
