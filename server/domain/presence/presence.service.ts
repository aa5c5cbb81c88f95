// Presence: publish my position in a palace, follow everyone else's. Goes over the realtime
// bus only; a position is worth nothing a second later, so it is never written to a table.
import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../../db/client";
import { rooms, users } from "../../db/schema";
import type { RealtimeBus } from "../../realtime/bus";
import { publishPresence } from "../../realtime/events";
import { openPresenceStream } from "../../realtime/live";
import { type Actor, requireRead, requireUser } from "../access";
import { DomainError } from "../errors";
import { PRESENCE_MAX_PER_SECOND, ZPresenceInput, ZPresenceWatchInput } from "./presence.schema";

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

export async function watch(db: Db, bus: RealtimeBus, actor: Actor, raw: z.input<typeof ZPresenceWatchInput>, signal?: AbortSignal) {
  const input = ZPresenceWatchInput.parse(raw);
  // When a signed-in watcher's stream ends (tab closed), the others are told at once.
  const goodbye = async () => {
    if (!actor.userId) return;
    lastSent.delete(`${actor.userId}:${input.palaceId}`);
    const name = await nameOf(db, actor.userId);
    await publishPresence(db, { palaceId: input.palaceId, userId: actor.userId, name, roomId: null, x: 0, z: 0, heading: 0, here: false, at: Date.now() });
  };
  return openPresenceStream(db, bus, actor, input, signal, goodbye);
}
