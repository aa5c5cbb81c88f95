import { describe, expect, it } from "vitest";
import {
  CEILING_MARGIN,
  defaultDoorPosition,
  doorFits,
  pointInRoom,
  type Rect,
  rectsOverlap,
  sharedWall,
  WALL_MARGIN,
  wallLayout,
  type WallPiece,
} from "~/server/domain/room/room.logic";

const rect = (gridX: number, gridZ: number, width: number, depth: number): Rect => ({ gridX, gridZ, width, depth });
const box = (width: number, depth: number, height: number) => ({ gridX: 0, gridZ: 0, width, depth, height });

const pieceLength = (p: WallPiece) => Math.hypot(p.x1 - p.x0, p.z1 - p.z0);
const perimeter = (r: Rect) => 2 * (r.width + r.depth);

describe("rectsOverlap", () => {
  const a = rect(0, 0, 8, 8);

  it.each([
    ["partly overlapping", rect(4, 4, 8, 8)],
    ["identical", rect(0, 0, 8, 8)],
    ["contained", rect(2, 2, 3, 3)],
    ["containing", rect(-5, -5, 20, 20)],
    ["crossing like a plus sign", rect(3, -4, 3, 16)],
  ])("is true for %s rectangles, in either order", (_name, b) => {
    expect(rectsOverlap(a, b)).toBe(true);
    expect(rectsOverlap(b, a)).toBe(true);
  });

  it.each([
    ["touching on the east wall", rect(8, 0, 6, 8)],
    ["touching on the west wall", rect(-6, 0, 6, 8)],
    ["touching on the north wall", rect(0, -6, 8, 6)],
    ["touching on the south wall", rect(0, 8, 8, 6)],
    ["touching at a corner", rect(8, 8, 4, 4)],
    ["apart", rect(20, 20, 4, 4)],
  ])("is false for rectangles %s, in either order", (_name, b) => {
    // Rooms share walls, so touching edges must not count as overlap or no two rooms could meet.
    expect(rectsOverlap(a, b)).toBe(false);
    expect(rectsOverlap(b, a)).toBe(false);
  });
});

describe("sharedWall", () => {
  const a = rect(0, 0, 8, 8);

  it("finds the east wall of the first room, along z", () => {
    expect(sharedWall(a, rect(8, 2, 6, 10))).toEqual({ axis: "x", at: 8, from: 2, to: 8 });
  });

  it("finds the west wall of the first room, along z", () => {
    expect(sharedWall(a, rect(-6, -3, 6, 5))).toEqual({ axis: "x", at: 0, from: 0, to: 2 });
  });

  it("finds the north wall (smaller z) of the first room, along x", () => {
    expect(sharedWall(a, rect(5, -4, 10, 4))).toEqual({ axis: "z", at: 0, from: 5, to: 8 });
  });

  it("finds the south wall (larger z) of the first room, along x", () => {
    expect(sharedWall(a, rect(-2, 8, 6, 3))).toEqual({ axis: "z", at: 8, from: 0, to: 4 });
  });

  it("gives the same wall whichever room comes first", () => {
    for (const b of [rect(8, 2, 6, 10), rect(-6, -3, 6, 5), rect(5, -4, 10, 4), rect(-2, 8, 6, 3)]) {
      expect(sharedWall(b, a)).toEqual(sharedWall(a, b));
    }
  });

  it("covers the whole side when the rooms line up exactly", () => {
    expect(sharedWall(a, rect(8, 0, 8, 8))).toEqual({ axis: "x", at: 8, from: 0, to: 8 });
  });

  it.each([
    ["south-east", rect(8, 8, 4, 4)],
    ["north-east", rect(8, -4, 4, 4)],
    ["south-west", rect(-4, 8, 4, 4)],
    ["north-west", rect(-4, -4, 4, 4)],
  ])("is null when the rooms only touch at the %s corner", (_corner, b) => {
    expect(sharedWall(a, b)).toBeNull();
    expect(sharedWall(b, a)).toBeNull();
  });

  it.each([
    ["a one-metre gap to the east", rect(9, 0, 6, 8)],
    ["a one-metre gap to the south", rect(0, 9, 8, 6)],
    ["the same line but past the end", rect(8, 10, 4, 4)],
    ["far away", rect(100, 100, 4, 4)],
  ])("is null with %s", (_name, b) => {
    expect(sharedWall(a, b)).toBeNull();
    expect(sharedWall(b, a)).toBeNull();
  });
});

