import { blockedReasons } from './blocked-reasons.js';
import { FORBIDDEN_BIT } from './eligibility.js';
import { explainEvaluated, pairMask, pairScore } from './pair-evaluation.js';
import { prepare } from './prepared.js';
import { scoringPlan } from './score-pair.js';
import { capacityOf } from './settings.js';
import type { CriterionScore, MatchingProblem } from './types.js';

/** One person to suggest: for a mentee a mentor (or, in a peer program, another peer). */
export interface Suggestion {
  mentorId: string;
  score: number;
  criteria: CriterionScore[];
  /** Places left after `load`. */
  spareCapacity: number;
}

export interface SuggestionOptions {
  /** How many to return (default 3). */
  limit?: number;
  /** Current mentees per mentor id; mentors with no place left are not suggested. */
  load?: Readonly<Record<string, number>>;
  /** Mentor ids never to suggest (the current one, past ones, declined ones). */
  exclude?: readonly string[];
}

interface Ranked {
  mentorId: string;
  score: number;
  spareCapacity: number;
  explain: () => CriterionScore[];
}

function rank(problem: MatchingProblem, menteeId: string, options: SuggestionOptions): { ranked: Ranked[]; masks: number[]; full: number } {
  const { settings } = problem;
  const isPeer = settings.programType === 'peer';
  const plan = scoringPlan(settings);
  const person = problem.participants.find((p) => p.id === menteeId);
  if (!person) return { ranked: [], masks: [], full: 0 };
  const mentee = prepare(person, settings);
  const excluded = new Set(options.exclude ?? []);
  const forbidden = new Set((problem.forbidden ?? []).flatMap((f) => (f.menteeId === menteeId ? [f.mentorId] : isPeer && f.mentorId === menteeId ? [f.menteeId] : [])));
  const ranked: Ranked[] = [];
  const masks: number[] = [];
  let full = 0;
  for (const p of problem.participants) {
    if (p.id === menteeId || p.role !== (isPeer ? 'peer' : 'mentor') || excluded.has(p.id)) continue;
    const mentor = prepare(p, settings);
    const extra = forbidden.has(p.id) ? FORBIDDEN_BIT : 0;
    const mask = pairMask(plan, mentor, mentee, isPeer) | extra;
    if (mask !== 0) masks.push(mask);
    const spareCapacity = capacityOf(p.capacity, settings) - (options.load?.[p.id] ?? 0);
    if (mask === 0 && spareCapacity <= 0) full += 1;
    if (mask !== 0 || spareCapacity <= 0) continue;
    ranked.push({ mentorId: p.id, score: pairScore(plan, mentor, mentee, isPeer), spareCapacity, explain: () => explainEvaluated(plan, mentor, mentee, isPeer).criteria });
  }
  ranked.sort((a, b) => b.score - a.score || b.spareCapacity - a.spareCapacity || a.mentorId.localeCompare(b.mentorId));
  return { ranked, masks, full };
}

/** The best-fitting mentors with a place left, best first, each with its explanation. */
export function suggestMentors(problem: MatchingProblem, menteeId: string, options: SuggestionOptions = {}): Suggestion[] {
  return rank(problem, menteeId, options).ranked.slice(0, options.limit ?? 3).map(({ explain, ...rest }) => ({ ...rest, criteria: explain() }));
}

/**
 * For rebalancing a pair without blame: the best other mentor with a place left, never the
 * current or a past one; when there is none, the reasons why.
 */
export function findAlternativeMentor(
  problem: MatchingProblem,
  menteeId: string,
  history: { currentMentorId?: string; pastMentorIds?: readonly string[]; load?: Readonly<Record<string, number>> },
): { suggestion: Suggestion | null; reasons: string[] } {
  const exclude = [...(history.currentMentorId ? [history.currentMentorId] : []), ...(history.pastMentorIds ?? [])];
  const { ranked, masks, full } = rank(problem, menteeId, { exclude, load: history.load });
  const best = ranked[0];
  if (best) return { suggestion: { mentorId: best.mentorId, score: best.score, spareCapacity: best.spareCapacity, criteria: best.explain() }, reasons: [] };
  const noun = problem.settings.programType === 'peer' ? 'peer' : 'mentor';
  if (full > 0) return { suggestion: null, reasons: [full === 1 ? `The only other eligible ${noun} is at capacity` : `All ${full} other eligible ${noun}s are at capacity`] };
  const person = problem.participants.find((p) => p.id === menteeId);
  if (!person) return { suggestion: null, reasons: [`${menteeId} is not in this program`] };
  return { suggestion: null, reasons: blockedReasons(masks, `other ${noun}`, prepare(person, problem.settings), problem.settings) };
}
