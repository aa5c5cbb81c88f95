import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/server/db/client";
import { testDatabases } from "../helpers/databases";
import { addMember, expectRefused, palaceWithTwoRooms, placeConcept, routeOf, signUp } from "../helpers/world";

describe.each(testDatabases)("route router on $name", (target) => {
  let database: Database & { drop(): Promise<void> };
  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(() => database.drop());

  /** Rooms A and B joined by a door at z = 4, and C south of A joined at x = 2. */
  async function palaceWithThreeRooms() {
    const base = await palaceWithTwoRooms(database);
    const { owner, palace, roomA, roomB } = base;
    const roomC = await owner.caller.room.create({ palaceId: palace.id, name: "C", gridX: 0, gridZ: 8, width: 8, depth: 6 });
    await owner.caller.door.create({ palaceId: palace.id, roomAId: roomA.id, roomBId: roomB.id, position: 4 });
    await owner.caller.door.create({ palaceId: palace.id, roomAId: roomA.id, roomBId: roomC.id, position: 2 });
    return { ...base, roomC };
  }

  describe("placing", () => {
    it("puts a new locus beside its room's stops, in walking order", async () => {
      const { owner, palace, roomA, roomB, roomC } = await palaceWithThreeRooms();
      await placeConcept(owner.caller, palace.id, roomA.id, "a-west", { x: 1, z: 4 });
      await placeConcept(owner.caller, palace.id, roomC.id, "c-door", { x: 2, z: 1 });
      await placeConcept(owner.caller, palace.id, roomB.id, "b-door", { x: 1, z: 4 });
      await placeConcept(owner.caller, palace.id, roomA.id, "a-east", { x: 7, z: 4 });
      await placeConcept(owner.caller, palace.id, roomA.id, "a-middle", { x: 4, z: 4 });
      expect(await routeOf(owner.caller, palace.id)).toEqual([
        ["a-west", 1],
        ["a-middle", 2],
        ["a-east", 3],
        ["b-door", 4],
        ["c-door", 5],
      ]);
    });
  });

  describe("reroute", () => {
    it("orders rooms along the doors and each room's stops as a short walk, and is stable", async () => {
      const { owner, palace, roomA, roomB, roomC } = await palaceWithThreeRooms();
      const c = await placeConcept(owner.caller, palace.id, roomC.id, "c", { x: 2, z: 3 });
      await placeConcept(owner.caller, palace.id, roomA.id, "a-far", { x: 1, z: 1 });
      const b = await placeConcept(owner.caller, palace.id, roomB.id, "b", { x: 2, z: 4 });
      await placeConcept(owner.caller, palace.id, roomA.id, "a-door", { x: 7, z: 4 });
      // Scramble by hand: the first stop's room (A) must stay the start of the tidy route.
      await owner.caller.route.move({ locusId: b.locus.id, version: 1, toOrder: 1 });
      await owner.caller.route.move({ locusId: c.locus.id, version: 1, toOrder: 2 });
      const scrambled = await routeOf(owner.caller, palace.id);
      expect(scrambled.map(([t]) => t)).toEqual(["b", "c", "a-door", "a-far"]);

      const { loci } = await owner.caller.route.reroute({ palaceId: palace.id });
      expect(loci.map((l) => l.routeOrder)).toEqual([1, 2, 3, 4]);
      expect(await routeOf(owner.caller, palace.id)).toEqual([
        ["b", 1],
        ["a-door", 2],
        ["a-far", 3],
        ["c", 4],
      ]);
      await owner.caller.route.reroute({ palaceId: palace.id });
      expect((await routeOf(owner.caller, palace.id)).map(([t]) => t)).toEqual(["b", "a-door", "a-far", "c"]);
    });

    it("works on an empty palace and refuses viewers", async () => {
      const { owner, palace } = await palaceWithTwoRooms(database);
      expect(await owner.caller.route.reroute({ palaceId: palace.id })).toEqual({ loci: [] });
      const viewer = await signUp(database, "Viewer");
      await addMember(database, palace.id, viewer.user.id, "viewer");
      await expectRefused(owner.caller, palace.id, () => viewer.caller.route.reroute({ palaceId: palace.id }), "FORBIDDEN", /not change it/);
      const stranger = await signUp(database, "Stranger");
      await expectRefused(owner.caller, palace.id, () => stranger.caller.route.reroute({ palaceId: palace.id }), "NOT_FOUND", /Palace was not found/);
    });
  });

  describe("move", () => {
    it("moves a stop earlier or later, shifting the stops between, and bumps its version", async () => {
      const { owner, palace, roomA } = await palaceWithTwoRooms(database);
      const stops: Awaited<ReturnType<typeof placeConcept>>[] = [];
      for (const [i, title] of ["one", "two", "three", "four"].entries()) {
        stops.push(await placeConcept(owner.caller, palace.id, roomA.id, title, { x: 1 + i * 2, z: 1 }));
      }
      const later = await owner.caller.route.move({ locusId: stops[0]!.locus.id, version: 1, toOrder: 3 });
      expect(later.loci.map((l) => l.routeOrder)).toEqual([1, 2, 3, 4]);
      expect(await routeOf(owner.caller, palace.id)).toEqual([
        ["two", 1],
        ["three", 2],
        ["one", 3],
        ["four", 4],
      ]);
      expect(later.loci.find((l) => l.id === stops[0]!.locus.id)!.version).toBe(2);
      await owner.caller.route.move({ locusId: stops[3]!.locus.id, version: 1, toOrder: 1 });
      expect((await routeOf(owner.caller, palace.id)).map(([t]) => t)).toEqual(["four", "two", "three", "one"]);
      const same = await owner.caller.route.move({ locusId: stops[1]!.locus.id, version: 1, toOrder: 2 });
      expect(same.loci.find((l) => l.id === stops[1]!.locus.id)!.version).toBe(1);
    });

    it("refuses a stale version, a place past the end, and editors only may move", async () => {
      const { owner, palace, roomA } = await palaceWithTwoRooms(database);
      const one = await placeConcept(owner.caller, palace.id, roomA.id, "one");
      await placeConcept(owner.caller, palace.id, roomA.id, "two", { x: 4, z: 4 });
      await owner.caller.route.move({ locusId: one.locus.id, version: 1, toOrder: 2 });
      await expectRefused(owner.caller, palace.id, () => owner.caller.route.move({ locusId: one.locus.id, version: 1, toOrder: 1 }), "CONFLICT", /changed by someone else/);
      await expectRefused(
        owner.caller,
        palace.id,
        () => owner.caller.route.move({ locusId: one.locus.id, version: 2, toOrder: 3 }),
        "BAD_REQUEST",
        /The route has 2 stops: choose a place from 1 to 2\./,
      );
      await expectRefused(owner.caller, palace.id, () => owner.caller.route.move({ locusId: one.locus.id, version: 2, toOrder: 0 }), "BAD_REQUEST", /at least 1/);
      const viewer = await signUp(database, "Viewer");
      await addMember(database, palace.id, viewer.user.id, "viewer");
      await expectRefused(owner.caller, palace.id, () => viewer.caller.route.move({ locusId: one.locus.id, version: 2, toOrder: 1 }), "FORBIDDEN", /not change it/);
      const stranger = await signUp(database, "Stranger");
      await expectRefused(owner.caller, palace.id, () => stranger.caller.route.move({ locusId: one.locus.id, version: 2, toOrder: 1 }), "NOT_FOUND", /Placement was not found/);
    });

    it("keeps the route whole when two moves race", async () => {
      const { owner, palace, roomA } = await palaceWithTwoRooms(database);
      const a = await placeConcept(owner.caller, palace.id, roomA.id, "a", { x: 1, z: 1 });
      const b = await placeConcept(owner.caller, palace.id, roomA.id, "b", { x: 3, z: 1 });
      await placeConcept(owner.caller, palace.id, roomA.id, "c", { x: 5, z: 1 });
      await Promise.allSettled([
        owner.caller.route.move({ locusId: a.locus.id, version: 1, toOrder: 3 }),
        owner.caller.route.move({ locusId: b.locus.id, version: 1, toOrder: 1 }),
      ]);
      const orders = (await routeOf(owner.caller, palace.id)).map(([, n]) => n);
      expect(orders).toEqual([1, 2, 3]);
    });
  });
});
