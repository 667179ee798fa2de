import { Blossom, FREE, S, T, type MatchingState, type TreeNode } from './blossom-state.js';

/** Shrinking, expanding and augmenting blossoms (see blossom-state.ts for the representation). */

const mod = (i: number, k: number) => ((i % k) + k) % k;

/** The S node above an S node in its alternating tree (two steps up), or null at a root. */
function parentS(s: MatchingState, node: TreeNode): TreeNode | null {
  if (node.labelEdge < 0) return null;
  const inner = s.top[s.tail(node.labelEdge)]!;
  return s.top[s.tail(inner.labelEdge)]!;
}

/** Climbs both trees in turn; the first node seen twice is the base of a new blossom, none means two trees. */
export function findCommonBase(s: MatchingState, a: TreeNode, b: TreeNode): TreeNode | null {
  const marked: TreeNode[] = [];
  let x: TreeNode | null = a;
  let y: TreeNode | null = b;
  let base: TreeNode | null = null;
  while (x !== null || y !== null) {
    if (x !== null) {
      if (x.mark) {
        base = x;
        break;
      }
      x.mark = true;
      marked.push(x);
      x = parentS(s, x);
    }
    [x, y] = [y, x];
  }
  for (const node of marked) node.mark = false;
  return base;
}

/** Nodes from `from` up to (not including) `base`, each with the edge that labelled it. */
function pathToBase(s: MatchingState, from: TreeNode, base: TreeNode): { nodes: TreeNode[]; links: number[] } {
  const nodes: TreeNode[] = [];
  const links: number[] = [];
  for (let node = from; node !== base; ) {
    const inner = s.top[s.tail(node.labelEdge)]!;
    nodes.push(node, inner);
    links.push(node.labelEdge, inner.labelEdge);
    node = s.top[s.tail(inner.labelEdge)]!;
  }
  return { nodes, links };
}

/** Shrinks the odd cycle closed by the tight edge v–w between two S nodes of one tree. */
export function addBlossom(s: MatchingState, base: TreeNode, v: number, w: number): void {
  const fromV = pathToBase(s, s.top[v]!, base);
  const fromW = pathToBase(s, s.top[w]!, base);
  const children = [base, ...fromV.nodes.reverse(), ...fromW.nodes];
  const links = [...fromV.links.reverse(), s.edge(v, w), ...fromW.links.map((e) => s.reversed(e))];
  const blossom = new Blossom(children, links, s.baseOf(base));
  blossom.label = S;
  blossom.labelEdge = base.labelEdge;
  for (const child of children) child.parent = blossom;
  for (const x of s.leaves(blossom)) {
    if (s.top[x]!.label === T) s.queue.push(x);
    s.top[x] = blossom;
  }
  collectBestEdges(s, blossom);
  s.blossoms.add(blossom);
}

function edgesLeaving(s: MatchingState, node: TreeNode): number[] {
  return s.leaves(node).flatMap((x) => s.neighbours[x]!.map((y) => s.edge(x, y)));
}

/** Keeps, per neighbouring S node, the least-slack edge out of the new blossom. */
function collectBestEdges(s: MatchingState, blossom: Blossom): void {
  const best = new Map<TreeNode, number>();
  for (const child of blossom.children) {
    for (const e of child.bestEdges ?? edgesLeaving(s, child)) {
      const other = s.top[s.head(e)]!;
      if (other === blossom || other.label !== S) continue;
      const known = best.get(other);
      if (known === undefined || s.slack(e) < s.slack(known)) best.set(other, e);
    }
    child.bestEdges = null;
    child.bestEdge = -1;
  }
  blossom.bestEdges = [...best.values()];
  for (const e of blossom.bestEdges) if (blossom.bestEdge < 0 || s.slack(e) < s.slack(blossom.bestEdge)) blossom.bestEdge = e;
}

/** The cycle edge from child i to child i + step, directed that way. */
function linkFrom(s: MatchingState, b: Blossom, i: number, step: number): number {
  const k = b.links.length;
  return step === 1 ? b.links[mod(i, k)]! : s.reversed(b.links[mod(i - 1, k)]!);
}

