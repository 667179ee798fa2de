import type { Prepared } from './prepared.js';
import type { Voice } from './text.js';
import type { Criterion, MatchingSettings } from './types.js';

export interface ScoringContext {
  settings: MatchingSettings;
  /** Who the explanation speaks to (the mentee, or a named peer). */
  voice: Voice;
}

/**
 * One matching criterion: `measure` is the fast path (0..1, used for every pair), `explain` the
 * sentence shown where a person decides (computed only for pairs someone looks at).
 */
export interface CriterionSpec {
  id: Criterion;
  measure(mentor: Prepared, mentee: Prepared, ctx: ScoringContext): number;
  explain(mentor: Prepared, mentee: Prepared, ctx: ScoringContext): string;
  /** False when the settings make the criterion meaningless (e.g. no diversity dimension asked). */
  applies?(settings: MatchingSettings): boolean;
}
