// The blocks phase (blocks.logic): rooms for graphs without module names. Cuts where one tensor
// crosses, folds of identical blocks, stages where the resolution changes, and room names from
// what the rooms hold. Graphs are written here and go through the phases before it.
import { describe, expect, it } from "vitest";
import { describeBlock, ROOM_MAX, type RoomDraft, segmentsOf, structuralRooms, tandemRepeats, uniqueNames } from "~/server/import/arch/blocks.logic";
import { blockContextOf, phasesOf, unitWriting } from "~/tests/helpers/arch-phases";
import type { OnnxGraphSpec, OnnxNodeSpec } from "~/tests/helpers/onnx-writer";

const names = (rooms: RoomDraft[]) => rooms.map((r) => r.name);

/** A flat-named network: a stem, `first` residual blocks, a strided conv, `second` residual blocks, then pool and classifier. */
function flatResNet(first: number, second: number, width = 16): OnnxGraphSpec {
  const nodes: OnnxNodeSpec[] = [];
  let n = 0;
  const id = () => `v${n++}`;
  const conv = (input: string, stride: number, w: string) => {
    const out = id();
    nodes.push({ op: "Conv", name: `Conv_${n}`, inputs: [input, w], outputs: [out], attrs: { kernel_shape: [3, 3], pads: [1, 1, 1, 1], strides: [stride, stride] } });
    return out;
  };
  const relu = (input: string) => {
    const out = id();
    nodes.push({ op: "Relu", name: `Relu_${n}`, inputs: [input], outputs: [out] });
    return out;
  };
  const block = (input: string, w: string) => {
    const c2 = conv(relu(conv(input, 1, w)), 1, w);
    const sum = id();
    nodes.push({ op: "Add", name: `Add_${n}`, inputs: [c2, input], outputs: [sum] });
    return relu(sum);
  };
  let h = relu(conv("x", 2, "w_stem"));
  for (let b = 0; b < first; b++) h = block(h, "w1");
  h = relu(conv(h, 2, "w_down"));
  for (let b = 0; b < second; b++) h = block(h, "w2");
  nodes.push({ op: "GlobalAveragePool", name: "pool", inputs: [h], outputs: ["pooled"] }, { op: "Flatten", name: "flat", inputs: ["pooled"], outputs: ["f"], attrs: { axis: 1 } }, { op: "Gemm", name: "fc", inputs: ["f", "fc_w"], outputs: ["logits"], attrs: { transB: 1 } });
  return {
    name: "flat",
    nodes,
    inputs: [{ name: "x", dims: ["N", 3, "H", "W"] }],
    initializers: [
      { name: "w_stem", dims: [width, 3, 3, 3] },
      { name: "w1", dims: [width, width, 3, 3] },
      { name: "w_down", dims: [2 * width, width, 3, 3] },
      { name: "w2", dims: [2 * width, 2 * width, 3, 3] },
      { name: "fc_w", dims: [10, 2 * width] },
    ],
    outputs: [{ name: "logits" }],
  };
}

describe("segments and repeats", () => {
  it("cuts where a single value crosses, so a residual block stays whole", () => {
    const p = phasesOf({
      inputs: [{ name: "x", dims: [1, 8, 16, 16] }],
      initializers: [{ name: "w", dims: [8, 8, 3, 3] }],
      nodes: [
        { op: "Conv", name: "a", inputs: ["x", "w"], outputs: ["a"], attrs: { kernel_shape: [3, 3], pads: [1, 1, 1, 1] } },
        { op: "Conv", name: "b", inputs: ["a", "w"], outputs: ["b"], attrs: { kernel_shape: [3, 3], pads: [1, 1, 1, 1] } },
        { op: "Conv", name: "c", inputs: ["b", "w"], outputs: ["c"], attrs: { kernel_shape: [3, 3], pads: [1, 1, 1, 1] } },
        { op: "Add", name: "add", inputs: ["c", "a"], outputs: ["add"] },
        { op: "Conv", name: "d", inputs: ["add", "w"], outputs: ["d"], attrs: { kernel_shape: [3, 3], pads: [1, 1, 1, 1] } },
      ],
    });
    expect(segmentsOf(p.units).map((s) => s.map((u) => u.node.name))).toEqual([["a"], ["b", "c", "add"], ["d"]]);
  });

  it("lets no read of a unit gathering outputs from far back hold the blocks before it together", () => {
    const n = 20;
    const nodes: OnnxNodeSpec[] = Array.from({ length: n }, (_, i) => ({ op: i % 2 ? "Tanh" : "Relu", name: `v${i}`, inputs: [i ? `v${i - 1}` : "x"], outputs: [`v${i}`] }));
    // Reads the first output (far back) and the last three (near): a dense network's feature fusion.
    nodes.push({ op: "Concat", name: "fuse", inputs: ["v0", `v${n - 3}`, `v${n - 2}`, `v${n - 1}`], outputs: ["fuse"], attrs: { axis: 1 } });
    const p = phasesOf({ inputs: [{ name: "x", dims: [1, 8] }], nodes });
    expect(segmentsOf(p.units).map((s) => s.length)).toEqual(Array.from({ length: n + 1 }, () => 1));
  });

  it("finds consecutive repeats of any period, greedy from the left", () => {
    expect(tandemRepeats(["s", "b", "b", "b", "c", "d", "c", "d", "e"])).toEqual([
      [1, 1, 3],
      [4, 2, 2],
    ]);
    expect(tandemRepeats(["a", "b", "c"])).toEqual([]);
  });
});

