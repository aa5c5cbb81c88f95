import { describe, expect, it } from "vitest";
import { contrastRatio } from "~/app/_scene/contrast";
import { PLAQUE, THEMES } from "~/app/_scene/rooms/palette";
import {
  CUTAWAY_HEIGHT,
  DOOR_HEIGHT,
  floorsByTheme,
  layoutKey,
  roomLabelTexts,
  WALL_THICKNESS,
  wallBoxes,
  wallSigns,
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
  it("splits a wall around its door and closes the wall above it with a lintel in the wall's colour", () => {
    const boxes = wallBoxes([west], doors, false);
    const { boards } = wallSigns([west], doors);
    const structure = boxes.filter((b) => b.colour !== PLAQUE);
    expect(boxes.length - structure.length).toBe(boards.length);
    // North, south and west whole; the east wall in two pieces around the door; a lintel and its casing.
    expect(structure).toHaveLength(7);
    const overDoor = structure.filter((b) => b.y - b.sy / 2 >= DOOR_HEIGHT - 1e-9);
    expect(overDoor).toHaveLength(2);
    const lintel = overDoor.find((b) => b.y + b.sy / 2 >= west.height - 1e-9)!;
    // From the top of the door to the top of the wall, as wide as the door, and no darker than the wall.
    expect(lintel.sz).toBeCloseTo(1.4);
    expect(lintel.z).toBeCloseTo(3);
    expect(lintel.y - lintel.sy / 2).toBeCloseTo(DOOR_HEIGHT);
    expect(lintel.colour).toBe(THEMES.slate.wall);
    const casing = overDoor.find((b) => b !== lintel)!;
    expect(casing.colour).toBe(THEMES.slate.trim);
    expect(casing.sz).toBeGreaterThan(1.4);
    const eastPieces = structure.filter((b) => b.sy === 4 && b.sx < 1 && b.x > 7);
    expect(eastPieces.map((b) => b.sz).reduce((a, b) => a + b, 0)).toBeCloseTo(6 - 1.4);
    for (const box of boxes) expect(inside(box, west)).toBe(true);
  });

  it("cuts walls down and leaves out lintels and boards seen from above", () => {
    const boxes = wallBoxes([west, east], doors, true);
    expect(boxes.every((b) => b.sy === CUTAWAY_HEIGHT)).toBe(true);
    expect(boxes).toHaveLength(10);
    for (const box of boxes) expect(inside(box, west) || inside(box, east)).toBe(true);
  });

  it("signs each door from inside on a board over it, where the ceiling leaves room", () => {
    const { texts, boards } = wallSigns([west, east], doors);
    const signs = texts.filter((t) => t.key.startsWith("sign:"));
    expect(signs.map((s) => s.text)).toEqual(["→ East hall"]);
    // On the west hall's east wall, turned to face back into the west hall, in front of its board.
    const sign = signs[0]!;
    expect(sign.position[0]).toBeLessThan(8 - WALL_THICKNESS);
    expect(sign.rotation[1]).toBeCloseTo(-Math.PI / 2);
    const board = boards[texts.indexOf(sign)]!;
    expect(board.x).toBeGreaterThan(sign.position[0]);
    expect(board.y - board.sy / 2).toBeGreaterThan(DOOR_HEIGHT);
    expect(board.y + board.sy / 2).toBeLessThan(west.height);
    expect(board.sz).toBeGreaterThan(1.4);
  });

  it("hangs a plaque with the room's name on each wall, between doors and above head height", () => {
    const { texts, boards } = wallSigns([west, east], doors);
    const plaques = texts.flatMap((t, i) => (t.key.startsWith("plaque:w:") ? [{ text: t, board: boards[i]! }] : []));
    expect(plaques.map((p) => p.text.text)).toEqual(["West hall", "West hall", "West hall", "West hall"]);
    for (const { text, board } of plaques) {
      expect(inside(board, west)).toBe(true);
      expect(board.y - board.sy / 2).toBeGreaterThan(1.9);
      expect(board.y + board.sy / 2).toBeLessThan(west.height);
      // Not over the door (z 2.3 to 3.7 on the east wall).
      if (board.x > 7) expect(board.z + board.sz / 2 <= 2.3 || board.z - board.sz / 2 >= 3.7).toBe(true);
      expect(text.color).toBe(THEMES.slate.label);
    }
    // The low east hall still gets its plaques, but no door sign.
    expect(texts.filter((t) => t.key.startsWith("plaque:e:")).length).toBeGreaterThan(0);
    expect(texts.some((t) => t.key.startsWith("sign:e:"))).toBe(false);
  });

  it("writes the writing on the walls darker than its board on every theme, at contrast 4.5 or more", () => {
    for (const [theme, look] of Object.entries(THEMES)) expect(contrastRatio(look.label, PLAQUE), theme).toBeGreaterThanOrEqual(4.5);
  });

  it("names each room from above on the middle of its near wall, as a label facing the viewer", () => {
    const names = roomLabelTexts([west, east]);
    expect(names.map((n) => n.text)).toEqual(["West hall", "East hall"]);
    expect(names[0]!.position[0]).toBeCloseTo(4);
    expect(names[0]!.position[1]).toBeGreaterThan(CUTAWAY_HEIGHT);
    expect(names[0]!.position[2]).toBeGreaterThan(5);
    expect(names[0]!.position[2]).toBeLessThan(6);
    expect(names[0]!.label).toMatchObject({ kind: "room", id: "w" });
    expect(names[0]!.label!.minPx).toBeGreaterThanOrEqual(12);
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
