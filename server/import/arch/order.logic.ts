// The order in which a model's operations run: producers before consumers, ties in file order.
import type { ModelNode } from "./graph";

/** Data-flow order, stable: ties keep the file's order. Cycles (a damaged file) keep file order. */
export function topologicalOrder(nodes: ModelNode[]): number[] {
  const producer = new Map<string, number>();
  nodes.forEach((n, i) => n.outputs.forEach((o) => producer.set(o, i)));
  const waiting = nodes.map(() => 0);
  const next: number[][] = nodes.map(() => []);
  nodes.forEach((n, i) => {
    for (const p of new Set(n.inputs.map((v) => producer.get(v)).filter((p): p is number => p !== undefined && p !== i))) {
      waiting[i]!++;
      next[p]!.push(i);
    }
  });
  // A binary heap of ready indices, smallest first.
  const heap: number[] = [];
  const push = (v: number) => {
    heap.push(v);
    for (let i = heap.length - 1; i > 0; ) {
      const up = (i - 1) >> 1;
      if (heap[up]! <= heap[i]!) break;
      [heap[up], heap[i]] = [heap[i]!, heap[up]!];
      i = up;
    }
  };
  const pop = () => {
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length) {
      heap[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && heap[l]! < heap[m]!) m = l;
        if (r < heap.length && heap[r]! < heap[m]!) m = r;
        if (m === i) break;
        [heap[m], heap[i]] = [heap[i]!, heap[m]!];
        i = m;
      }
    }
    return top;
  };
  waiting.forEach((w, i) => w === 0 && push(i));
  const order: number[] = [];
  const placed = new Uint8Array(nodes.length);
  while (heap.length) {
    const i = pop();
    order.push(i);
    placed[i] = 1;
    for (const j of next[i]!) if (--waiting[j]! === 0) push(j);
  }
  if (order.length < nodes.length) nodes.forEach((_, i) => placed[i] || order.push(i));
  return order;
}

/** Ops whose output depends only on the shape of their input, so it is static like a weight. */
const SHAPE_ONLY = new Set(["Shape", "Size", "Constant", "ConstantOfShape", "Range", "EyeLike"]);

export interface GraphIndex {
  /** Node indices in data-flow order. */
  order: number[];
  /** Each node's place in that order. */
  position: Int32Array;
  producer: Map<string, number>;
  consumers: Map<string, number[]>;
  /** Weights, constants and values computed from them or from shapes alone. */
  statics: Set<string>;
}

/** Who writes and who reads each value, in which order nodes run, and which values are static. */
export function indexGraph(graph: { nodes: ModelNode[]; weights: Set<string> }): GraphIndex {
  const { nodes } = graph;
  const order = topologicalOrder(nodes);
  const position = new Int32Array(nodes.length);
  order.forEach((i, k) => (position[i] = k));
  const producer = new Map<string, number>();
  const consumers = new Map<string, number[]>();
  nodes.forEach((n, i) => {
    n.outputs.forEach((o) => producer.set(o, i));
    for (const v of new Set(n.inputs)) if (v) consumers.set(v, [...(consumers.get(v) ?? []), i]);
  });
  const statics = new Set(graph.weights);
  for (const i of order) {
    const n = nodes[i]!;
    const data = n.inputs.filter((v) => v && !statics.has(v));
    if (n.body?.length) continue;
    if (SHAPE_ONLY.has(n.op) || (n.inputs.some(Boolean) && data.length === 0) || (n.inputs.length === 0 && n.op === "Constant")) n.outputs.forEach((o) => statics.add(o));
  }
  return { order, position, producer, consumers, statics };
}