describe("doorFits", () => {
  const wall = { axis: "x" as const, at: 8, from: 0, to: 8 };
  const width = 1.4;
  // The door's half-width plus the 0.2 m jamb: the nearest a door centre may come to a wall end.
  const reach = width / 2 + 0.2;

  it("fits in the middle of a wall", () => {
    expect(doorFits(wall, defaultDoorPosition(wall), width)).toBe(true);
  });

  it("fits exactly at the jamb on either end", () => {
    expect(doorFits(wall, wall.from + reach, width)).toBe(true);
    expect(doorFits(wall, wall.to - reach, width)).toBe(true);
  });

  it("does not fit a centimetre past the jamb on either end", () => {
    expect(doorFits(wall, wall.from + reach - 0.01, width)).toBe(false);
    expect(doorFits(wall, wall.to - reach + 0.01, width)).toBe(false);
  });

  it("does not fit outside the wall at all", () => {
    expect(doorFits(wall, -3, width)).toBe(false);
    expect(doorFits(wall, 12, width)).toBe(false);
  });

  it("needs the door plus both jambs on a short wall", () => {
    expect(doorFits({ axis: "z", at: 0, from: 5, to: 6.8 }, 5.9, width)).toBe(true);
    expect(doorFits({ axis: "z", at: 0, from: 5, to: 6.79 }, 5.895, width)).toBe(false);
  });

  it("measures along the shared stretch, not the whole side", () => {
    const partial = sharedWall(rect(0, 0, 8, 8), rect(8, 5, 6, 6))!;
    expect(partial).toMatchObject({ from: 5, to: 8 });
    expect(doorFits(partial, 6.5, width)).toBe(true);
    expect(doorFits(partial, 4, width)).toBe(false);
  });
});

describe("defaultDoorPosition", () => {
  it("is the middle of the shared stretch", () => {
    expect(defaultDoorPosition({ axis: "z", at: 8, from: 3, to: 11 })).toBe(7);
  });
});

describe("pointInRoom", () => {
  const room = box(8, 6, 3.5);
  const top = room.height - CEILING_MARGIN;

  it("accepts points on the margins themselves", () => {
    expect(pointInRoom(room, WALL_MARGIN, 0, WALL_MARGIN)).toBe(true);
    expect(pointInRoom(room, room.width - WALL_MARGIN, top, room.depth - WALL_MARGIN)).toBe(true);
  });

  it("accepts the centre of the floor", () => {
    expect(pointInRoom(room, 4, 0, 3)).toBe(true);
  });

  it.each([
    ["too close to the west wall", WALL_MARGIN - 0.01, 0, 3],
    ["too close to the east wall", room.width - WALL_MARGIN + 0.01, 0, 3],
    ["too close to the north wall", 4, 0, WALL_MARGIN - 0.01],
    ["too close to the south wall", 4, 0, room.depth - WALL_MARGIN + 0.01],
    ["below the floor", 4, -0.01, 3],
    ["too close to the ceiling", 4, top + 0.01, 3],
    ["outside entirely", -2, 0, 50],
  ])("refuses a point %s", (_name, x, y, z) => {
    expect(pointInRoom(room, x, y, z)).toBe(false);
  });

  it("works in room-local coordinates, ignoring where the room sits on the plan", () => {
    const moved = { ...room, gridX: 100, gridZ: -40 };
    expect(pointInRoom(moved, 4, 0, 3)).toBe(true);
    expect(pointInRoom(moved, 104, 0, 3)).toBe(false);
  });
});


