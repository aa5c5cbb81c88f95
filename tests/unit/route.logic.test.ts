import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  colourName,
  doorPoint,
  insertionIndex,
  pathLength,
  placeInRoom,
  roomVisits,
  type RouteDoor,
  type RouteRoom,
  type RouteStop,
  shortWalk,
  stopCue,
  tidyRoute,
} from "~/server/domain/route/route.logic";

// Three rooms in an L: west (0,0 8x8), east (8,0 6x8) and south of west (0,8 8x6).
const west: RouteRoom = { id: "west", gridX: 0, gridZ: 0, width: 8, depth: 8 };
const east: RouteRoom = { id: "east", gridX: 8, gridZ: 0, width: 6, depth: 8 };
const south: RouteRoom = { id: "south", gridX: 0, gridZ: 8, width: 8, depth: 6 };
const island: RouteRoom = { id: "island", gridX: 30, gridZ: 30, width: 4, depth: 4 };
const doors: RouteDoor[] = [
  { roomAId: "east", roomBId: "west", position: 4 },
  { roomAId: "south", roomBId: "west", position: 2 },
];

const stop = (id: string, roomId: string, x: number, z: number): RouteStop => ({ id, roomId, x, z });

describe("doorPoint", () => {
  it("puts the opening on the shared wall in each room's own coordinates", () => {
    expect(doorPoint(west, east, doors[0]!)).toEqual({ x: 8, z: 4 });
    expect(doorPoint(east, west, doors[0]!)).toEqual({ x: 0, z: 4 });
    expect(doorPoint(south, west, doors[1]!)).toEqual({ x: 2, z: 0 });
    expect(doorPoint(west, island, doors[0]!)).toBeNull();
  });
});

describe("roomVisits", () => {
  it("walks breadth-first over the doors, nearer doors first, then the unreachable rooms", () => {
    const visits = roomVisits([west, east, south, island], doors, "east");
    expect(visits.map((v) => v.roomId)).toEqual(["east", "west", "south", "island"]);
    expect(visits[0]).toMatchObject({ entry: null, exit: { x: 0, z: 4 } });
    expect(visits[1]).toMatchObject({ entry: { x: 8, z: 4 }, exit: { x: 2, z: 8 } });
    expect(visits[3]).toMatchObject({ entry: null, exit: null });
  });

  it("starts at the first room given when no start is named", () => {
    expect(roomVisits([south, west, east], doors).map((v) => v.roomId)).toEqual(["south", "west", "east"]);
  });
});

describe("shortWalk", () => {
  it("visits the stops nearest-first from the door and never crosses itself", () => {
    const stops = [stop("far", "r", 7, 7), stop("near", "r", 1, 1), stop("mid", "r", 4, 4), stop("side", "r", 1, 7)];
    const walk = shortWalk(stops, { x: 0, z: 0 });
    expect(walk.map((s) => s.id)).toEqual(["near", "mid", "far", "side"]);
    // No walk through the same four points from the door is shorter.
    const best = Math.min(...permutations(stops).map((p) => pathLength(p, { x: 0, z: 0 })));
    expect(pathLength(walk, { x: 0, z: 0 })).toBeCloseTo(best, 9);
  });

  it("without a door in, starts farthest from the way out so the walk ends by it", () => {
    const stops = [stop("a", "r", 1, 1), stop("b", "r", 6, 1), stop("c", "r", 3, 1)];
    expect(shortWalk(stops, null, { x: 8, z: 1 }).map((s) => s.id)).toEqual(["a", "c", "b"]);
    expect(shortWalk(stops, null, null).map((s) => s.id)).toEqual(["a", "c", "b"]);
  });

  it("is fine with zero or one stop", () => {
    expect(shortWalk([], null)).toEqual([]);
    expect(shortWalk([stop("x", "r", 1, 1)], { x: 0, z: 0 }).map((s) => s.id)).toEqual(["x"]);
  });
});

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

describe("tidyRoute", () => {
  it("keeps each room's stops together, rooms in door order from the first stop's room", () => {
    const stops = [
      stop("w-far", "west", 1, 1),
      stop("e-1", "east", 1, 4),
      stop("s-1", "south", 2, 3),
      stop("w-door", "west", 7, 4),
      stop("e-2", "east", 5, 4),
      stop("w-mid", "west", 4, 4),
    ];
    const order = tidyRoute([west, east, south], doors, stops);
    expect(order).toEqual(["w-far", "w-mid", "w-door", "e-1", "e-2", "s-1"]);
  });

  it("is stable: re-routing a tidy route changes nothing", () => {
    const stops = [stop("a", "east", 1, 4), stop("b", "west", 6, 4), stop("c", "west", 2, 2), stop("d", "south", 3, 3)];
    const once = tidyRoute([west, east, south], doors, stops);
    const reordered = once.map((id) => stops.find((s) => s.id === id)!);
    expect(tidyRoute([west, east, south], doors, reordered)).toEqual(once);
    expect(once[0]).toBe("a");
  });

  it("keeps stops of a room missing from the plan, at the end", () => {
    expect(tidyRoute([west], [], [stop("ghost", "gone", 1, 1), stop("w", "west", 1, 1)])).toEqual(["w", "ghost"]);
  });
});

