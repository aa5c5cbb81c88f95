// The links phase (links.logic): which Adds are residuals, and what each non-sequential read is
// called. Graphs are written here and go through the phases before it (tests/helpers/arch-phases.ts).
import { describe, expect, it } from "vitest";
import { linksOf, residualMerges } from "~/server/import/arch/links.logic";
import type { Unit } from "~/server/import/arch/units.logic";
import { phasesOf, unitWriting } from "~/tests/helpers/arch-phases";
import type { OnnxNodeSpec } from "~/tests/helpers/onnx-writer";

const x = [{ name: "x", dims: [1, 8, 16, 16] }];
const w = [{ name: "w", dims: [8, 8, 3, 3] }];
const conv = (input: string, output: string): OnnxNodeSpec => ({ op: "Conv", inputs: [input, "w"], outputs: [output], attrs: { kernel_shape: [3, 3], pads: [1, 1, 1, 1] } });

/** Every unit shown once, in route order, each its own representative. */
const plainRoute = (units: Unit[], stageOf: (id: number) => number = () => 0) => ({
  at: new Map(units.map((u, i) => [u.id, i])),
  rep: (id: number) => id,
  skip: () => false,
  stageOf,
  residual: residualMerges(units),
  max: 100,
});

describe("residual merges", () => {
  it("calls an Add residual when one input reaches the other's start through a conv, and a plain sum when nothing on the way has weights", () => {
    const through = phasesOf({ inputs: x, initializers: w, nodes: [{ op: "Relu", inputs: ["x"], outputs: ["a"] }, conv("a", "c"), { op: "Sigmoid", inputs: ["c"], outputs: ["s"] }, { op: "Add", inputs: ["a", "s"], outputs: ["y"] }] });
    expect([...residualMerges(through.units)]).toEqual([unitWriting(through.units, "y").id]);

    const plain = phasesOf({ inputs: x, nodes: [{ op: "Relu", inputs: ["x"], outputs: ["a"] }, { op: "Sigmoid", inputs: ["a"], outputs: ["b"] }, { op: "Tanh", inputs: ["b"], outputs: ["t"] }, { op: "Add", inputs: ["a", "t"], outputs: ["y"] }] });
    expect(plain.units.some((u) => u.node.op === "Add")).toBe(true);
    expect(residualMerges(plain.units).size).toBe(0);
  });

  it("never calls the sum inside re² + im² a residual: it belongs to the magnitude pattern", () => {
    const { units } = phasesOf({
      inputs: [{ name: "re", dims: [1, 64, 10] }, { name: "im", dims: [1, 64, 10] }],
      initializers: [{ name: "two", dims: [], values: [2] }, { name: "k", dims: [8, 64, 3] }],
      nodes: [
        { op: "Conv", inputs: ["re", "k"], outputs: ["rc"], attrs: { kernel_shape: [3], pads: [1, 1] } },
        { op: "Pow", inputs: ["rc", "two"], outputs: ["r2"] },
        { op: "Pow", inputs: ["im", "two"], outputs: ["i2"] },
        { op: "Add", inputs: ["r2", "i2"], outputs: ["sum"] },
        { op: "Sqrt", inputs: ["sum"], outputs: ["mag"] },
      ],
    });
    const add = unitWriting(units, "sum");
    expect(add.pattern?.name).toBe("Magnitude");
    expect(residualMerges(units).has(add.id)).toBe(false);
    expect(linksOf(units, plainRoute(units)).filter((l) => l.label === "residual" || l.label === "sum")).toEqual([]);
  });
});

