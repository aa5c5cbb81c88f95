import { describe, expect, it } from "vitest";
import { ARCHITECTURE_MAX_BYTES, detectArchitecture, readArchitecture } from "~/server/import/arch";
import { decodeOnnxModel, onnxToGraph, scopeOfName } from "~/server/import/arch/onnx.logic";
import { concatSkip, type OnnxGraphSpec, type OnnxNodeSpec, tinyMlp, tinyResNet, writeOnnx } from "~/tests/helpers/onnx-writer";
import { refusal } from "../helpers/refusal";

describe("ONNX decoding", () => {
  it("reads the model's metadata, nodes, attributes, initializer dims and value shapes", () => {
    const bytes = writeOnnx(tinyMlp(), { producer: "pytorch", producerVersion: "2.4.0", opset: 17, irVersion: 8 });
    const model = decodeOnnxModel(bytes);
    expect(model).toMatchObject({ ir_version: 8, producer_name: "pytorch", producer_version: "2.4.0", opset_import: [{ domain: "", version: 17 }] });
    const g = model.graph!;
    expect(g.node!.map((n) => [n.op_type, n.name, n.input, n.output])).toEqual([
      ["Gemm", "/fc1/Gemm", ["x", "fc1.weight", "fc1.bias"], ["/fc1/Gemm_output_0"]],
      ["Relu", "/relu/Relu", ["/fc1/Gemm_output_0"], ["/relu/Relu_output_0"]],
      ["Gemm", "/fc2/Gemm", ["/relu/Relu_output_0", "fc2.weight", "fc2.bias"], ["y"]],
    ]);
    expect(g.node![0]!.attribute).toEqual([{ name: "transB", type: 2, i: 1 }]);
    expect(g.initializer!.map((t) => [t.name, t.dims])).toEqual([
      ["fc1.weight", [64, 784]],
      ["fc1.bias", [64]],
      ["fc2.weight", [10, 64]],
      ["fc2.bias", [10]],
    ]);
    // The weights' bytes are never copied: at most a view into the file's own buffer is kept.
    for (const t of g.initializer!) {
      expect(Object.keys(t).filter((k) => !["data_type", "dims", "name", "raw_data"].includes(k))).toEqual([]);
      if (t.raw_data) expect(t.raw_data.buffer).toBe(bytes.buffer);
    }
  });

  it("turns the model into a graph with scopes, summaries, parameter counts and shapes", () => {
    const graph = onnxToGraph(decodeOnnxModel(writeOnnx(tinyResNet(2))), "fallback");
    expect(graph.name).toBe("fallback");
    expect(graph.facts).toEqual(["exported by pytorch 2.4.0", "opset ai.onnx 17", "IR version 8"]);
    expect(graph.inputs).toEqual([{ name: "input", shape: "batch×3×32×32" }]);
    const conv = graph.nodes.find((n) => n.name === "/layer1/layer1.1/conv2/Conv")!;
    expect(conv).toMatchObject({ op: "Conv", scope: ["layer1", "layer1.1", "conv2"], label: "conv2", summary: "3×3, 16", params: 16 * 16 * 9 + 16 });
    expect(conv.attributes).toEqual([
      ["kernel_shape", "3×3"],
      ["pads", "1,1,1,1"],
      ["strides", "1×1"],
    ]);
    expect(graph.nodes[0]).toMatchObject({ summary: "7×7, 16, /2", params: 16 * 3 * 49 });
    expect(graph.nodes.find((n) => n.op === "MaxPool")).toMatchObject({ shape: "batch×16×8×8", summary: "3×3, /2" });
    expect(graph.nodes.find((n) => n.op === "Gemm")).toMatchObject({ summary: "16→10", params: 170 });
  });

  it("reads PyTorch-style names into module scopes", () => {
    expect(scopeOfName("/layer1/layer1.0/conv1/Conv", "Conv")).toEqual({ scope: ["layer1", "layer1.0", "conv1"], label: "conv1" });
    expect(scopeOfName("/bert/encoder/layer.3/attention/self/query/MatMul", "MatMul")).toEqual({
      scope: ["bert", "encoder", "layer.3", "attention", "self", "query"],
      label: "query",
    });
    expect(scopeOfName("/Add_1", "Add")).toEqual({ scope: [], label: "" });
    expect(scopeOfName("Conv_12", "Conv")).toEqual({ scope: [], label: "" });
  });

  it("reads packed repeated numbers as well as unpacked ones", () => {
    // A TensorProto with dims [2, 3] packed (field 1, wire type 2) inside an initializer.
    const tensor = [0x0a, 0x02, 0x02, 0x03, 0x10, 0x01, 0x42, 0x01, 0x77];
    const graph = [0x0a, 0x09, 0x22, 0x04, ...new TextEncoder().encode("Relu"), 0x0a, 0x01, 0x77, 0x2a, tensor.length, ...tensor];
    const model = new Uint8Array([0x08, 0x08, 0x3a, graph.length, ...graph]);
    const decoded = decodeOnnxModel(model);
    expect(decoded.graph!.initializer).toEqual([{ dims: [2, 3], data_type: 1, name: "w" }]);
    expect(decoded.graph!.node).toEqual([{ op_type: "Relu", input: ["w"] }]);
  });

  it("reads If branches as part of the model, their nodes before the If", () => {
    const branch = (name: string) => ({
      name,
      nodes: [{ op: "Conv", name: `/${name}/conv/Conv`, inputs: ["x", `${name}.w`], outputs: [`${name}_out`], attrs: { kernel_shape: [3] } }],
      initializers: [{ name: `${name}.w`, dims: [4, 1, 3] }],
      outputs: [{ name: `${name}_out` }],
    });
    const bytes = writeOnnx({
      nodes: [
        { op: "Equal", name: "/Equal", inputs: ["sr", "k16"], outputs: ["is16"] },
        { op: "If", name: "/If", inputs: ["is16"], outputs: ["y"], attrs: { then_branch: { graph: branch("fast") }, else_branch: { graph: branch("slow") } } },
        { op: "Sigmoid", name: "/out/Sigmoid", inputs: ["y"], outputs: ["p"] },
      ],
      initializers: [{ name: "k16", dims: [1] }],
      inputs: [{ name: "x", dims: [1, 1, 100] }, { name: "sr", dims: [] }],
    });
    const graph = onnxToGraph(decodeOnnxModel(bytes), "vad");
    expect(graph.nodes.map((n) => `${n.op}:${n.scope.join("/")}`)).toEqual(["Equal:", "Conv:If then_branch/fast/conv", "Conv:If else_branch/slow/conv", "If:", "Sigmoid:out"]);
    expect(graph.nodes[3]!.inputs).toEqual(["is16", "fast_out", "slow_out"]);
    expect(graph.nodes[1]!.params).toBe(12);
  });

  it("reports decoding progress from 0 to 1 and keeps a 24 MB weight out of memory", () => {
    const bytes = writeOnnx(tinyMlp({ weightBytes: 24 * 1024 * 1024 }));
    expect(bytes.length).toBeGreaterThan(24 * 1024 * 1024);
    const seen: [number, string][] = [];
    const started = performance.now();
    const result = readArchitecture({ fileName: "mlp.onnx", bytes, onProgress: (f, phase) => seen.push([f, phase]) });
    expect(performance.now() - started).toBeLessThan(2000);
    // Gemm and its ReLU read as one linear layer with its activation.
    expect(result.stats).toEqual({ nodes: 3, rooms: 1, concepts: 2, links: 0 });
    const decoding = seen.filter(([, p]) => p === "decoding").map(([f]) => f);
    const planning = seen.filter(([, p]) => p === "planning").map(([f]) => f);
    expect(decoding[0]).toBe(0);
    expect(decoding[decoding.length - 1]).toBe(1);
    expect(planning[0]).toBe(0);
    expect(planning[planning.length - 1]).toBe(1);
    for (const list of [decoding, planning]) expect([...list].sort((a, b) => a - b)).toEqual(list);
    expect(seen.findIndex(([, p]) => p === "planning")).toBeGreaterThan(seen.findLastIndex(([, p]) => p === "decoding"));
  });
});

