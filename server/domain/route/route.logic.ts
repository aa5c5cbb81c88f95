// The palace route, decided as pure functions: which room comes next along the doors, a short
// walk inside each room, where a newly placed concept joins the route, and the words that tell
// a person where a stop stands without giving its concept away.
import { sharedWall } from "../room/room.logic";

export interface RouteRoom {
  id: string;
  name?: string;
  gridX: number;
  gridZ: number;
  width: number;
  depth: number;
}

export interface RouteDoor {
  roomAId: string;
  roomBId: string;
  /** Centre of the opening along the shared wall, in palace coordinates. */
  position: number;
}

/** A locus on the route: room-local coordinates, as loci are stored. */
export interface RouteStop {
  id: string;
  roomId: string;
  x: number;
  z: number;
}

interface Point {
  x: number;
  z: number;
}

const distance = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.z - b.z);

/** Where a door opens in `room`'s own coordinates, or null when the rooms no longer touch. */
export function doorPoint(room: RouteRoom, other: RouteRoom, door: RouteDoor): Point | null {
  const wall = sharedWall(room, other);
  if (!wall) return null;
  return wall.axis === "x"
    ? { x: wall.at - room.gridX, z: door.position - room.gridZ }
    : { x: door.position - room.gridX, z: wall.at - room.gridZ };
}

export interface RoomVisit {
  roomId: string;
  /** The door you come in by (room-local), or null for a room a walk starts in. */
  entry: Point | null;
  /** The first door onward to a room visited later (room-local), when there is one. */
  exit: Point | null;
}

/**
 * Rooms in visiting order: breadth-first over the doors from `startRoomId` (the first room when
 * omitted), nearer doors first. Rooms no door reaches follow, each starting a walk of its own,
 * in the order they were given.
 */
export function roomVisits(rooms: RouteRoom[], doors: RouteDoor[], startRoomId?: string | null): RoomVisit[] {
  const byId = new Map(rooms.map((r) => [r.id, r]));
  const rank = new Map(rooms.map((r, i) => [r.id, i]));
  const neighbours = new Map<string, { other: RouteRoom; door: RouteDoor }[]>();
  for (const door of doors) {
    const a = byId.get(door.roomAId);
    const b = byId.get(door.roomBId);
    if (!a || !b) continue;
    neighbours.set(a.id, [...(neighbours.get(a.id) ?? []), { other: b, door }]);
    neighbours.set(b.id, [...(neighbours.get(b.id) ?? []), { other: a, door }]);
  }
  const visits: RoomVisit[] = [];
  const seen = new Set<string>();
  const roots = [...rooms].sort((a, b) => (a.id === startRoomId ? -1 : b.id === startRoomId ? 1 : rank.get(a.id)! - rank.get(b.id)!));
  for (const root of roots) {
    if (seen.has(root.id)) continue;
    seen.add(root.id);
    const queue: RoomVisit[] = [{ roomId: root.id, entry: null, exit: null }];
    while (queue.length > 0) {
      const visit = queue.shift()!;
      visits.push(visit);
      const room = byId.get(visit.roomId)!;
      const onward = (neighbours.get(room.id) ?? [])
        .filter((n) => !seen.has(n.other.id))
        .map((n) => ({ ...n, here: doorPoint(room, n.other, n.door), there: doorPoint(n.other, room, n.door) }))
        .filter((n) => n.here && n.there)
        .sort((a, b) => {
          const from = visit.entry;
          const d = from ? distance(from, a.here!) - distance(from, b.here!) : 0;
          return d !== 0 ? d : rank.get(a.other.id)! - rank.get(b.other.id)!;
        });
      for (const n of onward) {
        seen.add(n.other.id);
        visit.exit ??= n.here;
        queue.push({ roomId: n.other.id, entry: n.there, exit: null });
      }
    }
  }
  return visits;
}

