// Loci: place a concept in a room, move it (also to another room), restyle it, or take it
// back to the inbox. A new locus joins the route beside its room's stops, or after the rooms
// that come before its room along the doors.
import "server-only";
import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { recordChange } from "../../realtime/events";
import type { Db } from "../../db/client";
import { concepts, loci, rooms } from "../../db/schema";
import { type Actor, requireEdit } from "../access";
import { conflict, DomainError, invalid, notFound } from "../errors";
import { toLocus } from "../mappers";
import { CEILING_MARGIN, pointInRoom, WALL_MARGIN } from "../room/room.logic";
import { compactRoute, lockPalace } from "../palace-lock";
import { openRouteSlot } from "../route/route.service";
import { type TLocus, ZMoveLocusInput, ZPlaceLocusInput, ZUpdateLocusInput } from "./locus.schema";

async function roomInPalace(db: Db, roomId: string, palaceId: string) {
  const [room] = await db
    .select()
    .from(rooms)
    .where(and(eq(rooms.id, roomId), eq(rooms.palaceId, palaceId)));
  if (!room) throw new DomainError("NOT_FOUND", "That room was not found in this palace.", "roomId");
  return room;
}

function assertInside(room: typeof rooms.$inferSelect, p: { x: number; y: number; z: number }) {
  if (pointInRoom(room, p.x, p.y, p.z)) return;
  const field = p.x < WALL_MARGIN || p.x > room.width - WALL_MARGIN ? "x" : p.z < WALL_MARGIN || p.z > room.depth - WALL_MARGIN ? "z" : "y";
  throw invalid(
    `That position is outside "${room.name}": x must be between ${WALL_MARGIN} and ${room.width - WALL_MARGIN}, ` +
      `z between ${WALL_MARGIN} and ${room.depth - WALL_MARGIN}, height between 0 and ${room.height - CEILING_MARGIN}.`,
    field,
  );
}

async function conceptTitle(db: Db, conceptId: string): Promise<string> {
  const [row] = await db.select({ title: concepts.title }).from(concepts).where(eq(concepts.id, conceptId));
  return row?.title ?? "";
}

async function loadLocus(db: Db, id: string) {
  const [row] = await db.select().from(loci).where(eq(loci.id, id));
  if (!row) throw notFound("Placement");
  return row;
}

export async function place(db: Db, actor: Actor, raw: z.input<typeof ZPlaceLocusInput>): Promise<TLocus> {
  const input = ZPlaceLocusInput.parse(raw);
  const [concept] = await db.select().from(concepts).where(eq(concepts.id, input.conceptId));
  if (!concept) throw notFound("Concept");
  await requireEdit(db, concept.palaceId, actor, "Concept");
  return db.transaction(async (tx) => {
    await lockPalace(tx, concept.palaceId);
    // Read the room under the lock: a room edit holding it may be shrinking this very room.
    const room = await roomInPalace(tx, input.roomId, concept.palaceId);
    assertInside(room, input);
    const [existing] = await tx.select({ id: loci.id }).from(loci).where(eq(loci.conceptId, concept.id));
    if (existing) throw new DomainError("CONFLICT", `"${concept.title}" is already placed. Move it instead.`);
    const routeOrder = await openRouteSlot(tx, concept.palaceId, input);
    const [row] = await tx
      .insert(loci)
      .values({ ...input, palaceId: concept.palaceId, routeOrder })
      .returning();
    await recordChange(tx, actor, concept.palaceId, { action: "added", entity: "locus", entityId: row!.id, version: row!.version, label: concept.title });
    return toLocus(row!);
  });
}

export async function move(db: Db, actor: Actor, raw: z.input<typeof ZMoveLocusInput>): Promise<TLocus> {
  const { id, version, ...to } = ZMoveLocusInput.parse(raw);
  const current = await loadLocus(db, id);
  await requireEdit(db, current.palaceId, actor, "Placement");
  if (current.version !== version) throw conflict("This concept's placement");
  return db.transaction(async (tx) => {
    await lockPalace(tx, current.palaceId);
    // Read the room under the lock: a room edit holding it may be shrinking this very room.
    const room = await roomInPalace(tx, to.roomId, current.palaceId);
    assertInside(room, to);
    const [row] = await tx
      .update(loci)
      .set({ ...to, updatedAt: new Date(), version: version + 1 })
      .where(and(eq(loci.id, id), eq(loci.version, version)))
      .returning();
    if (!row) throw conflict("This concept's placement");
    await recordChange(tx, actor, current.palaceId, {
      action: "moved",
      entity: "locus",
      entityId: id,
      version: row.version,
      label: await conceptTitle(tx, row.conceptId),
    });
    return toLocus(row);
  });
}

export async function update(db: Db, actor: Actor, raw: z.input<typeof ZUpdateLocusInput>): Promise<TLocus> {
  const { id, version, ...changes } = ZUpdateLocusInput.parse(raw);
  const current = await loadLocus(db, id);
  await requireEdit(db, current.palaceId, actor, "Placement");
  if (current.version !== version) throw conflict("This concept's placement");
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(loci)
      .set({ ...changes, updatedAt: new Date(), version: version + 1 })
      .where(and(eq(loci.id, id), eq(loci.version, version)))
      .returning();
    if (!row) throw conflict("This concept's placement");
    await recordChange(tx, actor, row.palaceId, {
      action: "changed",
      entity: "locus",
      entityId: id,
      version: row.version,
      label: await conceptTitle(tx, row.conceptId),
    });
    return toLocus(row);
  });
}

/** Takes the concept off its spot: it returns to the inbox and the route closes the gap. */
export async function remove(db: Db, actor: Actor, input: { id: string; version: number }) {
  const current = await loadLocus(db, input.id);
  await requireEdit(db, current.palaceId, actor, "Placement");
  if (current.version !== input.version) throw conflict("This concept's placement");
  return db.transaction(async (tx) => {
    await lockPalace(tx, current.palaceId);
    const deleted = await tx
      .delete(loci)
      .where(and(eq(loci.id, input.id), eq(loci.version, input.version)))
      .returning({ id: loci.id });
    if (deleted.length === 0) throw conflict("This concept's placement");
    await compactRoute(tx, current.palaceId);
    await recordChange(tx, actor, current.palaceId, {
      action: "deleted",
      entity: "locus",
      entityId: input.id,
      label: await conceptTitle(tx, current.conceptId),
    });
    return { ok: true as const };
  });
}
