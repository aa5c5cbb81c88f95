import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/server/db/client";
import { testDatabases } from "../helpers/databases";
import { anonymous, palaceWithTwoRooms, signUp } from "../helpers/world";

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (e) {
    if (e instanceof TRPCError) return e.code;
    throw e;
  }
}

describe.each(testDatabases)("palace router on $name", (target) => {
  let database: Database & { drop(): Promise<void> };
  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(() => database.drop());

  it("creates, lists, renames and deletes a palace for its owner", async () => {
    const { caller } = await signUp(database, "Ada");
    const created = await caller.palace.create({ title: "  Transformers  ", description: "Attention" });
    expect(created).toMatchObject({ title: "Transformers", role: "owner", visibility: "private", version: 1 });

    const list = await caller.palace.list();
    expect(list.map((p) => p.id)).toEqual([created.id]);

    const renamed = await caller.palace.update({ id: created.id, version: 1, title: "Transformer anatomy" });
    expect(renamed).toMatchObject({ title: "Transformer anatomy", version: 2 });

    await expect(caller.palace.update({ id: created.id, version: 1, title: "Stale" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect((await caller.palace.get({ id: created.id })).palace.title).toBe("Transformer anatomy");

    await caller.palace.delete({ id: created.id });
    expect(await caller.palace.list()).toEqual([]);
    expect(await codeOf(caller.palace.get({ id: created.id }))).toBe("NOT_FOUND");
  });

  it("refuses empty and over-long titles with a message naming the field, writing nothing", async () => {
    const { caller } = await signUp(database, "Bo");
    const empty = caller.palace.create({ title: "   " });
    await expect(empty).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.palace.create({ title: "   " })).rejects.toThrow(/title: Title cannot be empty/);
    await expect(caller.palace.create({ title: "x".repeat(121) })).rejects.toThrow(/at most 120 characters/);
    expect(await caller.palace.list()).toEqual([]);
  });

  it("hides private palaces from strangers and the signed-out, shows public ones read-only", async () => {
    const { owner, palace } = await palaceWithTwoRooms(database);
    const stranger = await signUp(database, "Stranger");
    expect(await codeOf(stranger.caller.palace.get({ id: palace.id }))).toBe("NOT_FOUND");
    expect(await codeOf(anonymous(database).palace.get({ id: palace.id }))).toBe("NOT_FOUND");
    expect(await codeOf(stranger.caller.palace.update({ id: palace.id, version: 1, title: "Mine" }))).toBe("NOT_FOUND");

    await owner.caller.palace.update({ id: palace.id, version: 1, visibility: "public" });
    const seen = await anonymous(database).palace.get({ id: palace.id });
    expect(seen.palace.access).toEqual({ role: null, canEdit: false });
    expect(seen.rooms).toHaveLength(2);
    expect(await codeOf(stranger.caller.palace.update({ id: palace.id, version: 2, title: "Mine" }))).toBe("FORBIDDEN");
    expect(await codeOf(stranger.caller.room.create({ palaceId: palace.id, name: "C", gridX: 0, gridZ: 8 }))).toBe(
      "FORBIDDEN",
    );
    expect(await codeOf(anonymous(database).palace.list())).toBe("UNAUTHORIZED");
  });

  it("answers a stranger the same for a real id in a private palace as for an id that does not exist", async () => {
    const { owner, palace, roomA } = await palaceWithTwoRooms(database);
    const concept = await owner.caller.concept.create({ palaceId: palace.id, title: "Secret" });
    const stranger = await signUp(database, "Prober");
    const missing = crypto.randomUUID();
    const messageOf = (p: Promise<unknown>) => p.then(() => "OK", (e: Error) => e.message);
    expect(await messageOf(stranger.caller.room.update({ id: roomA.id, version: 1, name: "x" }))).toBe(
      await messageOf(stranger.caller.room.update({ id: missing, version: 1, name: "x" })),
    );
    expect(await messageOf(stranger.caller.concept.get({ id: concept.id }))).toBe(
      await messageOf(stranger.caller.concept.get({ id: missing })),
    );
    expect(await messageOf(stranger.caller.locus.place({ conceptId: concept.id, roomId: roomA.id, x: 1, z: 1 }))).toBe(
      await messageOf(stranger.caller.locus.place({ conceptId: missing, roomId: roomA.id, x: 1, z: 1 })),
    );
  });

  it("returns the whole scene with trimmed notes", async () => {
    const { owner, palace, roomA, roomB } = await palaceWithTwoRooms(database);
    await owner.caller.door.create({ palaceId: palace.id, roomAId: roomA.id, roomBId: roomB.id });
    const concept = await owner.caller.concept.create({
      palaceId: palace.id,
      title: "Residual block",
      kind: "block",
      tags: ["ResNet", "resnet", "skip"],
      notes: "y = F(x) + x. ".repeat(100),
    });
    expect(concept.tags).toEqual(["resnet", "skip"]);
    await owner.caller.locus.place({ conceptId: concept.id, roomId: roomB.id, x: 3, z: 4, shape: "book" });
    const scene = await owner.caller.palace.get({ id: palace.id });
    expect(scene.doors).toHaveLength(1);
    expect(scene.concepts[0]!.notesExcerpt.length).toBe(280);
    expect(scene.concepts[0]!.notesLength).toBe(1400);
    expect(scene.loci[0]).toMatchObject({ conceptId: concept.id, roomId: roomB.id, routeOrder: 1, shape: "book" });
    const full = await owner.caller.concept.get({ id: concept.id });
    expect(full.notes.length).toBe(1400);
  });

  it("duplicates a palace with fresh ids and the same content", async () => {
    const { owner, palace, roomA, roomB } = await palaceWithTwoRooms(database);
    await owner.caller.door.create({ palaceId: palace.id, roomAId: roomA.id, roomBId: roomB.id });
    const a = await owner.caller.concept.create({ palaceId: palace.id, title: "A" });
    const b = await owner.caller.concept.create({ palaceId: palace.id, title: "B" });
    await owner.caller.locus.place({ conceptId: a.id, roomId: roomA.id, x: 1, z: 1 });
    await owner.caller.link.create({ fromConceptId: a.id, toConceptId: b.id, label: "leads to" });

    const copy = await owner.caller.palace.duplicate({ id: palace.id });
    expect(copy.title).toBe("Copy of Test palace");
    const [src, dst] = await Promise.all([owner.caller.palace.get({ id: palace.id }), owner.caller.palace.get({ id: copy.id })]);
    expect(dst.rooms.map((r) => r.name)).toEqual(src.rooms.map((r) => r.name));
    expect(dst.concepts.map((c) => c.title).sort()).toEqual(["A", "B"]);
    expect(dst.links[0]!.label).toBe("leads to");
    expect(dst.rooms.some((r) => src.rooms.some((s) => s.id === r.id))).toBe(false);
    const copiedA = dst.concepts.find((c) => c.title === "A")!;
    expect(dst.loci[0]!.conceptId).toBe(copiedA.id);
    expect(dst.doors).toHaveLength(1);
  });
});
