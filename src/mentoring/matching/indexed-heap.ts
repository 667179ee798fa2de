/** A binary min-heap over node ids 0..n-1 with decrease-key, so Dijkstra keeps one entry per node. */
export class IndexedMinHeap {
  private readonly heap: Int32Array;
  private readonly position: Int32Array;
  private readonly key: Float64Array;
  private size = 0;

  constructor(capacity: number) {
    this.heap = new Int32Array(capacity);
    this.position = new Int32Array(capacity).fill(-1);
    this.key = new Float64Array(capacity);
  }

  get isEmpty(): boolean {
    return this.size === 0;
  }

  /** Inserts the node, or lowers its key if it is already queued. */
  pushOrDecrease(node: number, key: number): void {
    let i = this.position[node]!;
    if (i < 0) {
      i = this.size++;
      this.heap[i] = node;
      this.position[node] = i;
    } else if (key >= this.key[node]!) {
      return;
    }
    this.key[node] = key;
    this.siftUp(i);
  }

  pop(): number {
    const top = this.heap[0]!;
    this.position[top] = -1;
    this.size -= 1;
    if (this.size > 0) {
      const last = this.heap[this.size]!;
      this.heap[0] = last;
      this.position[last] = 0;
      this.siftDown(0);
    }
    return top;
  }

  clear(): void {
    for (let i = 0; i < this.size; i++) this.position[this.heap[i]!] = -1;
    this.size = 0;
  }

  private siftUp(start: number): void {
    const { heap, position, key } = this;
    const node = heap[start]!;
    let i = start;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const above = heap[parent]!;
      if (key[above]! <= key[node]!) break;
      heap[i] = above;
      position[above] = i;
      i = parent;
    }
    heap[i] = node;
    position[node] = i;
  }

  private siftDown(start: number): void {
    const { heap, position, key } = this;
    const node = heap[start]!;
    let i = start;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= this.size) break;
      if (child + 1 < this.size && key[heap[child + 1]!]! < key[heap[child]!]!) child += 1;
      if (key[heap[child]!]! >= key[node]!) break;
      heap[i] = heap[child]!;
      position[heap[i]!] = i;
      i = child;
    }
    heap[i] = node;
    position[node] = i;
  }
}
