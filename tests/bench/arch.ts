// Times reading model files: decode (protobuf, weights skipped) and plan, for generated ONNX files
// of about 100 MB whose bulk is initializer raw_data. Prints a table; ratios between rows within
// one run are what to compare.
import { readArchitecture } from "~/server/import/arch";
import { writeSection } from "./section";
import { decodeOnnxModel } from "~/server/import/arch/onnx.logic";
import { type OnnxGraphSpec, type OnnxNodeSpec, tinyMlp, writeOnnx } from "~/tests/helpers/onnx-writer";

const MB = 1024 * 1024;

/** A chain of `layers` Conv+Relu blocks (kernels 1, 3, 5 in turn, so none fold) whose weights add up to about `total` bytes. */
function manyWeights(layers: number, total: number): OnnxGraphSpec {
  const nodes: OnnxNodeSpec[] = [];
  const initializers: NonNullable<OnnxGraphSpec["initializers"]> = [];
  const k = (i: number) => 1 + (i % 3) * 2;
  let x = "x";
  for (let i = 0; i < layers; i++) {
    nodes.push(
      { op: "Conv", name: `/layer${i}/conv/Conv`, inputs: [x, `w${i}`], outputs: [`c${i}`], attrs: { kernel_shape: [k(i), k(i)] } },
      { op: "BatchNormalization", name: `/layer${i}/bn/BatchNormalization`, inputs: [`c${i}`, "s", "b", "m", "v"], outputs: [`n${i}`] },
      { op: "Relu", name: `/layer${i}/relu/Relu`, inputs: [`n${i}`], outputs: [`r${i}`] },
    );
    initializers.push({ name: `w${i}`, dims: [256, 256, k(i), k(i)], fill: Math.floor(total / layers) });
    x = `r${i}`;
  }
  for (const n of ["s", "b", "m", "v"]) initializers.push({ name: n, dims: [256] });
  return { nodes, initializers, inputs: [{ name: "x", dims: [1, 256, 56, 56] }] };
}

const cases: [string, Uint8Array][] = [
  ["MLP, one 100 MB weight", writeOnnx(tinyMlp({ weightBytes: 100 * MB }))],
  ["200 conv blocks, 100 MB of weights", writeOnnx(manyWeights(200, 100 * MB))],
  ["2,000 conv blocks, 100 MB of weights", writeOnnx(manyWeights(2000, 100 * MB))],
];

const time = (f: () => void, runs = 5) => {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
};

const rows = ["| file | size | decode (median ms) | decode + plan (median ms) | concepts |", "| --- | ---: | ---: | ---: | ---: |"];
for (const [name, bytes] of cases) {
  const decode = time(() => decodeOnnxModel(bytes));
  let concepts = 0;
  const whole = time(() => {
    concepts = readArchitecture({ fileName: "bench.onnx", bytes }).stats.concepts;
  });
  rows.push(`| ${name} | ${(bytes.length / MB).toFixed(1)} MB | ${decode.toFixed(1)} | ${whole.toFixed(1)} | ${concepts} |`);
}
console.log(rows.join("\n"));

writeSection(
  "arch",
  `## Model import: \`npm run bench:arch\`

Run on ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC, Node ${process.version}, 2 shared CPU cores. Generated ONNX files whose weights make up nearly all of their size; the reader skips weight bytes without copying them. Medians of five runs; in the app this work runs in a Web Worker, so the page keeps drawing while it happens (the browser test \`tests/e2e/architecture-import.spec.ts\` imports a 100 MB file through the dialog and fails if the main thread stalls for 500 ms or more at any point of the import).

${rows.join("\n")}
`,
);
