import type { CircleFact, ParticipantFact, ProgramFacts, SurveyFacts } from './ports.js';
import { MIN_GROUP, peopleAverage, peopleCount, peopleRate, type Figure } from './privacy.js';

export interface RatingRow {
  rating: number;
  count: Figure;
}

/** Feedback ratings 1–5; nothing at all is shown under MIN_GROUP ratings in total. */
export function ratingDistribution(ratings: ProgramFacts['ratings']): { total: number; rows: RatingRow[] } {
  const total = Object.values(ratings).reduce((s, n) => s + n, 0);
  const rows = ([1, 2, 3, 4, 5] as const).map((rating) => ({
    rating,
    count: total < MIN_GROUP ? peopleCount(Math.min(ratings[rating], 1)) : peopleCount(ratings[rating]),
  }));
  return { total, rows };
}

export interface SurveySummary {
  answers: Figure;
  averages: Array<{ label: string; value: Figure }>;
  wouldRecommend: Figure;
  /** % would recommend minus % would not (−100…100), the yes/no form of an NPS. */
  recommendScore: Figure;
}

export function surveySummary(s: SurveyFacts): SurveySummary {
  const avg = (v: number | null) => peopleAverage((v ?? 0) * s.answers, s.answers);
  const yes = peopleRate(s.wouldRecommend, s.answers);
  const score = yes.shown
    ? { shown: true as const, value: 2 * yes.value - 100, text: String(2 * yes.value - 100) }
    : yes;
  return {
    answers: peopleCount(s.answers),
    averages: [
      { label: 'Progress on goals (1–5)', value: avg(s.goalProgress) },
      { label: 'Relationship with the mentor (1–5)', value: avg(s.relationship) },
      { label: 'Confidence (1–5)', value: avg(s.confidence) },
      { label: 'Clarity about next steps (1–5)', value: avg(s.clarity) },
    ],
    wouldRecommend: yes,
    recommendScore: score,
  };
}

export function milestoneCompletion(circles: readonly CircleFact[]): { done: number; total: number; rate: Figure } {
  const withGoals = circles.filter((c) => c.milestonesTotal > 0);
  const done = withGoals.reduce((s, c) => s + c.milestonesDone, 0);
  const total = withGoals.reduce((s, c) => s + c.milestonesTotal, 0);
  const people = withGoals.reduce((s, c) => s + c.members, 0);
  if (total === 0) return { done, total, rate: { shown: false, text: 'none set yet' } };
  return { done, total, rate: people < MIN_GROUP ? peopleRate(0, 0) : peopleRate(done, total) };
}

export const LOAD_BANDS = ['none', 'below', 'full', 'over'] as const;
export type LoadBand = (typeof LOAD_BANDS)[number];
export const LOAD_LABELS: Record<LoadBand, string> = {
  none: 'No mentees yet',
  below: 'Below capacity',
  full: 'At capacity',
  over: 'Over capacity',
};

const bandOf = (p: ParticipantFact): LoadBand => {
  const cap = p.capacity ?? 0;
  if (p.menteesNow === 0) return 'none';
  if (p.menteesNow < cap) return 'below';
  return p.menteesNow === cap ? 'full' : 'over';
};

/** Mentors by how full they are against the capacity they set. */
export function mentorLoad(participants: readonly ParticipantFact[]): Array<{ band: LoadBand; label: string; mentors: Figure }> {
  const mentors = participants.filter((p) => p.role !== 'mentee');
  return LOAD_BANDS.map((band) => ({
    band,
    label: LOAD_LABELS[band],
    mentors: peopleCount(mentors.filter((m) => bandOf(m) === band).length),
  }));
}
