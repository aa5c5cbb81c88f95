// Units: what becomes one concept. A recognised pattern is one unit; plumbing (shape arithmetic,
// reshapes, slicing, casts, conditions) folds into the notes of the unit that reads its result.
import type { ModelGraph, ModelNode } from "./graph";
import { KERAS_PLUMBING } from "./keras.logic";
import type { GraphIndex } from "./order.logic";
import type { Fused } from "./patterns.logic";

/** Ops that only move, relabel, select or compare; they never become concepts of their own. */
export const PLUMBING = new Set([
  "Constant",
  "ConstantOfShape",
  "Shape",
  "Size",
  "Identity",
  "Cast",
  "CastLike",
  "Unsqueeze",
  "Squeeze",
  "Reshape",
  "Flatten",
  "Transpose",
  "Expand",
  "Pad",
  "Slice",
  "Split",
  "Tile",
  "Range",
  "Equal",
  "Not",
  "And",
  "Or",
  "Greater",
  "GreaterOrEqual",
  "Less",
  "LessOrEqual",
  "Where",
  "NonZero",
  "SequenceConstruct",
  "SequenceAt",
  "SplitToSequence",
  "ConcatFromSequence",
  ...KERAS_PLUMBING,
]);

export interface Unit {
  id: number;
  /** The node whose op and numbers name the concept. */
  node: ModelNode;
  /** Every raw op the concept stands for (one, or a recognised pattern's). */
  nodes: ModelNode[];
  pattern?: Fused;
  /** The value that leaves the unit. */
  output: string;
  /** Data values the unit reads from outside itself. */
  inputs: string[];
  /** Ids of the units whose output this one reads, through folded plumbing. */
  sources: number[];
  folded: ModelNode[];
  /** Other units merged into this concept when the graph had to be coarsened. */
  merged: Unit[];
  repeat?: { count: number; names: string[] };
}

/** Groups nodes into units in data-flow order and folds plumbing into its readers. */
export function buildUnits(graph: ModelGraph, index: GraphIndex, fused: Fused[]): Unit[] {
  const { nodes } = graph;
  const { order, statics, consumers } = index;
  const groupOf = new Map<number, Fused>();
  for (const f of fused) for (const i of f.nodes) groupOf.set(i, f);
  const folded = new Uint8Array(nodes.length);
  const indexOf = new Map(nodes.map((n, i) => [n.name, i]));
  for (const i of order) {
    const n = nodes[i]!;
    if (groupOf.has(i)) continue;
    // Control flow whose branches hold nothing but plumbing is plumbing too.
    if (n.body?.length) {
      if (n.body.every((b) => folded[indexOf.get(b) ?? -1] === 1)) folded[i] = 1;
      continue;
    }
    const isStatic = n.outputs.length > 0 && n.outputs.every((o) => statics.has(o));
    // Gather from a weight table is an embedding; on data with constant indices it only selects.
    const selects = n.op === "Gather" && !statics.has(n.inputs[0] ?? "");
    if (isStatic || PLUMBING.has(n.op) || selects || (n.op === "Concat" && n.inputs.filter((v) => v && !statics.has(v)).length < 2)) folded[i] = 1;
  }
  // A graph of nothing but plumbing is still shown, op by op. Nodes in a pattern are never folded,
  // so a graph whose every other op is plumbing keeps its plumbing folded.
  if (folded.every((f) => f === 1)) folded.fill(0);

  const units: Unit[] = [];
  const unitOfNode = new Map<number, Unit>();
  for (const i of order) {
    if (folded[i]) continue;
    const f = groupOf.get(i);
    // A pattern takes its place in the route where its last op runs, after everything it reads.
    if (f && i !== f.nodes[f.nodes.length - 1]) continue;
    const members = f ? f.nodes : [i];
    const inside = new Set(members.flatMap((m) => nodes[m]!.outputs));
    const inputs = [...new Set(members.flatMap((m) => nodes[m]!.inputs))].filter((v) => v && !inside.has(v) && !statics.has(v));
    const unit: Unit = {
      id: units.length,
      node: nodes[f ? f.main : i]!,
      nodes: members.map((m) => nodes[m]!),
      ...(f ? { pattern: f } : {}),
      output: nodes[f ? f.output : i]!.outputs[0] ?? "",
      inputs,
      sources: [],
      folded: [],
      merged: [],
    };
    for (const m of members) unitOfNode.set(m, unit);
    units.push(unit);
  }

  // Producers come earlier in data-flow order, so one forward pass finds, for every value, the
  // units it derives from through folded plumbing.
  const reach = new Map<string, number[]>();
  const readBy = (n: ModelNode, self: Unit | undefined) => {
    const found = new Set<number>();
    for (const v of n.inputs) for (const r of reach.get(v) ?? []) if (!self || r !== self.id) found.add(r);
    return [...found];
  };
  for (const i of order) {
    const n = nodes[i]!;
    const own = unitOfNode.get(i);
    if (own) {
      const from = readBy(n, own);
      own.sources = [...new Set([...own.sources, ...from])];
      for (const o of n.outputs) reach.set(o, [own.id]);
    } else {
      const from = readBy(n, undefined);
      for (const o of n.outputs) reach.set(o, from);
    }
  }
  for (const u of units) u.sources.sort((a, b) => a - b);

  // A folded node's notes go to the first unit that reads its result, else the one before it.
  const hosts: (Unit | null)[] = nodes.map(() => null);
  for (let k = order.length - 1; k >= 0; k--) {
    const i = order[k]!;
    const own = unitOfNode.get(i);
    if (own) {
      hosts[i] = own;
      continue;
    }
    let best: Unit | null = null;
    for (const o of nodes[i]!.outputs) {
      for (const c of consumers.get(o) ?? []) {
        const h = hosts[c];
        if (h && (!best || h.id < best.id)) best = h;
      }
    }
    hosts[i] = best;
  }
  let lastUnit: Unit | null = null;
  const orphans: ModelNode[] = [];
  for (const i of order) {
    const own = unitOfNode.get(i);
    if (own) {
      lastUnit = own;
      if (orphans.length) own.folded.unshift(...orphans.splice(0));
      continue;
    }
    const host = hosts[i] ?? lastUnit;
    if (host) host.folded.push(nodes[i]!);
    else orphans.push(nodes[i]!);
  }
  if (orphans.length && lastUnit) lastUnit.folded.push(...orphans);
  return units;
}
