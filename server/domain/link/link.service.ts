// Links: the labelled mind-map edges between two concepts of the same palace.
import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import { recordChange } from "../../realtime/events";
import type { Db } from "../../db/client";
import { concepts, links } from "../../db/schema";
import { type Actor, requireEdit } from "../access";
import { conflict, DomainError, notFound } from "../errors";
import { toLink } from "../mappers";
import { type TLink, ZCreateLinkInput, ZUpdateLinkInput } from "./link.schema";

export async function create(db: Db, actor: Actor, raw: z.input<typeof ZCreateLinkInput>): Promise<TLink> {
  const input = ZCreateLinkInput.parse(raw);
  const found = await db
    .select({ id: concepts.id, palaceId: concepts.palaceId })
    .from(concepts)
    .where(inArray(concepts.id, [input.fromConceptId, input.toConceptId]));
  const from = found.find((c) => c.id === input.fromConceptId);
  if (!from) throw new DomainError("NOT_FOUND", "The concept to link from was not found.", "fromConceptId");
  await requireEdit(db, from.palaceId, actor, "The concept to link from");
  const to = found.find((c) => c.id === input.toConceptId);
  if (!to || to.palaceId !== from.palaceId) {
    throw new DomainError("NOT_FOUND", "The concept to link to was not found in this palace.", "toConceptId");
  }
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(links)
      .values({ palaceId: from.palaceId, fromConceptId: from.id, toConceptId: to.id, label: input.label })
      .returning();
    await recordChange(tx, actor, from.palaceId, { action: "added", entity: "link", entityId: row!.id, version: row!.version, label: row!.label });
    return toLink(row!);
  });
}

async function loadLink(db: Db, id: string) {
  const [row] = await db.select().from(links).where(eq(links.id, id));
  if (!row) throw notFound("Link");
  return row;
}

export async function update(db: Db, actor: Actor, raw: z.input<typeof ZUpdateLinkInput>): Promise<TLink> {
  const { id, version, label } = ZUpdateLinkInput.parse(raw);
  const current = await loadLink(db, id);
  await requireEdit(db, current.palaceId, actor, "Link");
  if (current.version !== version) throw conflict("This link");
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(links)
      .set({ label, updatedAt: new Date(), version: version + 1 })
      .where(and(eq(links.id, id), eq(links.version, version)))
      .returning();
    if (!row) throw conflict("This link");
    await recordChange(tx, actor, row.palaceId, { action: "changed", entity: "link", entityId: id, version: row.version, label: row.label });
    return toLink(row);
  });
}

export async function remove(db: Db, actor: Actor, input: { id: string; version: number }) {
  const current = await loadLink(db, input.id);
  await requireEdit(db, current.palaceId, actor, "Link");
  if (current.version !== input.version) throw conflict("This link");
  return db.transaction(async (tx) => {
    const deleted = await tx
      .delete(links)
      .where(and(eq(links.id, input.id), eq(links.version, input.version)))
      .returning({ id: links.id });
    if (deleted.length === 0) throw conflict("This link");
    await recordChange(tx, actor, current.palaceId, { action: "deleted", entity: "link", entityId: input.id, label: current.label });
    return { ok: true as const };
  });
}
