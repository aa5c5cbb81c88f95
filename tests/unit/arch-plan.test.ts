import { describe, expect, it } from "vitest";
import { type TFilePalace, ZFilePalace } from "~/server/domain/transfer/transfer.schema";
import { readArchitecture } from "~/server/import/arch";
import type { ModelGraph, ModelNode } from "~/server/import/arch/graph";
import { planArchitecture, ROOM_MAX } from "~/server/import/arch/plan.logic";
import { seedToGraph } from "~/server/seed/seed.logic";
import { type OnnxNodeSpec, tinyResNet, writeOnnx } from "~/tests/helpers/onnx-writer";

const byRoom = (p: TFilePalace) => p.rooms.map((r) => [r.name, p.concepts.filter((c) => c.place?.room === r.key).map((c) => c.title)]);
const titleOf = (p: TFilePalace, key: string) => p.concepts.find((c) => c.key === key)!.title;

/** A graph straight from nodes given as [name, op, inputs], each writing the value named after it. */
function graphOf(list: [string, string, string[], Partial<ModelNode>?][], name = "g"): ModelGraph {
  return {
    name,
    facts: [],
    inputs: [{ name: "x" }],
    outputs: [],
    nodes: list.map(([n, op, inputs, extra]) => ({ name: n, op, scope: [], label: "", inputs, outputs: [n], attributes: [], summary: "", ...extra })),
    weights: new Set(),
    shapes: new Map(),
  };
}

/** A BERT-like encoder: embeddings, `layers` identical transformer layers, pooler and classifier. */
function bertLike(layers: number): OnnxNodeSpec[] {
  const nodes: OnnxNodeSpec[] = [
    { op: "Gather", name: "/embeddings/word_embeddings/Gather", inputs: ["word.weight", "ids"], outputs: ["emb"] },
    { op: "LayerNormalization", name: "/embeddings/LayerNorm/LayerNormalization", inputs: ["emb", "ln.w", "ln.b"], outputs: ["h0"], attrs: { epsilon: { float: 1e-12 } } },
  ];
  let h = "h0";
  for (let i = 0; i < layers; i++) {
    const p = `/encoder/layer.${i}`;
    const v = (s: string) => `${p}/${s}_out`;
    const mm = (name: string, input: string): OnnxNodeSpec => ({ op: "MatMul", name: `${p}/${name}/MatMul`, inputs: [input, "w64"], outputs: [v(name)] });
    nodes.push(
      mm("attention/self/query", h),
      mm("attention/self/key", h),
      mm("attention/self/value", h),
      { op: "MatMul", name: `${p}/attention/self/MatMul`, inputs: [v("attention/self/query"), v("attention/self/key")], outputs: [v("scores")] },
      { op: "Softmax", name: `${p}/attention/self/Softmax`, inputs: [v("scores")], outputs: [v("probs")], attrs: { axis: -1 } },
      { op: "MatMul", name: `${p}/attention/self/MatMul_1`, inputs: [v("probs"), v("attention/self/value")], outputs: [v("ctx")] },
      mm("attention/output/dense", v("ctx")),
      { op: "Add", name: `${p}/attention/output/Add`, inputs: [v("attention/output/dense"), h], outputs: [v("res1")] },
      { op: "LayerNormalization", name: `${p}/attention/output/LayerNorm/LayerNormalization`, inputs: [v("res1"), "ln.w", "ln.b"], outputs: [v("ln1")] },
      mm("intermediate/dense", v("ln1")),
      { op: "Gelu", name: `${p}/intermediate/intermediate_act_fn/Gelu`, inputs: [v("intermediate/dense")], outputs: [v("gelu")] },
      mm("output/dense", v("gelu")),
      { op: "Add", name: `${p}/output/Add`, inputs: [v("output/dense"), v("ln1")], outputs: [v("res2")] },
      { op: "LayerNormalization", name: `${p}/output/LayerNorm/LayerNormalization`, inputs: [v("res2"), "ln.w", "ln.b"], outputs: [v("ln2")] },
    );
    h = v("ln2");
  }
  nodes.push(
    { op: "Gather", name: "/pooler/Gather", inputs: [h, "zero"], outputs: ["first"], attrs: { axis: 1 } },
    { op: "Gemm", name: "/pooler/dense/Gemm", inputs: ["first", "w64", "b64"], outputs: ["pooled"] },
    { op: "Tanh", name: "/pooler/activation/Tanh", inputs: ["pooled"], outputs: ["pooled_t"] },
    { op: "Gemm", name: "/classifier/Gemm", inputs: ["pooled_t", "cls.w", "cls.b"], outputs: ["logits"], attrs: { transB: 1 } },
  );
  return nodes;
}
const bertInit = [
  { name: "word.weight", dims: [1000, 64] },
  { name: "ln.w", dims: [64] },
  { name: "ln.b", dims: [64] },
  { name: "w64", dims: [64, 64] },
  { name: "b64", dims: [64] },
  { name: "zero", dims: [] },
  { name: "cls.w", dims: [2, 64] },
  { name: "cls.b", dims: [2] },
];

