// Doors: join two touching rooms of one palace, or remove the opening again.
import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import { recordChange } from "../../realtime/events";
import type { Db } from "../../db/client";
import { doors, rooms } from "../../db/schema";
import { type Actor, requireEdit } from "../access";
import { DomainError, invalid, notFound } from "../errors";
import { toDoor } from "../mappers";
import { lockPalace } from "../palace-lock";
import { defaultDoorPosition, doorFits, sharedWall } from "../room/room.logic";
import { DOOR_WIDTH, type TDoor, ZCreateDoorInput } from "./door.schema";

export async function create(db: Db, actor: Actor, raw: z.input<typeof ZCreateDoorInput>): Promise<TDoor> {
  const input = ZCreateDoorInput.parse(raw);
  await requireEdit(db, input.palaceId, actor);
  if (input.roomAId === input.roomBId) throw invalid("A door needs two different rooms.", "roomBId");
  return db.transaction(async (tx) => {
    // Read the rooms under the lock: a room edit holding it may be moving one of them away.
    await lockPalace(tx, input.palaceId);
    const found = await tx
      .select()
      .from(rooms)
      .where(and(eq(rooms.palaceId, input.palaceId), inArray(rooms.id, [input.roomAId, input.roomBId])));
    const a = found.find((r) => r.id === input.roomAId);
    const b = found.find((r) => r.id === input.roomBId);
    if (!a) throw new DomainError("NOT_FOUND", "The first room was not found in this palace.", "roomAId");
    if (!b) throw new DomainError("NOT_FOUND", "The second room was not found in this palace.", "roomBId");
    const wall = sharedWall(a, b);
    if (!wall) throw invalid(`"${a.name}" and "${b.name}" do not touch, so no door can join them.`, "roomBId");
    const position = input.position ?? defaultDoorPosition(wall);
    if (!doorFits(wall, position, DOOR_WIDTH)) {
      throw invalid(
        `A door at ${position} does not fit on the wall "${a.name}" and "${b.name}" share (from ${wall.from} to ${wall.to}).`,
        "position",
      );
    }
    const [roomAId, roomBId] = a.id < b.id ? [a.id, b.id] : [b.id, a.id];
    const [row] = await tx
      .insert(doors)
      .values({ palaceId: input.palaceId, roomAId, roomBId, position, width: DOOR_WIDTH })
      .returning();
    await recordChange(tx, actor, input.palaceId, { action: "added", entity: "door", entityId: row!.id, label: `${a.name} ↔ ${b.name}` });
    return toDoor(row!);
  });
}

export async function remove(db: Db, actor: Actor, input: { id: string }) {
  const [door] = await db.select().from(doors).where(eq(doors.id, input.id));
  if (!door) throw notFound("Door");
  await requireEdit(db, door.palaceId, actor, "Door");
  await db.transaction(async (tx) => {
    const deleted = await tx.delete(doors).where(eq(doors.id, input.id)).returning({ id: doors.id });
    if (deleted.length === 0) throw notFound("Door");
    await recordChange(tx, actor, door.palaceId, { action: "deleted", entity: "door", entityId: door.id });
  });
  return { ok: true as const };
}
