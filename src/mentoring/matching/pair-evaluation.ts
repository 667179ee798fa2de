import { blockedMask, mergePeerScores, peerScore, quickScore, scorePrepared, scoringPlan, type ScoringPlan } from './score-pair.js';
import type { Prepared } from './prepared.js';
import { voiceOf } from './text.js';
import type { PairScore } from './types.js';

/**
 * One pair under a program type: a mentor and a mentee, or two peers (judged both ways).
 * The mask and score are the fast path; `explainEvaluated` builds the sentences.
 */
export function pairMask(plan: ScoringPlan, mentor: Prepared, mentee: Prepared, isPeer: boolean): number {
  const mask = blockedMask(plan, mentor, mentee);
  return isPeer ? mask | blockedMask(plan, mentee, mentor) : mask;
}

/** 0–100 for an eligible pair. */
export function pairScore(plan: ScoringPlan, mentor: Prepared, mentee: Prepared, isPeer: boolean): number {
  const score = quickScore(plan, mentor, mentee);
  return isPeer ? peerScore(score, quickScore(plan, mentee, mentor)) : score;
}

/** The explained score; `extraMask` adds blocks only the caller knows (an admin's forbidden pair). */
export function explainEvaluated(plan: ScoringPlan, mentor: Prepared, mentee: Prepared, isPeer: boolean, extraMask = 0): PairScore {
  if (!isPeer) return scorePrepared(plan, mentor, mentee, extraMask);
  const { settings } = plan.ctx;
  return mergePeerScores(
    scorePrepared(scoringPlan(settings, voiceOf(mentee.name)), mentor, mentee, extraMask),
    scorePrepared(scoringPlan(settings, voiceOf(mentor.name)), mentee, mentor, extraMask),
  );
}
