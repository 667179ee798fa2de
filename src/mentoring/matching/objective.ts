import type { Objective } from './types.js';

/**
 * The integer a solver maximises for one pair. Both objectives are lexicographic, made exact with
 * integer weights (big-M):
 * - highest score: total score first, then the number of pairs — score·(N+1) + 1, since N pairs
 *   can never add up to one score point;
 * - highest participation: the number of pairs first, then total score — (100·N + 1) + score, since
 *   no score difference (at most 100·N) outweighs one more pair.
 * `population` is N, the most pairs the problem can have (mentees, or peers).
 */
export function objectiveWeight(score: number, objective: Objective, population: number): number {
  if (score < 0) return 0;
  return objective === 'highest-score' ? score * (population + 1) + 1 : 100 * population + 1 + score;
}

export function objectiveValue(scores: readonly number[], objective: Objective, population: number): number {
  return scores.reduce((sum, score) => sum + objectiveWeight(score, objective, population), 0);
}