/** Total length of an open path that starts at `start` (when given) and visits `points` in order. */
export function pathLength(points: Point[], start: Point | null = null): number {
  let total = 0;
  let previous = start;
  for (const p of points) {
    if (previous) total += distance(previous, p);
    previous = p;
  }
  return total;
}

/**
 * A short open walk through `stops` from `start`: nearest neighbour first, then 2-opt swaps until
 * no reversal shortens it. Without a start it begins at the stop farthest from `end` (so the walk
 * finishes by the way out), or nearest the room's north-west corner when there is no way out.
 */
export function shortWalk<T extends Point>(stops: T[], start: Point | null, end: Point | null = null): T[] {
  if (stops.length <= 1) return [...stops];
  const left = [...stops];
  const path: T[] = [];
  let here: Point;
  if (start) {
    here = start;
  } else {
    const anchor = end ?? { x: 0, z: 0 };
    const pick = end ? Math.max : Math.min;
    const scores = left.map((s) => distance(s, anchor));
    const first = scores.indexOf(pick(...scores));
    path.push(left.splice(first, 1)[0]!);
    here = path[0]!;
  }
  while (left.length > 0) {
    let best = 0;
    for (let i = 1; i < left.length; i++) if (distance(here, left[i]!) < distance(here, left[best]!)) best = i;
    here = left.splice(best, 1)[0]!;
    path.push(here as T);
  }
  // 2-opt on the open path; the first stop stays first when the walk had no given start.
  const nodes: Point[] = start ? [start, ...path] : path;
  const fixed = 1;
  let improved = true;
  for (let round = 0; improved && round < 50; round++) {
    improved = false;
    for (let i = fixed; i < nodes.length - 1; i++) {
      for (let j = i + 1; j < nodes.length; j++) {
        const a = nodes[i - 1]!;
        const b = nodes[i]!;
        const c = nodes[j]!;
        const d = nodes[j + 1];
        const before = distance(a, b) + (d ? distance(c, d) : 0);
        const after = distance(a, c) + (d ? distance(b, d) : 0);
        if (after < before - 1e-9) {
          nodes.splice(i, j - i + 1, ...nodes.slice(i, j + 1).reverse());
          improved = true;
        }
      }
    }
  }
  return (start ? nodes.slice(1) : nodes) as T[];
}

/**
 * A tidy route: rooms in door order from the room of the current first stop, and a short walk
 * inside each room from the door you enter by. Returns the stop ids in walking order.
 */
export function tidyRoute(rooms: RouteRoom[], doors: RouteDoor[], stops: RouteStop[], startRoomId?: string | null): string[] {
  const visits = roomVisits(rooms, doors, startRoomId ?? stops[0]?.roomId ?? null);
  const order: string[] = [];
  for (const visit of visits) {
    const here = stops.filter((s) => s.roomId === visit.roomId);
    order.push(...shortWalk(here, visit.entry, visit.exit).map((s) => s.id));
  }
  // Stops in a room that is gone from the plan keep their relative order at the end.
  const placed = new Set(order);
  order.push(...stops.filter((s) => !placed.has(s.id)).map((s) => s.id));
  return order;
}

/**
 * Where a new stop joins an existing route (0-based index). Beside the stops of its own room, at
 * the place that lengthens that room's walk least; in a room with no stops yet, after the last
 * stop of the rooms that come before it along the doors.
 */
