// The named-rooms phase (rooms-by-name.logic): exports that kept their module paths get a room per
// module, identical numbered siblings fold into one room "×N", and different ones stay apart.
import { describe, expect, it } from "vitest";
import { roomsByName } from "~/server/import/arch/rooms-by-name.logic";
import type { Unit } from "~/server/import/arch/units.logic";
import { blockContextOf, phasesOf } from "~/tests/helpers/arch-phases";
import { tinyResNet } from "~/tests/helpers/onnx-writer";

const scopeOf = (u: Unit) => u.node.scope;

describe("rooms by module name", () => {
  it("folds identical numbered blocks into the first, reporting every copy unit by unit", () => {
    const blocks = 3;
    const p = phasesOf(tinyResNet(blocks));
    const { ctx, copies, folds } = blockContextOf(p);
    const rooms = roomsByName(p.units, ctx, scopeOf);
    const folded = rooms.find((r) => r.name === `layer1 block ×${blocks}`);
    expect(folded, rooms.map((r) => r.name).join(" | ")).toBeDefined();
    expect(folds).toEqual([`layer1 block ×${blocks}`]);
    // The room holds the first block's units; each later block's units are reported as copies of them.
    const inBlock = (k: number) => p.units.filter((u) => u.node.scope.includes(`layer1.${k}`));
    expect(folded!.units.map((u) => u.id)).toEqual(inBlock(0).map((u) => u.id));
    expect(copies).toEqual(Array.from({ length: blocks - 1 }, (_, k) => inBlock(k + 1).map((u, i) => [u.id, inBlock(0)[i]!.id])).flat());
    expect(folded!.units.every((u) => u.repeat?.names.join() === Array.from({ length: blocks }, (_, k) => `layer1.${k}`).join())).toBe(true);
    // Modules outside the blocks are named by their modules.
    expect(rooms[0]!.name).toBe("conv1, maxpool");
    expect(rooms[rooms.length - 1]!.name).toBe("avgpool, fc");
  });

  it("keeps blocks that differ in their own rooms, in order", () => {
    const spec = tinyResNet(2);
    const second = spec.nodes.find((n) => n.name === "/layer1/layer1.1/conv1/Conv")!;
    second.attrs = { ...second.attrs, kernel_shape: [5, 5], pads: [2, 2, 2, 2] };
    const p = phasesOf(spec);
    const { ctx, copies, folds } = blockContextOf(p);
    const names = roomsByName(p.units, ctx, scopeOf).map((r) => r.name);
    expect(names.filter((n) => n.startsWith("layer1"))).toEqual(["layer1.0", "layer1.1"]);
    expect(copies).toEqual([]);
    expect(folds).toEqual([]);
  });

  it("plans units that carry no names by structure, behind the named ones", () => {
    const p = phasesOf(tinyResNet(2));
    // Strip the names from everything after the stem: those units fall back to structural rooms.
    const named = new Set(p.units.slice(0, 2).map((u) => u.id));
    const rooms = roomsByName(p.units, blockContextOf(p).ctx, (u) => (named.has(u.id) ? u.node.scope : []));
    expect(rooms.reduce((s, r) => s + r.units.length, 0)).toBe(p.units.length);
    expect(rooms.some((r) => /layer1/.test(r.name))).toBe(false);
  });
});
