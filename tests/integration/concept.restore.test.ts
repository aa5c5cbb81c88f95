// Undo of a concept deletion through concept.restore: one transaction puts back the same id with
// its place on the route, its links both ways, its picture's bytes and everyone's review
// history; a second restore, a late one, and a restore whose room is gone each get a sentence.
import { TRPCError } from "@trpc/server";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/server/db/client";
import { conceptPictures, conceptTombstones, palaceEvents, reviewCards, reviewLogs } from "~/server/db/schema";
import * as pictures from "~/server/domain/picture/picture.service";
import { testDatabases } from "../helpers/databases";
import { pngOf } from "../helpers/pictures";
import { addMember, placeConcept, rejectionOf, routeOf, signUp } from "../helpers/world";

describe.each(testDatabases)("concept.restore on $name", (target) => {
  let database: Database & { drop(): Promise<void> };
  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(() => database.drop());

  async function world() {
    const owner = await signUp(database, "Owner");
    const editor = await signUp(database, "Editor");
    const viewer = await signUp(database, "Viewer");
    const stranger = await signUp(database, "Stranger");
    const palace = await owner.caller.palace.create({ title: "Undo palace" });
    await addMember(database, palace.id, editor.user.id, "editor");
    await addMember(database, palace.id, viewer.user.id, "viewer");
    const hall = await owner.caller.room.create({ palaceId: palace.id, name: "Hall", gridX: 0, gridZ: 0, width: 8, depth: 8 });
    const annex = await owner.caller.room.create({ palaceId: palace.id, name: "Annex", gridX: 20, gridZ: 0, width: 6, depth: 6 });
    const first = await placeConcept(owner.caller, palace.id, hall.id, "Dropout", { x: 1, z: 1 });
    const target = await placeConcept(owner.caller, palace.id, hall.id, "Batch norm", { x: 3.5, z: 2.25 });
    const last = await placeConcept(owner.caller, palace.id, hall.id, "Residual", { x: 6, z: 6 });
    return { owner, editor, viewer, stranger, palace, hall, annex, first, target, last };
  }

  it("brings back the same id, place, links both ways, picture bytes and review history, in one step", async () => {
    const w = await world();
    const o = w.owner.caller;
    const id = w.target.concept.id;
    const updated = await o.concept.update({ id, version: w.target.concept.version, notes: "Normalise per batch.", tags: ["normalisation"] });
    const hung = await pictures.put(database.db, { userId: w.owner.user.id }, { conceptId: id, version: updated.version, bytes: await pngOf(40, 30, { r: 200, g: 40, b: 10 }) });
    const outgoing = await o.link.create({ fromConceptId: id, toConceptId: w.last.concept.id, label: "then" });
    const incoming = await o.link.create({ fromConceptId: w.first.concept.id, toConceptId: id, label: "before" });
    for (const person of [w.owner, w.editor]) {
      await person.caller.recall.grade({ conceptId: id, rating: 3, idempotencyKey: crypto.randomUUID() });
    }
    await w.editor.caller.recall.grade({ conceptId: id, rating: 1, idempotencyKey: crypto.randomUUID() });
    const [picture] = await database.db.select().from(conceptPictures).where(eq(conceptPictures.conceptId, id));
    const cardsBefore = await database.db.select().from(reviewCards).where(eq(reviewCards.conceptId, id));
    const logsBefore = await database.db.select().from(reviewLogs).where(eq(reviewLogs.conceptId, id));
    const routeBefore = await routeOf(o, w.palace.id);
    const sceneBefore = await o.palace.get({ id: w.palace.id });
    const conceptBefore = sceneBefore.concepts.find((c) => c.id === id)!;
    const locusBefore = sceneBefore.loci.find((l) => l.conceptId === id)!;

    await w.editor.caller.concept.delete({ id, version: hung.version });
    expect((await o.palace.get({ id: w.palace.id })).concepts.map((c) => c.id)).not.toContain(id);
    expect(await database.db.select().from(reviewLogs).where(eq(reviewLogs.conceptId, id))).toEqual([]);
    const seqBefore = (await database.db.select({ n: sql<number>`max(${palaceEvents.seq})::int` }).from(palaceEvents).where(eq(palaceEvents.palaceId, w.palace.id)))[0]!.n;

    const result = await w.editor.caller.concept.restore({ id });
    expect(result.note).toBeNull();
    expect(result.concept).toMatchObject({ id, title: "Batch norm", notes: "Normalise per batch.", tags: ["normalisation"], createdAt: conceptBefore.createdAt });
    // Newer than any version a client held before the delete: a stale edit is a conflict.
    expect(result.concept.version).toBeGreaterThan(hung.version);
    await expect(o.concept.update({ id, version: hung.version, title: "Stale" })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(result.locus).toMatchObject({ id: locusBefore.id, roomId: w.hall.id, x: 3.5, z: 2.25, routeOrder: locusBefore.routeOrder, shape: locusBefore.shape, color: locusBefore.color });
    expect(result.links.map((l) => [l.id, l.fromConceptId, l.toConceptId, l.label]).sort()).toEqual(
      [
        [outgoing.id, id, w.last.concept.id, "then"],
        [incoming.id, w.first.concept.id, id, "before"],
      ].sort(),
    );
    expect(result.picture).toBe(true);
    expect(result.reviews).toBe(3);

    const sceneAfter = await o.palace.get({ id: w.palace.id });
    expect(await routeOf(o, w.palace.id)).toEqual(routeBefore);
    expect(sceneAfter.concepts.find((c) => c.id === id)?.picture).toEqual(conceptBefore.picture);
    const [pictureAfter] = await database.db.select().from(conceptPictures).where(eq(conceptPictures.conceptId, id));
    expect(Buffer.compare(pictureAfter!.display, picture!.display)).toBe(0);
    expect(Buffer.compare(pictureAfter!.thumb, picture!.thumb)).toBe(0);
    expect(pictureAfter!.hash).toBe(picture!.hash);
    const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(await database.db.select().from(reviewCards).where(eq(reviewCards.conceptId, id)))).toEqual(byId(cardsBefore));
    expect(byId(await database.db.select().from(reviewLogs).where(eq(reviewLogs.conceptId, id)))).toEqual(byId(logsBefore));
    const stats = await w.editor.caller.recall.stats({ palaceId: w.palace.id });
    expect(stats.totals.reviews).toBe(2);

    // Live clients hear of it like of any other write: the concept, its place and its links.
    const events = await database.db
      .select({ action: palaceEvents.action, entity: palaceEvents.entity, entityId: palaceEvents.entityId, actorId: palaceEvents.actorId })
      .from(palaceEvents)
      .where(and(eq(palaceEvents.palaceId, w.palace.id), sql`${palaceEvents.seq} > ${seqBefore}`));
    expect(events).toEqual(
      expect.arrayContaining([
        { action: "added", entity: "concept", entityId: id, actorId: w.editor.user.id },
        { action: "added", entity: "locus", entityId: locusBefore.id, actorId: w.editor.user.id },
        { action: "added", entity: "link", entityId: outgoing.id, actorId: w.editor.user.id },
        { action: "added", entity: "link", entityId: incoming.id, actorId: w.editor.user.id },
      ]),
    );
    expect(events).toHaveLength(4);
    expect(await database.db.select().from(conceptTombstones).where(eq(conceptTombstones.conceptId, id))).toEqual([]);
  });

  it("refuses a second restore, a restore by someone who may not edit, and a late one, each with a sentence", async () => {
    const w = await world();
    const { id, version } = w.last.concept;
    await w.owner.caller.concept.delete({ id, version });

    const viewer = await rejectionOf(w.viewer.caller.concept.restore({ id }));
    expect(viewer.code).toBe("FORBIDDEN");
    const stranger = await rejectionOf(w.stranger.caller.concept.restore({ id }));
    expect(stranger.code).toBe("NOT_FOUND");
    expect(stranger.message).not.toMatch(/Residual/);

    await w.owner.caller.concept.restore({ id });
    const twice = await rejectionOf(w.owner.caller.concept.restore({ id }));
    expect(twice.code).toBe("CONFLICT");
    expect(twice.message).toBe('"Residual" is not deleted: it was restored already.');
    // The stranger learns nothing about the restored concept either.
    expect((await rejectionOf(w.stranger.caller.concept.restore({ id }))).code).toBe("NOT_FOUND");

    const again = (await w.owner.caller.palace.get({ id: w.palace.id })).concepts.find((c) => c.id === id)!;
    await w.owner.caller.concept.delete({ id, version: again.version });
    await database.db
      .update(conceptTombstones)
      .set({ deletedAt: sql`now() - interval '11 minutes'` })
      .where(eq(conceptTombstones.conceptId, id));
    const late = await rejectionOf(w.owner.caller.concept.restore({ id }));
    expect(late.code).toBe("CONFLICT");
    expect(late.message).toBe('"Residual" was deleted 11 minutes ago; a deleted concept can be restored for 10 minutes only.');
    expect((await w.owner.caller.palace.get({ id: w.palace.id })).concepts.map((c) => c.id)).not.toContain(id);

    const unknown = await rejectionOf(w.owner.caller.concept.restore({ id: crypto.randomUUID() }));
    expect(unknown.code).toBe("NOT_FOUND");
    expect(unknown.message).toMatch(/^There is no deleted concept with this id to restore\./);
  });

  it("puts the concept in the inbox when its room was deleted meanwhile, and says which links could not come back", async () => {
    const w = await world();
    const o = w.owner.caller;
    const moved = await o.locus.move({ id: w.target.locus.id, version: w.target.locus.version, roomId: w.annex.id, x: 2, z: 2 });
    await o.link.create({ fromConceptId: w.target.concept.id, toConceptId: w.first.concept.id });
    await o.link.create({ fromConceptId: w.last.concept.id, toConceptId: w.target.concept.id });
    const current = (await o.palace.get({ id: w.palace.id })).concepts.find((c) => c.id === w.target.concept.id)!;
    await o.concept.delete({ id: current.id, version: current.version });
    const annex = (await o.palace.get({ id: w.palace.id })).rooms.find((r) => r.id === w.annex.id)!;
    await o.room.delete({ id: annex.id, version: annex.version });
    const first = (await o.palace.get({ id: w.palace.id })).concepts.find((c) => c.id === w.first.concept.id)!;
    await o.concept.delete({ id: first.id, version: first.version });
    expect(moved.roomId).toBe(w.annex.id);

    const result = await o.concept.restore({ id: current.id });
    expect(result.locus).toBeNull();
    expect(result.note).toBe('Its room "Annex" was deleted meanwhile, so it is back in the inbox. One link to concepts deleted since could not come back.');
    expect(result.links.map((l) => l.fromConceptId)).toEqual([w.last.concept.id]);
    expect((await o.concept.listInbox({ palaceId: w.palace.id })).map((c) => c.id)).toEqual([current.id]);
    expect(await routeOf(o, w.palace.id)).toEqual([["Residual", 1]]);
  });

  it("two restores at once bring the concept back once", async () => {
    const w = await world();
    const { id, version } = w.first.concept;
    await w.owner.caller.concept.delete({ id, version });
    const outcomes = await Promise.allSettled([w.owner.caller.concept.restore({ id }), w.editor.caller.concept.restore({ id })]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const refused = outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(TRPCError);
    expect((refused.reason as TRPCError).code).toBe("CONFLICT");
    expect(await routeOf(w.owner.caller, w.palace.id)).toEqual([
      ["Dropout", 1],
      ["Batch norm", 2],
      ["Residual", 3],
    ]);
  });
});
