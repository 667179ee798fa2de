import { IndexedMinHeap } from './indexed-heap.js';

/**
 * Min-cost flow by successive shortest paths: each call to `augment` sends one unit from a fresh
 * source (a node no flow has entered yet) along a cheapest residual path, found by Dijkstra on
 * costs reduced by node potentials (Johnson), so it stays exact with integer costs. Each augmentation
 * keeps the flow min-cost for the supplies sent so far (the Hungarian method's invariant), and the
 * search stops at the sink, touching only the nodes closer than it. Residual reverse edges are kept
 * in per-node lists, so a node with many unused incoming edges is scanned in O(the flow through it).
 */
export class MinCostFlow {
  private readonly build = { from: [] as number[], to: [] as number[], cap: [] as number[], cost: [] as number[] };
  private from = new Int32Array(0);
  private to = new Int32Array(0);
  private cap = new Int32Array(0);
  private cost = new Float64Array(0);
  private flow = new Int32Array(0);
  private outStart = new Int32Array(0);
  private outEdges = new Int32Array(0);
  private reverse: number[][] = [];
  private reversePosition = new Int32Array(0);
  private readonly potential: Float64Array;
  private readonly dist: Float64Array;
  private readonly parent: Int32Array;
  private readonly heap: IndexedMinHeap;
  private frozen = false;
  /** Nodes given a distance in the current search, to reset afterwards. */
  private touched: number[] = [];

  constructor(readonly nodeCount: number) {
    this.potential = new Float64Array(nodeCount);
    this.dist = new Float64Array(nodeCount).fill(Infinity);
    this.parent = new Int32Array(nodeCount);
    this.heap = new IndexedMinHeap(nodeCount);
  }

  /** Costs must be non-negative integers; edges may only be added before the first augment. */
  addEdge(from: number, to: number, capacity: number, cost: number): number {
    if (this.frozen) throw new Error('MinCostFlow: edges must be added before augmenting');
    this.build.from.push(from);
    this.build.to.push(to);
    this.build.cap.push(capacity);
    this.build.cost.push(cost);
    return this.build.from.length - 1;
  }

  flowOn(edge: number): number {
    return this.flow[edge]!;
  }

  /**
   * The node's potential (the dual price of its flow conservation): every residual edge u→v has
   * cost + potential(u) − potential(v) ≥ 0, which is what proves the flow cheapest. An edge left
   * out of the network that meets this too could not have made the flow cheaper.
   */
  potentialOf(node: number): number {
    return this.potential[node]!;
  }

  /** Sends one unit from `source` to `sink`; returns the path's cost, or null when the sink is unreachable. */
  augment(source: number, sink: number): number | null {
    this.freeze();
    if (!this.raiseSourcePotential(source)) return null;
    const settled = this.shortestPaths(source, sink);
    const reached = this.dist[sink]! < Infinity;
    if (reached) {
      const toSink = this.dist[sink]!;
      for (const node of settled) this.potential[node] = this.potential[node]! + this.dist[node]! - toSink;
    }
    const cost = reached ? this.pushAlongPath(source, sink) : null;
    for (const node of this.touched) this.dist[node] = Infinity;
    this.touched = [];
    this.heap.clear();
    return cost;
  }

  private freeze(): void {
    if (this.frozen) return;
    this.frozen = true;
    const { from, to, cap, cost } = this.build;
    this.from = Int32Array.from(from);
    this.to = Int32Array.from(to);
    this.cap = Int32Array.from(cap);
    this.cost = Float64Array.from(cost);
    this.flow = new Int32Array(from.length);
    this.reversePosition = new Int32Array(from.length).fill(-1);
    this.reverse = Array.from({ length: this.nodeCount }, () => []);
    this.outStart = new Int32Array(this.nodeCount + 1);
    const start = this.outStart;
    for (const node of from) start[node + 1] = start[node + 1]! + 1;
    for (let v = 0; v < this.nodeCount; v++) start[v + 1] = start[v + 1]! + start[v]!;
    const next = this.outStart.slice(0, this.nodeCount);
    this.outEdges = new Int32Array(from.length);
    for (let e = 0; e < from.length; e++) this.outEdges[next[from[e]!]!++] = e;
    this.build.from = this.build.to = this.build.cap = this.build.cost = [];
  }

  /** A fresh source gets a potential that makes every edge leaving it non-negative in reduced cost. */
  private raiseSourcePotential(source: number): boolean {
    let needed = -Infinity;
    for (let k = this.outStart[source]!; k < this.outStart[source + 1]!; k++) {
      const e = this.outEdges[k]!;
      if (this.flow[e]! < this.cap[e]!) needed = Math.max(needed, this.potential[this.to[e]!]! - this.cost[e]!);
    }
    for (const e of this.reverse[source]!) needed = Math.max(needed, this.potential[this.from[e]!]! + this.cost[e]!);
    if (needed === -Infinity) return false;
    this.potential[source] = Math.max(this.potential[source]!, needed);
    return true;
  }

  /** Dijkstra on reduced costs from source until the sink is settled; returns the settled nodes. */
  private shortestPaths(source: number, sink: number): number[] {
    const { dist, heap } = this;
    const settled: number[] = [];
    dist[source] = 0;
    this.touched.push(source);
    heap.pushOrDecrease(source, 0);
    while (!heap.isEmpty) {
      const u = heap.pop();
      settled.push(u);
      if (u === sink) break;
      this.relaxFrom(u);
    }
    return settled;
  }

  private relaxFrom(u: number): void {
    const { dist, potential, to, from, cost, flow, cap, outEdges } = this;
    const base = dist[u]! + potential[u]!;
    for (let k = this.outStart[u]!; k < this.outStart[u + 1]!; k++) {
      const e = outEdges[k]!;
      if (flow[e]! < cap[e]!) this.relax(to[e]!, base + cost[e]! - potential[to[e]!]!, e << 1);
    }
    for (const e of this.reverse[u]!) this.relax(from[e]!, base - cost[e]! - potential[from[e]!]!, (e << 1) | 1);
  }

  private relax(v: number, distance: number, viaEdge: number): void {
    if (distance >= this.dist[v]!) return;
    if (this.dist[v] === Infinity) this.touched.push(v);
    this.dist[v] = distance;
    this.parent[v] = viaEdge;
    this.heap.pushOrDecrease(v, distance);
  }

  private pushAlongPath(source: number, sink: number): number {
    let total = 0;
    for (let v = sink; v !== source; ) {
      const via = this.parent[v]!;
      const e = via >> 1;
      if ((via & 1) === 0) {
        total += this.cost[e]!;
        this.flow[e] = this.flow[e]! + 1;
        if (this.flow[e] === 1) this.addReverse(e);
        v = this.from[e]!;
      } else {
        total -= this.cost[e]!;
        this.flow[e] = this.flow[e]! - 1;
        if (this.flow[e] === 0) this.removeReverse(e);
        v = this.to[e]!;
      }
    }
    return total;
  }

  private addReverse(e: number): void {
    const list = this.reverse[this.to[e]!]!;
    this.reversePosition[e] = list.length;
    list.push(e);
  }

  private removeReverse(e: number): void {
    const list = this.reverse[this.to[e]!]!;
    const i = this.reversePosition[e]!;
    const last = list.pop()!;
    if (last !== e) {
      list[i] = last;
      this.reversePosition[last] = i;
    }
    this.reversePosition[e] = -1;
  }
}
