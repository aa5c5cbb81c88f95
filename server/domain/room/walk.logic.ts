// Walking through a palace: the wall segments a walker collides with (doors are gaps in them),
// sliding movement that stops at walls, and which room a point stands in. Pure, so the scene
// and the tests share it.
import { sharedWall, wallLayout, type Rect } from "./room.logic";

export interface Segment {
  x0: number;
  z0: number;
  x1: number;
  z1: number;
}

export interface Point {
  x: number;
  z: number;
}

export interface DoorRef {
  roomAId: string;
  roomBId: string;
  position: number;
  width: number;
}

/** Every wall piece of every room, split around that room's doors. */
export function collisionWalls<R extends Rect & { id: string }>(rooms: R[], doors: DoorRef[]): Segment[] {
  const byId = new Map(rooms.map((r) => [r.id, r]));
  return rooms.flatMap((room) => {
    const roomDoors = doors.flatMap((d) => {
      const otherId = d.roomAId === room.id ? d.roomBId : d.roomBId === room.id ? d.roomAId : null;
      const other = otherId ? byId.get(otherId) : undefined;
      return other ? [{ other, position: d.position, width: d.width }] : [];
    });
    return wallLayout(room, roomDoors).pieces.map(({ x0, z0, x1, z1 }) => ({ x0, z0, x1, z1 }));
  });
}

function distanceToSegment(p: Point, s: Segment): number {
  const dx = s.x1 - s.x0;
  const dz = s.z1 - s.z0;
  const lengthSq = dx * dx + dz * dz;
  const t = lengthSq === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - s.x0) * dx + (p.z - s.z0) * dz) / lengthSq));
  return Math.hypot(p.x - (s.x0 + t * dx), p.z - (s.z0 + t * dz));
}

export function collides(p: Point, walls: Segment[], radius: number): boolean {
  return walls.some((w) => distanceToSegment(p, w) < radius);
}

/**
 * Moves from `from` by `delta`, sliding along walls: each axis is tried on its own so a walker
 * pressed against a wall at an angle still glides along it instead of sticking.
 */
export function slide(from: Point, delta: Point, walls: Segment[], radius = 0.3): Point {
  const full = { x: from.x + delta.x, z: from.z + delta.z };
  if (!collides(full, walls, radius)) return full;
  const alongX = { x: from.x + delta.x, z: from.z };
  if (!collides(alongX, walls, radius)) return alongX;
  const alongZ = { x: from.x, z: from.z + delta.z };
  if (!collides(alongZ, walls, radius)) return alongZ;
  return from;
}

/** The room a point stands in, or null outside every room (or exactly on a wall line). */
export function roomAt<R extends Rect>(rooms: R[], p: Point): R | null {
  return (
    rooms.find((r) => p.x > r.gridX && p.x < r.gridX + r.width && p.z > r.gridZ && p.z < r.gridZ + r.depth) ?? null
  );
}

/** Where to stand to look at a locus: in front of it, 2.6 m towards the room's centre. */
export function viewpointFor(room: Rect, locus: Point): { stand: Point; look: Point } {
  const look = { x: room.gridX + locus.x, z: room.gridZ + locus.z };
  const cx = room.gridX + room.width / 2;
  const cz = room.gridZ + room.depth / 2;
  let dx = cx - look.x;
  let dz = cz - look.z;
  const length = Math.hypot(dx, dz);
  if (length < 0.01) {
    dx = 0;
    dz = 1;
  } else {
    dx /= length;
    dz /= length;
  }
  const distance = 2.6;
  const clampInside = (v: number, lo: number, hi: number) => Math.min(hi - 0.5, Math.max(lo + 0.5, v));
  return {
    stand: {
      x: clampInside(look.x + dx * distance, room.gridX, room.gridX + room.width),
      z: clampInside(look.z + dz * distance, room.gridZ, room.gridZ + room.depth),
    },
    look,
  };
}

/** Heading (radians, 0 = looking towards -z, counter-clockwise positive) from one point to another. */
export function headingTowards(from: Point, to: Point): number {
  return Math.atan2(-(to.x - from.x), -(to.z - from.z));
}