describe("wallLayout", () => {
  const room = rect(0, 0, 8, 6);

  it("stands one piece on each of the four sides when there are no doors", () => {
    const { pieces, gaps } = wallLayout(room, []);
    expect(gaps).toEqual([]);
    expect(pieces).toHaveLength(4);
    expect(pieces).toEqual(
      expect.arrayContaining([
        { side: "north", x0: 0, z0: 0, x1: 8, z1: 0 },
        { side: "south", x0: 0, z0: 6, x1: 8, z1: 6 },
        { side: "west", x0: 0, z0: 0, x1: 0, z1: 6 },
        { side: "east", x0: 8, z0: 0, x1: 8, z1: 6 },
      ]),
    );
    expect(pieces.reduce((sum, p) => sum + pieceLength(p), 0)).toBeCloseTo(perimeter(room), 9);
  });

  it("splits a wall around a door and reports the opening on the right side", () => {
    const { pieces, gaps } = wallLayout(room, [{ other: rect(8, 0, 6, 6), position: 3, width: 1.4 }]);
    expect(gaps).toEqual([{ side: "east", x: 8, z: 3, width: 1.4 }]);
    const east = pieces.filter((p) => p.side === "east");
    expect(east).toHaveLength(2);
    expect(east[0]).toMatchObject({ x0: 8, x1: 8, z0: 0 });
    expect(east[0]!.z1).toBeCloseTo(2.3, 9);
    expect(east[1]!.z0).toBeCloseTo(3.7, 9);
    expect(east[1]).toMatchObject({ z1: 6 });
  });

  it("places doors on all four sides", () => {
    const doors = [
      { other: rect(0, -5, 8, 5), position: 2, width: 1.4 },
      { other: rect(-5, 0, 5, 6), position: 4, width: 1.4 },
      { other: rect(8, 0, 5, 6), position: 2, width: 1.4 },
      { other: rect(2, 6, 5, 5), position: 5, width: 1.4 },
    ];
    const { pieces, gaps } = wallLayout(room, doors);
    expect(gaps.map((g) => g.side).sort()).toEqual(["east", "north", "south", "west"]);
    expect(gaps).toEqual(
      expect.arrayContaining([
        { side: "north", x: 2, z: 0, width: 1.4 },
        { side: "west", x: 0, z: 4, width: 1.4 },
        { side: "east", x: 8, z: 2, width: 1.4 },
        { side: "south", x: 5, z: 6, width: 1.4 },
      ]),
    );
    expect(pieces).toHaveLength(8);
    const total = pieces.reduce((sum, p) => sum + pieceLength(p), 0);
    expect(total).toBeCloseTo(perimeter(room) - 4 * 1.4, 9);
  });

  it("keeps every piece on its own side and never inside an opening", () => {
    const doors = [
      { other: rect(8, 0, 5, 6), position: 1.5, width: 1.4 },
      { other: rect(0, 6, 4, 4), position: 2, width: 1.4 },
    ];
    const { pieces, gaps } = wallLayout(room, doors);
    for (const p of pieces) {
      const along = p.side === "north" || p.side === "south" ? [p.x0, p.x1] : [p.z0, p.z1];
      expect(along[1]!).toBeGreaterThan(along[0]!);
      for (const g of gaps.filter((gap) => gap.side === p.side)) {
        const centre = p.side === "north" || p.side === "south" ? g.x : g.z;
        const overlap = Math.min(along[1]!, centre + g.width / 2) - Math.max(along[0]!, centre - g.width / 2);
        expect(overlap).toBeLessThanOrEqual(1e-9);
      }
    }
  });

  it("sorts several doors on one wall whatever order they come in", () => {
    const long = rect(0, 0, 20, 6);
    const doors = [
      { other: rect(14, 6, 6, 6), position: 17, width: 1.4 },
      { other: rect(0, 6, 6, 6), position: 3, width: 1.4 },
      { other: rect(6, 6, 8, 6), position: 10, width: 1.4 },
    ];
    const { pieces } = wallLayout(long, doors);
    const south = pieces.filter((p) => p.side === "south").map((p) => [p.x0, p.x1]);
    expect(south).toHaveLength(4);
    for (let i = 1; i < south.length; i++) expect(south[i]![0]!).toBeGreaterThan(south[i - 1]![1]!);
    const total = pieces.reduce((sum, p) => sum + pieceLength(p), 0);
    expect(total).toBeCloseTo(perimeter(long) - 3 * 1.4, 9);
  });

  it("ignores a door to a room that does not touch this one", () => {
    const { pieces, gaps } = wallLayout(room, [{ other: rect(30, 30, 4, 4), position: 3, width: 1.4 }]);
    expect(gaps).toEqual([]);
    expect(pieces).toHaveLength(4);
  });

  it("leaves no sliver when a door sits right against a corner", () => {
    const { pieces } = wallLayout(room, [{ other: rect(8, 0, 5, 6), position: 0.7, width: 1.4 }]);
    const east = pieces.filter((p) => p.side === "east");
    expect(east).toHaveLength(1);
    expect(east[0]!.z0).toBeCloseTo(1.4, 9);
    expect(east[0]!.z1).toBe(6);
  });
});