describe("links", () => {
  it("labels the shortcut into a residual Add 'residual' and into a weightless one 'sum', never the plain next step", () => {
    const residual = phasesOf({ inputs: x, initializers: w, nodes: [{ op: "Relu", inputs: ["x"], outputs: ["a"] }, conv("a", "c1"), { op: "Relu", inputs: ["c1"], outputs: ["r"] }, conv("r", "c2"), { op: "Add", inputs: ["c2", "a"], outputs: ["y"] }] });
    const u = residual.units;
    // The Add reads the previous unit (plain sequence) and the shortcut from "a" (a link).
    expect(linksOf(u, plainRoute(u))).toEqual([{ from: unitWriting(u, "a").id, to: unitWriting(u, "y").id, label: "residual" }]);

    const plain = phasesOf({ inputs: x, nodes: [{ op: "Relu", inputs: ["x"], outputs: ["a"] }, { op: "Sigmoid", inputs: ["a"], outputs: ["b"] }, { op: "Tanh", inputs: ["b"], outputs: ["t"] }, { op: "Add", inputs: ["a", "t"], outputs: ["y"] }] });
    expect(linksOf(plain.units, plainRoute(plain.units)).map((l) => l.label)).toEqual(["sum"]);
  });

  it("calls a concatenation across stages a skip, within one stage a concat, and an elementwise product of two paths a gate", () => {
    const { units } = phasesOf({
      inputs: x,
      initializers: [...w, { name: "w16", dims: [8, 16, 1, 1] }],
      nodes: [
        conv("x", "e"),
        { op: "Relu", inputs: ["e"], outputs: ["er"] },
        conv("er", "m"),
        { op: "Concat", inputs: ["m", "er"], outputs: ["cat"], attrs: { axis: 1 } },
        { op: "Tanh", inputs: ["cat"], outputs: ["t"] },
        { op: "Conv", inputs: ["cat", "w16"], outputs: ["gc"], attrs: { kernel_shape: [1, 1] } },
        { op: "Sigmoid", inputs: ["gc"], outputs: ["g"] },
        { op: "Mul", inputs: ["t", "g"], outputs: ["y"] },
      ],
    });
    const cat = unitWriting(units, "cat").id;
    const label = (stageOf: (id: number) => number) => Object.fromEntries(linksOf(units, plainRoute(units, stageOf)).map((l) => [`${l.from}>${l.to}`, l.label]));
    const from = unitWriting(units, "er").id;
    // The encoder's unit is stage 0, everything from the concat's other input on is stage 1.
    const split = unitWriting(units, "m").id;
    expect(label((id) => (id < split ? 0 : 1))[`${from}>${cat}`]).toBe("skip");
    expect(label(() => 0)[`${from}>${cat}`]).toBe("concat");
    const gate = linksOf(units, plainRoute(units)).filter((l) => l.to === unitWriting(units, "y").id);
    expect(gate.map((l) => [l.from, l.label])).toEqual([[unitWriting(units, "t").id, "gate"]]);
  });

  it("draws a folded copy's links from the copy it repeats, skips the copies themselves, and stops at the cap", () => {
    const nodes: OnnxNodeSpec[] = [{ op: "Relu", inputs: ["x"], outputs: ["a0"] }];
    for (let b = 0; b < 3; b++) nodes.push(conv(`a${b}`, `c${b}`), { op: "Sigmoid", inputs: [`c${b}`], outputs: [`s${b}`] }, { op: "Add", inputs: [`a${b}`, `s${b}`], outputs: [`a${b + 1}`] });
    const { units } = phasesOf({ inputs: x, initializers: w, nodes });
    const all = linksOf(units, plainRoute(units));
    expect(all.map((l) => l.label)).toEqual(["residual", "residual", "residual"]);

    // Show only the first block: the units of blocks 2 and 3 stand for block 1's.
    const perBlock = 3;
    const first = units.slice(0, 1 + perBlock);
    const rep = (id: number) => (id <= perBlock ? id : ((id - 1) % perBlock) + 1);
    const folded = linksOf(units, { ...plainRoute(units), at: new Map(first.map((u, i) => [u.id, i])), rep, skip: (id) => id > perBlock });
    expect(folded).toEqual([all[0]]);
    expect(linksOf(units, { ...plainRoute(units), max: 2 })).toHaveLength(2);
  });
});
