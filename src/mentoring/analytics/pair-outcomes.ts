import type { Criterion } from '../matching/index.js';
import type { Cadence } from '../programs/program-options.js';
import { MEETINGS_PER_WEEK } from './cadence.js';
import type { ApprovedPair, CircleFact } from './ports.js';

export const OUTCOMES = ['meetingsKept', 'feedback', 'milestones'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const OUTCOME_LABELS: Record<Outcome, string> = {
  meetingsKept: 'Meetings kept (held ÷ expected at the cadence)',
  feedback: 'Feedback rating in the circle (1–5)',
  milestones: 'Milestones done ÷ set',
};

export type Predictor = 'score' | Criterion;

/** One approved pair with what the matching said and what happened in its circle since. */
export interface PairObservation {
  predictors: Partial<Record<Predictor, number>>;
  outcomes: Partial<Record<Outcome, number>>;
}

const DAY = 86_400_000;

function outcomesOf(c: CircleFact, cadence: Cadence, now: Date): PairObservation['outcomes'] {
  const weeks = Math.max(1, (now.getTime() - Date.parse(`${c.startedOn}T00:00:00Z`)) / (7 * DAY));
  const expected = Math.max(1, weeks * MEETINGS_PER_WEEK[cadence]);
  return {
    meetingsKept: Math.min(1.5, c.meetingsHeld / expected),
    ...(c.feedbackAverage !== null && { feedback: c.feedbackAverage }),
    ...(c.milestonesTotal > 0 && { milestones: c.milestonesDone / c.milestonesTotal }),
  };
}

/**
 * Pairs of approved proposals whose mentor and mentee are still together in a circle: the
 * circle's outcomes against the pair's score and each criterion's share of its points. Only
 * circles at least `minWeeks` old count (younger ones have had no time to show anything).
 */
export function observePairs(
  pairs: readonly ApprovedPair[],
  circles: readonly CircleFact[],
  cadence: Cadence,
  now: Date,
  minWeeks = 3,
): PairObservation[] {
  const circleOf = new Map<string, CircleFact>();
  for (const c of circles) for (const m of c.memberIds) circleOf.set(m, c);
  const seen = new Set<string>();
  const observed: PairObservation[] = [];
  for (const pair of pairs) {
    const circle = circleOf.get(pair.menteeId);
    const key = `${pair.mentorId}/${pair.menteeId}`;
    if (!circle || !circle.memberIds.includes(pair.mentorId) || seen.has(key)) continue;
    if (now.getTime() - Date.parse(`${circle.startedOn}T00:00:00Z`) < minWeeks * 7 * DAY) continue;
    seen.add(key);
    const predictors: PairObservation['predictors'] = { score: pair.score };
    for (const c of pair.criteria) if (c.maxPoints > 0) predictors[c.criterion] = c.points / c.maxPoints;
    observed.push({ predictors, outcomes: outcomesOf(circle, cadence, now) });
  }
  return observed;
}