/** Spots tried around a starting point: the point itself, then rings at these radii (metres). */
const SPREAD_RINGS = [
  { radius: 1.3, spots: 6 },
  { radius: 2.4, spots: 8 },
];

/**
 * Where to start a walk that would start at `start`, so people entering the same palace do not
 * stand inside one another: the first spot, from `seat` on, of the point itself and rings around
 * it that lies inside `room` (half a metre from its walls) and at least `clearance` metres from
 * everyone in `others`. Two people entering together (before either sees the other) differ by
 * seat. Faces `look` when given, else keeps the start's heading; `start` itself when nothing fits.
 */
export function spreadStart(
  room: Rect,
  start: Point & { heading: number },
  others: readonly Point[],
  seat: number,
  look?: Point,
  clearance = 1.2,
): Point & { heading: number } {
  const spots: Point[] = [{ x: start.x, z: start.z }];
  for (const ring of SPREAD_RINGS)
    for (let i = 0; i < ring.spots; i++) {
      const angle = (i / ring.spots) * Math.PI * 2;
      spots.push({ x: start.x + Math.sin(angle) * ring.radius, z: start.z + Math.cos(angle) * ring.radius });
    }
  const inside = (p: Point) => p.x >= room.gridX + 0.5 && p.x <= room.gridX + room.width - 0.5 && p.z >= room.gridZ + 0.5 && p.z <= room.gridZ + room.depth - 0.5;
  const clear = (p: Point) => others.every((o) => Math.hypot(o.x - p.x, o.z - p.z) >= clearance);
  const first = ((Math.floor(seat) % spots.length) + spots.length) % spots.length;
  for (let k = 0; k < spots.length; k++) {
    const spot = spots[(first + k) % spots.length]!;
    if (!inside(spot) || !clear(spot)) continue;
    return { ...spot, heading: look ? headingTowards(spot, look) : start.heading };
  }
  return start;
}

/**
 * The doorways to pass on the way from one room to another, fewest doors first: for each door,
 * a point just before it and one just after, so a walker gliding along them never crosses a
 * wall. Empty when both are the same room or no doors join them.
 */
export function doorwayPath<R extends Rect & { id: string }>(rooms: R[], doors: DoorRef[], fromRoomId: string, toRoomId: string, step = 0.6): Point[] {
  if (fromRoomId === toRoomId) return [];
  const byId = new Map(rooms.map((r) => [r.id, r]));
  const cameBy = new Map<string, { from: string; door: DoorRef }>();
  const queue = [fromRoomId];
  const seen = new Set(queue);
  while (queue.length > 0 && !seen.has(toRoomId)) {
    const here = queue.shift()!;
    for (const door of doors) {
      const next = door.roomAId === here ? door.roomBId : door.roomBId === here ? door.roomAId : null;
      if (!next || seen.has(next) || !byId.has(next)) continue;
      seen.add(next);
      cameBy.set(next, { from: here, door });
      queue.push(next);
    }
  }
  if (!cameBy.has(toRoomId)) return [];
  const hops: { from: R; to: R; door: DoorRef }[] = [];
  for (let at = toRoomId; at !== fromRoomId; ) {
    const hop = cameBy.get(at)!;
    hops.unshift({ from: byId.get(hop.from)!, to: byId.get(at)!, door: hop.door });
    at = hop.from;
  }
  return hops.flatMap(({ from, to, door }) => {
    const wall = sharedWall(from, to);
    if (!wall) return [];
    // Which way is "through": from the near room's side of the wall towards the far room's.
    if (wall.axis === "x") {
      const sign = to.gridX >= from.gridX + from.width ? 1 : -1;
      return [
        { x: wall.at - sign * step, z: door.position },
        { x: wall.at + sign * step, z: door.position },
      ];
    }
    const sign = to.gridZ >= from.gridZ + from.depth ? 1 : -1;
    return [
      { x: door.position, z: wall.at - sign * step },
      { x: door.position, z: wall.at + sign * step },
    ];
  });
}
