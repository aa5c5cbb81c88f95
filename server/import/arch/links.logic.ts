// Links that mean what they say: "residual" only where an Add joins a path through at least one
// layer with weights to a shortcut from that path's start; "skip" for a concatenation reaching
// back across stages, "concat" within one; "sum", "gate" and "branch" for the rest.
import type { Unit } from "./units.logic";

/** Ops that carry weights: a path through one of them is a learned transformation. */
const PARAMETRIC = /^(Conv|ConvTranspose|Gemm|MatMul|LSTM|GRU|RNN|Dense|Conv[123]D|DepthwiseConv[12]D|SeparableConv[12]D|Conv[123]DTranspose|Embedding|BatchNormalization|LayerNormalization|Attention|MultiHeadAttention)$/;

export const isParametric = (u: Unit) =>
  (u.node.params ?? 0) > 0 || u.nodes.some((n) => PARAMETRIC.test(n.op) && (n.op !== "MatMul" || (n.params ?? 0) > 0 || u.pattern?.name === "Linear")) || /attention|Linear|conv/i.test(u.pattern?.name ?? "");

const MERGE_OPS = new Set(["Add", "Sum", "Mul", "Multiply", "Concat", "Concatenate", "Average", "Maximum", "Minimum", "Subtract", "Max", "Min", "Mean"]);

/** Ids of merge units that close a residual: one input a shortcut from the start of a path, the other that path through weights. */
export function residualMerges(units: Unit[]): Set<number> {
  const byId = new Map(units.map((u) => [u.id, u]));
  const out = new Set<number>();
  for (const u of units) {
    if (!["Add", "Sum"].includes(u.node.op) || u.pattern || u.sources.length < 2) continue;
    for (const start of u.sources) {
      const others = u.sources.filter((s) => s !== start);
      // Walk back from the other inputs; the shortcut's start must be reached through a layer with weights.
      const seen = new Set<number>();
      const stack = others.map((s) => [s, 0] as [number, number]);
      let found = false;
      while (stack.length && !found && seen.size < 400) {
        const [id, weighted] = stack.pop()!;
        if (id === start) {
          found = weighted > 0;
          continue;
        }
        if (seen.has(id * 2 + weighted) || id < start) continue;
        seen.add(id * 2 + weighted);
        const v = byId.get(id);
        if (!v) continue;
        const w = weighted || (isParametric(v) ? 1 : 0);
        for (const s of v.sources) stack.push([s, w]);
      }
      if (found) {
        out.add(u.id);
        break;
      }
    }
  }
  return out;
}

export interface LinkDraft {
  from: number;
  to: number;
  label: string;
}

/**
 * Links for reads that are not the route's plain next step. `at` gives each shown unit's place in
 * the route, `rep` maps a folded copy to the unit shown for it, `stageOf` each unit's stage.
 */
export function linksOf(units: Unit[], opts: { at: Map<number, number>; rep: (id: number) => number; skip: (id: number) => boolean; stageOf: (id: number) => number; residual: Set<number>; max: number }): LinkDraft[] {
  const links: LinkDraft[] = [];
  const seen = new Set<string>();
  for (const u of units) {
    if (opts.skip(u.id)) continue;
    const to = opts.rep(u.id);
    const at = opts.at.get(to);
    if (at === undefined) continue;
    const op = u.node.op;
    const merge = !u.pattern && MERGE_OPS.has(op) && u.sources.length > 1;
    for (const s of u.sources) {
      const from = opts.rep(s);
      const was = opts.at.get(from);
      if (was === undefined || from === to || was === at - 1) continue;
      let label = "branch";
      if (merge) {
        if (op === "Add" || op === "Sum") label = opts.residual.has(u.id) ? "residual" : "sum";
        // A concatenation reaching back over several units or across a stage is a skip; branches of one block merging are a concat.
        else if (op === "Concat" || op === "Concatenate") label = opts.stageOf(from) !== opts.stageOf(to) || (u.sources.length < 3 && at - was > 2) ? "skip" : "concat";
        else if (op === "Mul" || op === "Multiply") label = "gate";
        else label = "merge";
      }
      const pair = `${from} ${to}`;
      if (seen.has(pair) || links.length >= opts.max) continue;
      seen.add(pair);
      links.push({ from, to, label });
    }
  }
  return links;
}
