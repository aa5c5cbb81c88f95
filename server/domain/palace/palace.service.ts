// Palaces: list mine, load one whole for the scene, create, update, delete and duplicate.
import "server-only";
import { and, asc, desc, eq, getTableColumns, sql } from "drizzle-orm";
import { announcePalaceDeleted, recordChange } from "../../realtime/events";
import type { Db } from "../../db/client";
import { conceptPictures, concepts, doors, links, loci, palaceMembers, palaces, rooms, users } from "../../db/schema";
import { type Actor, requireEdit, requireOwner, requireRead, requireUser } from "../access";
import { conflict, forbidden, notFound } from "../errors";
import { toConcept, toDoor, toLink, toLocus, toRoom } from "../mappers";
import { NOTES_EXCERPT_LENGTH } from "../concept/concept.schema";
import { insertPalaceGraph, remapGraph } from "./palace.graph";
import {
  PALACE_TITLE_MAX,
  type TPalace,
  type TPalaceScene,
  type TPalaceSummary,
  ZCreatePalaceInput,
  ZDuplicatePalaceInput,
  ZUpdatePalaceInput,
} from "./palace.schema";
import type { z } from "zod";

const summaryColumns = {
  ...getTableColumns(palaces),
  ownerName: users.name,
  roomCount: sql<number>`(select count(*)::int from ${rooms} where ${rooms.palaceId} = ${palaces.id})`,
  conceptCount: sql<number>`(select count(*)::int from ${concepts} where ${concepts.palaceId} = ${palaces.id})`,
};

function toPalace(row: typeof palaces.$inferSelect, ownerName: string): TPalace {
  return {
    id: row.id,
    ownerId: row.ownerId,
    ownerName,
    title: row.title,
    description: row.description,
    visibility: row.visibility,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}

export async function listMine(db: Db, actor: Actor): Promise<TPalaceSummary[]> {
  const userId = requireUser(actor);
  const rows = await db
    .select({ ...summaryColumns, role: palaceMembers.role })
    .from(palaceMembers)
    .innerJoin(palaces, eq(palaces.id, palaceMembers.palaceId))
    .innerJoin(users, eq(users.id, palaces.ownerId))
    .where(eq(palaceMembers.userId, userId))
    .orderBy(desc(palaces.updatedAt), asc(palaces.title));
  return rows.map((r) => ({ ...toPalace(r, r.ownerName), role: r.role, roomCount: r.roomCount, conceptCount: r.conceptCount }));
}

export async function summary(db: Db, palaceId: string, userId: string): Promise<TPalaceSummary> {
  const [r] = await db
    .select({ ...summaryColumns, role: palaceMembers.role })
    .from(palaces)
    .innerJoin(users, eq(users.id, palaces.ownerId))
    .innerJoin(palaceMembers, and(eq(palaceMembers.palaceId, palaces.id), eq(palaceMembers.userId, userId)))
    .where(eq(palaces.id, palaceId));
  if (!r) throw notFound("Palace");
  return { ...toPalace(r, r.ownerName), role: r.role, roomCount: r.roomCount, conceptCount: r.conceptCount };
}

/** One palace as the caller's palace list shows it; a palace they are not a member of is not found. */
export async function mine(db: Db, actor: Actor, palaceId: string): Promise<TPalaceSummary> {
  return summary(db, palaceId, requireUser(actor));
}

/**
 * The whole palace for rendering in two queries whatever its size: the access check, then one
 * relational query that aggregates every child table. Notes are cut to an excerpt.
 */
export async function getScene(db: Db, actor: Actor, palaceId: string): Promise<TPalaceScene> {
  const access = await requireRead(db, palaceId, actor);
  const found = await db.query.palaces.findFirst({
    where: eq(palaces.id, palaceId),
    with: {
      owner: { columns: { name: true } },
      rooms: { orderBy: [asc(rooms.gridZ), asc(rooms.gridX)] },
      doors: true,
      concepts: {
        // The search vector is several times the size of the rest of the row and only the
        // database reads it; the notes come as an excerpt.
        columns: { notes: false, searchVector: false },
        orderBy: [asc(concepts.createdAt), asc(concepts.id)],
        extras: (t, { sql: s }) => ({
          notesExcerpt: s<string>`left(${t.notes}, ${sql.raw(String(NOTES_EXCERPT_LENGTH))})`.as("notes_excerpt"),
          notesLength: s<number>`length(${t.notes})`.as("notes_length"),
        }),
        with: { picture: { columns: { hash: true, width: true, height: true, thumbWidth: true, thumbHeight: true } } },
      },
      loci: { orderBy: [asc(loci.routeOrder)] },
      links: { orderBy: [asc(links.createdAt), asc(links.id)] },
    },
  });
  if (!found) throw notFound("Palace");
  return {
    palace: { ...toPalace(found, found.owner.name), access: { role: access.role, canEdit: access.canEdit } },
    rooms: found.rooms.map(toRoom),
    doors: found.doors.map(toDoor),
    concepts: found.concepts.map((c) => ({
      ...toConcept({ ...c, notes: "" }),
      notesExcerpt: c.notesExcerpt,
      notesLength: Number(c.notesLength),
      picture: c.picture ?? null,
    })),
    loci: found.loci.map(toLocus),
    links: found.links.map(toLink),
  };
}

export async function create(db: Db, actor: Actor, raw: z.input<typeof ZCreatePalaceInput>): Promise<TPalaceSummary> {
  const userId = requireUser(actor);
  const input = ZCreatePalaceInput.parse(raw);
  const id = await db.transaction(async (tx) => {
    const [palace] = await tx.insert(palaces).values({ ...input, ownerId: userId }).returning({ id: palaces.id });
    await tx.insert(palaceMembers).values({ palaceId: palace!.id, userId, role: "owner" });
    return palace!.id;
  });
  return summary(db, id, userId);
}

export async function update(db: Db, actor: Actor, raw: z.input<typeof ZUpdatePalaceInput>): Promise<TPalaceSummary> {
  const { id, version, ...changes } = ZUpdatePalaceInput.parse(raw);
  const access = await requireEdit(db, id, actor);
  if (changes.visibility !== undefined && changes.visibility !== access.palace.visibility && access.role !== "owner") {
    throw forbidden("Only the palace's owner can change who may see it.");
  }
  if (access.palace.version !== version) throw conflict("This palace");
  await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(palaces)
      .set({ ...changes, updatedAt: new Date(), version: sql`${palaces.version} + 1` })
      .where(and(eq(palaces.id, id), eq(palaces.version, version)))
      .returning({ version: palaces.version, title: palaces.title });
    if (!updated) throw conflict("This palace");
    await recordChange(tx, actor, id, { action: "changed", entity: "palace", entityId: id, version: updated.version, label: updated.title });
  });
  return summary(db, id, actor.userId!);
}

