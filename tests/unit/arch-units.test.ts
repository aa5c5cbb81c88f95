// The units phase (units.logic): what becomes one concept. Small graphs written here go through
// the real decoder, shape inference and pattern recognition first (tests/helpers/arch-phases.ts).
import { describe, expect, it } from "vitest";
import { PLUMBING } from "~/server/import/arch/units.logic";
import { phasesOf, unitWriting } from "~/tests/helpers/arch-phases";
import type { OnnxGraphSpec, OnnxNodeSpec } from "~/tests/helpers/onnx-writer";

const scalars = (list: [string, number][]) => list.map(([name, v]) => ({ name, dims: [], values: [v] }));
const opsOf = (nodes: OnnxNodeSpec[]) => nodes.map((n) => n.op);

describe("units", () => {
  it("makes a conv with its hard-swish written out one unit holding all five ops, read by the next conv", () => {
    const nodes: OnnxNodeSpec[] = [
      { op: "Conv", inputs: ["x", "w"], outputs: ["c"], attrs: { kernel_shape: [1, 1] } },
      { op: "Add", inputs: ["c", "three"], outputs: ["a"] },
      { op: "Clip", inputs: ["a", "zero", "six"], outputs: ["k"] },
      { op: "Mul", inputs: ["c", "k"], outputs: ["m"] },
      { op: "Div", inputs: ["m", "six"], outputs: ["hs"] },
      { op: "Conv", inputs: ["hs", "w"], outputs: ["y"], attrs: { kernel_shape: [1, 1] } },
    ];
    const { units } = phasesOf({
      inputs: [{ name: "x", dims: [1, 8, 16, 16] }],
      initializers: [{ name: "w", dims: [8, 8, 1, 1] }, ...scalars([["three", 3], ["zero", 0], ["six", 6]])],
      nodes,
    });
    expect(units).toHaveLength(2);
    const [first, second] = units;
    expect(first!.nodes.map((n) => n.op)).toEqual(opsOf(nodes.slice(0, 5)));
    expect(first!.output).toBe("hs");
    expect(first!.inputs).toEqual(["x"]);
    expect(second!.sources).toEqual([first!.id]);
  });

  it("makes a layer norm written out in nine ops one unit, and the layer after it reads that unit", () => {
    const norm: OnnxNodeSpec[] = [
      { op: "ReduceMean", inputs: ["x"], outputs: ["mean"], attrs: { axes: [-1] } },
      { op: "Sub", inputs: ["x", "mean"], outputs: ["d"] },
      { op: "Pow", inputs: ["d", "two"], outputs: ["sq"] },
      { op: "ReduceMean", inputs: ["sq"], outputs: ["var"], attrs: { axes: [-1] } },
      { op: "Add", inputs: ["var", "eps"], outputs: ["ve"] },
      { op: "Sqrt", inputs: ["ve"], outputs: ["std"] },
      { op: "Div", inputs: ["d", "std"], outputs: ["n"] },
      { op: "Mul", inputs: ["n", "gamma"], outputs: ["g"] },
      { op: "Add", inputs: ["g", "beta"], outputs: ["ln"] },
    ];
    const { units } = phasesOf({
      inputs: [{ name: "x", dims: [1, 10, 64] }],
      initializers: [{ name: "gamma", dims: [64] }, { name: "beta", dims: [64] }, { name: "w", dims: [64, 32] }, ...scalars([["two", 2], ["eps", 1e-5]])],
      nodes: [...norm, { op: "MatMul", inputs: ["ln", "w"], outputs: ["y"] }],
    });
    expect(units.map((u) => u.nodes.length)).toEqual([norm.length, 1]);
    expect(units[0]!.pattern?.name).toBe("LayerNorm");
    expect(units[1]!.sources).toEqual([units[0]!.id]);
  });

  it("folds shape plumbing into the unit that reads it, which still reads the layer behind the plumbing", () => {
    const plumbing: OnnxNodeSpec[] = [
      { op: "Shape", inputs: ["c"], outputs: ["s"] },
      { op: "Gather", inputs: ["s", "zero"], outputs: ["b"], attrs: { axis: 0 } },
      { op: "Unsqueeze", inputs: ["b", "axes"], outputs: ["bu"] },
      { op: "Concat", inputs: ["bu", "minus1"], outputs: ["target"], attrs: { axis: 0 } },
      { op: "Reshape", inputs: ["c", "target"], outputs: ["flat"] },
    ];
    const { units } = phasesOf({
      inputs: [{ name: "x", dims: [1, 8, 4, 4] }],
      initializers: [
        { name: "w", dims: [8, 8, 3, 3] },
        { name: "fc", dims: [10, 128] },
        { name: "zero", dims: [], values: [0], int64: true },
        { name: "axes", dims: [1], values: [0], int64: true },
        { name: "minus1", dims: [1], values: [-1], int64: true },
      ],
      nodes: [{ op: "Conv", inputs: ["x", "w"], outputs: ["c"], attrs: { kernel_shape: [3, 3], pads: [1, 1, 1, 1] } }, ...plumbing, { op: "Gemm", inputs: ["flat", "fc"], outputs: ["y"], attrs: { transB: 1 } }],
    });
    expect(units.map((u) => u.node.op)).toEqual(["Conv", "Gemm"]);
    const gemm = unitWriting(units, "y");
    expect(gemm.sources).toEqual([unitWriting(units, "c").id]);
    expect(gemm.folded.map((n) => n.op).sort()).toEqual(opsOf(plumbing).sort());
    for (const n of gemm.folded) expect(PLUMBING.has(n.op) || n.op === "Gather" || n.op === "Concat").toBe(true);
  });

  it("gives each branch of an If its own units, marked with the branch they sit in", () => {
    const branch = (op: string, out: string): { graph: OnnxGraphSpec } => ({ graph: { name: out, nodes: [{ op, name: `${out}_op`, inputs: ["x"], outputs: [out] }], outputs: [{ name: out }] } });
    const { units } = phasesOf({
      inputs: [{ name: "x", dims: [1, 8] }, { name: "flag", dims: [] }],
      nodes: [
        { op: "If", name: "If_0", inputs: ["flag"], outputs: ["y"], attrs: { then_branch: branch("Relu", "t"), else_branch: branch("Sigmoid", "e") } },
        { op: "Tanh", name: "after", inputs: ["y"], outputs: ["z"] },
      ],
    });
    const within = (op: string) => units.find((u) => u.node.op === op)?.node.within;
    expect(within("Relu")).toEqual({ owner: "If_0", branch: "then_branch" });
    expect(within("Sigmoid")).toEqual({ owner: "If_0", branch: "else_branch" });
    expect(within("Tanh")).toBeUndefined();
    // Both branches run before the If that chooses between them.
    const at = (op: string) => units.findIndex((u) => u.node.op === op);
    expect(Math.max(at("Relu"), at("Sigmoid"))).toBeLessThan(at("If"));
  });

  it("folds an If away when both its branches hold nothing but plumbing", () => {
    const branch = (op: string, out: string): { graph: OnnxGraphSpec } => ({ graph: { name: out, nodes: [{ op, name: `${out}_op`, inputs: ["x"], outputs: [out] }], outputs: [{ name: out }] } });
    const { units } = phasesOf({
      inputs: [{ name: "x", dims: [1, 8] }, { name: "flag", dims: [] }],
      nodes: [
        { op: "Relu", name: "before", inputs: ["x"], outputs: ["r"] },
        { op: "If", name: "If_0", inputs: ["flag"], outputs: ["y"], attrs: { then_branch: branch("Identity", "t"), else_branch: branch("Squeeze", "e") } },
        { op: "Tanh", name: "after", inputs: ["y", "r"], outputs: ["z"] },
      ],
    });
    expect(units.map((u) => u.node.op)).toEqual(["Relu", "Tanh"]);
    expect(units[1]!.folded.map((n) => n.op)).toEqual(expect.arrayContaining(["If", "Identity", "Squeeze"]));
  });

  it("gives a Loop body's layers units marked as the body, and folds the condition pass-through", () => {
    const { units } = phasesOf({
      inputs: [{ name: "h0", dims: [1, 8] }],
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
                inputs: [{ name: "i", dims: [] }, { name: "cond_in", dims: [] }, { name: "h_in", dims: [1, 8] }],
                initializers: [{ name: "wb", dims: [8, 8] }],
                nodes: [
                  { op: "MatMul", name: "step_mm", inputs: ["h_in", "wb"], outputs: ["m"] },
                  { op: "Tanh", name: "step_tanh", inputs: ["m"], outputs: ["h_out"] },
                  { op: "Identity", name: "step_cond", inputs: ["cond_in"], outputs: ["cond_out"] },
                ],
                outputs: [{ name: "cond_out" }, { name: "h_out" }],
              },
            },
          },
        },
      ],
    });
    const inBody = units.filter((u) => u.node.within?.owner === "loop");
    expect(inBody.length).toBeGreaterThan(0);
    expect(inBody.every((u) => u.node.within!.branch === "body")).toBe(true);
    // The body's MatMul reads a weight: a linear layer with its activation folded in.
    expect(inBody.flatMap((u) => u.nodes.map((n) => n.op))).toEqual(expect.arrayContaining(["MatMul", "Tanh"]));
    expect(units.some((u) => u.node.op === "Identity")).toBe(false);
  });
});
