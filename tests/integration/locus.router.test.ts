import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/server/db/client";
import { rooms } from "~/server/db/schema";
import type { DomainError } from "~/server/domain/errors";
import { pointInRoom } from "~/server/domain/room/room.logic";
import { testDatabases } from "../helpers/databases";
import {
  addMember,
  type Caller,
  expectRefused,
  expectStrangerNotFound,
  expectVisitorsRefused,
  palaceWithTwoRooms,
  placeConcept,
  routeOf,
  signUp,
  whileLocked,
} from "../helpers/world";

const MISSING = "00000000-0000-4000-8000-000000000000";

describe.each(testDatabases)("locus router on $name", (target) => {
  let database: Database & { drop(): Promise<void> };
  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(() => database.drop());

  describe("place", () => {
    it("places a concept with defaults at the end of the route and takes it out of the inbox", async () => {
      const { owner, palace, roomA, roomB } = await palaceWithTwoRooms(database);
      const first = await owner.caller.concept.create({ palaceId: palace.id, title: "first" });
      const second = await owner.caller.concept.create({ palaceId: palace.id, title: "second" });
      const a = await owner.caller.locus.place({ conceptId: first.id, roomId: roomA.id, x: 1, z: 2 });
      expect(a).toMatchObject({
        palaceId: palace.id,
        conceptId: first.id,
        roomId: roomA.id,
        x: 1,
        y: 0,
        z: 2,
        rotationY: 0,
        shape: "pedestal",
        color: "#c9a227",
        routeOrder: 1,
        version: 1,
      });
      const b = await owner.caller.locus.place({
        conceptId: second.id,
        roomId: roomB.id,
        x: 3,
        y: 1.2,
        z: 4,
        rotationY: -Math.PI / 2,
        shape: "lamp",
        color: "#FF00AA",
      });
      expect(b).toMatchObject({ roomId: roomB.id, y: 1.2, shape: "lamp", color: "#ff00aa", routeOrder: 2 });
      expect(b.rotationY).toBeCloseTo(1.5 * Math.PI, 9);
      expect(await owner.caller.concept.listInbox({ palaceId: palace.id })).toEqual([]);
      expect((await owner.caller.palace.get({ id: palace.id })).loci).toEqual([a, b]);
    });

    it.each([
      ["too close to the west wall", { x: 0.2, z: 4 }, "x"],
      ["past the east wall", { x: 7.8, z: 4 }, "x"],
      ["too close to the north wall", { x: 4, z: 0 }, "z"],
      ["past the south wall", { x: 4, z: 9 }, "z"],
      ["under the floor", { x: 4, y: -0.5, z: 4 }, "y"],
      ["in the ceiling", { x: 4, y: 3.2, z: 4 }, "y"],
      ["in palace coordinates of the neighbouring room", { x: 10, z: 4 }, "x"],
    ])("refuses a position %s, naming the room and the limits", async (_name, at, field) => {
      const { owner, palace, roomA } = await palaceWithTwoRooms(database);
      const concept = await owner.caller.concept.create({ palaceId: palace.id, title: "c" });
      const error = await expectRefused(
        owner.caller,
        palace.id,
        () => owner.caller.locus.place({ conceptId: concept.id, roomId: roomA.id, ...at }),
        "BAD_REQUEST",
        /That position is outside "A": x must be between 0\.3 and 7\.7, z between 0\.3 and 7\.7, height between 0 and 3/,
      );
      expect((error.cause as DomainError).field).toBe(field);
      expect(await owner.caller.concept.listInbox({ palaceId: palace.id })).toHaveLength(1);
    });

    it("refuses placing a concept that is already placed", async () => {
      const { owner, palace, roomA, roomB } = await palaceWithTwoRooms(database);
      const { concept } = await placeConcept(owner.caller, palace.id, roomA.id, "Twice");
      await expectRefused(
        owner.caller,
        palace.id,
        () => owner.caller.locus.place({ conceptId: concept.id, roomId: roomB.id, x: 3, z: 3 }),
        "CONFLICT",
        /"Twice" is already placed\. Move it instead\./,
      );
    });

    it("refuses a room of another palace, even one the same person owns", async () => {
      const { owner, palace } = await palaceWithTwoRooms(database);
      const other = await owner.caller.palace.create({ title: "Other" });
      const foreign = await owner.caller.room.create({ palaceId: other.id, name: "Foreign", gridX: 0, gridZ: 0 });
      const concept = await owner.caller.concept.create({ palaceId: palace.id, title: "Homebody" });
      const error = await expectRefused(
        owner.caller,
        palace.id,
        () => owner.caller.locus.place({ conceptId: concept.id, roomId: foreign.id, x: 2, z: 2 }),
        "NOT_FOUND",
        /That room was not found in this palace/,
      );
      expect((error.cause as DomainError).field).toBe("roomId");
      expect((await owner.caller.palace.get({ id: other.id })).loci).toEqual([]);
    });

    it("refuses an unknown concept or room", async () => {
      const { owner, palace, roomA } = await palaceWithTwoRooms(database);
      const concept = await owner.caller.concept.create({ palaceId: palace.id, title: "c" });
      await expectRefused(
        owner.caller,
        palace.id,
        () => owner.caller.locus.place({ conceptId: MISSING, roomId: roomA.id, x: 2, z: 2 }),
        "NOT_FOUND",
        /Concept was not found/,
      );
      await expectRefused(
        owner.caller,
        palace.id,
        () => owner.caller.locus.place({ conceptId: concept.id, roomId: MISSING, x: 2, z: 2 }),
        "NOT_FOUND",
        /That room was not found in this palace/,
      );
    });

    it("refuses a bad colour, shape or a route order chosen by the caller", async () => {
      const { owner, palace, roomA } = await palaceWithTwoRooms(database);
      const concept = await owner.caller.concept.create({ palaceId: palace.id, title: "c" });
      const base = { conceptId: concept.id, roomId: roomA.id, x: 2, z: 2 };
      await expectRefused(
        owner.caller,
        palace.id,
        () => owner.caller.locus.place({ ...base, color: "gold" }),
        "BAD_REQUEST",
        /color: Colour must be a hex colour/,
      );
      await expectRefused(owner.caller, palace.id, () => owner.caller.locus.place({ ...base, shape: "statue" } as never), "BAD_REQUEST", /shape/);
      await expectRefused(owner.caller, palace.id, () => owner.caller.locus.place({ ...base, routeOrder: 1 } as never), "BAD_REQUEST", /routeOrder/);
    });

    it("gives two concepts placed at the same moment different places on the route", async () => {
      const { owner, palace, roomA, roomB } = await palaceWithTwoRooms(database);
      const [left, right] = await Promise.all([
        owner.caller.concept.create({ palaceId: palace.id, title: "left" }),
        owner.caller.concept.create({ palaceId: palace.id, title: "right" }),
      ]);
      const placed = await Promise.all([
        owner.caller.locus.place({ conceptId: left.id, roomId: roomA.id, x: 2, z: 2 }),
        owner.caller.locus.place({ conceptId: right.id, roomId: roomB.id, x: 2, z: 2 }),
      ]);
      expect(placed.map((l) => l.routeOrder).sort()).toEqual([1, 2]);
      expect((await owner.caller.palace.get({ id: palace.id })).loci.map((l) => l.routeOrder)).toEqual([1, 2]);
    });

    it("places one concept only once when two placements race", async () => {
      const { owner, palace, roomA, roomB } = await palaceWithTwoRooms(database);
      const concept = await owner.caller.concept.create({ palaceId: palace.id, title: "contested" });
      const results = await Promise.allSettled([
        owner.caller.locus.place({ conceptId: concept.id, roomId: roomA.id, x: 2, z: 2 }),
        owner.caller.locus.place({ conceptId: concept.id, roomId: roomB.id, x: 2, z: 2 }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(results.find((r) => r.status === "rejected")).toMatchObject({
        reason: { code: "CONFLICT", message: expect.stringMatching(/already placed/) },
      });
      expect((await owner.caller.palace.get({ id: palace.id })).loci).toHaveLength(1);
    });
  });

  describe("move", () => {
    it("moves a locus within its room and to another room, keeping its route order", async () => {
      const { owner, palace, roomA, roomB } = await palaceWithTwoRooms(database);
      await placeConcept(owner.caller, palace.id, roomA.id, "first");
      const { locus } = await placeConcept(owner.caller, palace.id, roomA.id, "second", { x: 3, z: 3 });
      const within = await owner.caller.locus.move({ id: locus.id, version: 1, roomId: roomA.id, x: 6, y: 1, z: 7 });
      expect(within).toMatchObject({ roomId: roomA.id, x: 6, y: 1, z: 7, routeOrder: 2, version: 2 });
      const across = await owner.caller.locus.move({ id: locus.id, version: 2, roomId: roomB.id, x: 5.7, z: 0.3 });
      expect(across).toMatchObject({ roomId: roomB.id, x: 5.7, y: 0, z: 0.3, routeOrder: 2, version: 3, shape: locus.shape });
      expect((await owner.caller.palace.get({ id: palace.id })).loci[1]).toEqual(across);
    });

    it("refuses a position outside the target room, judged by that room's size", async () => {
      const { owner, palace, roomA, roomB } = await palaceWithTwoRooms(database);
      const { locus } = await placeConcept(owner.caller, palace.id, roomA.id, "wide", { x: 7, z: 2 });
      const error = await expectRefused(
        owner.caller,
        palace.id,
        () => owner.caller.locus.move({ id: locus.id, version: 1, roomId: roomB.id, x: 7, z: 2 }),
        "BAD_REQUEST",
        /That position is outside "B": x must be between 0\.3 and 5\.7/,
      );
      expect((error.cause as DomainError).field).toBe("x");
    });

    it("refuses a room of another palace", async () => {
      const { owner, palace, roomA } = await palaceWithTwoRooms(database);
      const { locus } = await placeConcept(owner.caller, palace.id, roomA.id, "stay");
      const other = await owner.caller.palace.create({ title: "Other" });
      const foreign = await owner.caller.room.create({ palaceId: other.id, name: "Foreign", gridX: 0, gridZ: 0 });
      await expectRefused(
        owner.caller,
        palace.id,
        () => owner.caller.locus.move({ id: locus.id, version: 1, roomId: foreign.id, x: 2, z: 2 }),
        "NOT_FOUND",
        /That room was not found in this palace/,
      );
      expect((await owner.caller.palace.get({ id: other.id })).loci).toEqual([]);
    });

    it("refuses a stale version as a conflict", async () => {
      const { owner, palace, roomA } = await palaceWithTwoRooms(database);
      const { locus } = await placeConcept(owner.caller, palace.id, roomA.id, "moved twice");
      await owner.caller.locus.move({ id: locus.id, version: 1, roomId: roomA.id, x: 3, z: 3 });
      await expectRefused(
        owner.caller,
        palace.id,
        () => owner.caller.locus.move({ id: locus.id, version: 1, roomId: roomA.id, x: 5, z: 5 }),
        "CONFLICT",
        /This concept's placement was changed by someone else since you loaded it/,
      );
    });

    it("refuses an unknown locus", async () => {
      const { owner, palace, roomA } = await palaceWithTwoRooms(database);
      await expectRefused(
        owner.caller,
        palace.id,
        () => owner.caller.locus.move({ id: MISSING, version: 1, roomId: roomA.id, x: 2, z: 2 }),
        "NOT_FOUND",
        /Placement was not found/,
      );
    });
  });

  describe("update", () => {
    it("restyles a locus, wrapping the rotation and lowering the colour", async () => {
      const { owner, palace, roomA } = await palaceWithTwoRooms(database);
      const { locus } = await placeConcept(owner.caller, palace.id, roomA.id, "styled");
      const updated = await owner.caller.locus.update({
        id: locus.id,
        version: 1,
        rotationY: 2 * Math.PI + 0.5,
        shape: "sphere",
        color: "#00FF7F",
      });
      expect(updated).toMatchObject({ shape: "sphere", color: "#00ff7f", version: 2, x: locus.x, z: locus.z, routeOrder: 1 });
      expect(updated.rotationY).toBeCloseTo(0.5, 9);
      const partial = await owner.caller.locus.update({ id: locus.id, version: 2, shape: "book" });
      expect(partial).toMatchObject({ shape: "book", color: "#00ff7f", version: 3 });
    });

    it("refuses a stale version as a conflict", async () => {
      const { owner, palace, roomA } = await palaceWithTwoRooms(database);
      const { locus } = await placeConcept(owner.caller, palace.id, roomA.id, "styled");
      await owner.caller.locus.update({ id: locus.id, version: 1, shape: "cube" });
      await expectRefused(
        owner.caller,
        palace.id,
        () => owner.caller.locus.update({ id: locus.id, version: 1, shape: "lamp" }),
        "CONFLICT",
        /This concept's placement was changed by someone else/,
      );
    });

    it("refuses a bad colour", async () => {
      const { owner, palace, roomA } = await palaceWithTwoRooms(database);
      const { locus } = await placeConcept(owner.caller, palace.id, roomA.id, "styled");
      await expectRefused(
        owner.caller,
        palace.id,
        () => owner.caller.locus.update({ id: locus.id, version: 1, color: "#12345" }),
        "BAD_REQUEST",
        /color: Colour must be a hex colour like #3a7bd5/,
      );
    });
  });

  describe("delete", () => {
    it("returns the concept to the inbox and closes the gap in the route", async () => {
      const { owner, palace, roomA, roomB } = await palaceWithTwoRooms(database);
      await placeConcept(owner.caller, palace.id, roomA.id, "one");
      const two = await placeConcept(owner.caller, palace.id, roomB.id, "two");
      await placeConcept(owner.caller, palace.id, roomA.id, "three", { x: 4, z: 4 });
      await placeConcept(owner.caller, palace.id, roomB.id, "four", { x: 4, z: 4 });
      expect(await owner.caller.locus.delete({ id: two.locus.id, version: 1 })).toEqual({ ok: true });
      expect(await routeOf(owner.caller, palace.id)).toEqual([
        ["one", 1],
        ["three", 2],
        ["four", 3],
      ]);
      expect(await owner.caller.concept.listInbox({ palaceId: palace.id })).toEqual([two.concept]);
      const again = await owner.caller.locus.place({ conceptId: two.concept.id, roomId: roomB.id, x: 2, z: 2 });
      expect(again.routeOrder).toBe(4);
    });

    it("refuses a stale version as a conflict and keeps the placement", async () => {
      const { owner, palace, roomA } = await palaceWithTwoRooms(database);
      const { locus } = await placeConcept(owner.caller, palace.id, roomA.id, "kept");
      await owner.caller.locus.update({ id: locus.id, version: 1, color: "#000000" });
      await expectRefused(
        owner.caller,
        palace.id,
        () => owner.caller.locus.delete({ id: locus.id, version: 1 }),
        "CONFLICT",
        /This concept's placement was changed by someone else/,
      );
    });

    it("refuses an unknown locus", async () => {
      const { owner, palace } = await palaceWithTwoRooms(database);
      await expectRefused(
        owner.caller,
        palace.id,
        () => owner.caller.locus.delete({ id: MISSING, version: 1 }),
        "NOT_FOUND",
        /Placement was not found/,
      );
    });
  });

  // Needs two connections: PGlite runs one statement at a time, so nothing can interleave there.
  describe.skipIf(target.name !== "postgres")("while a room edit holds the palace", () => {
    async function everyLocusInside(caller: Caller, palaceId: string) {
      const scene = await caller.palace.get({ id: palaceId });
      for (const l of scene.loci) {
        const room = scene.rooms.find((r) => r.id === l.roomId)!;
        expect(pointInRoom(room, l.x, l.y, l.z), `${l.x},${l.z} in ${room.width}x${room.depth}`).toBe(true);
      }
      return scene;
    }

    const shrink = (roomId: string) => (tx: Database["db"]) =>
      tx.update(rooms).set({ width: 5, version: sql`${rooms.version} + 1` }).where(eq(rooms.id, roomId));

    it("judges a move by the room's size once the resize has landed", async () => {
      const { owner, palace, roomA } = await palaceWithTwoRooms(database);
      const { locus } = await placeConcept(owner.caller, palace.id, roomA.id, "mover");
      const outcome = await whileLocked(database, palace.id, shrink(roomA.id), () =>
        owner.caller.locus.move({ id: locus.id, version: 1, roomId: roomA.id, x: 7, z: 2 }),
      );
      expect(outcome).toMatchObject({
        status: "rejected",
        reason: { code: "BAD_REQUEST", message: expect.stringMatching(/That position is outside "A"/) },
      });
      const scene = await everyLocusInside(owner.caller, palace.id);
      expect(scene.loci[0]).toMatchObject({ x: locus.x, version: 1 });
    });

    it("judges a placement by the room's size once the resize has landed", async () => {
      const { owner, palace, roomA } = await palaceWithTwoRooms(database);
      const concept = await owner.caller.concept.create({ palaceId: palace.id, title: "late" });
      const outcome = await whileLocked(database, palace.id, shrink(roomA.id), () =>
        owner.caller.locus.place({ conceptId: concept.id, roomId: roomA.id, x: 7, z: 2 }),
      );
      expect(outcome).toMatchObject({
        status: "rejected",
        reason: { code: "BAD_REQUEST", message: expect.stringMatching(/That position is outside "A"/) },
      });
      expect((await everyLocusInside(owner.caller, palace.id)).loci).toEqual([]);
    });
  });

  describe("access", () => {
    async function withLocus() {
      const world = await palaceWithTwoRooms(database);
      const { owner, palace, roomA, roomB } = world;
      const { locus } = await placeConcept(owner.caller, palace.id, roomA.id, "placed");
      const waiting = await owner.caller.concept.create({ palaceId: palace.id, title: "waiting" });
      const writes = [
        (c: Caller) => c.locus.place({ conceptId: waiting.id, roomId: roomB.id, x: 2, z: 2 }),
        (c: Caller) => c.locus.move({ id: locus.id, version: 1, roomId: roomB.id, x: 3, z: 3 }),
        (c: Caller) => c.locus.update({ id: locus.id, version: 1, shape: "lamp" }),
        (c: Caller) => c.locus.delete({ id: locus.id, version: 1 }),
      ];
      return { ...world, locus, waiting, writes };
    }

    it("gives a stranger NOT_FOUND for every write to a private palace", async () => {
      const { owner, palace, writes } = await withLocus();
      await expectStrangerNotFound(database, owner, palace.id, writes);
    });

    it("refuses every write to a public palace from a stranger or viewer as FORBIDDEN", async () => {
      const { owner, palace, writes } = await withLocus();
      await expectVisitorsRefused(database, owner, palace.id, writes);
    });

    it("lets an editor place, move, restyle and remove loci", async () => {
      const { palace, roomB, locus, waiting } = await withLocus();
      const editor = await signUp(database, "Editor");
      await addMember(database, palace.id, editor.user.id, "editor");
      await editor.caller.locus.place({ conceptId: waiting.id, roomId: roomB.id, x: 2, z: 2 });
      const moved = await editor.caller.locus.move({ id: locus.id, version: 1, roomId: roomB.id, x: 4, z: 4 });
      const restyled = await editor.caller.locus.update({ id: locus.id, version: moved.version, shape: "lamp" });
      await editor.caller.locus.delete({ id: locus.id, version: restyled.version });
      expect(await routeOf(editor.caller, palace.id)).toEqual([["waiting", 1]]);
    });
  });
});
