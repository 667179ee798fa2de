/**
 * State of Edmonds' weighted blossom algorithm (primal-dual, as described by Galil 1986,
 * "Efficient algorithms for finding maximum matching in graphs"). A node of the alternating forest
 * is a vertex or a blossom (an odd cycle of nodes shrunk into one). Edges are coded x·n + y, which
 * is also their index in the weight matrix; a coded edge is directed from x to y.
 */
export const FREE = 0;
export const S = 1;
export const T = 2;

export abstract class TreeNode {
  parent: Blossom | null = null;
  label = FREE;
  /** Edge that gave the label: from the tree parent into this node; -1 for a root. */
  labelEdge = -1;
  /** S nodes: least-slack edge from inside to another S node (for the δ3 dual step). */
  bestEdge = -1;
  /** S blossoms: least-slack edge to each neighbouring S node; null = derive from the leaves. */
  bestEdges: number[] | null = null;
  /** Scratch flag while looking for the common base of two trees. */
  mark = false;
}

export class VertexNode extends TreeNode {
  constructor(readonly vertex: number) {
    super();
  }
}

export class Blossom extends TreeNode {
  dual = 0;

  /** children[0] holds the base; links[i] joins children[i] to children[i + 1] (mod k); odd links are matched. */
  constructor(
    public children: TreeNode[],
    public links: number[],
    public base: number,
  ) {
    super();
  }
}

export class MatchingState {
  readonly mate: Int32Array;
  /** Vertex duals, stored doubled so that slack = u_x + u_y - 2·w stays integral. */
  readonly dual: Float64Array;
  readonly vertices: VertexNode[];
  /** The outermost node containing each vertex. */
  readonly top: TreeNode[];
  readonly neighbours: number[][];
  /** A tight edge from an S vertex to this vertex while it sat inside a T blossom. */
  readonly reached: Int32Array;
  /** Least-slack edge from an S vertex to this (non-S) vertex (for the δ2 dual step). */
  readonly bestToS: Int32Array;
  readonly blossoms = new Set<Blossom>();
  queue: number[] = [];

  constructor(
    readonly n: number,
    readonly weight: Float64Array,
  ) {
    this.mate = new Int32Array(n).fill(-1);
    this.vertices = Array.from({ length: n }, (_, v) => new VertexNode(v));
    this.top = [...this.vertices];
    this.neighbours = Array.from({ length: n }, (_, v) => {
      const list: number[] = [];
      for (let u = 0; u < n; u++) if (u !== v && weight[v * n + u]! > 0) list.push(u);
      return list;
    });
    this.dual = new Float64Array(n).fill(weight.reduce((max, w) => Math.max(max, w), 0));
    this.reached = new Int32Array(n).fill(-1);
    this.bestToS = new Int32Array(n).fill(-1);
  }

  edge(x: number, y: number): number {
    return x * this.n + y;
  }

  tail(edge: number): number {
    return Math.floor(edge / this.n);
  }

  head(edge: number): number {
    return edge % this.n;
  }

  reversed(edge: number): number {
    return this.edge(this.head(edge), this.tail(edge));
  }

  slack(edge: number): number {
    return this.dual[this.tail(edge)]! + this.dual[this.head(edge)]! - 2 * this.weight[edge]!;
  }

  leaves(node: TreeNode, out: number[] = []): number[] {
    if (node instanceof VertexNode) out.push(node.vertex);
    else for (const child of (node as Blossom).children) this.leaves(child, out);
    return out;
  }

  baseOf(node: TreeNode): number {
    return node instanceof VertexNode ? node.vertex : (node as Blossom).base;
  }

  /** Labels a top-level node; a T node's mate side becomes S, and new S vertices wait to be scanned. */
  assignLabel(node: TreeNode, label: typeof S | typeof T, edge: number): void {
    node.label = label;
    node.labelEdge = edge;
    node.bestEdge = -1;
    node.bestEdges = null;
    if (label === S) {
      this.leaves(node, this.queue);
      return;
    }
    const base = this.baseOf(node);
    const partner = this.mate[base]!;
    this.assignLabel(this.top[partner]!, S, this.edge(base, partner));
  }
}
