import { SURVEY_SCALES, type SurveySummary } from '../../mentoring/circle-life/survey-aggregate.js';

type Form = { values: Record<string, string>; errors: Record<string, string> };

/** The close-out survey form: four 1–5 scales, would you recommend, an optional comment. */
export function surveyFormModel(form: Form) {
  return {
    scales: Object.entries(SURVEY_SCALES).map(([id, s]) => ({
      id, question: s.question, error: form.errors[id] ?? null,
      options: [1, 2, 3, 4, 5].map((v) => ({ value: String(v), label: v === 1 ? s.low : v === 5 ? s.high : '', selected: form.values[id] === String(v) })),
    })),
    recommend: [{ value: 'yes', label: 'Yes' }, { value: 'no', label: 'No' }].map((o) => ({ ...o, selected: form.values.wouldRecommend === o.value })),
    recommendError: form.errors.wouldRecommend ?? null,
    comment: form.values.comment ?? '', commentError: form.errors.comment ?? null,
    errorList: Object.entries(form.errors).map(([field, message]) => ({ field, message })),
  };
}

/** Staff see the survey only as aggregates, and nothing below the minimum number of answers. */
export function surveyResultsModel(summary: SurveySummary) {
  const base = { responses: summary.responses, eligible: summary.eligible, minimum: summary.minimum, shown: summary.shown };
  if (!summary.shown) return base;
  return {
    ...base,
    scales: summary.scales.map((s) => ({ question: s.question, mean: s.mean.toFixed(1), counts: s.counts.map((n, i) => ({ value: i + 1, n })) })),
    recommendPercent: summary.recommendPercent,
    comments: summary.comments,
  };
}