describe("rooms by structure", () => {
  it("folds identical residual blocks per stage, cuts stages where the resolution halves, and ends with a head", () => {
    const [first, second] = [4, 3];
    const p = phasesOf(flatResNet(first, second));
    const { ctx, copies, folds } = blockContextOf(p);
    const rooms = structuralRooms(p.units, ctx);
    const list = names(rooms);
    const folded1 = list.find((n) => n.includes(`×${first}`));
    const folded2 = list.find((n) => n.includes(`×${second}`));
    expect(folded1).toMatch(/^Stage \d+ · 1\/2 · 16 ch · residual block ×4$/);
    expect(folded2).toMatch(/^Stage \d+ · 1\/4 · 32 ch · residual block ×3$/);
    expect(folds).toEqual([`Residual block ×${first}`, `Residual block ×${second}`]);
    // Each block is conv·relu, conv, add, relu: the copies after the first stand for it unit by unit.
    const perBlock = 4;
    expect(copies).toHaveLength((first - 1 + second - 1) * perBlock);
    expect(rooms.find((r) => r.name === folded1)!.units).toHaveLength(perBlock);
    expect(rooms.find((r) => r.name === folded1)!.units.every((u) => u.repeat?.count === first)).toBe(true);
    expect(list[list.length - 1]).toBe("Head");
    expect(rooms[rooms.length - 1]!.units.map((u) => u.node.name)).toContain("fc");
    // Every unit but the copies is in exactly one room.
    const shown = new Set(copies.map(([copy]) => copy));
    expect(rooms.flatMap((r) => r.units.map((u) => u.id)).sort((a, b) => a - b)).toEqual(p.units.filter((u) => !shown.has(u.id)).map((u) => u.id));
    expect(list.some((n) => /Conv_|Add_| … /.test(n))).toBe(false);
  });

  it("keeps a small model whole, named by what it holds", () => {
    const p = phasesOf(flatResNet(1, 0));
    const rooms = structuralRooms(p.units, blockContextOf(p).ctx);
    expect(rooms).toHaveLength(1);
    expect(rooms[0]!.units).toHaveLength(p.units.length);
    expect(rooms[0]!.name).toBe("residual block");
  });

  it("never puts more than ROOM_MAX units in a room when nothing repeats", () => {
    // Each conv has its own dilation, so no two are alike and nothing folds.
    const nodes: OnnxNodeSpec[] = Array.from({ length: 70 }, (_, i) => ({ op: "Conv", name: `n${i}`, inputs: [i ? `v${i - 1}` : "x", "w"], outputs: [`v${i}`], attrs: { kernel_shape: [1, 1], dilations: [i + 1, i + 1] } }));
    const p = phasesOf({ inputs: [{ name: "x", dims: [1, 8, 32, 32] }], initializers: [{ name: "w", dims: [8, 8, 1, 1] }], nodes });
    const rooms = structuralRooms(p.units, blockContextOf(p).ctx);
    expect(rooms.length).toBeGreaterThanOrEqual(Math.ceil(nodes.length / ROOM_MAX));
    expect(rooms.every((r) => r.units.length <= ROOM_MAX)).toBe(true);
    expect(rooms.reduce((s, r) => s + r.units.length, 0)).toBe(nodes.length);
  });
});

