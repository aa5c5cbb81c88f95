// The ordering phase (order.logic): data-flow order, who writes and reads each value, and which
// values are static (weights, constants and what is computed from shapes alone).
import { describe, expect, it } from "vitest";
import type { ModelNode } from "~/server/import/arch/graph";
import { indexGraph, topologicalOrder } from "~/server/import/arch/order.logic";

/** Nodes from [name, op, inputs], each writing the value named after it. */
const nodesOf = (list: [string, string, string[]][]): ModelNode[] => list.map(([name, op, inputs]) => ({ name, op, scope: [], label: "", inputs, outputs: [name], attributes: [], summary: "" }));
const namesIn = (nodes: ModelNode[], order: number[]) => order.map((i) => nodes[i]!.name);

describe("data-flow order", () => {
  it("puts producers before consumers and keeps the file's order between independent nodes", () => {
    const nodes = nodesOf([
      ["head", "Gemm", ["body"]],
      ["left", "Relu", ["x"]],
      ["stem", "Conv", ["x"]],
      ["body", "Add", ["stem", "left"]],
      ["side", "Tanh", ["x"]],
    ]);
    const order = namesIn(nodes, topologicalOrder(nodes));
    expect(order).toHaveLength(nodes.length);
    for (const n of nodes) for (const v of n.inputs) if (nodes.some((m) => m.name === v)) expect(order.indexOf(v)).toBeLessThan(order.indexOf(n.name));
    // Ties keep file order: left before stem before side.
    expect(order.filter((n) => ["left", "stem", "side"].includes(n))).toEqual(["left", "stem", "side"]);
  });

  it("keeps file order for a cycle (a damaged file) instead of dropping nodes", () => {
    const nodes = nodesOf([
      ["a", "Relu", ["c"]],
      ["b", "Relu", ["a"]],
      ["c", "Relu", ["b"]],
      ["d", "Relu", ["x"]],
    ]);
    expect(namesIn(nodes, topologicalOrder(nodes))).toEqual(["d", "a", "b", "c"]);
  });

  it("walks a chain of 20,000 nodes without deep recursion", () => {
    const nodes = nodesOf(Array.from({ length: 20_000 }, (_, i) => [`n${i}`, "Relu", [i ? `n${i - 1}` : "x"]] as [string, string, string[]]).reverse());
    const order = topologicalOrder(nodes);
    expect(nodes[order[0]!]!.name).toBe("n0");
    expect(nodes[order[order.length - 1]!]!.name).toBe("n19999");
  });
});

describe("graph index", () => {
  it("finds producers, consumers, and statics: weights, shape arithmetic and what reads only them", () => {
    const nodes = nodesOf([
      ["conv", "Conv", ["x", "w"]],
      ["shape", "Shape", ["conv"]],
      ["dim", "Gather", ["shape", "zero"]],
      ["target", "Concat", ["dim", "minus1"]],
      ["flat", "Reshape", ["conv", "target"]],
      ["scaled_w", "Mul", ["w", "two"]],
      ["fc", "Gemm", ["flat", "scaled_w"]],
    ]);
    const index = indexGraph({ nodes, weights: new Set(["w", "zero", "minus1", "two"]) });
    expect(index.producer.get("flat")).toBe(4);
    expect(index.consumers.get("conv")).toEqual([1, 4]);
    for (const v of ["w", "shape", "dim", "target", "scaled_w"]) expect(index.statics.has(v), v).toBe(true);
    for (const v of ["conv", "flat", "fc", "x"]) expect(index.statics.has(v), v).toBe(false);
    expect([...index.order].map((i) => index.position[i])).toEqual(nodes.map((_, k) => k));
  });
});
