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

interface Network {
  flow: MinCostFlow;
  sink: number;
  /** Mentee i's edges to mentors are edge ids firstEdge[i] .. firstEdge[i + 1] - 2 (the last one is its bypass). */
  firstEdge: Int32Array;
  mentorOfEdge: Int32Array;
}

/** Optimal mentor index per mentee (-1 = unmatched). */
export function solveAssignment(input: AssignmentInput): Int32Array {
  const network = buildNetwork(input);
  for (let i = 0; i < input.mentees; i++) network.flow.augment(i, network.sink);
  const mentorOf = new Int32Array(input.mentees).fill(-1);
  for (let i = 0; i < input.mentees; i++) {
    for (let e = network.firstEdge[i]!; e < network.firstEdge[i + 1]! - 1; e++) {
      if (network.flow.flowOn(e) > 0) mentorOf[i] = network.mentorOfEdge[e]!;
    }
  }
  return mentorOf;
}

/** Node ids: mentees 0..N-1, mentors N..N+M-1, the sink, then one node per (mentor, group) in use. */
function groupNodes(input: AssignmentInput, firstId: number): Map<number, number> {
  const nodes = new Map<number, number>();
  const { groups, mentees, mentors, weights } = input;
  if (!groups) return nodes;
  for (let i = 0; i < mentees; i++) {
    const g = groups.ofMentee[i]!;
    if (g < 0) continue;
    for (let j = 0; j < mentors; j++) {
      const key = g * mentors + j;
      if (weights[i * mentors + j]! > 0 && !nodes.has(key)) nodes.set(key, firstId + nodes.size);
    }
  }
  return nodes;
}

function maxWeight(weights: Int32Array): number {
  let max = 0;
  for (const w of weights) if (w > max) max = w;
  return max;
}

function buildNetwork(input: AssignmentInput): Network {
  const { mentees, mentors, weights, capacity, groups } = input;
  const sink = mentees + mentors;
  const layer = groupNodes(input, sink + 1);
  const flow = new MinCostFlow(sink + 1 + layer.size);
  // Costs are (W - weight) ≥ 0 and leaving a mentee unmatched costs W, so a cheapest flow is a heaviest matching.
  const W = maxWeight(weights);
  const firstEdge = new Int32Array(mentees + 1);
  const mentorOfEdge: number[] = [];
  for (let i = 0; i < mentees; i++) {
    const g = groups ? groups.ofMentee[i]! : -1;
    for (let j = 0; j < mentors; j++) {
      const w = weights[i * mentors + j]!;
      if (w <= 0) continue;
      const target = g < 0 ? mentees + j : layer.get(g * mentors + j)!;
      mentorOfEdge[flow.addEdge(i, target, 1, W - w)] = j;
    }
    mentorOfEdge[flow.addEdge(i, sink, 1, W)] = -1;
    firstEdge[i + 1] = mentorOfEdge.length;
  }
  for (const [key, node] of layer) {
    const j = key % mentors;
    flow.addEdge(node, mentees + j, Math.max(0, groups!.limit(j, (key - j) / mentors)), 0);
  }
  for (let j = 0; j < mentors; j++) flow.addEdge(mentees + j, sink, Math.max(0, capacity[j]!), 0);
  return { flow, sink, firstEdge, mentorOfEdge: Int32Array.from(mentorOfEdge) };
}
