import type { Assignment } from './bipartite-solver.js';
import { scoreOf, type Cohort } from './cohort.js';
import { maxWeightMatching } from './max-weight-matching.js';
import { objectiveWeight } from './objective.js';

/** Optimal peer pairs: pins first, then a maximum-weight matching of everyone else. */
export function solvePeers(cohort: Cohort, pins: Array<{ mentee: number; mentor: number }>): Assignment {
  const n = cohort.mentees.length;
  const partnerOf = new Int32Array(n).fill(-1);
  const pinned = new Uint8Array(n);
  for (const { mentee, mentor } of pins) {
    partnerOf[mentee] = mentor;
    partnerOf[mentor] = mentee;
    pinned[mentee] = pinned[mentor] = 1;
  }
  const weights = new Float64Array(n * n);
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      if (pinned[a] || pinned[b]) continue;
      weights[a * n + b] = weights[b * n + a] = objectiveWeight(scoreOf(cohort, a, b), cohort.settings.objective, n);
    }
  }
  const mate = maxWeightMatching(n, weights);
  for (let v = 0; v < n; v++) if (!pinned[v]) partnerOf[v] = mate[v]!;
  return { partnerOf, pinned };
}
