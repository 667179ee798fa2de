/** How heavy a pair is (a positive integer; 0 = the pair is not allowed). */
export type WeightOf = (mentee: number, mentor: number) => number;

/**
 * Mentors each mentee's network starts with: the heaviest pairs only, so the flow's memory and
 * time follow N·K instead of N·M. Pricing (see flow-assignment.ts) adds any other pair that could
 * still improve the result, so the answer stays exact whatever K is.
 */
export const DEFAULT_CANDIDATES = 24;

/**
 * Mentee i's `k` heaviest mentors, in mentor order. Ties are broken by a hash of the pair, not by
 * mentor index, so that mentees with the same weights spread over the mentors that tie instead of
 * all starting with the same few (which would leave most of them to be priced in).
 */
export function topFor(
  i: number,
  mentors: number,
  weightOf: WeightOf,
  k: number,
  keys = new Float64Array(mentors),
): Int32Array {
  let count = 0;
  for (let j = 0; j < mentors; j++) {
    const w = weightOf(i, j);
    // One number sorts by weight (descending), then by the pair's hash: -w · 2^20 + hash(i, j).
    if (w > 0)
      keys[count++] =
        -w * 1048576 + ((Math.imul(i + 1, 0x9e3779b1) ^ Math.imul(j + 1, 0x85ebca77)) >>> 12);
  }
  const found = keys.subarray(0, count).sort();
  const chosen = new Set<number>();
  const kept = new Int32Array(Math.min(k, count));
  // The hash does not give j back: find each chosen key's mentor again (k is small).
  for (let c = 0; c < kept.length; c++) chosen.add(found[c]!);
  let n = 0;
  for (let j = 0; j < mentors && n < kept.length; j++) {
    const w = weightOf(i, j);
    if (
      w > 0 &&
      chosen.has(
        -w * 1048576 + ((Math.imul(i + 1, 0x9e3779b1) ^ Math.imul(j + 1, 0x85ebca77)) >>> 12),
      )
    )
      kept[n++] = j;
  }
  return kept.subarray(0, n);
}

/** Candidate mentors per mentee (see topFor), at most `k` each. */
export function topCandidates(
  mentees: number,
  mentors: number,
  weightOf: WeightOf,
  k: number,
): Int32Array[] {
  const keys = new Float64Array(mentors);
  return Array.from({ length: mentees }, (_, i) => topFor(i, mentors, weightOf, k, keys));
}

/** The heaviest pair's weight (0 when no pair is allowed). */
export function heaviest(mentees: number, mentors: number, weightOf: WeightOf): number {
  let max = 0;
  for (let i = 0; i < mentees; i++)
    for (let j = 0; j < mentors; j++) max = Math.max(max, weightOf(i, j));
  return max;
}