describe("planning rooms from module names", () => {
  it("folds identical residual blocks into one room with a count, keeps the stem and head", () => {
    const { palace, stats } = readArchitecture({ fileName: "tiny-resnet.onnx", bytes: writeOnnx(tinyResNet(3)) });
    expect(byRoom(palace)).toEqual([
      ["conv1, maxpool", ["Conv 7×7 /2, 3 → 16 ch · Relu (conv1)", "Max pool 3×3 /2"]],
      ["layer1 block ×3", ["Conv 3×3, 16 → 16 ch · Relu (conv1)", "Conv 3×3, 16 → 16 ch (conv2)", "Residual add, 16 ch (layer1.0)", "Relu (relu_1)"]],
      ["avgpool, fc", ["Global average pool (avgpool)", "Linear → 10 (fc)"]],
    ]);
    expect(stats).toEqual({ nodes: 3 + 15 + 8, rooms: 3, concepts: 8, links: 1 });
    expect(palace.title).toBe("tiny resnet");
    expect(palace.description).toContain("Repeated blocks shown once: layer1 block ×3.");
    expect(palace.description).toContain("6 plumbing ops folded into their neighbours' notes (Shape, Constant, Gather, Unsqueeze, Concat, Reshape).");
    // 16×3×7×7 + three blocks of two 3×3 convs with bias + fc = 16,442.
    expect(palace.description).toContain("26 operations, 16.4 k parameters.");
    const add = palace.concepts.find((c) => c.title === "Residual add, 16 ch (layer1.0)")!;
    expect(add.notes).toContain("Repeated ×3 (layer1.0, layer1.1, layer1.2)");
    expect(add.notes).toContain("- Output shape: batch×16×8×8");
    expect(add.tags).toEqual(["onnx", "add", "residual", "repeated"]);
    expect(add.place!.shape).toBe("sphere");
    expect(palace.links.map((l) => [titleOf(palace, l.from), titleOf(palace, l.to), l.label])).toEqual([["Max pool 3×3 /2", "Residual add, 16 ch (layer1.0)", "residual"]]);
    // Shape plumbing ends up in the notes of the op that consumes it.
    expect(palace.concepts.find((c) => c.title.startsWith("Linear"))!.notes).toContain("- Folded in: Shape, Constant, Gather, Unsqueeze, Concat, Reshape");
  });

  it("does not fold blocks that differ: each named block keeps its own room, in file order", () => {
    const spec = tinyResNet(2);
    // Give the second block a wider kernel: no longer identical.
    const second = spec.nodes.find((n) => n.name === "/layer1/layer1.1/conv1/Conv")!;
    second.attrs = { ...second.attrs, kernel_shape: [5, 5] };
    const { palace } = readArchitecture({ fileName: "r.onnx", bytes: writeOnnx(spec) });
    expect(palace.rooms.map((r) => r.name)).toEqual(["conv1, maxpool", "layer1.0", "layer1.1", "avgpool, fc"]);
    expect(palace.concepts.filter((c) => c.title.startsWith("Residual add")).map((c) => c.title)).toEqual(["Residual add, 16 ch (layer1.0)", "Residual add, 16 ch (layer1.1)"]);
    expect(palace.description).not.toContain("Repeated blocks");
  });

  it("folds twelve identical transformer layers into one room marked ×12", () => {
    const bytes = writeOnnx({ nodes: bertLike(12), initializers: bertInit, inputs: [{ name: "ids", dims: ["batch", "seq"] }] });
    const { palace, stats } = readArchitecture({ fileName: "bert-tiny.onnx", bytes });
    const names = palace.rooms.map((r) => r.name);
    expect(names[0]).toBe("embeddings");
    expect(names[1]).toBe("encoder layer ×12");
    const layer = byRoom(palace)[1]![1] as string[];
    // Attention reads as one concept; q, k and v stay the linear layers they are.
    expect(layer.filter((t) => /attention/.test(t))).toHaveLength(1);
    expect(layer.filter((t) => t.startsWith("Linear 64 → 64"))).toHaveLength(6);
    expect(layer.some((t) => t.startsWith("MatMul") || t.startsWith("Softmax"))).toBe(false);
    expect(stats.concepts).toBeLessThan(2 + 14 + 4);
    // Every concept says its output shape.
    expect(palace.concepts.every((c) => /- Output shape: (?!unknown)/.test(c.notes ?? ""))).toBe(true);
    // Each layer's two residual Adds: from the layer input and from the first LayerNorm.
    expect(palace.links.filter((l) => l.label === "residual")).toHaveLength(2);
    expect(ZFilePalace.safeParse(palace).success).toBe(true);
  });
});

