import { describe, expect, it } from "vitest";
import { MIN_SPACING, suggestSpot } from "~/server/domain/locus/locus.logic";
import { WALL_MARGIN } from "~/server/domain/room/room.logic";

const distance = (a: { x: number; z: number }, b: { x: number; z: number }) => Math.hypot(a.x - b.x, a.z - b.z);

describe("placement: a free spot for a new concept", () => {
  it("uses the first comfortable spot of an empty room, inside the walls", () => {
    const spot = suggestSpot(8, 6, []);
    expect(spot).toEqual({ x: 1, z: 1 });
  });

  it("keeps clear of concepts already standing and of doorways", () => {
    const taken = [{ x: 1, z: 1 }, { x: 3, z: 1 }];
    const doors = [{ x: 8, z: 3 }];
    const spot = suggestSpot(8, 6, taken, doors)!;
    for (const t of taken) expect(distance(spot, t)).toBeGreaterThanOrEqual(MIN_SPACING);
    expect(distance(spot, doors[0]!)).toBeGreaterThan(1);
    expect(spot.x).toBeGreaterThanOrEqual(WALL_MARGIN);
    expect(spot.x).toBeLessThanOrEqual(8 - WALL_MARGIN);
  });

  it("fills a room until no spot keeps the spacing, then says so", () => {
    const taken: { x: number; z: number }[] = [];
    for (let i = 0; i < 50; i++) {
      const spot = suggestSpot(4, 4, taken);
      if (!spot) break;
      for (const t of taken) expect(distance(spot, t)).toBeGreaterThanOrEqual(MIN_SPACING);
      taken.push(spot);
    }
    expect(taken.length).toBeGreaterThan(1);
    expect(suggestSpot(4, 4, taken)).toBeNull();
  });
});
