// The titles phase (titles.logic): an op or pattern with its key numbers, the same words for ONNX
// and Keras, and the palace title. Graphs are written here and go through the phases before it.
import { strToU8 } from "fflate";
import { describe, expect, it } from "vitest";
import { readArchitecture } from "~/server/import/arch";
import { residualMerges } from "~/server/import/arch/links.logic";
import { conceptTitle, isGenericName } from "~/server/import/arch/titles.logic";
import type { Unit } from "~/server/import/arch/units.logic";
import { phasesOf, unitWriting } from "~/tests/helpers/arch-phases";
import { type OnnxGraphSpec, writeOnnx } from "~/tests/helpers/onnx-writer";

const titlesOf = (spec: OnnxGraphSpec) => {
  const p = phasesOf(spec);
  const residual = residualMerges(p.units);
  const title = (u: Unit) => conceptTitle(u, { facts: p.facts, layout: p.graph.layout, residual: residual.has(u.id) });
  return { ...p, title, at: (value: string) => title(unitWriting(p.units, value)) };
};

describe("concept titles", () => {
  it("gives a conv its window, stride and widths, with its norm and activation as steps", () => {
    const [cin, cout] = [16, 32];
    const t = titlesOf({
      inputs: [{ name: "x", dims: [1, cin, 32, 32] }],
      initializers: [{ name: "w", dims: [cout, cin, 3, 3] }, { name: "dw", dims: [cout, 1, 3, 3] }, ...["s", "b", "m", "v"].map((n) => ({ name: n, dims: [cout] }))],
      nodes: [
        { op: "Conv", inputs: ["x", "w"], outputs: ["c"], attrs: { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] } },
        { op: "BatchNormalization", inputs: ["c", "s", "b", "m", "v"], outputs: ["bn"] },
        { op: "Relu", inputs: ["bn"], outputs: ["r"] },
        { op: "Conv", inputs: ["r", "dw"], outputs: ["d"], attrs: { kernel_shape: [3, 3], pads: [1, 1, 1, 1], group: cout } },
      ],
    });
    expect(t.units).toHaveLength(2);
    expect(t.at("r")).toBe(`Conv 3×3 /2, ${cin} → ${cout} ch · BN · Relu`);
    // A depthwise conv keeps its width, so it says it once.
    expect(t.at("d")).toBe(`Depthwise conv 3×3, ${cout} ch`);
  });

  it("tells a residual Add from a plain sum, and names pools, reductions and linear layers by their numbers", () => {
    const t = titlesOf({
      inputs: [{ name: "x", dims: [1, 8, 16, 16] }],
      initializers: [{ name: "w", dims: [8, 8, 3, 3] }, { name: "fc", dims: [8, 10] }, { name: "axes", dims: [1], values: [1], int64: true }],
      nodes: [
        { op: "Relu", inputs: ["x"], outputs: ["a"] },
        { op: "Conv", inputs: ["a", "w"], outputs: ["c"], attrs: { kernel_shape: [3, 3], pads: [1, 1, 1, 1] } },
        { op: "Add", inputs: ["c", "a"], outputs: ["res"] },
        { op: "Sigmoid", inputs: ["res"], outputs: ["s"] },
        { op: "Tanh", inputs: ["res"], outputs: ["t"] },
        { op: "Add", inputs: ["s", "t"], outputs: ["sum"] },
        { op: "MaxPool", inputs: ["sum"], outputs: ["p"], attrs: { kernel_shape: [2, 2], strides: [2, 2] } },
        { op: "ReduceMean", inputs: ["p", "axes"], outputs: ["m"], attrs: { keepdims: 0 } },
        { op: "ReduceMean", inputs: ["m"], outputs: ["g"], attrs: { axes: [2, 3], keepdims: 0 } },
        { op: "MatMul", inputs: ["g", "fc"], outputs: ["y"] },
      ],
    });
    expect(t.at("res")).toBe("Residual add, 8 ch");
    expect(t.at("sum")).toBe("Sum of 2 paths");
    expect(t.at("p")).toBe("Max pool 2×2 /2");
    expect(t.at("m")).toBe("Mean over axis 1");
    expect(t.at("y")).toMatch(/^Linear \S+ → 10$/);
  });

  it("names attention and squeeze-and-excitation by the pattern with its numbers", () => {
    const attention = titlesOf({
      inputs: [{ name: "q", dims: [1, 4, 10, 16] }, { name: "k", dims: [1, 4, 16, 10] }, { name: "v", dims: [1, 4, 10, 16] }],
      initializers: [{ name: "scale", dims: [], values: [0.25] }],
      nodes: [
        { op: "MatMul", inputs: ["q", "k"], outputs: ["s"] },
        { op: "Mul", inputs: ["s", "scale"], outputs: ["ss"] },
        { op: "Softmax", inputs: ["ss"], outputs: ["p"], attrs: { axis: -1 } },
        { op: "MatMul", inputs: ["p", "v"], outputs: ["o"] },
      ],
    });
    expect(attention.at("o")).toBe("Multi-head attention, 4 heads");
    const se = titlesOf({
      inputs: [{ name: "x", dims: [1, 8, 16, 16] }],
      initializers: [{ name: "w1", dims: [2, 8, 1, 1] }, { name: "w2", dims: [8, 2, 1, 1] }],
      nodes: [
        { op: "GlobalAveragePool", inputs: ["x"], outputs: ["p"] },
        { op: "Conv", inputs: ["p", "w1"], outputs: ["c1"], attrs: { kernel_shape: [1, 1] } },
        { op: "Relu", inputs: ["c1"], outputs: ["r"] },
        { op: "Conv", inputs: ["r", "w2"], outputs: ["c2"], attrs: { kernel_shape: [1, 1] } },
        { op: "Sigmoid", inputs: ["c2"], outputs: ["h"] },
        { op: "Mul", inputs: ["x", "h"], outputs: ["y"] },
      ],
    });
    expect(se.at("y")).toBe("Squeeze-and-excitation, 8 → 2 → 8 ch");
  });
});