export function insertionIndex(rooms: RouteRoom[], doors: RouteDoor[], route: RouteStop[], stop: RouteStop): number {
  const visits = roomVisits(rooms, doors, route[0]?.roomId ?? stop.roomId);
  const visit = visits.find((v) => v.roomId === stop.roomId);
  const sameRoom = route.flatMap((s, i) => (s.roomId === stop.roomId ? [i] : []));
  if (sameRoom.length > 0) {
    let bestIndex = route.length;
    let bestCost = Number.POSITIVE_INFINITY;
    const neighbour = (i: number) => (i >= 0 && i < route.length && route[i]!.roomId === stop.roomId ? route[i]! : null);
    const candidates = new Set(sameRoom.flatMap((i) => [i, i + 1]));
    for (const at of [...candidates].sort((a, b) => b - a)) {
      const previous: Point | null = neighbour(at - 1) ?? (visit?.entry ?? null);
      const next: Point | null = neighbour(at);
      const cost =
        (previous ? distance(previous, stop) : 0) +
        (next ? distance(stop, next) : 0) -
        (previous && next ? distance(previous, next) : 0);
      if (cost < bestCost - 1e-9) {
        bestCost = cost;
        bestIndex = at;
      }
    }
    return bestIndex;
  }
  const rank = new Map(visits.map((v, i) => [v.roomId, i]));
  const mine = rank.get(stop.roomId) ?? Number.POSITIVE_INFINITY;
  let index = 0;
  route.forEach((s, i) => {
    if ((rank.get(s.roomId) ?? Number.POSITIVE_INFINITY) < mine) index = i + 1;
  });
  return index;
}

const COLOUR_NAMES: [string, number, number, number][] = [
  ["red", 0, 0.55, 0.5],
  ["orange", 28, 0.75, 0.55],
  ["gold", 45, 0.7, 0.5],
  ["yellow", 58, 0.85, 0.6],
  ["green", 120, 0.5, 0.4],
  ["teal", 175, 0.6, 0.4],
  ["blue", 215, 0.6, 0.5],
  ["violet", 270, 0.5, 0.55],
  ["pink", 330, 0.65, 0.7],
];

/** A plain colour word for a hex colour ("#3a7bd5" is "blue"), for cues read aloud. */
export function colourName(hex: string): string {
  const n = Number.parseInt(hex.slice(1), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((v) => v / 255) as [number, number, number];
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const light = (max + min) / 2;
  const chroma = max - min;
  if (chroma < 0.12) return light > 0.85 ? "white" : light < 0.18 ? "black" : "grey";
  let hue = max === r ? ((g - b) / chroma) % 6 : max === g ? (b - r) / chroma + 2 : (r - g) / chroma + 4;
  hue = (hue * 60 + 360) % 360;
  if (light < 0.3 && hue > 15 && hue < 50) return "brown";
  let best = COLOUR_NAMES[0]![0];
  let bestGap = 361;
  for (const [name, h] of COLOUR_NAMES) {
    const gap = Math.min(Math.abs(hue - h), 360 - Math.abs(hue - h));
    if (gap < bestGap) {
      bestGap = gap;
      best = name;
    }
  }
  return best;
}

const SHAPE_PHRASE: Record<string, (colour: string) => string> = {
  pedestal: (c) => `on a ${c} pedestal`,
  cube: (c) => `a ${c} cube`,
  sphere: (c) => `a ${c} sphere`,
  book: (c) => `a ${c} book`,
  lamp: (c) => `by a ${c} lamp`,
};

/** Which part of the room a room-local point is in: "by the north wall", "in the middle"... */
export function placeInRoom(width: number, depth: number, x: number, z: number): string {
  const col = x < width / 3 ? "west" : x > (2 * width) / 3 ? "east" : "";
  const row = z < depth / 3 ? "north" : z > (2 * depth) / 3 ? "south" : "";
  if (row && col) return `in the ${row}-${col} corner`;
  if (row || col) return `by the ${row || col} wall`;
  return "in the middle of the room";
}

/** "Hall of Convolutions, stop 5 of 20, on a blue pedestal by the north wall". */
export function stopCue(input: {
  roomName: string;
  stop: number;
  of: number;
  shape: string;
  color: string;
  where?: string;
}): string {
  const thing = (SHAPE_PHRASE[input.shape] ?? ((c: string) => `a ${c} object`))(colourName(input.color));
  return `${input.roomName}, stop ${input.stop} of ${input.of}, ${thing}${input.where ? ` ${input.where}` : ""}`;
}
