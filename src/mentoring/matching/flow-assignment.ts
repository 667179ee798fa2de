import { DEFAULT_CANDIDATES, heaviest, topCandidates, topFor, type WeightOf } from './candidates.js';
import { MinCostFlow } from './min-cost-flow.js';

/**
 * An assignment problem: each mentee gets at most one mentor, each mentor at most `capacity[j]`
 * mentees and, optionally, at most `groupLimit(j, g)` mentees of one group (division) — the
 * circle-diversity rule, modelled exactly by a mentor → (mentor, group) layer. Maximises the sum
 * of `weights[i * mentors + j]` (positive integers; 0 = pair not allowed).
 */
export interface AssignmentInput {
  mentees: number;
  mentors: number;
  weights: Int32Array;
  capacity: ArrayLike<number>;
  groups?: { ofMentee: Int32Array; limit: (mentor: number, group: number) => number };
}

/** The same problem with weights read through a function: no N×M array is needed. */
export interface SparseAssignmentInput extends Omit<AssignmentInput, 'weights'> {
  weightOf: WeightOf;
  /** Mentors per mentee in the first network (DEFAULT_CANDIDATES); more are priced in as needed. */
  candidates?: number;
}

interface Network {
  flow: MinCostFlow;
  sink: number;
  /** Mentee i's edges to mentors are edge ids firstEdge[i] .. firstEdge[i + 1] - 2 (the last one is its bypass). */
  firstEdge: Int32Array;
  mentorOfEdge: Int32Array;
  /** Where mentee i's edge to mentor j goes: the mentor's node, or its (mentor, group) node. */
  targetOf: (i: number, j: number) => number;
}

/** Optimal mentor index per mentee (-1 = unmatched). */
export function solveAssignment(input: AssignmentInput): Int32Array {
  const { weights, mentors } = input;
  return solveSparseAssignment({ ...input, weightOf: (i, j) => weights[i * mentors + j]! });
}

/**
 * Exact assignment over each mentee's heaviest candidates: the flow is solved on those pairs,
 * then every pair left out is priced with the flow's node potentials. A pair with a negative
 * reduced cost could still improve the result: those are added and the flow solved again. When
 * none is left, the potentials prove the flow optimal for all pairs (LP duality), so the answer
 * is the one the full network gives, at the memory of the pairs that can matter.
 */
export function solveSparseAssignment(input: SparseAssignmentInput): Int32Array {
  const { mentees, mentors, weightOf } = input;
  const W = heaviest(mentees, mentors, weightOf);
  // In mentor order, as the full network has them: with few mentors, exactly the same network.
  const kept = topCandidates(mentees, mentors, weightOf, input.candidates ?? DEFAULT_CANDIDATES).map((c) => c.sort());
  for (;;) {
    const network = buildNetwork(input, kept, W);
    for (let i = 0; i < mentees; i++) network.flow.augment(i, network.sink);
    if (!priceIn(input, network, kept, W)) return mentorsOf(network, mentees);
  }
}

/** Adds to `kept` every left-out pair with a negative reduced cost; false when there is none. */
function priceIn(input: SparseAssignmentInput, network: Network, kept: Int32Array[], W: number): boolean {
  const { mentees, mentors, weightOf } = input;
  const { flow } = network;
  let added = false;
  const inKept = new Uint8Array(mentors);
  const keys = new Float64Array(mentors);
  for (let i = 0; i < mentees; i++) {
    const own = kept[i]!;
    for (const j of own) inKept[j] = 1;
    const extra: number[] = [];
    for (let j = 0; j < mentors; j++) {
      const w = weightOf(i, j);
      if (w <= 0 || inKept[j]) continue;
      if (W - w + flow.potentialOf(i) - flow.potentialOf(network.targetOf(i, j)) < 0) extra.push(j);
    }
    for (const j of own) inKept[j] = 0;
    if (extra.length) {
      // Four times as many of its best candidates too: a crowded mentee converges in a few rounds.
      const wider = topFor(i, mentors, weightOf, 4 * own.length, keys);
      kept[i] = Int32Array.from(new Set([...own, ...wider, ...extra])).sort();
      added = true;
    }
  }
  return added;
}

function mentorsOf(network: Network, mentees: number): Int32Array {
  const mentorOf = new Int32Array(mentees).fill(-1);
  for (let i = 0; i < mentees; i++) {
    for (let e = network.firstEdge[i]!; e < network.firstEdge[i + 1]! - 1; e++) {
      if (network.flow.flowOn(e) > 0) mentorOf[i] = network.mentorOfEdge[e]!;
    }
  }
  return mentorOf;
}

/**
 * Node ids: mentees 0..N-1, mentors N..N+M-1, the sink, then one node per (mentor, group) any
 * allowed pair uses (over all pairs, not only candidates, so that pricing finds every node).
 */
function groupNodes(input: SparseAssignmentInput, firstId: number): Map<number, number> {
  const nodes = new Map<number, number>();
  const { groups, mentees, mentors, weightOf } = input;
  if (!groups) return nodes;
  for (let i = 0; i < mentees; i++) {
    const g = groups.ofMentee[i]!;
    if (g < 0) continue;
    for (let j = 0; j < mentors; j++) {
      const key = g * mentors + j;
      if (weightOf(i, j) > 0 && !nodes.has(key)) nodes.set(key, firstId + nodes.size);
    }
  }
  return nodes;
}

function buildNetwork(input: SparseAssignmentInput, kept: readonly Int32Array[], W: number): Network {
  const { mentees, mentors, weightOf, capacity, groups } = input;
  const sink = mentees + mentors;
  const layer = groupNodes(input, sink + 1);
  const flow = new MinCostFlow(sink + 1 + layer.size);
  const targetOf = (i: number, j: number) => {
    const g = groups ? groups.ofMentee[i]! : -1;
    return g < 0 ? mentees + j : layer.get(g * mentors + j)!;
  };
  // Costs are (W - weight) ≥ 0 and leaving a mentee unmatched costs W, so a cheapest flow is a heaviest matching.
  const firstEdge = new Int32Array(mentees + 1);
  const mentorOfEdge: number[] = [];
  for (let i = 0; i < mentees; i++) {
    for (const j of kept[i]!) mentorOfEdge[flow.addEdge(i, targetOf(i, j), 1, W - weightOf(i, j))] = j;
    mentorOfEdge[flow.addEdge(i, sink, 1, W)] = -1;
    firstEdge[i + 1] = mentorOfEdge.length;
  }
  for (const [key, node] of layer) {
    const j = key % mentors;
    flow.addEdge(node, mentees + j, Math.max(0, groups!.limit(j, (key - j) / mentors)), 0);
  }
  for (let j = 0; j < mentors; j++) flow.addEdge(mentees + j, sink, Math.max(0, capacity[j]!), 0);
  return { flow, sink, firstEdge, mentorOfEdge: Int32Array.from(mentorOfEdge), targetOf };
}
