// Presence: publish my position in a palace (the others receive it on the palace's live
// stream, activity.watch). Goes over the realtime bus only; a position is worth nothing a
// second later, so it is never written to a table.
import "server-only";
import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../../db/client";
import { rooms, users } from "../../db/schema";
import { publishPresence } from "../../realtime/events";
import { type Actor, requireRead, requireUser } from "../access";
import { DomainError } from "../errors";
import { PRESENCE_MAX_PER_SECOND, ZPresenceInput } from "./presence.schema";

// Per process, per person and palace: the time of the last update let through.
const lastSent = new Map<string, number>();
const MIN_INTERVAL_MS = 1000 / PRESENCE_MAX_PER_SECOND;

async function nameOf(db: Db, userId: string): Promise<string> {
  const [row] = await db.select({ name: users.name }).from(users).where(eq(users.id, userId));
  return row?.name ?? "Someone";
}

export async function update(db: Db, actor: Actor, raw: z.input<typeof ZPresenceInput>): Promise<{ accepted: boolean }> {
  const userId = requireUser(actor);
  const input = ZPresenceInput.parse(raw);
  await requireRead(db, input.palaceId, actor);
  const key = `${userId}:${input.palaceId}`;
  const now = Date.now();
  // Too fast: dropped, not refused; the next update carries a newer position anyway.
  if (now - (lastSent.get(key) ?? 0) < MIN_INTERVAL_MS * 0.8) return { accepted: false };
  lastSent.set(key, now);
  // Forget people who stopped sending long ago, so the map stays as small as the crowd.
  if (lastSent.size > 10_000) for (const [k, t] of lastSent) if (now - t > 60_000) lastSent.delete(k);
  if (input.roomId) {
    const [room] = await db
      .select({ id: rooms.id })
      .from(rooms)
      .where(and(eq(rooms.id, input.roomId), eq(rooms.palaceId, input.palaceId)));
    if (!room) throw new DomainError("NOT_FOUND", "That room was not found in this palace.", "roomId");
  }
  await publishPresence(db, { ...input, userId, name: await nameOf(db, userId), here: true, at: now });
  return { accepted: true };
}

/** Tells the others at once that this person closed the palace (their stream ended). */
export function goodbye(db: Db, actor: Actor, palaceId: string): () => Promise<void> {
  return async () => {
    if (!actor.userId) return;
    lastSent.delete(`${actor.userId}:${palaceId}`);
    const name = await nameOf(db, actor.userId);
    await publishPresence(db, { palaceId, userId: actor.userId, name, roomId: null, x: 0, z: 0, heading: 0, here: false, at: Date.now() });
  };
}
