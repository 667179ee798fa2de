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

/** Heaviest matching on a general graph: the first free vertex stays single or pairs with any free neighbour. */
export function bruteForceMatching(n: number, weight: (a: number, b: number) => number): number {
  const used = new Array<boolean>(n).fill(false);
  const best = (from: number): number => {
    let v = from;
    while (v < n && used[v]) v += 1;
    if (v >= n) return 0;
    used[v] = true;
    let result = best(v + 1);
    for (let u = v + 1; u < n; u++) {
      const w = weight(v, u);
      if (used[u] || w <= 0) continue;
      used[u] = true;
      result = Math.max(result, w + best(v + 1));
      used[u] = false;
    }
    used[v] = false;
    return result;
  };
  return best(0);
}
