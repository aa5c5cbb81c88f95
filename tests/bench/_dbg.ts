import fs from "node:fs";
import { decodeOnnxModel, onnxToGraph } from "~/server/import/arch/onnx.logic";
import { inferShapes, formatShape } from "~/server/import/arch/shapes.logic";
const g = onnxToGraph(decodeOnnxModel(new Uint8Array(fs.readFileSync(process.argv[2]!))), "x");
const { shapes, values } = inferShapes(g);
const f = (v: string) => `${v}=${shapes.has(v) ? formatShape(shapes.get(v)!) : "-"}${values.has(v) ? "[" + values.get(v)!.join(",") + "]" : ""}`;
for (const n of g.nodes) if (process.argv[3] ? new RegExp(process.argv[3]).test(n.op) : !n.outputs.every((o) => shapes.has(o))) console.log(n.name, n.op, JSON.stringify(n.attrs), n.inputs.map(f).join(" "), "->", n.outputs.map(f).join(" "));