describe("block descriptions", () => {
  it("names attention with linear layers an encoder layer, attention alone an attention block", () => {
    const attention: OnnxNodeSpec[] = [
      { op: "MatMul", inputs: ["q", "k"], outputs: ["s"] },
      { op: "Mul", inputs: ["s", "scale"], outputs: ["ss"] },
      { op: "Softmax", inputs: ["ss"], outputs: ["p"], attrs: { axis: -1 } },
      { op: "MatMul", inputs: ["p", "v"], outputs: ["o"] },
    ];
    const spec = (extra: OnnxNodeSpec[]): OnnxGraphSpec => ({
      inputs: [{ name: "q", dims: [1, 4, 10, 16] }, { name: "k", dims: [1, 4, 16, 10] }, { name: "v", dims: [1, 4, 10, 16] }],
      initializers: [{ name: "scale", dims: [], values: [0.25] }, { name: "wo", dims: [16, 16] }],
      nodes: [...attention, ...extra],
    });
    const alone = phasesOf(spec([]));
    expect(describeBlock(alone.units, blockContextOf(alone).ctx)).toBe("Attention block");
    const layer = phasesOf(spec([{ op: "MatMul", inputs: ["o", "wo"], outputs: ["proj"] }, { op: "Relu", inputs: ["proj"], outputs: ["r"] }, { op: "MatMul", inputs: ["r", "wo"], outputs: ["y"] }]));
    expect(layer.units.length).toBeGreaterThan(2);
    expect(describeBlock(layer.units, blockContextOf(layer).ctx)).toBe("Encoder layer");
  });

  it("names a depthwise block with squeeze-and-excitation, and a residual block by its Add", () => {
    const p = phasesOf({
      inputs: [{ name: "x", dims: [1, 8, 16, 16] }],
      initializers: [{ name: "dw", dims: [8, 1, 3, 3] }, { name: "pw", dims: [8, 8, 1, 1] }, { name: "w1", dims: [2, 8, 1, 1] }, { name: "w2", dims: [8, 2, 1, 1] }],
      nodes: [
        { op: "Relu", inputs: ["x"], outputs: ["x0"] },
        { op: "Conv", inputs: ["x0", "dw"], outputs: ["d"], attrs: { kernel_shape: [3, 3], pads: [1, 1, 1, 1], group: 8 } },
        { op: "Relu", inputs: ["d"], outputs: ["dr"] },
        { op: "GlobalAveragePool", inputs: ["dr"], outputs: ["p"] },
        { op: "Conv", inputs: ["p", "w1"], outputs: ["s1"], attrs: { kernel_shape: [1, 1] } },
        { op: "Relu", inputs: ["s1"], outputs: ["s1r"] },
        { op: "Conv", inputs: ["s1r", "w2"], outputs: ["s2"], attrs: { kernel_shape: [1, 1] } },
        { op: "HardSigmoid", inputs: ["s2"], outputs: ["gate"] },
        { op: "Mul", inputs: ["dr", "gate"], outputs: ["se"] },
        { op: "Conv", inputs: ["se", "pw"], outputs: ["out"], attrs: { kernel_shape: [1, 1] } },
        { op: "Add", inputs: ["out", "x0"], outputs: ["y"] },
      ],
    });
    const { ctx } = blockContextOf(p);
    expect(unitWriting(p.units, "se").pattern?.name).toBe("Squeeze-and-excitation");
    expect(ctx.residual.has(unitWriting(p.units, "y").id)).toBe(true);
    expect(describeBlock(p.units, ctx)).toBe("inverted residual + SE");
    const plain = phasesOf(flatResNet(1, 0));
    const add = plain.units.filter((u) => u.node.op === "Add");
    const block = plain.units.slice(plain.units.indexOf(add[0]!) - 2, plain.units.indexOf(add[0]!) + 1);
    expect(describeBlock(block, blockContextOf(plain).ctx)).toBe("residual block");
  });

  it("names branches meeting in one concatenation an Inception block, but not a concatenation gathering earlier blocks", () => {
    const p = phasesOf({
      inputs: [{ name: "x", dims: [1, 8, 16, 16] }],
      initializers: [{ name: "w", dims: [8, 8, 1, 1] }],
      nodes: [
        { op: "Relu", inputs: ["x"], outputs: ["a"] },
        ...["b1", "b2", "b3"].map((b) => ({ op: "Conv", inputs: ["a", "w"], outputs: [b], attrs: { kernel_shape: [1, 1] } })),
        { op: "Concat", inputs: ["b1", "b2", "b3"], outputs: ["cat"], attrs: { axis: 1 } },
        { op: "Conv", inputs: ["cat", "w"], outputs: ["y"], attrs: { kernel_shape: [1, 1] } },
      ],
    });
    const { ctx } = blockContextOf(p);
    expect(describeBlock(p.units, ctx)).toBe("Inception block");
    // The same concatenation seen from a room that starts after the branches: it gathers what came before.
    const cat = p.units.indexOf(unitWriting(p.units, "cat"));
    expect(describeBlock(p.units.slice(cat), ctx)).not.toBe("Inception block");
  });

  it("makes room names unique by numbering the repeats", () => {
    const rooms: RoomDraft[] = ["Head", "Stage 1", "Head", "Head"].map((name) => ({ name, units: [], block: false }));
    uniqueNames(rooms);
    expect(names(rooms)).toEqual(["Head", "Stage 1", "Head · 2", "Head · 3"]);
  });
});
