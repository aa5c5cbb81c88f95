import { describe, expect, it } from "vitest";
import {
  CUTAWAY_HEIGHT,
  DOOR_HEIGHT,
  doorSignTexts,
  floorsByTheme,
  layoutKey,
  roomNameTexts,
  wallBoxes,
  type RoomDoor,
  type RoomShape,
} from "~/app/_scene/rooms/room-layout";

const west: RoomShape = { id: "w", name: "West hall", gridX: 0, gridZ: 0, width: 8, depth: 6, height: 4, theme: "slate" };
const east: RoomShape = { id: "e", name: "East hall", gridX: 8, gridZ: 0, width: 6, depth: 6, height: 2.4, theme: "moss" };
const doors = new Map<string, RoomDoor[]>([
  ["w", [{ other: east, position: 3, width: 1.4 }]],
  ["e", [{ other: west, position: 3, width: 1.4 }]],
]);

const inside = (box: { x: number; z: number; sx: number; sz: number }, r: RoomShape) =>
  box.x - box.sx / 2 >= r.gridX - 1e-9 && box.x + box.sx / 2 <= r.gridX + r.width + 1e-9 && box.z - box.sz / 2 >= r.gridZ - 1e-9 && box.z + box.sz / 2 <= r.gridZ + r.depth + 1e-9;

describe("room layout", () => {
  it("splits a wall around its door and puts a lintel over it at full height", () => {
    const boxes = wallBoxes([west], doors, false);
    // North, south and west whole; the east wall in two pieces around the door; one lintel.
    expect(boxes).toHaveLength(6);
    const lintels = boxes.filter((b) => b.y - b.sy / 2 >= DOOR_HEIGHT - 1e-9);
    expect(lintels).toHaveLength(1);
    expect(lintels[0]!.sz).toBeCloseTo(1.4);
    expect(lintels[0]!.z).toBeCloseTo(3);
    const eastPieces = boxes.filter((b) => b.sy === 4 && b.sx < 1 && b.x > 7);
    expect(eastPieces.map((b) => b.sz).reduce((a, b) => a + b, 0)).toBeCloseTo(6 - 1.4);
    for (const box of boxes) expect(inside(box, west)).toBe(true);
  });

  it("cuts walls down and leaves out lintels seen from above", () => {
    const boxes = wallBoxes([west, east], doors, true);
    expect(boxes.every((b) => b.sy === CUTAWAY_HEIGHT)).toBe(true);
    expect(boxes).toHaveLength(10);
    for (const box of boxes) expect(inside(box, west) || inside(box, east)).toBe(true);
  });

  it("signs each door from inside, where the ceiling leaves room for a sign", () => {
    const signs = doorSignTexts([west, east], doors);
    expect(signs.map((s) => s.text)).toEqual(["→ East hall"]);
    // On the west hall's east wall, turned to face back into the west hall.
    expect(signs[0]!.position[0]).toBeLessThan(8);
    expect(signs[0]!.rotation[1]).toBeCloseTo(-Math.PI / 2);
  });

  it("writes each room's name on its floor by the south wall", () => {
    const names = roomNameTexts([west, east]);
    expect(names.map((n) => n.text)).toEqual(["West hall", "East hall"]);
    expect(names[0]!.position[2]).toBeCloseTo(5);
    expect(names[0]!.maxWidth).toBe(7);
  });

  it("groups floors by theme", () => {
    const third = { ...west, id: "t", gridZ: 6 };
    expect([...floorsByTheme([west, east, third])].map(([theme, rooms]) => [theme, rooms.map((r) => r.id)])).toEqual([
      ["slate", ["w", "t"]],
      ["moss", ["e"]],
    ]);
  });

  it("keys the layout by what it is drawn from, not by which arrays hold it", () => {
    const key = layoutKey([west, east], doors);
    expect(layoutKey([{ ...west }, { ...east }], new Map(doors))).toBe(key);
    expect(layoutKey([west, east], new Map([["w", [{ other: east, position: 4, width: 1.4 }]]]))).not.toBe(key);
    expect(layoutKey([{ ...west, name: "Renamed" }, east], doors)).not.toBe(key);
  });
});
