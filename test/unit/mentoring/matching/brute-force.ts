import type { AssignmentInput } from '../../../../src/mentoring/matching/flow-assignment.js';

/** Exhaustive optima for tiny instances: the yardstick the solvers are checked against. */

/** Heaviest assignment by trying, for each mentee in turn, "no mentor" and every mentor with room. */
export function bruteForceAssignment(input: AssignmentInput): number {
  const { mentees, mentors, weights, capacity, groups } = input;
  const left = Array.from(capacity);
  const inGroup = new Map<number, number>();
  const groupKey = (i: number, j: number) => groups!.ofMentee[i]! * mentors + j;
  const roomInGroup = (i: number, j: number) => !groups || groups.ofMentee[i]! < 0 || (inGroup.get(groupKey(i, j)) ?? 0) < groups.limit(j, groups.ofMentee[i]!);
  const shift = (i: number, j: number, by: number) => {
    left[j] = left[j]! - by;
    if (groups && groups.ofMentee[i]! >= 0) inGroup.set(groupKey(i, j), (inGroup.get(groupKey(i, j)) ?? 0) + by);
  };
  const best = (i: number): number => {
    if (i === mentees) return 0;
    let result = best(i + 1);
    for (let j = 0; j < mentors; j++) {
      const w = weights[i * mentors + j]!;
      if (w <= 0 || left[j]! <= 0 || !roomInGroup(i, j)) continue;
      shift(i, j, 1);
      result = Math.max(result, w + best(i + 1));
      shift(i, j, -1);
    }
    return result;
  };
  return best(0);
}

/** Heaviest matching on a general graph, by dynamic programming over the set of vertices still free (n ≤ 20). */
export function bruteForceMatching(n: number, weight: (a: number, b: number) => number): number {
  const memo = new Float64Array(1 << n).fill(-1);
  const best = (free: number): number => {
    if (free === 0) return 0;
    if (memo[free]! >= 0) return memo[free]!;
    const v = 31 - Math.clz32(free & -free);
    const rest = free & ~(1 << v);
    let result = best(rest);
    for (let u = v + 1; u < n; u++) {
      const w = weight(v, u);
      if (rest & (1 << u) && w > 0) result = Math.max(result, w + best(rest & ~(1 << u)));
    }
    memo[free] = result;
    return result;
  };
  return best((1 << n) - 1);
}
