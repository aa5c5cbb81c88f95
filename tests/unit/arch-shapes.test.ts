import { describe, expect, it } from "vitest";
import type { ModelGraph, ModelNode } from "~/server/import/arch/graph";
import { decodeOnnxModel, onnxToGraph } from "~/server/import/arch/onnx.logic";
import { formatShape, inferShapes, parseShape } from "~/server/import/arch/shapes.logic";
import { type OnnxGraphSpec, writeOnnx } from "~/tests/helpers/onnx-writer";

const graphOf = (spec: OnnxGraphSpec) => onnxToGraph(decodeOnnxModel(writeOnnx(spec)), "t");
const shapeOf = (g: ModelGraph, v: string) => {
  const s = inferShapes(g).shapes.get(v);
  return s ? formatShape(s) : undefined;
};

describe("shape inference", () => {
  it("follows convolutions and pools, keeping open dims as symbols divided by the stride", () => {
    const g = graphOf({
      inputs: [{ name: "x", dims: ["?", 3, "?", "?"] }],
      initializers: [
        { name: "w1", dims: [16, 3, 3, 3] },
        { name: "w2", dims: [16, 1, 3, 3] },
      ],
      nodes: [
        { op: "Conv", inputs: ["x", "w1"], outputs: ["c1"], attrs: { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] } },
        { op: "Conv", inputs: ["c1", "w2"], outputs: ["c2"], attrs: { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1], group: 16 } },
        { op: "MaxPool", inputs: ["c2"], outputs: ["p"], attrs: { kernel_shape: [2, 2], strides: [2, 2] } },
        { op: "GlobalAveragePool", inputs: ["p"], outputs: ["g"] },
        { op: "Flatten", inputs: ["g"], outputs: ["f"], attrs: { axis: 1 } },
      ],
    });
    expect(shapeOf(g, "c1")).toBe("N×16×H/2×W/2");
    expect(shapeOf(g, "p")).toBe("N×16×H/8×W/8");
    expect(shapeOf(g, "f")).toBe("N×16");
  });

  it("computes exact sizes when the input is fixed, including ConvTranspose and Resize by scales", () => {
    const g = graphOf({
      inputs: [{ name: "x", dims: [1, 8, 32, 32] }],
      initializers: [{ name: "w", dims: [8, 4, 2, 2] }, { name: "scales", dims: [4], values: [1, 1, 2, 2] }],
      nodes: [
        { op: "ConvTranspose", inputs: ["x", "w"], outputs: ["up"], attrs: { kernel_shape: [2, 2], strides: [2, 2] } },
        { op: "Resize", inputs: ["up", "", "scales"], outputs: ["r"] },
        { op: "Conv", inputs: ["r", "w"], outputs: ["v"], attrs: { kernel_shape: [2, 2] } },
      ],
    });
    expect(shapeOf(g, "up")).toBe("1×4×64×64");
    expect(shapeOf(g, "r")).toBe("1×4×128×128");
    expect(shapeOf(g, "v")).toBe("1×8×127×127");
  });

  it("reads Reshape, Transpose, Slice and Concat through constant inputs and computed shape vectors", () => {
    const g = graphOf({
      inputs: [{ name: "x", dims: ["batch", 16, 64] }],
      initializers: [
        { name: "heads", dims: [4], values: [0, 16, 4, 16], int64: true },
        { name: "s0", dims: [1], values: [0], int64: true },
        { name: "s1", dims: [1], values: [8], int64: true },
        { name: "ax", dims: [1], values: [2], int64: true },
        { name: "i2", dims: [], values: [2], int64: true },
      ],
      nodes: [
        { op: "Reshape", inputs: ["x", "heads"], outputs: ["r"] },
        { op: "Transpose", inputs: ["r"], outputs: ["t"], attrs: { perm: [0, 2, 1, 3] } },
        { op: "Slice", inputs: ["t", "s0", "s1", "ax"], outputs: ["sl"] },
        { op: "Concat", inputs: ["sl", "sl"], outputs: ["cat"], attrs: { axis: 2 } },
        { op: "Shape", inputs: ["x"], outputs: ["shape"] },
        { op: "Gather", inputs: ["shape", "i2"], outputs: ["width"] },
        { op: "MatMul", inputs: ["cat", "cat"], outputs: ["mm"] },
      ],
    });
    expect(shapeOf(g, "r")).toBe("batch×16×4×16");
    expect(shapeOf(g, "t")).toBe("batch×4×16×16");
    expect(shapeOf(g, "sl")).toBe("batch×4×8×16");
    expect(shapeOf(g, "cat")).toBe("batch×4×16×16");
    expect(inferShapes(g).values.get("width")).toEqual([64]);
    expect(shapeOf(g, "mm")).toBe("batch×4×16×16");
  });

  it("gives an LSTM its sequence, direction, batch and hidden dims, and broadcasts elementwise ops", () => {
    const g = graphOf({
      inputs: [{ name: "x", dims: ["seq", 1, 32] }],
      initializers: [{ name: "W", dims: [2, 256, 32] }, { name: "R", dims: [2, 256, 64] }, { name: "b", dims: [64] }],
      nodes: [
        { op: "LSTM", inputs: ["x", "W", "R"], outputs: ["y", "h", "c"], attrs: { hidden_size: 64, direction: "bidirectional" } },
        { op: "Add", inputs: ["y", "b"], outputs: ["yb"] },
      ],
    });
    expect(shapeOf(g, "y")).toBe("seq×2×1×64");
    expect(shapeOf(g, "h")).toBe("2×1×64");
    expect(shapeOf(g, "yb")).toBe("seq×2×1×64");
  });

  it("follows values into both branches of an If and through a Loop body, out to the ops after them", () => {
    const branch = (op: string, out: string): { graph: OnnxGraphSpec } => ({ graph: { name: out, nodes: [{ op, name: `${out}_op`, inputs: ["x"], outputs: [out] }], outputs: [{ name: out }] } });
    const ifGraph = graphOf({
      inputs: [{ name: "x", dims: ["N", 8] }, { name: "flag", dims: [] }],
      initializers: [{ name: "w", dims: [8, 3] }],
      nodes: [
        { op: "If", name: "If_0", inputs: ["flag"], outputs: ["y"], attrs: { then_branch: branch("Relu", "t"), else_branch: branch("Sigmoid", "e") } },
        { op: "MatMul", name: "after", inputs: ["y", "w"], outputs: ["z"] },
      ],
    });
    for (const v of ["t", "e", "y"]) expect(shapeOf(ifGraph, v), v).toBe("N×8");
    expect(shapeOf(ifGraph, "z")).toBe("N×3");
    const loop = graphOf({
      inputs: [{ name: "h0", dims: [2, 8] }],
      initializers: [{ name: "trips", dims: [], values: [4], int64: true }, { name: "go", dims: [] }],
      nodes: [
        {
          op: "Loop",
          name: "loop",
          inputs: ["trips", "go", "h0"],
          outputs: ["h"],
          attrs: {
            body: {
              graph: {
                name: "body",
                inputs: [{ name: "i", dims: [] }, { name: "cond_in", dims: [] }, { name: "h_in", dims: [2, 8] }],
                initializers: [{ name: "wb", dims: [8, 8] }],
                nodes: [
                  { op: "MatMul", name: "mm", inputs: ["h_in", "wb"], outputs: ["m"] },
                  { op: "Tanh", name: "tn", inputs: ["m"], outputs: ["h_out"] },
                  { op: "Identity", name: "ci", inputs: ["cond_in"], outputs: ["cond_out"] },
                ],
                outputs: [{ name: "cond_out" }, { name: "h_out" }],
              },
            },
          },
        },
      ],
    });
    expect(shapeOf(loop, "m")).toBe("2×8");
    expect(shapeOf(loop, "h")).toBe("2×8");
  });

  it("says nothing rather than guessing when an input's shape is unknown", () => {
    const node = (name: string, op: string, inputs: string[]): ModelNode => ({ name, op, scope: [], label: "", inputs, outputs: [name], attributes: [], summary: "", attrs: {} });
    const g: ModelGraph = { name: "g", facts: [], inputs: [{ name: "x" }], outputs: [], nodes: [node("a", "Relu", ["x"]), node("b", "Conv", ["a", "w"])], weights: new Set(["w"]), shapes: new Map() };
    expect(inferShapes(g).shapes.has("a")).toBe(false);
    expect(inferShapes(g).shapes.has("b")).toBe(false);
  });

  it("reads Keras layers channels-last: same padding, strides, depthwise, pooling and dense", () => {
    const node = (name: string, op: string, inputs: string[], attrs: ModelNode["attrs"]): ModelNode => ({ name, op, scope: [], label: "", inputs, outputs: [name], attributes: [], summary: "", attrs });
    const g: ModelGraph = {
      name: "k",
      facts: [],
      inputs: [{ name: "in", shape: "?×224×224×3" }],
      outputs: [],
      nodes: [
        node("c", "Conv2D", ["in"], { filters: 32, kernel_size: [3, 3], strides: [2, 2], padding: "same" }),
        node("d", "DepthwiseConv2D", ["c"], { kernel_size: [3, 3], strides: [1, 1], padding: "valid" }),
        node("p", "MaxPooling2D", ["d"], { pool_size: [2, 2], padding: "valid" }),
        node("g", "GlobalAveragePooling2D", ["p"], {}),
        node("fc", "Dense", ["g"], { units: 10 }),
      ],
      weights: new Set(),
      shapes: new Map(),
      layout: "channels-last",
    };
    const { shapes } = inferShapes(g);
    expect(["c", "d", "p", "g", "fc"].map((v) => formatShape(shapes.get(v)!))).toEqual(["N×112×112×32", "N×110×110×32", "N×55×55×32", "N×32", "N×10"]);
  });

  it("parses recorded shapes, reading exporters' anonymous dims as unknown", () => {
    expect(parseShape("1×3×224×224")).toEqual([1, 3, 224, 224]);
    expect(parseShape("unk__12×p2o.DynamicDimension.0×batch")).toEqual(["?", "?", "batch"]);
    expect(parseShape("scalar")).toEqual([]);
  });
});
