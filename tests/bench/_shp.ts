import fs from "node:fs";
import { decodeOnnxModel, onnxToGraph } from "~/server/import/arch/onnx.logic";
import { kerasToGraph, kerasTopology } from "~/server/import/arch/keras.logic";
import { inferShapes, formatShape } from "~/server/import/arch/shapes.logic";
for (const f of process.argv.slice(2)) {
  const bytes = new Uint8Array(fs.readFileSync(f));
  const g = f.endsWith(".json") ? (() => { const t = kerasTopology(JSON.parse(fs.readFileSync(f, "utf8"))); return kerasToGraph(t.model, "x", [], t.manifest); })() : onnxToGraph(decodeOnnxModel(bytes), "x");
  const t = performance.now();
  const { shapes } = inferShapes(g);
  const ms = performance.now() - t;
  const missing = g.nodes.filter((n) => !n.outputs.every((o) => shapes.has(o)));
  const counts = new Map<string, number>();
  for (const n of missing) counts.set(n.op, (counts.get(n.op) ?? 0) + 1);
  console.log(f.split("/").pop(), g.nodes.length, "missing", missing.length, ms.toFixed(1) + "ms", [...counts].map(([o, c]) => `${o}:${c}`).join(" "));
  console.log("  inputs", g.inputs.map((i) => i.name + " " + formatShape(shapes.get(i.name) ?? [])).join(", "), "| outputs", g.outputs.map((o) => o.name + " " + (shapes.get(o.name) ? formatShape(shapes.get(o.name)!) : "-")).join(", "));
  console.log("  sample", g.nodes.filter((n) => /Conv|MatMul|Pool|Resize|Add|LSTM|Dense|Concat/.test(n.op)).slice(0, 40).map((n) => n.op + ":" + (shapes.get(n.outputs[0]!) ? formatShape(shapes.get(n.outputs[0]!)!) : "-")).join(" "));
}
