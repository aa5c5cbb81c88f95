// Rooms: create on the floor plan, update (move, resize, rename, recolour), delete.
import "server-only";
import { and, eq, ne, or } from "drizzle-orm";
import type { z } from "zod";
import { recordChange, recordChanges } from "../../realtime/events";
import type { Db } from "../../db/client";
import { concepts, doors, loci, rooms } from "../../db/schema";
import { type Actor, requireEdit } from "../access";
import { conflict, invalid, notFound } from "../errors";
import { toRoom } from "../mappers";
import { compactRoute, lockPalace } from "../palace-lock";
import { doorFits, pointInRoom, rectsOverlap, sharedWall, type Rect } from "./room.logic";
import { type TRoom, ZCreateRoomInput, ZUpdateRoomInput } from "./room.schema";

async function assertNoOverlap(tx: Db, palaceId: string, rect: Rect, exceptId?: string) {
  const others = await tx
    .select()
    .from(rooms)
    .where(exceptId ? and(eq(rooms.palaceId, palaceId), ne(rooms.id, exceptId)) : eq(rooms.palaceId, palaceId));
  const hit = others.find((o) => rectsOverlap(o, rect));
  if (hit) throw invalid(`The room would overlap "${hit.name}". Choose a free spot on the floor plan.`, "gridX");
}

export async function create(db: Db, actor: Actor, raw: z.input<typeof ZCreateRoomInput>): Promise<TRoom> {
  const input = ZCreateRoomInput.parse(raw);
  await requireEdit(db, input.palaceId, actor);
  return db.transaction(async (tx) => {
    await lockPalace(tx, input.palaceId);
    await assertNoOverlap(tx, input.palaceId, input);
    const [row] = await tx.insert(rooms).values(input).returning();
    await recordChange(tx, actor, input.palaceId, { action: "added", entity: "room", entityId: row!.id, version: row!.version, label: row!.name });
    return toRoom(row!);
  });
}

async function loadRoom(db: Db, id: string) {
  const [room] = await db.select().from(rooms).where(eq(rooms.id, id));
  if (!room) throw notFound("Room");
  return room;
}

export async function update(db: Db, actor: Actor, raw: z.input<typeof ZUpdateRoomInput>): Promise<TRoom> {
  const { id, version, ...changes } = ZUpdateRoomInput.parse(raw);
  const current = await loadRoom(db, id);
  await requireEdit(db, current.palaceId, actor, "Room");
  if (current.version !== version) throw conflict(`Room "${current.name}"`);
  const next = { ...current, ...changes };

  return db.transaction(async (tx) => {
    await lockPalace(tx, current.palaceId);
    const geometryChanged = ["gridX", "gridZ", "width", "depth", "height"].some(
      (k) => next[k as keyof typeof next] !== current[k as keyof typeof current],
    );
    if (geometryChanged) {
      await assertNoOverlap(tx, current.palaceId, next, id);
      const placed = await tx.select().from(loci).where(eq(loci.roomId, id));
      const outside = placed.find((l) => !pointInRoom(next, l.x, l.y, l.z));
      if (outside) {
        throw invalid(
          `Some concepts would end up outside the room. Move them closer to the room's corner first, or keep it at least as large.`,
          "width",
        );
      }
      const roomDoors = await tx
        .select()
        .from(doors)
        .where(or(eq(doors.roomAId, id), eq(doors.roomBId, id)));
      for (const door of roomDoors) {
        const other = await loadRoom(tx, door.roomAId === id ? door.roomBId : door.roomAId);
        const wall = sharedWall(next, other);
        if (!wall || !doorFits(wall, door.position, door.width)) {
          throw invalid(
            `The door to "${other.name}" would no longer be on a shared wall. Delete that door first, or keep the rooms touching there.`,
            "gridX",
          );
        }
      }
    }
    const [row] = await tx
      .update(rooms)
      .set({ ...changes, updatedAt: new Date(), version: version + 1 })
      .where(and(eq(rooms.id, id), eq(rooms.version, version)))
      .returning();
    if (!row) throw conflict(`Room "${current.name}"`);
    await recordChange(tx, actor, current.palaceId, {
      action: geometryChanged ? "moved" : "changed",
      entity: "room",
      entityId: id,
      version: row.version,
      label: row.name,
    });
    return toRoom(row);
  });
}

/** Deletes a room with its doors; the concepts placed in it go back to the palace inbox. */
export async function remove(db: Db, actor: Actor, input: { id: string; version: number }) {
  const current = await loadRoom(db, input.id);
  await requireEdit(db, current.palaceId, actor, "Room");
  if (current.version !== input.version) throw conflict(`Room "${current.name}"`);
  return db.transaction(async (tx) => {
    await lockPalace(tx, current.palaceId);
    // The doors and placements go with the room: each is its own event, so live clients
    // remove exactly those rows.
    const [goneDoors, goneLoci] = await Promise.all([
      tx.select({ id: doors.id }).from(doors).where(or(eq(doors.roomAId, input.id), eq(doors.roomBId, input.id))),
      tx.select({ id: loci.id, title: concepts.title }).from(loci).innerJoin(concepts, eq(concepts.id, loci.conceptId)).where(eq(loci.roomId, input.id)),
    ]);
    const deleted = await tx
      .delete(rooms)
      .where(and(eq(rooms.id, input.id), eq(rooms.version, input.version)))
      .returning({ id: rooms.id });
    if (deleted.length === 0) throw conflict(`Room "${current.name}"`);
    await compactRoute(tx, current.palaceId);
    await recordChanges(tx, actor, current.palaceId, [
      ...goneDoors.map((d) => ({ action: "deleted" as const, entity: "door" as const, entityId: d.id })),
      ...goneLoci.map((l) => ({ action: "deleted" as const, entity: "locus" as const, entityId: l.id, label: l.title })),
      { action: "deleted", entity: "room", entityId: input.id, label: current.name },
    ]);
    return { ok: true as const };
  });
}
