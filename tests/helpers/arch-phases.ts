// Runs the architecture planner's phases one at a time on a graph written in a test, so each
// phase's own test reads what the phases before it produced without going through the whole planner.
import type { BlockContext } from "~/server/import/arch/blocks.logic";
import { residualMerges } from "~/server/import/arch/links.logic";
import { decodeOnnxModel, onnxToGraph } from "~/server/import/arch/onnx.logic";
import { indexGraph } from "~/server/import/arch/order.logic";
import { recognisePatterns } from "~/server/import/arch/patterns.logic";
import { inferShapes } from "~/server/import/arch/shapes.logic";
import { buildUnits, type Unit } from "~/server/import/arch/units.logic";
import { type OnnxGraphSpec, writeOnnx } from "~/tests/helpers/onnx-writer";

/** Shapes, patterns and units of an ONNX graph written in a test, through the real decoder. */
export function phasesOf(spec: OnnxGraphSpec) {
  const graph = onnxToGraph(decodeOnnxModel(writeOnnx(spec)), spec.name ?? "t");
  const index = indexGraph(graph);
  const facts = inferShapes(graph);
  const fused = recognisePatterns(graph, index, facts);
  const units = buildUnits(graph, index, fused);
  return { graph, index, facts, fused, units };
}

/** The unit that holds the node writing `value`. */
export const unitWriting = (units: Unit[], value: string): Unit => {
  const u = units.find((x) => x.nodes.some((n) => n.outputs.includes(value)));
  if (!u) throw new Error(`No unit writes ${value}.`);
  return u;
};

/** A block context over a graph's phases that records what the room planner reports. */
export function blockContextOf(p: ReturnType<typeof phasesOf>) {
  const copies: [number, number][] = [];
  const folds: string[] = [];
  const ctx: BlockContext = {
    facts: p.facts,
    layout: p.graph.layout,
    residual: residualMerges(p.units),
    onCopy: (copy, first) => copies.push([copy.id, first.id]),
    onFold: (label) => folds.push(label),
  };
  return { ctx, copies, folds };
}