export async function remove(db: Db, actor: Actor, palaceId: string): Promise<{ ok: true }> {
  await requireOwner(db, palaceId, actor);
  await db.transaction(async (tx) => {
    await tx.delete(palaces).where(eq(palaces.id, palaceId));
    await announcePalaceDeleted(tx, palaceId);
  });
  return { ok: true };
}

/** Copies a palace the caller can read into a new private palace they own. */
export async function duplicate(db: Db, actor: Actor, raw: z.input<typeof ZDuplicatePalaceInput>): Promise<TPalaceSummary> {
  const userId = requireUser(actor);
  const input = ZDuplicatePalaceInput.parse(raw);
  const { palace } = await requireRead(db, input.id, actor);
  const newId = crypto.randomUUID();
  const copyTitle = input.title ?? `Copy of ${palace.title}`.slice(0, PALACE_TITLE_MAX);
  await db.transaction(async (tx) => {
    const [roomRows, doorRows, conceptRows, lociRows, linkRows, pictureRows] = await Promise.all([
      tx.select().from(rooms).where(eq(rooms.palaceId, palace.id)),
      tx.select().from(doors).where(eq(doors.palaceId, palace.id)),
      tx.select().from(concepts).where(eq(concepts.palaceId, palace.id)),
      tx.select().from(loci).where(eq(loci.palaceId, palace.id)),
      tx.select().from(links).where(eq(links.palaceId, palace.id)),
      tx.select().from(conceptPictures).where(eq(conceptPictures.palaceId, palace.id)),
    ]);
    const graph = remapGraph(
      { rooms: roomRows, doors: doorRows, concepts: conceptRows, loci: lociRows, links: linkRows, pictures: pictureRows },
      { id: newId, title: copyTitle, description: palace.description, visibility: "private" },
    );
    await insertPalaceGraph(tx, userId, graph);
  });
  return summary(db, newId, userId);
}
