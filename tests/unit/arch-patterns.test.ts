import { describe, expect, it } from "vitest";
import { readArchitecture } from "~/server/import/arch";
import { decodeOnnxModel, onnxToGraph } from "~/server/import/arch/onnx.logic";
import { indexGraph } from "~/server/import/arch/order.logic";
import { recognisePatterns } from "~/server/import/arch/patterns.logic";
import { inferShapes } from "~/server/import/arch/shapes.logic";
import { type OnnxGraphSpec, type OnnxNodeSpec, writeOnnx } from "~/tests/helpers/onnx-writer";

const scalars = (list: [string, number][]) => list.map(([name, v]) => ({ name, dims: [], values: [v] }));
const patternsOf = (spec: OnnxGraphSpec) => {
  const g = onnxToGraph(decodeOnnxModel(writeOnnx(spec)), "t");
  const index = indexGraph(g);
  return recognisePatterns(g, index, inferShapes(g)).map((f) => ({ name: f.name, ops: f.nodes.map((i) => g.nodes[i]!.op), steps: f.steps, detail: f.detail }));
};
const x = [{ name: "x", dims: [1, 8, 16, 16] }];

describe("pattern recognition", () => {
  it("reads hard-swish written as Add, Clip, Mul, Div and folds it into the conv before it", () => {
    const found = patternsOf({
      inputs: x,
      initializers: [{ name: "w", dims: [8, 8, 1, 1] }, ...scalars([["three", 3], ["zero", 0], ["six", 6]])],
      nodes: [
        { op: "Conv", inputs: ["x", "w"], outputs: ["c"], attrs: { kernel_shape: [1, 1] } },
        { op: "Add", inputs: ["c", "three"], outputs: ["a"] },
        { op: "Clip", inputs: ["a", "zero", "six"], outputs: ["k"] },
        { op: "Mul", inputs: ["c", "k"], outputs: ["m"] },
        { op: "Div", inputs: ["m", "six"], outputs: ["y"] },
      ],
    });
    expect(found).toEqual([{ name: "Conv", ops: ["Conv", "Add", "Clip", "Mul", "Div"], steps: ["HardSwish"], detail: undefined }]);
  });

  it("reads GELU in its erf form and SiLU, each after a linear layer, as that layer's activation", () => {
    const found = patternsOf({
      inputs: [{ name: "x", dims: [1, 10, 16] }],
      initializers: [{ name: "w", dims: [16, 16] }, ...scalars([["sqrt2", Math.SQRT2], ["one", 1], ["half", 0.5]])],
      nodes: [
        { op: "MatMul", inputs: ["x", "w"], outputs: ["a"] },
        { op: "Div", inputs: ["a", "sqrt2"], outputs: ["d"] },
        { op: "Erf", inputs: ["d"], outputs: ["e"] },
        { op: "Add", inputs: ["e", "one"], outputs: ["e1"] },
        { op: "Mul", inputs: ["a", "e1"], outputs: ["g"] },
        { op: "Mul", inputs: ["g", "half"], outputs: ["gelu"] },
        { op: "MatMul", inputs: ["gelu", "w"], outputs: ["b"] },
        { op: "Sigmoid", inputs: ["b"], outputs: ["s"] },
        { op: "Mul", inputs: ["b", "s"], outputs: ["y"] },
      ],
    });
    expect(found.map((f) => [f.name, f.ops.length, f.steps])).toEqual([
      ["Linear", 6, ["GELU"]],
      ["Linear", 3, ["SiLU"]],
    ]);
  });

  it("reads a layer norm written out in nine ops as one LayerNorm", () => {
    const found = patternsOf({
      inputs: [{ name: "x", dims: [1, 10, 64] }],
      initializers: [{ name: "gamma", dims: [64] }, { name: "beta", dims: [64] }, ...scalars([["two", 2], ["eps", 1e-5]]), { name: "axes", dims: [1], values: [-1], int64: true }],
      nodes: [
        { op: "ReduceMean", inputs: ["x"], outputs: ["mean"], attrs: { axes: [-1] } },
        { op: "Sub", inputs: ["x", "mean"], outputs: ["d"] },
        { op: "Pow", inputs: ["d", "two"], outputs: ["sq"] },
        { op: "ReduceMean", inputs: ["sq"], outputs: ["var"], attrs: { axes: [-1] } },
        { op: "Add", inputs: ["var", "eps"], outputs: ["ve"] },
        { op: "Sqrt", inputs: ["ve"], outputs: ["std"] },
        { op: "Div", inputs: ["d", "std"], outputs: ["n"] },
        { op: "Mul", inputs: ["n", "gamma"], outputs: ["g"] },
        { op: "Add", inputs: ["g", "beta"], outputs: ["y"] },
      ],
    });
    expect(found.map((f) => [f.name, f.ops.length])).toEqual([["LayerNorm", 9]]);
  });

  it("reads scaled dot-product attention with its head split as multi-head attention", () => {
    const found = patternsOf({
      inputs: [{ name: "q", dims: [1, 4, 10, 16] }, { name: "k", dims: [1, 4, 16, 10] }, { name: "v", dims: [1, 4, 10, 16] }],
      initializers: scalars([["scale", 0.25]]),
      nodes: [
        { op: "MatMul", inputs: ["q", "k"], outputs: ["s"] },
        { op: "Mul", inputs: ["s", "scale"], outputs: ["ss"] },
        { op: "Softmax", inputs: ["ss"], outputs: ["p"], attrs: { axis: -1 } },
        { op: "MatMul", inputs: ["p", "v"], outputs: ["o"] },
      ],
    });
    expect(found).toEqual([{ name: "Multi-head attention", ops: ["MatMul", "Mul", "Softmax", "MatMul"], steps: [], detail: "4 heads" }]);
  });

  it("reads squeeze-and-excitation: pool, bottleneck, gate, multiply", () => {
    const found = patternsOf({
      inputs: x,
      initializers: [{ name: "w1", dims: [2, 8, 1, 1] }, { name: "w2", dims: [8, 2, 1, 1] }],
      nodes: [
        { op: "GlobalAveragePool", inputs: ["x"], outputs: ["p"] },
        { op: "Conv", inputs: ["p", "w1"], outputs: ["c1"], attrs: { kernel_shape: [1, 1] } },
        { op: "Relu", inputs: ["c1"], outputs: ["r"] },
        { op: "Conv", inputs: ["r", "w2"], outputs: ["c2"], attrs: { kernel_shape: [1, 1] } },
        { op: "HardSigmoid", inputs: ["c2"], outputs: ["h"] },
        { op: "Mul", inputs: ["x", "h"], outputs: ["y"] },
      ],
    });
    expect(found.map((f) => [f.name, f.ops.length, f.detail])).toEqual([["Squeeze-and-excitation", 6, "8 → 2 → 8 ch"]]);
  });

  it("links an Add as residual only when one side goes through weights, never for the sum of squares", () => {
    const residual: OnnxNodeSpec[] = [
      { op: "Relu", inputs: ["x"], outputs: ["a"] },
      { op: "Conv", inputs: ["a", "w"], outputs: ["c"], attrs: { kernel_shape: [3, 3], pads: [1, 1, 1, 1] } },
      { op: "Sigmoid", inputs: ["c"], outputs: ["s"] },
      { op: "Add", inputs: ["a", "s"], outputs: ["y"] },
    ];
    const plain: OnnxNodeSpec[] = [
      { op: "Relu", inputs: ["x"], outputs: ["a"] },
      { op: "Sigmoid", inputs: ["a"], outputs: ["b"] },
      { op: "Tanh", inputs: ["b"], outputs: ["t"] },
      { op: "Add", inputs: ["a", "t"], outputs: ["y"] },
    ];
    const labels = (nodes: OnnxNodeSpec[]) => readArchitecture({ fileName: "m.onnx", bytes: writeOnnx({ nodes, inputs: x, initializers: [{ name: "w", dims: [8, 8, 3, 3] }] }) }).palace.links.map((l) => l.label);
    expect(labels(residual)).toEqual(["residual"]);
    expect(labels(plain)).toEqual(["sum"]);
  });

  it("names If branches as rooms with their condition in words", () => {
    const branch = (op: string, out: string): { graph: OnnxGraphSpec } => ({ graph: { name: out, nodes: [{ op, name: `${out}_n`, inputs: ["x"], outputs: [out] }], outputs: [{ name: out }] } });
    const { palace } = readArchitecture({
      fileName: "branchy.onnx",
      bytes: writeOnnx({
        inputs: [{ name: "x", dims: [1, 8] }, { name: "sr", dims: [] }],
        initializers: [{ name: "k", dims: [], values: [16000], int64: true }],
        nodes: [
          { op: "Equal", inputs: ["sr", "k"], outputs: ["cond"] },
          { op: "If", name: "If_0", inputs: ["cond"], outputs: ["y"], attrs: { then_branch: branch("Relu", "t"), else_branch: branch("Sigmoid", "e") } },
        ],
      }),
    });
    const names = palace.rooms.map((r) => r.name);
    expect(names.some((n) => n.startsWith("If sr = 16000 · then branch"))).toBe(true);
    expect(names.some((n) => n.startsWith("If sr = 16000 · else branch"))).toBe(true);
    expect(names.some((n) => /If_0|_branch/.test(n))).toBe(false);
  });
});
