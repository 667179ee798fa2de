import type { CourseDashboardRow } from '../../mentoring/analytics/course-overview.js';
import type { ProgramDashboard } from '../../mentoring/analytics/dashboard-use-cases.js';
import { OUTCOME_LABELS } from '../../mentoring/analytics/pair-outcomes.js';
import { predictorLabel } from '../charts/insight-charts.js';

/** A table as the page shows it and the CSV exports it: the same cells. */
export interface DataTable {
  id: string;
  caption: string;
  head: string[];
  rows: string[][];
}

const cellOf = (c: ProgramDashboard['insights'][number]['cells'][number]) => {
  if (c.note === 'too-few') return `too few pairs (${c.n})`;
  if (c.note === 'no-spread') return `no spread (${c.n} pairs)`;
  const k = c.correlation!;
  return `r ${k.r} (${k.low} to ${k.high}), ${k.n} pairs`;
};

export function programTables(d: ProgramDashboard): DataTable[] {
  return [
    { id: 'funnel', caption: 'From enrolment to completion', head: ['Stage', 'People', 'Of everyone enrolled'], rows: d.funnel.map((r) => [r.label, r.count.text, r.ofEnrolled.text]) },
    {
      id: 'trends', caption: 'Weekly trends', head: ['Week (Monday)', 'Meetings held', 'Expected at the cadence', 'Active circles', 'Prompt response rate'],
      rows: d.trends.map((t) => [t.week, String(t.meetingsHeld), String(t.meetingsExpected), String(t.activeCircles), t.responseRate.text]),
    },
    { id: 'health', caption: 'Circle health', head: ['Health', 'Circles'], rows: d.health.counts.map((c) => [c.label, String(c.circles)]) },
    { id: 'attention', caption: 'Circles that need attention', head: ['Circle', 'Why'], rows: d.health.attention.map((a) => [a.name, a.reason]) },
    { id: 'ratings', caption: 'Feedback ratings', head: ['Rating', 'Ratings given'], rows: d.ratings.rows.map((r) => [String(r.rating), r.count.text]) },
    {
      id: 'survey', caption: 'Close-out survey', head: ['Measure', 'Value'],
      rows: [['Answers', d.survey.answers.text], ...d.survey.averages.map((a) => [a.label, a.value.text]), ['Would recommend', d.survey.wouldRecommend.text], ['Would-recommend score (−100 to 100)', d.survey.recommendScore.text]],
    },
    { id: 'load', caption: 'Mentor load against capacity', head: ['Load', 'Mentors'], rows: d.load.map((r) => [r.label, r.mentors.text]) },
    {
      id: 'insights', caption: 'What makes pairs work: correlation with outcomes (95 % band)', head: ['Matching says', ...Object.values(OUTCOME_LABELS)],
      rows: d.insights.map((row) => [predictorLabel(d, row.predictor), ...row.cells.map(cellOf)]),
    },
  ];
}

export function courseTable(rows: readonly CourseDashboardRow[]): DataTable {
  return {
    id: 'programs', caption: 'Programs of this course', head: ['Program', 'Enrolled', 'Match rate', 'Target', 'Active circles', 'Meetings held', 'Completed'],
    rows: rows.map((r) => [r.title, r.enrolled.text, r.matchRate.text, `${r.target} %`, String(r.circles), String(r.meetingsHeld), r.completion.text]),
  };
}

/** A CSV cell: quoted; text never starts like a formula (spreadsheet injection), numbers stay numbers. */
function csvCell(text: string): string {
  const numeric = /^-?\d+(\.\d+)?$/.test(text);
  const safe = !numeric && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function tableCsv(table: DataTable): string {
  const lines = [table.head, ...table.rows].map((r) => r.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
