// Concepts: create (into the inbox), read in full, update, delete, and list the inbox.
import "server-only";
import { and, asc, eq, isNull, or } from "drizzle-orm";
import type { z } from "zod";
import { recordChange, recordChanges } from "../../realtime/events";
import type { Db } from "../../db/client";
import { concepts, links, loci } from "../../db/schema";
import { type Actor, requireEdit, requireRead } from "../access";
import { conflict, notFound } from "../errors";
import { toConcept } from "../mappers";
import { compactRoute, lockPalace } from "../palace-lock";
import { type TConcept, ZCreateConceptInput, ZUpdateConceptInput } from "./concept.schema";
import { keepTombstone } from "./tombstone.service";

async function loadConcept(db: Db, id: string) {
  const [row] = await db.select().from(concepts).where(eq(concepts.id, id));
  if (!row) throw notFound("Concept");
  return row;
}

export async function create(db: Db, actor: Actor, raw: z.input<typeof ZCreateConceptInput>): Promise<TConcept> {
  const input = ZCreateConceptInput.parse(raw);
  await requireEdit(db, input.palaceId, actor);
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(concepts).values(input).returning();
    await recordChange(tx, actor, input.palaceId, { action: "added", entity: "concept", entityId: row!.id, version: row!.version, label: row!.title });
    return toConcept(row!);
  });
}

export async function get(db: Db, actor: Actor, id: string): Promise<TConcept> {
  const row = await loadConcept(db, id);
  await requireRead(db, row.palaceId, actor, "Concept");
  return toConcept(row);
}

export async function update(db: Db, actor: Actor, raw: z.input<typeof ZUpdateConceptInput>): Promise<TConcept> {
  const { id, version, ...changes } = ZUpdateConceptInput.parse(raw);
  const current = await loadConcept(db, id);
  await requireEdit(db, current.palaceId, actor, "Concept");
  if (current.version !== version) throw conflict(`Concept "${current.title}"`);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(concepts)
      .set({ ...changes, updatedAt: new Date(), version: version + 1 })
      .where(and(eq(concepts.id, id), eq(concepts.version, version)))
      .returning();
    if (!row) throw conflict(`Concept "${current.title}"`);
    await recordChange(tx, actor, row.palaceId, { action: "changed", entity: "concept", entityId: id, version: row.version, label: row.title });
    return toConcept(row);
  });
}

/**
 * Deletes a concept with its placement and links, and closes the gap in the route. A tombstone
 * keeps what went for the undo window (tombstone.service.ts).
 */
export async function remove(db: Db, actor: Actor, input: { id: string; version: number }) {
  const current = await loadConcept(db, input.id);
  await requireEdit(db, current.palaceId, actor, "Concept");
  if (current.version !== input.version) throw conflict(`Concept "${current.title}"`);
  return db.transaction(async (tx) => {
    await lockPalace(tx, current.palaceId);
    await keepTombstone(tx, actor, input.id);
    // Its placement and links go with it: each is its own event, so live clients remove
    // exactly those rows.
    const [goneLoci, goneLinks] = await Promise.all([
      tx.select({ id: loci.id }).from(loci).where(eq(loci.conceptId, input.id)),
      tx
        .select({ id: links.id, label: links.label })
        .from(links)
        .where(or(eq(links.fromConceptId, input.id), eq(links.toConceptId, input.id))),
    ]);
    const deleted = await tx
      .delete(concepts)
      .where(and(eq(concepts.id, input.id), eq(concepts.version, input.version)))
      .returning({ id: concepts.id });
    if (deleted.length === 0) throw conflict(`Concept "${current.title}"`);
    await compactRoute(tx, current.palaceId);
    await recordChanges(tx, actor, current.palaceId, [
      ...goneLoci.map((l) => ({ action: "deleted" as const, entity: "locus" as const, entityId: l.id, label: current.title })),
      ...goneLinks.map((l) => ({ action: "deleted" as const, entity: "link" as const, entityId: l.id, label: l.label })),
      { action: "deleted", entity: "concept", entityId: input.id, label: current.title },
    ]);
    return { ok: true as const };
  });
}

/** Concepts not yet placed in any room, oldest first. */
export async function listInbox(db: Db, actor: Actor, palaceId: string): Promise<TConcept[]> {
  await requireRead(db, palaceId, actor);
  const rows = await db
    .select({ concept: concepts })
    .from(concepts)
    .leftJoin(loci, eq(loci.conceptId, concepts.id))
    .where(and(eq(concepts.palaceId, palaceId), isNull(loci.id)))
    .orderBy(asc(concepts.createdAt), asc(concepts.id));
  return rows.map((r) => toConcept(r.concept));
}
