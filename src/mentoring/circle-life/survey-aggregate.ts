import type { SurveyAnswers } from './survey-ports.js';

/** Below this many answers nothing is shown: a small group's answers could be told apart. */
export const MIN_ANSWERS_SHOWN = 3;

export const SURVEY_SCALES = {
  goalProgress: { question: 'How far did you get with the goals you set?', low: 'Not at all', high: 'Fully' },
  relationship: { question: 'How good was the mentoring relationship?', low: 'Poor', high: 'Excellent' },
  confidence: { question: 'How much has your confidence in your role grown?', low: 'Not at all', high: 'A great deal' },
  clarity: { question: 'How clear are you about your next development steps?', low: 'Unclear', high: 'Very clear' },
} as const;

export type SurveyScale = keyof typeof SURVEY_SCALES;

export interface ScaleSummary {
  key: SurveyScale;
  question: string;
  mean: number;
  /** How many answered 1, 2, 3, 4, 5. */
  counts: number[];
}

export type SurveySummary =
  | { shown: false; responses: number; eligible: number; minimum: number }
  | { shown: true; responses: number; eligible: number; minimum: number; scales: ScaleSummary[]; recommendPercent: number; comments: string[] };

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Aggregates only: means and counts per scale, share who would recommend, comments without names in a fixed (sorted) order. */
export function summariseSurvey(answers: SurveyAnswers[], eligible: number): SurveySummary {
  const responses = answers.length;
  if (responses < MIN_ANSWERS_SHOWN) return { shown: false, responses, eligible, minimum: MIN_ANSWERS_SHOWN };
  const scales = (Object.keys(SURVEY_SCALES) as SurveyScale[]).map((key): ScaleSummary => {
    const counts = [1, 2, 3, 4, 5].map((v) => answers.filter((a) => a[key] === v).length);
    return { key, question: SURVEY_SCALES[key].question, mean: round1(answers.reduce((s, a) => s + a[key], 0) / responses), counts };
  });
  const recommendPercent = Math.round((100 * answers.filter((a) => a.wouldRecommend).length) / responses);
  const comments = answers.map((a) => a.comment).filter((c): c is string => Boolean(c)).sort((a, b) => a.localeCompare(b));
  return { shown: true, responses, eligible, minimum: MIN_ANSWERS_SHOWN, scales, recommendPercent, comments };
}