describe("Keras titles read like ONNX ones", () => {
  // The same network twice: conv /2 with BN and ReLU; depthwise 3×3 with BN and swish, then a pointwise conv with ReLU.
  const [h, cin, cout, wide] = [32, 16, 32, 64];
  const onnx = () =>
    readArchitecture({
      fileName: "net.onnx",
      bytes: writeOnnx({
        inputs: [{ name: "x", dims: [1, cin, h, h] }],
        initializers: [
          { name: "w", dims: [cout, cin, 3, 3] },
          { name: "dw", dims: [cout, 1, 3, 3] },
          { name: "pw", dims: [wide, cout, 1, 1] },
          ...["s", "b", "m", "v"].flatMap((n) => [{ name: `${n}1`, dims: [cout] }, { name: `${n}2`, dims: [cout] }]),
        ],
        nodes: [
          { op: "Conv", inputs: ["x", "w"], outputs: ["c"], attrs: { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] } },
          { op: "BatchNormalization", inputs: ["c", "s1", "b1", "m1", "v1"], outputs: ["bn"] },
          { op: "Relu", inputs: ["bn"], outputs: ["r"] },
          { op: "Conv", inputs: ["r", "dw"], outputs: ["d"], attrs: { kernel_shape: [3, 3], pads: [1, 1, 1, 1], group: cout } },
          { op: "BatchNormalization", inputs: ["d", "s2", "b2", "m2", "v2"], outputs: ["dbn"] },
          { op: "Sigmoid", inputs: ["dbn"], outputs: ["sg"] },
          { op: "Mul", inputs: ["dbn", "sg"], outputs: ["sw"] },
          { op: "Conv", inputs: ["sw", "pw"], outputs: ["p"], attrs: { kernel_shape: [1, 1] } },
          { op: "Relu", inputs: ["p"], outputs: ["y"] },
        ],
        outputs: [{ name: "y" }],
      }),
    }).palace;
  const layer = (cls: string, name: string, config: Record<string, unknown>, from: string) => ({ class_name: cls, name, config: { name, ...config }, inbound_nodes: [[[from, 0, 0, {}]]] });
  const keras = (activation: (name: string, act: string, from: string) => object) =>
    readArchitecture({
      fileName: "net.json",
      bytes: strToU8(
        JSON.stringify({
          class_name: "Functional",
          keras_version: "2.15.0",
          config: {
            name: "model",
            layers: [
              { class_name: "InputLayer", name: "input_1", config: { name: "input_1", batch_input_shape: [null, h, h, cin] }, inbound_nodes: [] },
              layer("Conv2D", "conv2d", { filters: cout, kernel_size: [3, 3], strides: [2, 2], padding: "same", use_bias: false, activation: "linear" }, "input_1"),
              layer("BatchNormalization", "batch_normalization", { axis: -1 }, "conv2d"),
              activation("activation", "relu", "batch_normalization"),
              layer("DepthwiseConv2D", "depthwise_conv2d", { kernel_size: [3, 3], padding: "same", depth_multiplier: 1, activation: "linear" }, "activation"),
              layer("BatchNormalization", "batch_normalization_1", { axis: -1 }, "depthwise_conv2d"),
              activation("activation_1", "swish", "batch_normalization_1"),
              layer("Conv2D", "conv2d_1", { filters: wide, kernel_size: [1, 1], padding: "same", activation: "relu" }, "activation_1"),
            ],
            input_layers: [["input_1", 0, 0]],
            output_layers: [["conv2d_1", 0, 0]],
          },
        }),
      ),
    }).palace;

  it("folds BatchNormalization and an Activation layer into the Keras conv before them, with the words the ONNX path uses", () => {
    const fromOnnx = onnx().concepts.map((c) => c.title);
    const fromKeras = keras((name, act, from) => layer("Activation", name, { activation: act }, from)).concepts.map((c) => c.title);
    expect(fromOnnx[0]).toBe(`Conv 3×3 /2, ${cin} → ${cout} ch · BN · Relu`);
    expect(fromOnnx[1]).toBe(`Depthwise-separable conv 3×3, ${cout} → ${wide} ch · BN · SiLU · Relu`);
    expect(fromKeras).toEqual(fromOnnx);
  });

  it("reads Keras activation layers (ReLU, ReLU with max_value 6) the same way", () => {
    const titles = keras((name, act, from) => (act === "relu" ? layer("ReLU", name, {}, from) : layer("ReLU", name, { max_value: 6 }, from))).concepts.map((c) => c.title);
    expect(titles[0]).toBe(`Conv 3×3 /2, ${cin} → ${cout} ch · BN · Relu`);
    expect(titles[1]).toBe(`Depthwise-separable conv 3×3, ${cout} → ${wide} ch · BN · ReLU6 · Relu`);
  });
});

describe("palace titles", () => {
  it("treats exporters' and frameworks' own names as generic, and people's names as names", () => {
    for (const generic of ["", "torch-jit-export", "torch_jit", "main_graph", "Model from PaddlePaddle.", "model", "graph", "sequential_3", "functional_1"]) expect(isGenericName(generic), generic).toBe(true);
    expect(isGenericName("tf2onnx converted", "tf2onnx")).toBe(true);
    for (const real of ["resnet50", "silero_vad", "ch_PP-OCRv4_det"]) expect(isGenericName(real), real).toBe(false);
  });
});
