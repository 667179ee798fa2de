import type { CriterionScore, MatchingSettings, Participant } from '../matching/index.js';
import { prepare } from '../matching/prepared.js';
import { scorePrepared, scoringPlan } from '../matching/score-pair.js';
import { voiceOf } from '../matching/text.js';

/**
 * The engine explains a pair to the mentee ("your growth areas"); staff and mentors read about
 * the mentee by name ("Sam's growth areas").
 */
export function explainAboutMentee(mentor: Participant, mentee: Participant, settings: MatchingSettings): CriterionScore[] {
  const plan = scoringPlan(settings, voiceOf(mentee.name ?? mentee.id));
  return scorePrepared(plan, prepare(mentor, settings), prepare(mentee, settings)).criteria;
}

const POINTS_WORD = (c: CriterionScore) => (c.weight === 'must' ? 'required' : `${c.points} of ${c.maxPoints} points`);

/** Criteria as lines a page shows: the sentence, and how much it counted. */
export function criterionLines(criteria: readonly CriterionScore[], labels: Record<string, string>) {
  return criteria.map((c) => ({ label: labels[c.criterion] ?? c.criterion, explanation: c.explanation, points: POINTS_WORD(c) }));
}
