/**
 * Yardsticks for the matching benchmark, written apart from the engine's solver:
 * a greedy baseline (what a spreadsheet does) and an independent exact method — the Hungarian
 * algorithm (shortest augmenting paths with row/column potentials, Kuhn–Munkres as refined by
 * Jonker–Volgenant) on the capacity-expanded matrix: one column per mentor place plus one
 * "stay unmatched" column per mentee.
 */
export interface WeightedProblem {
  mentees: number;
  mentors: number;
  /** Objective weight per (mentee · mentors + mentor); 0 = not allowed. */
  weights: Int32Array;
  capacity: ArrayLike<number>;
}

export function assignmentTotal(problem: WeightedProblem, mentorOf: Int32Array): number {
  let total = 0;
  mentorOf.forEach((j, i) => {
    if (j >= 0) total += problem.weights[i * problem.mentors + j]!;
  });
  return total;
}

/** Best remaining pair first, as long as the mentee is free and the mentor has a place. */
export function greedyAssignment(problem: WeightedProblem): Int32Array {
  const { mentees, mentors, weights } = problem;
  const pairs: number[] = [];
  for (let k = 0; k < weights.length; k++) if (weights[k]! > 0) pairs.push(k);
  pairs.sort((a, b) => weights[b]! - weights[a]! || a - b);
  const room = Array.from(problem.capacity);
  const mentorOf = new Int32Array(mentees).fill(-1);
  for (const k of pairs) {
    const [i, j] = [Math.floor(k / mentors), k % mentors];
    if (mentorOf[i]! >= 0 || room[j]! <= 0) continue;
    mentorOf[i] = j;
    room[j] = room[j]! - 1;
  }
  return mentorOf;
}

/** Exact: minimises cost = -weight (0 for an "unmatched" column, FORBIDDEN where not allowed). */
export function hungarianAssignment(problem: WeightedProblem): Int32Array {
  const { mentees: n, mentors, weights } = problem;
  const slotMentor: number[] = [];
  for (let j = 0; j < mentors; j++) for (let c = 0; c < problem.capacity[j]!; c++) slotMentor.push(j);
  const slots = slotMentor.length;
  const m = slots + n;
  const FORBIDDEN = 1e12;
  const cost = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let col = 0; col < slots; col++) {
      const w = weights[i * mentors + slotMentor[col]!]!;
      cost[i * m + col] = w > 0 ? -w : FORBIDDEN;
    }
  }
  const rowOfCol = new Hungarian(n, m, cost).solve();
  const mentorOf = new Int32Array(n).fill(-1);
  for (let col = 0; col < slots; col++) if (rowOfCol[col]! >= 0) mentorOf[rowOfCol[col]!] = slotMentor[col]!;
  return mentorOf;
}

/**
 * Rectangular assignment, n rows ≤ m columns, dense costs (row-major); 1-based internally with
 * column 0 as the root of each search. Returns the row of each column (-1 = none). Potential
 * changes during a search are applied lazily (an offset per column), so each step is one pass.
 */
class Hungarian {
  private readonly u: Float64Array;
  private readonly v: Float64Array;
  private readonly p: Int32Array;
  private readonly way: Int32Array;
  /** Least reduced cost seen per column, plus the offset when it was stored. */
  private readonly minv: Float64Array;
  private readonly used: Uint8Array;
  private readonly usedAt: Float64Array;
  private offset = 0;

  constructor(
    private readonly n: number,
    private readonly m: number,
    private readonly cost: Float64Array,
  ) {
    this.u = new Float64Array(n + 1);
    this.v = new Float64Array(m + 1);
    this.p = new Int32Array(m + 1);
    this.way = new Int32Array(m + 1);
    this.minv = new Float64Array(m + 1);
    this.used = new Uint8Array(m + 1);
    this.usedAt = new Float64Array(m + 1);
  }

  solve(): Int32Array {
    for (let i = 1; i <= this.n; i++) this.addRow(i);
    return Int32Array.from({ length: this.m }, (_, col) => this.p[col + 1]! - 1);
  }

  /** Grows a shortest-path tree from row i until a free column is reached, then flips the path. */
  private addRow(i: number): void {
    const { p, way, u, v, used, usedAt } = this;
    p[0] = i;
    let j0 = 0;
    this.offset = 0;
    this.minv.fill(Infinity);
    used.fill(0);
    do j0 = this.step(j0);
    while (p[j0] !== 0);
    for (let j = 0; j <= this.m; j++) {
      if (!used[j]) continue;
      const d = this.offset - usedAt[j]!;
      u[p[j]!] = u[p[j]!]! + d;
      v[j] = v[j]! - d;
    }
    do {
      const j1 = way[j0]!;
      p[j0] = p[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }

  /** Adds column j0 to the tree and relaxes from its row; returns the closest column outside the tree. */
  private step(j0: number): number {
    const { u, v, p, way, minv, used, cost, m, offset } = this;
    used[j0] = 1;
    this.usedAt[j0] = offset;
    const i0 = p[j0]!;
    const row = (i0 - 1) * m - 1;
    const base = u[i0]!;
    let delta = Infinity;
    let j1 = 0;
    for (let j = 1; j <= m; j++) {
      if (used[j]) continue;
      const cur = cost[row + j]! - base - v[j]!;
      let best = minv[j]! - offset;
      if (cur < best) {
        minv[j] = cur + offset;
        way[j] = j0;
        best = cur;
      }
      if (best < delta) {
        delta = best;
        j1 = j;
      }
    }
    this.offset = offset + delta;
    return j1;
  }
}