describe("titles", () => {
  it("names a 1-D convolution by its length, 2-D by its window", () => {
    const bytes = writeOnnx({
      nodes: [
        { op: "Conv", name: "/enc/conv1d/Conv", inputs: ["x", "w1"], outputs: ["a"], attrs: { kernel_shape: [7], strides: [2] } },
        { op: "Relu", name: "/enc/relu/Relu", inputs: ["a"], outputs: ["b"] },
      ],
      initializers: [{ name: "w1", dims: [8, 4, 7] }],
      inputs: [{ name: "x", dims: [1, 4, 100] }],
      outputs: [{ name: "b" }],
    });
    const { palace } = readArchitecture({ fileName: "wave.onnx", bytes });
    const titles = palace.concepts.map((c) => c.title).join(" | ");
    expect(titles).toMatch(/Conv1d k7 \/2, 4 → 8 ch/);
    expect(titles).not.toMatch(/Conv 7\b/);
  });
});

describe("loops", () => {
  it("puts a Loop body in its own room and describes the loop-carried value in words", () => {
    const body = {
      name: "body",
      inputs: [{ name: "i", dims: [] }, { name: "cond_in", dims: [] }, { name: "h_in", dims: [1, 8] }],
      nodes: [
        { op: "MatMul", name: "/step/MatMul", inputs: ["h_in", "wb"], outputs: ["m"] },
        { op: "Tanh", name: "/step/Tanh", inputs: ["m"], outputs: ["h_out"] },
        { op: "Identity", name: "/step/Identity", inputs: ["cond_in"], outputs: ["cond_out"] },
      ],
      initializers: [{ name: "wb", dims: [8, 8] }],
      outputs: [{ name: "cond_out" }, { name: "h_out" }],
    };
    const bytes = writeOnnx({
      nodes: [
        { op: "Loop", name: "/rnn/Loop", inputs: ["trips", "go", "h0"], outputs: ["h"], attrs: { body: { graph: body } } },
        { op: "Relu", name: "/out/Relu", inputs: ["h"], outputs: ["y"] },
      ],
      initializers: [{ name: "trips", dims: [] }, { name: "go", dims: [] }],
      inputs: [{ name: "h0", dims: [1, 8] }],
      outputs: [{ name: "y" }],
    });
    const { palace } = readArchitecture({ fileName: "loop.onnx", bytes });
    const loopRoom = palace.rooms.find((r) => /^Loop\b.*·/.test(r.name));
    expect(loopRoom, palace.rooms.map((r) => r.name).join(" | ")).toBeDefined();
    const inside = palace.concepts.filter((c) => c.place?.room === loopRoom!.key);
    expect(inside.some((c) => /MatMul|Linear|Tanh/i.test(c.title))).toBe(true);
    const notes = palace.concepts.map((c) => c.notes ?? "").join("\n");
    expect(notes).toMatch(/loop-carried value 1 \(starts as h0/);
    expect(notes).not.toMatch(/Reads the model input h_in/);
  });
});

describe("route order and links", () => {
  it("walks the data flow even when the file lists a consumer before its producer", () => {
    const g = graphOf([
      ["head", "Dense", ["body"]],
      ["stem", "Conv2D", ["x"]],
      ["body", "Conv2D", ["stem"]],
    ]);
    const palace = planArchitecture(g, { format: "keras-json" });
    expect(palace.concepts.map((c) => c.title)).toEqual(["Conv", "Conv", "Linear"]);
    const seeded = seedToGraph(palace, { id: "11111111-1111-4111-8111-111111111111", title: "T", description: "", visibility: "private" } as never);
    const byId = new Map(seeded.concepts.map((c) => [c.id, c.title]));
    expect([...seeded.loci].sort((a, b) => a.routeOrder - b.routeOrder).map((l) => byId.get(l.conceptId))).toEqual(["Conv", "Conv", "Linear"]);
  });

  it("links a branch that skips ahead, but not plain sequence", () => {
    const g = graphOf([
      ["a", "Conv", ["x"]],
      ["b", "Relu", ["a"]],
      ["c", "Conv", ["b"]],
      ["d", "Conv", ["a"]],
      ["e", "Concat", ["c", "d"]],
    ]);
    const palace = planArchitecture(g, { format: "onnx" });
    expect(palace.links.map((l) => [l.from, l.to, l.label])).toEqual([
      ["c1", "c4", "branch"],
      ["c3", "c5", "concat"],
    ]);
  });
});

describe("graphs without structure in their names", () => {
  it("never puts more than ROOM_MAX concepts in a room when there is no boundary", () => {
    const list: [string, string, string[], Partial<ModelNode>][] = Array.from({ length: 100 }, (_, i) => [`n${i}`, "Conv", [i ? `n${i - 1}` : "x"], { summary: `${i}` }]);
    const palace = planArchitecture(graphOf(list), { format: "onnx" });
    expect(palace.rooms.length).toBe(Math.ceil(100 / ROOM_MAX));
    expect(palace.concepts).toHaveLength(100);
  });
});

describe("limits", () => {
  const chain = (pairs: number) => {
    const list: [string, string, string[], Partial<ModelNode>?][] = [];
    let prev = "x";
    for (let i = 0; i < pairs; i++) {
      // Sigmoid is no activation folded into its layer by pattern (it often gates), so each pair is two concepts.
      list.push([`conv${i}`, "Conv", [prev], { summary: `${i}` }], [`sig${i}`, "Sigmoid", [`conv${i}`]]);
      prev = `sig${i}`;
    }
    return graphOf(list, "deep");
  };

  it("folds activations into their op when the graph has more concepts than Engram imports", { timeout: 30_000 }, () => {
    const palace = planArchitecture(chain(3000), { format: "onnx" });
    expect(palace.concepts).toHaveLength(3000);
    expect(palace.concepts.every((c) => c.title.startsWith("Conv") && c.title.endsWith("+ 1 ops"))).toBe(true);
    expect(palace.concepts[0]!.kind).toBe("block");
    expect(palace.concepts[0]!.notes).toContain("- Also holds: Sigmoid");
    expect(palace.description).toContain("To fit Engram's limit of 5,000 concepts, 3,000 activations, normalisations and elementwise ops were folded");
    expect(palace.rooms.length).toBeLessThanOrEqual(200);
    expect(ZFilePalace.safeParse(palace).success).toBe(true);
  });

  it("coarsens further into runs of ops rather than refusing", () => {
    const palace = planArchitecture(chain(200), { format: "onnx", maxConcepts: 50 });
    expect(palace.concepts.length).toBeLessThanOrEqual(50);
    expect(palace.description).toMatch(/Still too large, so every \d+ consecutive ops in a room became one concept\./);
    expect(ZFilePalace.safeParse(palace).success).toBe(true);
  });

  it("joins rooms when a model has more modules than a palace has rooms", () => {
    const list: [string, string, string[], Partial<ModelNode>?][] = [];
    let prev = "x";
    for (let m = 0; m < 400; m++) {
      for (const op of ["Conv", "Relu", "MaxPool"]) {
        list.push([`/m${m}/${op.toLowerCase()}/${op}`, op, [prev], { scope: [`m${m}`, op.toLowerCase()], label: op.toLowerCase(), summary: `${m}` }]);
        prev = list[list.length - 1]![0];
      }
    }
    const palace = planArchitecture(graphOf(list), { format: "onnx" });
    // Each module's Conv and ReLU read as one concept.
    expect(palace.concepts).toHaveLength(800);
    expect(palace.rooms.length).toBeLessThanOrEqual(200);
    expect(ZFilePalace.safeParse(palace).success).toBe(true);
  });
});
