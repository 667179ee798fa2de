import { Blossom, FREE, MatchingState, S, T, type TreeNode } from './blossom-state.js';
import { addBlossom, augmentPath, expandBlossom, findCommonBase } from './blossom-structure.js';

/**
 * Maximum-weight matching on a general graph (Edmonds' blossom algorithm with Galil's O(n³)
 * bookkeeping). `weights` is a symmetric n×n matrix; an entry ≤ 0 means no edge. Returns each
 * vertex's partner, or -1. Each stage grows alternating trees from all single vertices over tight
 * edges until an augmenting path appears; when none does, dual variables move by the largest step
 * that keeps them feasible. The matching is optimal when the single vertices' duals reach zero.
 */
export function maxWeightMatching(n: number, weights: Float64Array): Int32Array {
  const s = new MatchingState(n, weights);
  for (;;) {
    startStage(s);
    if (s.queue.length === 0 || !runStage(s)) break;
    for (const b of [...s.blossoms]) {
      if (s.blossoms.has(b) && b.parent === null && b.label === S && b.dual === 0) expandBlossom(s, b, true);
    }
  }
  return s.mate;
}

function startStage(s: MatchingState): void {
  const reset = (node: TreeNode) => {
    node.label = FREE;
    node.labelEdge = -1;
    node.bestEdge = -1;
    node.bestEdges = null;
  };
  s.vertices.forEach(reset);
  s.blossoms.forEach(reset);
  s.reached.fill(-1);
  s.bestToS.fill(-1);
  s.queue = [];
  for (let v = 0; v < s.n; v++) if (s.mate[v]! < 0 && s.top[v]!.label === FREE) s.assignLabel(s.top[v]!, S, -1);
}

/** One stage: true when it augmented the matching, false when the matching is optimal. */
function runStage(s: MatchingState): boolean {
  for (;;) {
    while (s.queue.length > 0) if (scanVertex(s, s.queue.pop()!)) return true;
    const step = nextDualStep(s);
    applyDualStep(s, step.amount);
    if (step.kind === 'optimal') return false;
    if (step.kind === 'edge') s.queue.push(step.vertex);
    else expandBlossom(s, step.blossom, false);
  }
}

function scanVertex(s: MatchingState, v: number): boolean {
  for (const w of s.neighbours[v]!) {
    const outer = s.top[v]!;
    const other = s.top[w]!;
    if (outer === other) continue;
    const e = s.edge(v, w);
    const slack = s.slack(e);
    if (slack <= 0) {
      if (useTightEdge(s, v, w, outer, other)) return true;
    } else if (other.label === S) {
      if (outer.bestEdge < 0 || slack < s.slack(outer.bestEdge)) outer.bestEdge = e;
    } else if (s.bestToS[w]! < 0 || slack < s.slack(s.bestToS[w]!)) {
      s.bestToS[w] = e;
    }
  }
  return false;
}

/** Grows the tree, shrinks a blossom or augments; true when it augmented. */
function useTightEdge(s: MatchingState, v: number, w: number, outer: TreeNode, other: TreeNode): boolean {
  const e = s.edge(v, w);
  if (other.label === FREE) {
    s.assignLabel(other, T, e);
  } else if (other.label === S) {
    const base = findCommonBase(s, outer, other);
    if (base === null) {
      augmentPath(s, v, w);
      return true;
    }
    addBlossom(s, base, v, w);
  } else if (s.reached[w]! < 0) {
    s.reached[w] = e;
  }
  return false;
}

type DualStep = { amount: number } & ({ kind: 'optimal' } | { kind: 'edge'; vertex: number } | { kind: 'expand'; blossom: Blossom });

/** The largest dual change that keeps feasibility, and what it makes possible. */
function nextDualStep(s: MatchingState): DualStep {
  let step: DualStep = { kind: 'optimal', amount: Infinity };
  for (let v = 0; v < s.n; v++) {
    const node = s.top[v]!;
    if (node.label === S && s.dual[v]! < step.amount) step = { kind: 'optimal', amount: s.dual[v]! };
  }
  for (let v = 0; v < s.n; v++) {
    const e = s.bestToS[v]!;
    if (s.top[v]!.label === FREE && e >= 0 && s.slack(e) < step.amount) step = { kind: 'edge', amount: s.slack(e), vertex: s.tail(e) };
  }
  for (let v = 0; v < s.n; v++) {
    const e = s.top[v]!.bestEdge;
    if (s.top[v]!.label === S && e >= 0 && s.slack(e) / 2 < step.amount) step = { kind: 'edge', amount: s.slack(e) / 2, vertex: s.tail(e) };
  }
  for (const b of s.blossoms) {
    if (b.parent === null && b.label === T && b.dual < step.amount) step = { kind: 'expand', amount: b.dual, blossom: b };
  }
  return step;
}

function applyDualStep(s: MatchingState, amount: number): void {
  for (let v = 0; v < s.n; v++) {
    const label = s.top[v]!.label;
    if (label === S) s.dual[v] = s.dual[v]! - amount;
    else if (label === T) s.dual[v] = s.dual[v]! + amount;
  }
  for (const b of s.blossoms) {
    if (b.parent !== null) continue;
    if (b.label === S) b.dual += amount;
    else if (b.label === T) b.dual -= amount;
  }
}
