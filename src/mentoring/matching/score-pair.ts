import { complementarity, experience, goals, learningStyle } from './criteria-fit.js';
import { availability, diversity, language } from './criteria-context.js';
import type { CriterionSpec, ScoringContext } from './criterion.js';
import { RULES, type RuleSpec } from './eligibility.js';
import { prepare, type Prepared } from './prepared.js';
import { maxPointsOf } from './settings.js';
import { SECOND_PERSON, voiceOf, type Voice } from './text.js';
import type { CriterionScore, MatchingSettings, Participant, PairScore } from './types.js';

const SPECS: readonly CriterionSpec[] = [complementarity, goals, experience, diversity, availability, language, learningStyle];
/** Criteria that read the same from either side of a peer pair, so one sentence is enough. */
const SYMMETRIC = new Set<string>([diversity.id, availability.id, language.id]);

interface Weighted {
  spec: CriterionSpec;
  maxPoints: number;
}

/** What applies under given settings, worked out once for a whole cohort. */
export interface ScoringPlan {
  ctx: ScoringContext;
  /** Active rules with their bit in a blocked mask. */
  rules: Array<{ rule: RuleSpec; bit: number }>;
  /** Criteria shown to people: point-earning ones, then `must` ones (shown, no points). */
  shown: Weighted[];
  maxPoints: number;
}

export function scoringPlan(settings: MatchingSettings, voice: Voice = SECOND_PERSON): ScoringPlan {
  const rules = RULES.map((rule, i) => ({ rule, bit: 1 << i })).filter(({ rule }) => rule.applies(settings));
  const shown = SPECS.filter((spec) => settings.weights[spec.id] !== 'off' && (spec.applies?.(settings) ?? true))
    .map((spec) => ({ spec, maxPoints: maxPointsOf(settings.weights[spec.id], settings) }));
  const maxPoints = shown.reduce((sum, c) => sum + c.maxPoints, 0);
  return { ctx: { settings, voice }, rules, shown, maxPoints };
}

/** Bit mask of the hard rules the pair breaks (0 = eligible). */
export function blockedMask(plan: ScoringPlan, mentor: Prepared, mentee: Prepared): number {
  let mask = 0;
  for (const { rule, bit } of plan.rules) if (rule.blocks(mentor, mentee, plan.ctx)) mask |= bit;
  return mask;
}

/** The 0–100 score of a pair, without explanations (the fast path for whole cohorts). */
export function quickScore(plan: ScoringPlan, mentor: Prepared, mentee: Prepared): number {
  if (plan.maxPoints === 0) return 100;
  let points = 0;
  for (const { spec, maxPoints } of plan.shown) if (maxPoints > 0) points += maxPoints * spec.measure(mentor, mentee, plan.ctx);
  return Math.round((100 * points) / plan.maxPoints);
}

function criterionScores(plan: ScoringPlan, mentor: Prepared, mentee: Prepared): CriterionScore[] {
  return plan.shown.map(({ spec, maxPoints }) => ({
    criterion: spec.id,
    weight: plan.ctx.settings.weights[spec.id],
    points: Math.round(maxPoints * spec.measure(mentor, mentee, plan.ctx) * 100) / 100,
    maxPoints,
    explanation: spec.explain(mentor, mentee, plan.ctx),
  }));
}

/** Score and explanation of prepared participants (the solver's path for the pairs it returns). */
export function scorePrepared(plan: ScoringPlan, mentor: Prepared, mentee: Prepared, extraMask = 0): PairScore {
  const mask = blockedMask(plan, mentor, mentee) | extraMask;
  const blockedBy = RULES.flatMap((rule, i) => (mask & (1 << i) ? [{ rule: rule.id, explanation: rule.explain(mentor, mentee, plan.ctx) }] : []));
  const eligible = mask === 0;
  return { eligible, score: eligible ? quickScore(plan, mentor, mentee) : 0, criteria: criterionScores(plan, mentor, mentee), blockedBy };
}

/** How well this mentor fits this mentee, and why, in sentences the mentee reads ("your …"). */
export function scorePair(mentor: Participant, mentee: Participant, settings: MatchingSettings): PairScore {
  return scorePrepared(scoringPlan(settings), prepare(mentor, settings), prepare(mentee, settings));
}

/** Merges the two directions of a peer pair: points averaged, differing sentences both kept. */
export function mergePeerScores(ab: PairScore, ba: PairScore): PairScore {
  const criteria = ab.criteria.map((c, i) => {
    const other = ba.criteria[i]!;
    const same = SYMMETRIC.has(c.criterion) || c.explanation === other.explanation;
    const explanation = same ? c.explanation : `${c.explanation}. ${other.explanation}`;
    return { ...c, points: Math.round(((c.points + other.points) / 2) * 100) / 100, explanation };
  });
  const seen = new Set<string>();
  const blockedBy = [...ab.blockedBy, ...ba.blockedBy].filter((b) => !seen.has(b.explanation) && seen.add(b.explanation));
  const eligible = ab.eligible && ba.eligible;
  return { eligible, score: eligible ? peerScore(ab.score, ba.score) : 0, criteria, blockedBy };
}

export function peerScore(ab: number, ba: number): number {
  return Math.round((ab + ba) / 2);
}

/** Symmetric fit of two peers: each side's strengths against the other's growth areas. */
export function scorePeerPair(a: Participant, b: Participant, settings: MatchingSettings): PairScore {
  const pa = prepare(a, settings);
  const pb = prepare(b, settings);
  return mergePeerScores(scorePrepared(scoringPlan(settings, voiceOf(pb.name)), pa, pb), scorePrepared(scoringPlan(settings, voiceOf(pa.name)), pb, pa));
}
