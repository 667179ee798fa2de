/** How heavy a pair is (a positive integer; 0 = the pair is not allowed). */
export type WeightOf = (mentee: number, mentor: number) => number;

/**
 * Mentors each mentee's network starts with: the heaviest pairs only, so the flow's memory and
 * time follow N·K instead of N·M. Pricing (see flow-assignment.ts) adds any other pair that could
 * still improve the result, so the answer stays exact whatever K is.
 */
export const DEFAULT_CANDIDATES = 24;

/** Candidate mentors per mentee, heaviest first (ties by mentor index), at most `k` each. */
export function topCandidates(mentees: number, mentors: number, weightOf: WeightOf, k: number): Int32Array[] {
  const keys = new Float64Array(mentors);
  const lists: Int32Array[] = [];
  for (let i = 0; i < mentees; i++) {
    let count = 0;
    // One number sorts by weight (descending) then mentor index: (max - w) · mentors + j.
    for (let j = 0; j < mentors; j++) {
      const w = weightOf(i, j);
      if (w > 0) keys[count++] = -w * mentors + j;
    }
    const found = keys.subarray(0, count).sort();
    const kept = new Int32Array(Math.min(k, count));
    for (let c = 0; c < kept.length; c++) kept[c] = ((found[c]! % mentors) + mentors) % mentors;
    lists.push(kept);
  }
  return lists;
}

/** The heaviest pair's weight (0 when no pair is allowed). */
export function heaviest(mentees: number, mentors: number, weightOf: WeightOf): number {
  let max = 0;
  for (let i = 0; i < mentees; i++) for (let j = 0; j < mentors; j++) max = Math.max(max, weightOf(i, j));
  return max;
}
