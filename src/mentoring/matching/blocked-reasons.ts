import { minimumOverlap, RULES } from './eligibility.js';
import type { Prepared } from './prepared.js';
import { countOf, listOf, duration } from './text.js';
import type { BlockRule, MatchingSettings } from './types.js';

/** Why nobody on the other side is eligible for someone, counted per hard rule, in plain words. */

interface Phrase {
  one: string;
  many: string;
  /** When the rule blocks every candidate; default "All N mentors …". */
  none?: (noun: string, subject: Prepared, settings: MatchingSettings) => string;
}

const MUST_LABELS: Record<string, string> = {
  'must-complementarity': 'strengths covering growth areas',
  'must-goals': 'goal alignment',
  'must-experience': 'new experience areas',
  'must-diversity': 'a different perspective',
  'must-learningStyle': 'learning style',
};

const PHRASES: Partial<Record<BlockRule, Phrase>> = {
  capacity: { one: 'has no places', many: 'have no places', none: (noun) => `No ${noun} offers any places` },
  'not-with': { one: 'is excluded by a "not with" request', many: 'are excluded by "not with" requests' },
  'manager-or-team': { one: 'manages you, reports to you or is in your team', many: 'manage you, report to you or are in your team' },
  language: {
    one: 'shares no language with you',
    many: 'share no language with you',
    none: (noun, subject) => `No ${noun} shares a language with you (${listOf(subject.participant.languages ?? []) || 'none given'})`,
  },
  availability: {
    one: 'has too little shared availability with you',
    many: 'have too little shared availability with you',
    none: (noun, subject, settings) =>
      subject.intervals.length === 0
        ? `No ${noun} can be matched until you give your availability`
        : `No ${noun} has at least ${duration(minimumOverlap(settings))} of shared availability with you each week`,
  },
  seniority: { one: 'does not fit the seniority rule of reverse mentoring', many: 'do not fit the seniority rule of reverse mentoring' },
  forbidden: { one: 'was ruled out by the admin', many: 'were ruled out by the admin' },
  ...Object.fromEntries(
    Object.entries(MUST_LABELS).map(([rule, label]) => [rule, { one: `does not meet the required criterion: ${label}`, many: `do not meet the required criterion: ${label}` }]),
  ),
};

function sentence(phrase: Phrase, count: number, total: number, noun: string, subject: Prepared, settings: MatchingSettings): string {
  if (count < total) return `${countOf(count, noun)} ${count === 1 ? phrase.one : phrase.many}`;
  if (phrase.none) return phrase.none(noun, subject, settings);
  return total === 1 ? `The only ${noun} ${phrase.one}` : `All ${total} ${noun}s ${phrase.many}`;
}

/**
 * `masks` are the blocked-rule masks of every candidate partner (none eligible). Rules that block
 * everyone come first; if none does, the list opens with "No mentor is eligible".
 */
export function blockedReasons(masks: readonly number[], noun: string, subject: Prepared, settings: MatchingSettings): string[] {
  if (masks.length === 0) return [`The program has no ${noun}s yet`];
  const counted = RULES.map((rule, bit) => ({ rule: rule.id, count: masks.filter((mask) => mask & (1 << bit)).length }))
    .filter(({ rule, count }) => count > 0 && PHRASES[rule] !== undefined)
    .sort((a, b) => b.count - a.count);
  const reasons = counted.map(({ rule, count }) => sentence(PHRASES[rule]!, count, masks.length, noun, subject, settings));
  const someoneBlocksAll = counted.some(({ count }) => count === masks.length);
  return someoneBlocksAll ? reasons : [`No ${noun} is eligible`, ...reasons];
}