describe("ONNX detection and refusals", () => {
  it("tells model files from other files by name and first bytes", () => {
    const onnx = writeOnnx(tinyMlp());
    expect(detectArchitecture("model.onnx", onnx.subarray(0, 16))).toBe("onnx");
    expect(detectArchitecture("download", onnx.subarray(0, 16))).toBe("onnx");
    expect(detectArchitecture("notes.md", new TextEncoder().encode("# Notes\n- one"))).toBeNull();
    expect(detectArchitecture("picture.png", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]))).toBeNull();
  });

  it("refuses a truncated file with a sentence, not a stack trace", () => {
    const bytes = writeOnnx(tinyResNet(2));
    const message = refusal(() => readArchitecture({ fileName: "resnet.onnx", bytes: bytes.subarray(0, Math.floor(bytes.length * 0.6)) }));
    expect(message).toBe("The ONNX file is damaged or cut short: its protobuf data could not be read to the end.");
  });

  it("refuses bytes that are not a model, an empty file and a file over the size limit", () => {
    const noise = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 251);
    expect(refusal(() => readArchitecture({ fileName: "noise.onnx", bytes: noise }))).toMatch(/^The (ONNX file is damaged|file is not an ONNX model)/);
    expect(refusal(() => readArchitecture({ fileName: "noise.bin", bytes: noise }))).toMatch(/not a model Engram reads/);
    expect(refusal(() => readArchitecture({ fileName: "empty.onnx", bytes: new Uint8Array(0) }))).toBe("The file is empty.");
    // A view claiming more bytes than allowed, without allocating them.
    const huge = { length: ARCHITECTURE_MAX_BYTES + 1, subarray: () => new Uint8Array(0) } as unknown as Uint8Array;
    expect(refusal(() => readArchitecture({ fileName: "big.onnx", bytes: huge }))).toBe("The model file is larger than 256 MB, the most Engram reads.");
    expect(refusal(() => readArchitecture({ fileName: "data.onnx", bytes: new TextEncoder().encode('{"a":1}') }))).toMatch(/holds a zip archive or JSON/);
  });

  it("refuses subgraphs nested beyond the limit", () => {
    let g: OnnxGraphSpec = { nodes: [{ op: "Relu", name: "r", inputs: ["x"], outputs: ["y"] }] };
    for (let d = 0; d < 20; d++) g = { nodes: [{ op: "If", name: `if${d}`, inputs: ["c"], outputs: ["y"], attrs: { then_branch: { graph: g } } }] };
    expect(refusal(() => readArchitecture({ fileName: "deep.onnx", bytes: writeOnnx(g) }))).toBe("The model nests subgraphs more than 48 levels deep, more than Engram reads.");
  });

  it("walks a long chain of plumbing without overflowing, folding it into the neighbours", () => {
    const nodes: OnnxNodeSpec[] = [{ op: "Conv", name: "c", inputs: ["x", "w"], outputs: ["v0"] }];
    for (let i = 1; i < 5000; i++) nodes.push({ op: "Identity", name: `i${i}`, inputs: [`v${i - 1}`], outputs: [`v${i}`] });
    nodes.push({ op: "Relu", name: "r", inputs: ["v4999"], outputs: ["y"] });
    const { palace, stats } = readArchitecture({ fileName: "chain.onnx", bytes: writeOnnx({ nodes, initializers: [{ name: "w", dims: [4, 1, 3, 3] }] }) });
    expect(stats).toEqual({ nodes: 5001, rooms: 1, concepts: 2, links: 0 });
    expect(palace.concepts.map((c) => c.title)).toEqual(["Conv 3×3, 4 ch", "Relu"]);
    expect(palace.concepts[1]!.notes).toContain("- Folded in: Identity ×4999");
  });

  it("refuses a model whose graph has no operations", () => {
    expect(refusal(() => readArchitecture({ fileName: "empty.onnx", bytes: writeOnnx({ nodes: [] }) }))).toBe("The file is not an ONNX model: it holds no graph of operations.");
  });

  it("plans a Concat skip as a link from the encoder to the merge", () => {
    const { palace } = readArchitecture({ fileName: "unet.onnx", bytes: writeOnnx(concatSkip()) });
    const title = (key: string) => palace.concepts.find((c) => c.key === key)!.title;
    expect(palace.links.map((l) => [title(l.from), title(l.to), l.label])).toEqual([["Conv 3×3, 1 → 8 ch · Relu", "Concat 2 paths → 8 ch", "skip"]]);
  });
});
