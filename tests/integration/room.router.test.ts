import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/server/db/client";
import type { DomainError } from "~/server/domain/errors";
import { testDatabases } from "../helpers/databases";
import {
  addMember,
  anonymous,
  type Caller,
  expectRefused,
  palaceWithTwoRooms,
  placeConcept,
  rejectionOf,
  routeOf,
  signUp,
} from "../helpers/world";

const MISSING = "00000000-0000-4000-8000-000000000000";

describe.each(testDatabases)("room router on $name", (target) => {
  let database: Database & { drop(): Promise<void> };
  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(() => database.drop());

  describe("create", () => {
    it("adds a room with defaults and a trimmed name, shown in the scene", async () => {
      const { owner, palace } = await palaceWithTwoRooms(database);
      const room = await owner.caller.room.create({ palaceId: palace.id, name: "  Hall of Losses ", gridX: 0, gridZ: 8 });
      expect(room).toMatchObject({
        palaceId: palace.id,
        name: "Hall of Losses",
        gridX: 0,
        gridZ: 8,
        width: 8,
        depth: 8,
        height: 3.5,
        theme: "sandstone",
        version: 1,
      });
      const scene = await owner.caller.palace.get({ id: palace.id });
      expect(scene.rooms.find((r) => r.id === room.id)).toEqual(room);
      expect(scene.rooms).toHaveLength(3);
    });

    it("keeps the size, height and theme it is given", async () => {
      const { owner, palace } = await palaceWithTwoRooms(database);
      const room = await owner.caller.room.create({
        palaceId: palace.id,
        name: "Tower",
        gridX: -12,
        gridZ: -20,
        width: 12,
        depth: 20,
        height: 7.25,
        theme: "indigo",
      });
      expect(room).toMatchObject({ gridX: -12, gridZ: -20, width: 12, depth: 20, height: 7.25, theme: "indigo" });
    });

    it.each([
      ["an empty name", { name: "  " }, /name: Room name cannot be empty/],
      ["an over-long name", { name: "x".repeat(81) }, /name: Room name must be at most 80 characters/],
      ["a two-line name", { name: "Hall\nway" }, /name: Room name must fit on one line/],
      ["a room too narrow", { width: 2 }, /width: Width must be at least 3 m/],
      ["a room too deep", { depth: 41 }, /depth: Depth must be at most 40 m/],
      ["a fractional position", { gridX: 0.5 }, /gridX: X position must be a whole number of metres/],
      ["a room too low", { height: 2 }, /height: Height must be at least 2.5 m/],
      ["an unknown key", { ownerId: "someone" }, /ownerId/],
    ])("refuses %s, writing nothing", async (_name, patch, message) => {
      const { owner, palace } = await palaceWithTwoRooms(database);
      await expectRefused(
        owner.caller,
        palace.id,
        () => owner.caller.room.create({ palaceId: palace.id, name: "C", gridX: 0, gridZ: 20, ...patch }),
        "BAD_REQUEST",
        message,
      );
    });

    it("refuses a room overlapping another, naming the room in the way", async () => {
      const { owner, palace } = await palaceWithTwoRooms(database);
      const error = await expectRefused(
        owner.caller,
        palace.id,
        () => owner.caller.room.create({ palaceId: palace.id, name: "C", gridX: 10, gridZ: 4, width: 4, depth: 4 }),
        "BAD_REQUEST",
        /The room would overlap "B"/,
      );
      expect((error.cause as DomainError).field).toBe("gridX");
      await expectRefused(
        owner.caller,
        palace.id,
        () => owner.caller.room.create({ palaceId: palace.id, name: "Inside A", gridX: 2, gridZ: 2, width: 3, depth: 3 }),
        "BAD_REQUEST",
        /overlap "A"/,
      );
    });

    it("lets two rooms race for one spot and keeps only one of them", async () => {
      const { owner, palace } = await palaceWithTwoRooms(database);
      const spot = { palaceId: palace.id, gridX: 0, gridZ: 8, width: 8, depth: 8 };
      const results = await Promise.allSettled([
        owner.caller.room.create({ ...spot, name: "First" }),
        owner.caller.room.create({ ...spot, name: "Second" }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect(refused.reason).toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/would overlap "(First|Second)"/) });
      const scene = await owner.caller.palace.get({ id: palace.id });
      expect(scene.rooms.filter((r) => r.gridZ === 8)).toHaveLength(1);
    });

    it("refuses a palace that does not exist", async () => {
      const { owner } = await palaceWithTwoRooms(database);
      const error = await rejectionOf(owner.caller.room.create({ palaceId: MISSING, name: "C", gridX: 0, gridZ: 0 }));
      expect(error).toMatchObject({ code: "NOT_FOUND", message: "Palace was not found." });
    });
  });

  describe("update", () => {
    it("renames, recolours, moves and resizes a room, bumping its version each time", async () => {
      const { owner, palace, roomB } = await palaceWithTwoRooms(database);
      const renamed = await owner.caller.room.update({ id: roomB.id, version: 1, name: " Gallery ", theme: "moss" });
      expect(renamed).toMatchObject({ name: "Gallery", theme: "moss", version: 2, gridX: 8, width: 6 });
      const moved = await owner.caller.room.update({ id: roomB.id, version: 2, gridX: 20, gridZ: -4 });
      expect(moved).toMatchObject({ gridX: 20, gridZ: -4, version: 3 });
      const resized = await owner.caller.room.update({ id: roomB.id, version: 3, width: 12, depth: 4, height: 6 });
      expect(resized).toMatchObject({ width: 12, depth: 4, height: 6, version: 4, name: "Gallery" });
      const scene = await owner.caller.palace.get({ id: palace.id });
      expect(scene.rooms.find((r) => r.id === roomB.id)).toEqual(resized);
    });

    it("refuses a move onto another room, naming it", async () => {
      const { owner, palace, roomB } = await palaceWithTwoRooms(database);
      await expectRefused(
        owner.caller,
        palace.id,
        () => owner.caller.room.update({ id: roomB.id, version: 1, gridX: 6 }),
        "BAD_REQUEST",
        /The room would overlap "A"/,
      );
      await expectRefused(
        owner.caller,
        palace.id,
        () => owner.caller.room.update({ id: roomB.id, version: 1, width: 40, gridX: -30 }),
        "BAD_REQUEST",
        /overlap "A"/,
      );
    });

    it("lets a room keep its own footprint when it grows away from its neighbours", async () => {
      const { owner, roomA } = await palaceWithTwoRooms(database);
      const grown = await owner.caller.room.update({ id: roomA.id, version: 1, depth: 12 });
      expect(grown).toMatchObject({ depth: 12, version: 2 });
    });

    it("refuses a resize that would leave a placed concept outside the room", async () => {
      const { owner, palace, roomA } = await palaceWithTwoRooms(database);
      await placeConcept(owner.caller, palace.id, roomA.id, "Far corner", { x: 7.5, z: 7.5 });
      const error = await expectRefused(
        owner.caller,
        palace.id,
        () => owner.caller.room.update({ id: roomA.id, version: 1, width: 7 }),
        "BAD_REQUEST",
        /Some concepts would end up outside the room/,
      );
      expect((error.cause as DomainError).field).toBe("width");
      await expectRefused(
        owner.caller,
        palace.id,
        () => owner.caller.room.update({ id: roomA.id, version: 1, depth: 6 }),
        "BAD_REQUEST",
        /outside the room/,
      );
      const shrunk = await owner.caller.room.update({ id: roomA.id, version: 1, width: 8, depth: 8, name: "Still fits" });
      expect(shrunk.version).toBe(2);
    });

    it("refuses lowering the ceiling onto a concept standing high up", async () => {
      const { owner, palace, roomA } = await palaceWithTwoRooms(database);
      const concept = await owner.caller.concept.create({ palaceId: palace.id, title: "Lamp" });
      await owner.caller.locus.place({ conceptId: concept.id, roomId: roomA.id, x: 4, y: 2.8, z: 4 });
      await expectRefused(
        owner.caller,
        palace.id,
        () => owner.caller.room.update({ id: roomA.id, version: 1, height: 3 }),
        "BAD_REQUEST",
        /outside the room/,
      );
      expect((await owner.caller.room.update({ id: roomA.id, version: 1, height: 3.3 })).height).toBeCloseTo(3.3, 5);
    });

    it("refuses moving a room so that a door is no longer on a shared wall", async () => {
      const { owner, palace, roomA, roomB } = await palaceWithTwoRooms(database);
      await owner.caller.door.create({ palaceId: palace.id, roomAId: roomA.id, roomBId: roomB.id, position: 4 });
      const apart = await expectRefused(
        owner.caller,
        palace.id,
        () => owner.caller.room.update({ id: roomB.id, version: 1, gridX: 9 }),
        "BAD_REQUEST",
        /The door to "A" would no longer be on a shared wall/,
      );
      expect((apart.cause as DomainError).field).toBe("gridX");
      // Still touching, but the shared stretch (4..8) no longer holds the door centred at 4.
      await expectRefused(
        owner.caller,
        palace.id,
        () => owner.caller.room.update({ id: roomB.id, version: 1, gridZ: 4 }),
        "BAD_REQUEST",
        /The door to "A" would no longer be on a shared wall/,
      );
      // Shrinking the other room breaks the same door from its side.
      await expectRefused(
        owner.caller,
        palace.id,
        () => owner.caller.room.update({ id: roomA.id, version: 1, width: 7 }),
        "BAD_REQUEST",
        /The door to "B" would no longer be on a shared wall/,
      );
    });

    it("allows a move that keeps every door on the shared wall", async () => {
      const { owner, palace, roomA, roomB } = await palaceWithTwoRooms(database);
      await owner.caller.door.create({ palaceId: palace.id, roomAId: roomA.id, roomBId: roomB.id, position: 4 });
      const moved = await owner.caller.room.update({ id: roomB.id, version: 1, gridZ: 2 });
      expect(moved).toMatchObject({ gridZ: 2, version: 2 });
      expect((await owner.caller.palace.get({ id: palace.id })).doors).toHaveLength(1);
    });

    it("refuses a stale version as a conflict and keeps the newer change", async () => {
      const { owner, palace, roomB } = await palaceWithTwoRooms(database);
      await owner.caller.room.update({ id: roomB.id, version: 1, name: "Newer" });
      await expectRefused(
        owner.caller,
        palace.id,
        () => owner.caller.room.update({ id: roomB.id, version: 1, name: "Older" }),
        "CONFLICT",
        /Room "Newer" was changed by someone else since you loaded it/,
      );
      await expectRefused(
        owner.caller,
        palace.id,
        () => owner.caller.room.update({ id: roomB.id, version: 3, name: "Future" }),
        "CONFLICT",
        /changed by someone else/,
      );
    });

    it("lets only one of two simultaneous edits of the same version through", async () => {
      const { owner, palace, roomB } = await palaceWithTwoRooms(database);
      const results = await Promise.allSettled([
        owner.caller.room.update({ id: roomB.id, version: 1, name: "Left" }),
        owner.caller.room.update({ id: roomB.id, version: 1, name: "Right" }),
      ]);
      const won = results.filter((r) => r.status === "fulfilled") as PromiseFulfilledResult<{ name: string }>[];
      expect(won).toHaveLength(1);
      expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "CONFLICT" } });
      const room = (await owner.caller.palace.get({ id: palace.id })).rooms.find((r) => r.id === roomB.id)!;
      expect(room).toMatchObject({ name: won[0]!.value.name, version: 2 });
    });

    it("refuses bad input and an unknown room", async () => {
      const { owner, palace, roomB } = await palaceWithTwoRooms(database);
      await expectRefused(
        owner.caller,
        palace.id,
        () => owner.caller.room.update({ id: roomB.id, version: 1, name: "" }),
        "BAD_REQUEST",
        /name: Room name cannot be empty/,
      );
      await expectRefused(
        owner.caller,
        palace.id,
        () => owner.caller.room.update({ id: roomB.id, version: 1, palaceId: palace.id } as never),
        "BAD_REQUEST",
        /palaceId/,
      );
      await expectRefused(
        owner.caller,
        palace.id,
        () => owner.caller.room.update({ id: MISSING, version: 1, name: "Ghost" }),
        "NOT_FOUND",
        /Room was not found/,
      );
    });
  });

  describe("delete", () => {
    it("returns the room's concepts to the inbox and closes the gaps in the route", async () => {
      const { owner, palace, roomA, roomB } = await palaceWithTwoRooms(database);
      await owner.caller.door.create({ palaceId: palace.id, roomAId: roomA.id, roomBId: roomB.id });
      await placeConcept(owner.caller, palace.id, roomA.id, "one");
      await placeConcept(owner.caller, palace.id, roomB.id, "two");
      await placeConcept(owner.caller, palace.id, roomA.id, "three", { x: 4, z: 4 });
      await placeConcept(owner.caller, palace.id, roomB.id, "four", { x: 4, z: 4 });
      await placeConcept(owner.caller, palace.id, roomA.id, "five", { x: 6, z: 6 });
      const waiting = await owner.caller.concept.create({ palaceId: palace.id, title: "waiting" });
      // Each new stop joins its own room's part of the route.
      expect(await routeOf(owner.caller, palace.id)).toEqual([
        ["one", 1],
        ["three", 2],
        ["five", 3],
        ["two", 4],
        ["four", 5],
      ]);

      expect(await owner.caller.room.delete({ id: roomA.id, version: 1 })).toEqual({ ok: true });

      expect(await routeOf(owner.caller, palace.id)).toEqual([
        ["two", 1],
        ["four", 2],
      ]);
      const inbox = await owner.caller.concept.listInbox({ palaceId: palace.id });
      expect(inbox.map((c) => c.title).sort()).toEqual(["five", "one", "three", "waiting"]);
      expect(inbox.find((c) => c.title === "waiting")).toEqual(waiting);
      const scene = await owner.caller.palace.get({ id: palace.id });
      expect(scene.rooms.map((r) => r.name)).toEqual(["B"]);
      expect(scene.doors).toEqual([]);
      expect(scene.concepts).toHaveLength(6);
    });

    it("lets a new placement follow the compacted route", async () => {
      const { owner, palace, roomA, roomB } = await palaceWithTwoRooms(database);
      await placeConcept(owner.caller, palace.id, roomA.id, "one");
      await placeConcept(owner.caller, palace.id, roomB.id, "two");
      await owner.caller.room.delete({ id: roomA.id, version: 1 });
      const { locus } = await placeConcept(owner.caller, palace.id, roomB.id, "three", { x: 4, z: 4 });
      expect(locus.routeOrder).toBe(2);
    });

    it("refuses a stale version as a conflict and deletes nothing", async () => {
      const { owner, palace, roomA } = await palaceWithTwoRooms(database);
      await placeConcept(owner.caller, palace.id, roomA.id, "one");
      await owner.caller.room.update({ id: roomA.id, version: 1, name: "A2" });
      await expectRefused(
        owner.caller,
        palace.id,
        () => owner.caller.room.delete({ id: roomA.id, version: 1 }),
        "CONFLICT",
        /Room "A2" was changed by someone else/,
      );
    });

    it("refuses an unknown room", async () => {
      const { owner, palace } = await palaceWithTwoRooms(database);
      await expectRefused(
        owner.caller,
        palace.id,
        () => owner.caller.room.delete({ id: MISSING, version: 1 }),
        "NOT_FOUND",
        /Room was not found/,
      );
    });
  });

  describe("access", () => {
    const writes = (roomId: string, palaceId: string) =>
      [
        ["create", (c: Caller) => c.room.create({ palaceId, name: "Intruder", gridX: 0, gridZ: 30 })],
        ["update", (c: Caller) => c.room.update({ id: roomId, version: 1, name: "Taken" })],
        ["delete", (c: Caller) => c.room.delete({ id: roomId, version: 1 })],
      ] as const;

    it("gives a stranger NOT_FOUND for every write to a private palace", async () => {
      const { owner, palace, roomA } = await palaceWithTwoRooms(database);
      const stranger = await signUp(database, "Stranger");
      for (const [, write] of writes(roomA.id, palace.id)) {
        await expectRefused(owner.caller, palace.id, () => write(stranger.caller), "NOT_FOUND", /was not found/);
      }
    });

    it("lets a stranger read a public palace but refuses every write as FORBIDDEN", async () => {
      const { owner, palace, roomA } = await palaceWithTwoRooms(database);
      await owner.caller.palace.update({ id: palace.id, version: 1, visibility: "public" });
      const stranger = await signUp(database, "Visitor");
      expect((await stranger.caller.palace.get({ id: palace.id })).rooms).toHaveLength(2);
      for (const [, write] of writes(roomA.id, palace.id)) {
        await expectRefused(owner.caller, palace.id, () => write(stranger.caller), "FORBIDDEN", /can view this palace but not change it/);
      }
    });

    it("refuses every write from a viewer member, and from someone signed out", async () => {
      const { owner, palace, roomA } = await palaceWithTwoRooms(database);
      const viewer = await signUp(database, "Viewer");
      await addMember(database, palace.id, viewer.user.id, "viewer");
      for (const [, write] of writes(roomA.id, palace.id)) {
        await expectRefused(owner.caller, palace.id, () => write(viewer.caller), "FORBIDDEN", /not change it/);
        await expectRefused(owner.caller, palace.id, () => write(anonymous(database)), "UNAUTHORIZED", /Sign in/);
      }
    });

    it("lets an editor member create, update and delete rooms", async () => {
      const { palace, roomA } = await palaceWithTwoRooms(database);
      const editor = await signUp(database, "Editor");
      await addMember(database, palace.id, editor.user.id, "editor");
      await editor.caller.room.create({ palaceId: palace.id, name: "Annex", gridX: 0, gridZ: 30 });
      const renamed = await editor.caller.room.update({ id: roomA.id, version: 1, name: "Taken" });
      await editor.caller.room.delete({ id: renamed.id, version: renamed.version });
      expect((await editor.caller.palace.get({ id: palace.id })).rooms.map((r) => r.name).sort()).toEqual(["Annex", "B"]);
    });
  });
});