describe("insertionIndex", () => {
  const route = [stop("w1", "west", 2, 4), stop("w2", "west", 6, 4), stop("e1", "east", 3, 4), stop("s1", "south", 2, 3)];

  it("puts a stop between the two stops of its room it sits between", () => {
    expect(insertionIndex([west, east, south], doors, route, stop("n", "west", 4, 4))).toBe(1);
  });

  it("puts a stop after its room's stops when it stands beyond them", () => {
    expect(insertionIndex([west, east, south], doors, route, stop("n", "east", 5, 4))).toBe(3);
  });

  it("puts a stop just inside the door before its room's other stops", () => {
    expect(insertionIndex([west, east, south], doors, route, stop("n", "east", 0.5, 4))).toBe(2);
  });

  it("puts the first stop of a room after the rooms before it along the doors", () => {
    const noEast = route.filter((s) => s.roomId !== "east");
    expect(insertionIndex([west, east, south], doors, noEast, stop("n", "east", 2, 2))).toBe(2);
    expect(insertionIndex([west, east, south], doors, [], stop("n", "south", 2, 2))).toBe(0);
  });

  it("appends when a room's only stop is as near as it gets", () => {
    expect(insertionIndex([west, east], [], [stop("a", "west", 4, 4)], stop("n", "west", 2, 2))).toBe(1);
  });
});

describe("cues", () => {
  it("names colours in plain words", () => {
    expect(colourName("#3a7bd5")).toBe("blue");
    expect(colourName("#c9a227")).toBe("gold");
    expect(colourName("#d62828")).toBe("red");
    expect(colourName("#2a9d4b")).toBe("green");
    expect(colourName("#ffffff")).toBe("white");
    expect(colourName("#777777")).toBe("grey");
    expect(colourName("#5b3a1a")).toBe("brown");
  });

  it("says which part of the room a stop is in", () => {
    expect(placeInRoom(9, 9, 1, 1)).toBe("in the north-west corner");
    expect(placeInRoom(9, 9, 4.5, 8)).toBe("by the south wall");
    expect(placeInRoom(9, 9, 4.5, 4.5)).toBe("in the middle of the room");
  });

  it("describes a stop without its concept", () => {
    expect(stopCue({ roomName: "Hall of Convolutions", stop: 5, of: 20, shape: "pedestal", color: "#3a7bd5" })).toBe(
      "Hall of Convolutions, stop 5 of 20, on a blue pedestal",
    );
    expect(stopCue({ roomName: "Den", stop: 1, of: 2, shape: "lamp", color: "#d62828", where: "by the east wall" })).toBe(
      "Den, stop 1 of 2, by a red lamp by the east wall",
    );
  });
});

describe("route properties", () => {
  const roomIds = ["west", "east", "south"];
  const arbStops = fc
    .array(
      fc.record({
        roomId: fc.constantFrom(...roomIds),
        x: fc.double({ min: 0.3, max: 5.7, noNaN: true }),
        z: fc.double({ min: 0.3, max: 5.7, noNaN: true }),
      }),
      { maxLength: 14 },
    )
    .map((stops) => stops.map((s, i) => ({ ...s, id: `s${i}` })));

  it("re-routing visits every stop exactly once, each room's stops together", () => {
    fc.assert(
      fc.property(arbStops, (stops) => {
        const order = tidyRoute([west, east, south], doors, stops);
        expect([...order].sort()).toEqual(stops.map((s) => s.id).sort());
        const rooms = order.map((id) => stops.find((s) => s.id === id)!.roomId);
        const blocks = rooms.filter((room, i) => room !== rooms[i - 1]);
        expect(new Set(blocks).size).toBe(blocks.length);
      }),
    );
  });

  it("a new stop always joins within the route, next to its room's stops when it has any", () => {
    fc.assert(
      fc.property(arbStops, fc.constantFrom(...roomIds), (route, roomId) => {
        const stop = { id: "new", roomId, x: 2, z: 2 };
        const index = insertionIndex([west, east, south], doors, route, stop);
        expect(index).toBeGreaterThanOrEqual(0);
        expect(index).toBeLessThanOrEqual(route.length);
        if (route.some((s) => s.roomId === roomId)) {
          const neighbours = [route[index - 1], route[index]].filter(Boolean);
          expect(neighbours.some((s) => s!.roomId === roomId)).toBe(true);
        }
      }),
    );
  });
});
