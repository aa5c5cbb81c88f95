import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/server/db/client";
import { rooms } from "~/server/db/schema";
import { DOOR_WIDTH } from "~/server/domain/door/door.schema";
import type { DomainError } from "~/server/domain/errors";
import { testDatabases } from "../helpers/databases";
import {
  addMember,
  type Caller,
  expectRefused,
  expectStrangerNotFound,
  expectVisitorsRefused,
  palaceWithTwoRooms,
  signUp,
  whileLocked,
} from "../helpers/world";

const MISSING = "00000000-0000-4000-8000-000000000000";

describe.each(testDatabases)("door router on $name", (target) => {
  let database: Database & { drop(): Promise<void> };
  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(() => database.drop());

  describe("create", () => {
    it("puts a door in the middle of the shared wall by default", async () => {
      const { owner, palace, roomA, roomB } = await palaceWithTwoRooms(database);
      const door = await owner.caller.door.create({ palaceId: palace.id, roomAId: roomA.id, roomBId: roomB.id });
      const [low, high] = [roomA.id, roomB.id].sort();
      expect(door).toMatchObject({ palaceId: palace.id, roomAId: low, roomBId: high, position: 4, width: DOOR_WIDTH });
      expect((await owner.caller.palace.get({ id: palace.id })).doors).toEqual([door]);
    });

    it("stores the rooms in one order whichever is named first, at the position given", async () => {
      const { owner, palace, roomA, roomB } = await palaceWithTwoRooms(database);
      const door = await owner.caller.door.create({ palaceId: palace.id, roomAId: roomB.id, roomBId: roomA.id, position: 1.5 });
      expect([door.roomAId, door.roomBId]).toEqual([roomA.id, roomB.id].sort());
      expect(door.position).toBe(1.5);
    });

    it("centres the default door on the stretch the rooms actually share", async () => {
      const { owner, palace, roomA } = await palaceWithTwoRooms(database);
      const south = await owner.caller.room.create({ palaceId: palace.id, name: "South", gridX: 4, gridZ: 8, width: 10, depth: 4 });
      const door = await owner.caller.door.create({ palaceId: palace.id, roomAId: roomA.id, roomBId: south.id });
      expect(door.position).toBe(6);
    });

    it("refuses rooms that do not touch, naming both", async () => {
      const { owner, palace, roomA } = await palaceWithTwoRooms(database);
      const apart = await owner.caller.room.create({ palaceId: palace.id, name: "Apart", gridX: 0, gridZ: 9 });
      const error = await expectRefused(
        owner.caller,
        palace.id,
        () => owner.caller.door.create({ palaceId: palace.id, roomAId: roomA.id, roomBId: apart.id }),
        "BAD_REQUEST",
        /"A" and "Apart" do not touch, so no door can join them/,
      );
      expect((error.cause as DomainError).field).toBe("roomBId");
    });

    it("refuses rooms that only meet at a corner", async () => {
      const { owner, palace, roomA } = await palaceWithTwoRooms(database);
      const corner = await owner.caller.room.create({ palaceId: palace.id, name: "Corner", gridX: 8, gridZ: 8, width: 4, depth: 4 });
      await expectRefused(
        owner.caller,
        palace.id,
        () => owner.caller.door.create({ palaceId: palace.id, roomAId: roomA.id, roomBId: corner.id }),
        "BAD_REQUEST",
        /"A" and "Corner" do not touch/,
      );
    });

    it.each([
      ["too close to the wall's end", 0.8],
      ["past the wall's end", 9],
      ["before the wall's start", -2],
    ])("refuses a door %s", async (_name, position) => {
      const { owner, palace, roomA, roomB } = await palaceWithTwoRooms(database);
      const error = await expectRefused(
        owner.caller,
        palace.id,
        () => owner.caller.door.create({ palaceId: palace.id, roomAId: roomA.id, roomBId: roomB.id, position }),
        "BAD_REQUEST",
        new RegExp(`A door at ${position} does not fit on the wall "A" and "B" share \\(from 0 to 8\\)`),
      );
      expect((error.cause as DomainError).field).toBe("position");
    });

    it("refuses a door from a room to itself", async () => {
      const { owner, palace, roomA } = await palaceWithTwoRooms(database);
      await expectRefused(
        owner.caller,
        palace.id,
        () => owner.caller.door.create({ palaceId: palace.id, roomAId: roomA.id, roomBId: roomA.id }),
        "BAD_REQUEST",
        /A door needs two different rooms/,
      );
    });

    it("refuses a second door between the same rooms, in either order", async () => {
      const { owner, palace, roomA, roomB } = await palaceWithTwoRooms(database);
      await owner.caller.door.create({ palaceId: palace.id, roomAId: roomA.id, roomBId: roomB.id, position: 2 });
      for (const [first, second] of [
        [roomA.id, roomB.id],
        [roomB.id, roomA.id],
      ]) {
        await expectRefused(
          owner.caller,
          palace.id,
          () => owner.caller.door.create({ palaceId: palace.id, roomAId: first!, roomBId: second!, position: 6 }),
          "CONFLICT",
          /Those rooms already have a door between them/,
        );
      }
    });

    it("refuses a room of another palace, even one the same person owns", async () => {
      const { owner, palace, roomA } = await palaceWithTwoRooms(database);
      const other = await owner.caller.palace.create({ title: "Other" });
      const foreign = await owner.caller.room.create({ palaceId: other.id, name: "Foreign", gridX: 8, gridZ: 0 });
      await expectRefused(
        owner.caller,
        palace.id,
        () => owner.caller.door.create({ palaceId: palace.id, roomAId: roomA.id, roomBId: foreign.id }),
        "NOT_FOUND",
        /The second room was not found in this palace/,
      );
      await expectRefused(
        owner.caller,
        other.id,
        () => owner.caller.door.create({ palaceId: other.id, roomAId: roomA.id, roomBId: foreign.id }),
        "NOT_FOUND",
        /The first room was not found in this palace/,
      );
    });

    it("refuses ids that are not ids, and a palace that does not exist", async () => {
      const { owner, palace, roomA } = await palaceWithTwoRooms(database);
      await expectRefused(
        owner.caller,
        palace.id,
        () => owner.caller.door.create({ palaceId: palace.id, roomAId: roomA.id, roomBId: "room-b" }),
        "BAD_REQUEST",
        /roomBId: Must be a valid id/,
      );
      await expect(owner.caller.door.create({ palaceId: MISSING, roomAId: roomA.id, roomBId: roomA.id })).rejects.toMatchObject({
        code: "NOT_FOUND",
        message: "Palace was not found.",
      });
    });
  });

  // Needs two connections: PGlite runs one statement at a time, so nothing can interleave there.
  it.skipIf(target.name !== "postgres")("judges a new door by where the rooms stand once a move has landed", async () => {
    const { owner, palace, roomA, roomB } = await palaceWithTwoRooms(database);
    const outcome = await whileLocked(
      database,
      palace.id,
      (tx) => tx.update(rooms).set({ gridX: 20, version: sql`${rooms.version} + 1` }).where(eq(rooms.id, roomB.id)),
      () => owner.caller.door.create({ palaceId: palace.id, roomAId: roomA.id, roomBId: roomB.id }),
    );
    expect(outcome).toMatchObject({
      status: "rejected",
      reason: { code: "BAD_REQUEST", message: expect.stringMatching(/do not touch/) },
    });
    expect((await owner.caller.palace.get({ id: palace.id })).doors).toEqual([]);
  });

  describe("delete", () => {
    it("removes the opening and nothing else", async () => {
      const { owner, palace, roomA, roomB } = await palaceWithTwoRooms(database);
      const door = await owner.caller.door.create({ palaceId: palace.id, roomAId: roomA.id, roomBId: roomB.id });
      expect(await owner.caller.door.delete({ id: door.id })).toEqual({ ok: true });
      const scene = await owner.caller.palace.get({ id: palace.id });
      expect(scene.doors).toEqual([]);
      expect(scene.rooms).toHaveLength(2);
      // The pair is free again.
      await expect(owner.caller.door.create({ palaceId: palace.id, roomAId: roomA.id, roomBId: roomB.id })).resolves.toMatchObject({
        position: 4,
      });
    });

    it("refuses a door that does not exist", async () => {
      const { owner, palace } = await palaceWithTwoRooms(database);
      await expectRefused(owner.caller, palace.id, () => owner.caller.door.delete({ id: MISSING }), "NOT_FOUND", /Door was not found/);
    });
  });

  describe("access", () => {
    async function withDoor() {
      const world = await palaceWithTwoRooms(database);
      const { owner, palace, roomA, roomB } = world;
      const door = await owner.caller.door.create({ palaceId: palace.id, roomAId: roomA.id, roomBId: roomB.id, position: 2 });
      const writes = [
        (c: Caller) => c.door.create({ palaceId: palace.id, roomAId: roomA.id, roomBId: roomB.id, position: 6 }),
        (c: Caller) => c.door.delete({ id: door.id }),
      ];
      return { ...world, door, writes };
    }

    it("gives a stranger NOT_FOUND for every write to a private palace", async () => {
      const { owner, palace, writes } = await withDoor();
      await expectStrangerNotFound(database, owner, palace.id, writes);
    });

    it("refuses every write to a public palace from a stranger or viewer as FORBIDDEN", async () => {
      const { owner, palace, writes } = await withDoor();
      await expectVisitorsRefused(database, owner, palace.id, writes);
    });

    it("lets an editor add and remove doors", async () => {
      const { palace, roomA, roomB, door } = await withDoor();
      const editor = await signUp(database, "Editor");
      await addMember(database, palace.id, editor.user.id, "editor");
      await editor.caller.door.delete({ id: door.id });
      const again = await editor.caller.door.create({ palaceId: palace.id, roomAId: roomA.id, roomBId: roomB.id });
      expect((await editor.caller.palace.get({ id: palace.id })).doors).toEqual([again]);
    });
  });
});
