// Floor-plan geometry: rooms are axis-aligned rectangles on the palace grid. Decides which
// rooms touch, where a door may go, which wall pieces stand around door openings, and whether
// a point lies inside a room. Pure: shared by services, the scene and tests.

export interface Rect {
  gridX: number;
  gridZ: number;
  width: number;
  depth: number;
}

export interface RoomBox extends Rect {
  height: number;
}

/** A wall two rooms share: a segment on the line `axis = at`, running from `from` to `to`. */
export interface SharedWall {
  /** "x": the wall lies on x = at and runs along z; "z": it lies on z = at and runs along x. */
  axis: "x" | "z";
  at: number;
  from: number;
  to: number;
}

/** Keep loci this far from walls so objects never poke through them. */
export const WALL_MARGIN = 0.3;
/** Objects stop this far below the ceiling. */
export const CEILING_MARGIN = 0.5;

export function rectsOverlap(a: Rect, b: Rect): boolean {
  return (
    a.gridX < b.gridX + b.width &&
    b.gridX < a.gridX + a.width &&
    a.gridZ < b.gridZ + b.depth &&
    b.gridZ < a.gridZ + a.depth
  );
}

/** The wall two rooms share, or null when they do not touch along a segment of positive length. */
export function sharedWall(a: Rect, b: Rect): SharedWall | null {
  const overlap = (a0: number, a1: number, b0: number, b1: number) => {
    const from = Math.max(a0, b0);
    const to = Math.min(a1, b1);
    return to > from ? { from, to } : null;
  };
  if (a.gridX + a.width === b.gridX || b.gridX + b.width === a.gridX) {
    const span = overlap(a.gridZ, a.gridZ + a.depth, b.gridZ, b.gridZ + b.depth);
    const at = a.gridX + a.width === b.gridX ? b.gridX : a.gridX;
    return span ? { axis: "x", at, ...span } : null;
  }
  if (a.gridZ + a.depth === b.gridZ || b.gridZ + b.depth === a.gridZ) {
    const span = overlap(a.gridX, a.gridX + a.width, b.gridX, b.gridX + b.width);
    const at = a.gridZ + a.depth === b.gridZ ? b.gridZ : a.gridZ;
    return span ? { axis: "z", at, ...span } : null;
  }
  return null;
}

/** Whether a door of `width` centred at `position` fits on the wall, leaving 0.2 m of jamb. */
export function doorFits(wall: SharedWall, position: number, width: number): boolean {
  const jamb = 0.2;
  return position - width / 2 >= wall.from + jamb - 1e-9 && position + width / 2 <= wall.to - jamb + 1e-9;
}

export function defaultDoorPosition(wall: SharedWall): number {
  return (wall.from + wall.to) / 2;
}

/** Whether a room-local point (origin at the room's minimum corner, y up from the floor) is inside. */
export function pointInRoom(room: RoomBox, x: number, y: number, z: number): boolean {
  return (
    x >= WALL_MARGIN &&
    x <= room.width - WALL_MARGIN &&
    z >= WALL_MARGIN &&
    z <= room.depth - WALL_MARGIN &&
    y >= 0 &&
    y <= room.height - CEILING_MARGIN
  );
}

export interface DoorOnWall {
  position: number;
  width: number;
}

export type WallSide = "north" | "south" | "west" | "east";

/** One straight piece of wall in palace coordinates, between door openings. */
export interface WallPiece {
  side: WallSide;
  x0: number;
  z0: number;
  x1: number;
  z1: number;
}

export interface DoorGap {
  side: WallSide;
  /** Centre of the opening in palace coordinates. */
  x: number;
  z: number;
  width: number;
}

/**
 * The walls of a room split around its doors. Each door is given with the other room so the
 * side it sits on follows from the geometry.
 */
export function wallLayout(room: Rect, doors: { other: Rect; position: number; width: number }[]) {
  const x0 = room.gridX;
  const z0 = room.gridZ;
  const x1 = room.gridX + room.width;
  const z1 = room.gridZ + room.depth;
  const sides: Record<WallSide, { fixed: number; axis: "x" | "z"; from: number; to: number; gaps: DoorOnWall[] }> = {
    north: { fixed: z0, axis: "z", from: x0, to: x1, gaps: [] },
    south: { fixed: z1, axis: "z", from: x0, to: x1, gaps: [] },
    west: { fixed: x0, axis: "x", from: z0, to: z1, gaps: [] },
    east: { fixed: x1, axis: "x", from: z0, to: z1, gaps: [] },
  };
  const gaps: DoorGap[] = [];
  for (const door of doors) {
    const wall = sharedWall(room, door.other);
    if (!wall) continue;
    const side: WallSide =
      wall.axis === "x" ? (wall.at === x0 ? "west" : "east") : wall.at === z0 ? "north" : "south";
    sides[side].gaps.push({ position: door.position, width: door.width });
    gaps.push(
      wall.axis === "x"
        ? { side, x: wall.at, z: door.position, width: door.width }
        : { side, x: door.position, z: wall.at, width: door.width },
    );
  }
  const pieces: WallPiece[] = [];
  for (const [side, s] of Object.entries(sides) as [WallSide, (typeof sides)[WallSide]][]) {
    let cursor = s.from;
    const sorted = [...s.gaps].sort((a, b) => a.position - b.position);
    const push = (a: number, b: number) => {
      if (b - a < 1e-6) return;
      pieces.push(
        s.axis === "z"
          ? { side, x0: a, z0: s.fixed, x1: b, z1: s.fixed }
          : { side, x0: s.fixed, z0: a, x1: s.fixed, z1: b },
      );
    };
    for (const gap of sorted) {
      push(cursor, gap.position - gap.width / 2);
      cursor = Math.max(cursor, gap.position + gap.width / 2);
    }
    push(cursor, s.to);
  }
  return { pieces, gaps };
}
