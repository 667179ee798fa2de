import type { CourseDashboardRow } from '../../mentoring/analytics/course-overview.js';
import type { ProgramDashboard } from '../../mentoring/analytics/dashboard-use-cases.js';
import type { Predictor } from '../../mentoring/analytics/pair-outcomes.js';
import { drawable } from '../../mentoring/analytics/privacy.js';
import { Plot, renderChart, type Chart } from './plot-svg.js';

const SHORT_OUTCOMES = { meetingsKept: 'Meetings kept', feedback: 'Feedback rating', milestones: 'Milestones done' } as const;

const SHORT_PREDICTORS: Record<Predictor, string> = {
  score: 'Match score', complementarity: 'Complementarity', goals: 'Goal alignment', experience: 'Experience breadth',
  diversity: 'Perspective diversity', availability: 'Shared availability', language: 'Shared language', learningStyle: 'Learning style',
};

export const predictorLabel = (_d: unknown, p: Predictor) => SHORT_PREDICTORS[p];

/** Each predictor's correlation with each outcome: a dot for r, a line for its 95 % band. */
export function insightsChart(d: ProgramDashboard): Chart {
  const rows = d.insights.flatMap((row) => row.cells.filter((c) => c.correlation).map((c) => ({
    predictor: predictorLabel(d, row.predictor), outcome: SHORT_OUTCOMES[c.outcome], ...c.correlation!,
  })));
  const n = Math.max(0, ...d.insights.flatMap((r) => r.cells.map((c) => c.n)));
  const summary = rows.length
    ? `Correlations of the match score and each criterion with the circles' outcomes, over up to ${n} pairs; a band crossing 0 means no clear link.`
    : `Not enough matched pairs with outcomes yet (${n} so far; 8 are needed before anything is shown).`;
  const drawn = Object.values(SHORT_OUTCOMES).filter((o) => rows.some((r) => r.outcome === o));
  const facets = drawn.length ? drawn : Object.values(SHORT_OUTCOMES);
  return renderChart('insights', 'What makes pairs work', summary, {
    height: 70 + 22 * Math.max(1, d.insights.length) * facets.length, marginLeft: 150, marginRight: 120,
    x: { label: 'Correlation r (95 % band)', domain: [-1, 1], grid: true },
    y: { label: null, domain: d.insights.map((r) => predictorLabel(d, r.predictor)) },
    fy: { label: null, domain: facets },
    marks: [
      Plot.ruleX([0], { stroke: '#555' }),
      Plot.ruleY(rows, { y: 'predictor', x1: 'low', x2: 'high', fy: 'outcome', stroke: '#9bb7d4', strokeWidth: 4 }),
      Plot.dot(rows, { x: 'r', y: 'predictor', fy: 'outcome', fill: '#1f4e79', r: 4 }),
    ],
  });
}

export function courseChart(rows: readonly CourseDashboardRow[]): Chart {
  const drawn = rows.filter((r) => drawable(r.matchRate) !== null).map((r) => ({ program: r.title, rate: drawable(r.matchRate)!, target: r.target }));
  const summary = rows.map((r) => `${r.title}: ${r.matchRate.text} matched (target ${r.target} %)`).join('; ') || 'No programs yet.';
  return renderChart('programs', 'Match rate by program, against each target', summary, {
    height: 90 + 40 * Math.max(1, rows.length), marginLeft: 180, marginBottom: 44, x: { label: 'Mentees matched (%)', domain: [0, 100], grid: true },
    y: { label: null, domain: rows.map((r) => r.title) },
    marks: [
      Plot.barX(drawn, { x: 'rate', y: 'program', fill: '#1f4e79' }),
      Plot.tickX(drawn, { x: 'target', y: 'program', stroke: '#c0504d', strokeWidth: 3 }),
      Plot.ruleX([0]),
    ],
  });
}
