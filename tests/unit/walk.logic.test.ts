import { describe, expect, it } from "vitest";
import { collides, collisionWalls, doorwayPath, headingTowards, roomAt, slide, spreadStart, viewpointFor } from "~/server/domain/room/walk.logic";

const a = { id: "a", gridX: 0, gridZ: 0, width: 8, depth: 6 };
const b = { id: "b", gridX: 8, gridZ: 0, width: 6, depth: 6 };
const door = { roomAId: "a", roomBId: "b", position: 3, width: 1.4 };

describe("walking between rooms", () => {
  it("stops a walker at a wall without a door", () => {
    const walls = collisionWalls([a, b], []);
    let p = { x: 7, z: 3 };
    for (let i = 0; i < 40; i++) p = slide(p, { x: 0.1, z: 0 }, walls);
    expect(p.x).toBeLessThan(8);
    expect(roomAt([a, b], p)?.id).toBe("a");
  });

  it("lets a walker through the door into the next room", () => {
    const walls = collisionWalls([a, b], [door]);
    let p = { x: 6, z: 3 };
    for (let i = 0; i < 40; i++) p = slide(p, { x: 0.1, z: 0 }, walls);
    expect(p.x).toBeGreaterThan(9);
    expect(roomAt([a, b], p)?.id).toBe("b");
  });

  it("misses the door when walking beside it, and slides along the wall", () => {
    const walls = collisionWalls([a, b], [door]);
    let p = { x: 7, z: 1 };
    for (let i = 0; i < 40; i++) p = slide(p, { x: 0.1, z: 0.01 }, walls);
    expect(p.x).toBeLessThan(8);
    // The z component still moved: the walker glides instead of sticking.
    expect(p.z).toBeGreaterThan(1.3);
  });

  it("never leaves the palace through an outer wall", () => {
    const walls = collisionWalls([a, b], [door]);
    let p = { x: 4, z: 3 };
    for (let i = 0; i < 100; i++) p = slide(p, { x: -0.2, z: -0.2 }, walls);
    expect(p.x).toBeGreaterThan(0);
    expect(p.z).toBeGreaterThan(0);
    expect(collides(p, walls, 0.29)).toBe(false);
  });

  it("knows no room outside the plan", () => {
    expect(roomAt([a, b], { x: -1, z: 3 })).toBeNull();
    expect(roomAt([a, b], { x: 10, z: 2 })?.id).toBe("b");
  });
});

describe("viewpoints", () => {
  it("stands in front of a locus, towards the room's centre, inside the room", () => {
    const { stand, look } = viewpointFor(a, { x: 1, z: 1 });
    expect(look).toEqual({ x: 1, z: 1 });
    expect(Math.hypot(stand.x - 1, stand.z - 1)).toBeCloseTo(2.6, 1);
    expect(stand.x).toBeGreaterThan(1);
    expect(stand.z).toBeGreaterThan(1);
  });

  it("measures headings with 0 looking north (-z)", () => {
    expect(headingTowards({ x: 0, z: 0 }, { x: 0, z: -5 })).toBeCloseTo(0);
    expect(headingTowards({ x: 0, z: 0 }, { x: -5, z: 0 })).toBeCloseTo(Math.PI / 2);
  });
});

describe("where walkers start", () => {
  const room = { gridX: 0, gridZ: 0, width: 8, depth: 8 };
  const start = { x: 4, z: 6, heading: 0 };
  const look = { x: 4, z: 3 };

  it("starts at the usual spot when nobody stands there", () => {
    expect(spreadStart(room, start, [], 0, look)).toEqual({ x: 4, z: 6, heading: headingTowards(start, look) });
  });

  it("steps aside from someone already standing there, inside the room, still facing the concept", () => {
    const there = [{ x: 4.2, z: 6.1 }];
    const spot = spreadStart(room, start, there, 0, look);
    expect(Math.hypot(spot.x - 4.2, spot.z - 6.1)).toBeGreaterThanOrEqual(1.2);
    expect(roomAt([{ ...room, id: "r" }], spot)).not.toBeNull();
    expect(spot.heading).toBeCloseTo(headingTowards(spot, look));
  });

  it("spreads a crowd: everyone who comes in gets a spot clear of those before", () => {
    const people: { x: number; z: number }[] = [];
    for (let i = 0; i < 6; i++) people.push(spreadStart(room, start, people, 0, look));
    for (let i = 0; i < people.length; i++)
      for (let j = i + 1; j < people.length; j++) expect(Math.hypot(people[i]!.x - people[j]!.x, people[i]!.z - people[j]!.z)).toBeGreaterThanOrEqual(1.2);
  });

  it("gives two people entering at once different spots by seat", () => {
    const a = spreadStart(room, start, [], 0, look);
    const b = spreadStart(room, start, [], 3, look);
    expect(Math.hypot(a.x - b.x, a.z - b.z)).toBeGreaterThan(1);
  });

  it("keeps the start when the room is full", () => {
    const tiny = { gridX: 0, gridZ: 0, width: 1.2, depth: 1.2 };
    const centre = { x: 0.6, z: 0.6, heading: 1 };
    expect(spreadStart(tiny, centre, [{ x: 0.6, z: 0.6 }], 0)).toBe(centre);
  });
});

describe("the way from one stop's room to the next", () => {
  // a | b side by side, c south of b: from a to c the walk passes a→b, then b→c.
  const c = { id: "c", gridX: 8, gridZ: 6, width: 6, depth: 5 };
  const south = { roomAId: "c", roomBId: "b", position: 11, width: 1.2 };
  const walls = collisionWalls([a, b, c], [door, south]);

  it("goes through every door on the way, and never through a wall", () => {
    const path = doorwayPath([a, b, c], [door, south], "a", "c");
    expect(path).toEqual([
      { x: 7.4, z: 3 },
      { x: 8.6, z: 3 },
      { x: 11, z: 5.4 },
      { x: 11, z: 6.6 },
    ]);
    // Each leg between waypoints (from a stop in a to one in c) is clear of every wall.
    const legs = [{ x: 2, z: 3 }, ...path, { x: 11, z: 9 }];
    for (let i = 1; i < legs.length; i++) {
      for (let t = 0; t <= 1; t += 0.05) {
        const p = { x: legs[i - 1]!.x + (legs[i]!.x - legs[i - 1]!.x) * t, z: legs[i - 1]!.z + (legs[i]!.z - legs[i - 1]!.z) * t };
        expect(collides(p, walls, 0.2)).toBe(false);
      }
    }
  });

  it("walks the other way back, and stays put inside one room", () => {
    expect(doorwayPath([a, b, c], [door, south], "c", "a")).toEqual([
      { x: 11, z: 6.6 },
      { x: 11, z: 5.4 },
      { x: 8.6, z: 3 },
      { x: 7.4, z: 3 },
    ]);
    expect(doorwayPath([a, b, c], [door, south], "b", "b")).toEqual([]);
  });

  it("has no way to a room no door reaches", () => {
    expect(doorwayPath([a, b, c], [door], "a", "c")).toEqual([]);
  });
});