function resetLabel(node: TreeNode): void {
  node.label = FREE;
  node.labelEdge = -1;
  node.bestEdge = -1;
  node.bestEdges = null;
}

/** Undoes a blossom: its children become top-level nodes again. */
export function expandBlossom(s: MatchingState, b: Blossom, endOfStage: boolean): void {
  for (const child of b.children) {
    child.parent = null;
    for (const x of s.leaves(child)) s.top[x] = child;
  }
  if (endOfStage) {
    for (const child of b.children) if (child instanceof Blossom && child.dual === 0) expandBlossom(s, child, true);
  } else if (b.label === T) {
    relabelExpandedT(s, b);
  }
  s.blossoms.delete(b);
}

/**
 * A T blossom expanded mid-stage: the even-length path from the entry child to the base stays in
 * the tree (T, S, T, …, T); the other children become T if an S vertex already reaches them by a
 * tight edge, else free.
 */
function relabelExpandedT(s: MatchingState, b: Blossom): void {
  const k = b.children.length;
  const at = (i: number) => b.children[mod(i, k)]!;
  for (const child of b.children) resetLabel(child);
  const entry = b.children.indexOf(s.top[s.head(b.labelEdge)]!);
  const step = entry % 2 === 0 ? -1 : 1;
  let edge = b.labelEdge;
  for (let i = entry; mod(i, k) !== 0; i += 2 * step) {
    s.assignLabel(at(i), T, edge);
    edge = linkFrom(s, b, i + step, step);
  }
  at(0).label = T;
  at(0).labelEdge = edge;
  for (let i = step; mod(i, k) !== entry; i += step) {
    const child = at(i);
    if (child.label !== FREE) continue;
    const hit = s.leaves(child).find((x) => s.reached[x]! >= 0);
    if (hit !== undefined) s.assignLabel(child, T, s.reached[hit]!);
  }
}

/** Makes vertex v the base of blossom b by flipping matched and unmatched edges along the even side. */
export function augmentBlossom(s: MatchingState, b: Blossom, v: number): void {
  let child: TreeNode = s.vertices[v]!;
  while (child.parent !== b) child = child.parent!;
  if (child instanceof Blossom) augmentBlossom(s, child, v);
  const k = b.children.length;
  const start = b.children.indexOf(child);
  if (start !== 0) {
    const step = start % 2 === 0 ? -1 : 1;
    for (let i = start; mod(i, k) !== 0; i += 2 * step) {
      const e = linkFrom(s, b, i + step, step);
      const [x, y] = [s.tail(e), s.head(e)];
      for (const [node, vertex] of [[b.children[mod(i + step, k)]!, x], [b.children[mod(i + 2 * step, k)]!, y]] as const) {
        if (node instanceof Blossom) augmentBlossom(s, node, vertex);
      }
      s.mate[x] = y;
      s.mate[y] = x;
    }
    b.children = [...b.children.slice(start), ...b.children.slice(0, start)];
    b.links = [...b.links.slice(start), ...b.links.slice(0, start)];
  }
  b.base = v;
}

/** Flips the augmenting path through the tight edge v–w joining two trees, up to both roots. */
export function augmentPath(s: MatchingState, v: number, w: number): void {
  for (const [first, other] of [[v, w], [w, v]] as const) {
    let x = first;
    let y = other;
    for (;;) {
      const outer = s.top[x]!;
      if (outer instanceof Blossom) augmentBlossom(s, outer, x);
      s.mate[x] = y;
      if (outer.labelEdge < 0) break;
      const inner = s.top[s.tail(outer.labelEdge)]!;
      const [p, q] = [s.tail(inner.labelEdge), s.head(inner.labelEdge)];
      if (inner instanceof Blossom) augmentBlossom(s, inner, q);
      s.mate[q] = p;
      [x, y] = [p, q];
    }
  }
}
