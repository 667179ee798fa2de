import { FORBIDDEN_BIT } from './eligibility.js';
import { prepare, type Prepared } from './prepared.js';
import { explainEvaluated, pairMask, pairScore } from './pair-evaluation.js';
import { scoringPlan, type ScoringPlan } from './score-pair.js';
import { capacityOf } from './settings.js';
import type { MatchingProblem, MatchingSettings, PairRef, PairScore } from './types.js';

/**
 * Everything the solvers need about a cohort, computed once: the two sides (for peers, the same
 * list twice), capacities, and for every pair its 0–100 score (-1 = not eligible) and the bit mask
 * of the rules that block it.
 */
export interface Cohort {
  settings: MatchingSettings;
  plan: ScoringPlan;
  isPeer: boolean;
  mentors: Prepared[];
  mentees: Prepared[];
  mentorIndex: Map<string, number>;
  menteeIndex: Map<string, number>;
  capacity: Int32Array;
  scores: Int16Array;
  blocked: Int32Array;
}

export function buildCohort(problem: MatchingProblem): Cohort {
  const { settings } = problem;
  const isPeer = settings.programType === 'peer';
  const all = problem.participants.map((p) => prepare(p, settings));
  const mentors = all.filter((p) => p.participant.role === (isPeer ? 'peer' : 'mentor'));
  const mentees = isPeer ? mentors : all.filter((p) => p.participant.role === 'mentee');
  const cohort: Cohort = {
    settings,
    plan: scoringPlan(settings),
    isPeer,
    mentors,
    mentees,
    mentorIndex: new Map(mentors.map((p, j) => [p.id, j])),
    menteeIndex: new Map(mentees.map((p, i) => [p.id, i])),
    capacity: Int32Array.from(mentors, (p) => capacityOf(p.participant.capacity, settings)),
    scores: new Int16Array(mentees.length * mentors.length),
    blocked: new Int32Array(mentees.length * mentors.length),
  };
  scoreAll(cohort);
  forbid(cohort, problem.forbidden ?? []);
  return cohort;
}

/** Peers are symmetric, so only one triangle is computed. */
function scoreAll(cohort: Cohort): void {
  const { plan, mentors, mentees, scores, blocked, isPeer } = cohort;
  const m = mentors.length;
  for (let i = 0; i < mentees.length; i++) {
    for (let j = isPeer ? i : 0; j < m; j++) {
      const mask = pairMask(plan, mentors[j]!, mentees[i]!, isPeer);
      const score = mask === 0 ? pairScore(plan, mentors[j]!, mentees[i]!, isPeer) : -1;
      blocked[i * m + j] = mask;
      scores[i * m + j] = score;
      if (isPeer) {
        blocked[j * m + i] = mask;
        scores[j * m + i] = score;
      }
    }
  }
}

function forbid(cohort: Cohort, forbidden: readonly PairRef[]): void {
  const m = cohort.mentors.length;
  const mark = (i: number | undefined, j: number | undefined) => {
    if (i === undefined || j === undefined) return;
    cohort.blocked[i * m + j] = cohort.blocked[i * m + j]! | FORBIDDEN_BIT;
    cohort.scores[i * m + j] = -1;
  };
  for (const { mentorId, menteeId } of forbidden) {
    mark(cohort.menteeIndex.get(menteeId), cohort.mentorIndex.get(mentorId));
    if (cohort.isPeer) mark(cohort.menteeIndex.get(mentorId), cohort.mentorIndex.get(menteeId));
  }
}

export function pairIndex(cohort: Cohort, mentee: number, mentor: number): number {
  return mentee * cohort.mentors.length + mentor;
}

/** 0–100, or -1 when the pair is not eligible. */
export function scoreOf(cohort: Cohort, mentee: number, mentor: number): number {
  return cohort.scores[pairIndex(cohort, mentee, mentor)]!;
}

/** The full, explained score of one pair of a cohort (only for pairs someone will read). */
export function explainPair(cohort: Cohort, mentee: number, mentor: number): PairScore {
  const extra = cohort.blocked[pairIndex(cohort, mentee, mentor)]! & FORBIDDEN_BIT;
  return explainEvaluated(cohort.plan, cohort.mentors[mentor]!, cohort.mentees[mentee]!, cohort.isPeer, extra);
}
