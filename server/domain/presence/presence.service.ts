// Presence: publish my position in a palace (the others receive it on the palace's live
// stream, live.watch). Goes over the realtime bus only; a position is worth nothing a
// second later, so it is never written to a table.
import "server-only";
import type { z } from "zod";
import type { Db } from "../../db/client";
import { publishPresence } from "../../realtime/events";
import { presenceAccess } from "../../realtime/presence-cache";
import { type Actor, requireUser } from "../access";
import { DomainError, notFound } from "../errors";
import { PRESENCE_MAX_PER_SECOND, ZPresenceInput } from "./presence.schema";

// Per process, per person and palace: the time of the last update let through.
const lastSent = new Map<string, number>();
const MIN_INTERVAL_MS = 1000 / PRESENCE_MAX_PER_SECOND;

/** One statement per update (the NOTIFY): access, name and rooms come from the instance's cache. */
export async function update(db: Db, actor: Actor, raw: z.input<typeof ZPresenceInput>): Promise<{ accepted: boolean }> {
  const userId = requireUser(actor);
  const input = ZPresenceInput.parse(raw);
  const key = `${userId}:${input.palaceId}`;
  // Too fast: dropped, not refused; the next update carries a newer position anyway.
  if (Date.now() - (lastSent.get(key) ?? 0) < MIN_INTERVAL_MS * 0.8) return { accepted: false };
  const sender = await presenceAccess(db, userId, input.palaceId, input.roomId);
  if (!sender.canRead) throw notFound("Palace");
  if (input.roomId && !sender.roomIds.has(input.roomId)) throw new DomainError("NOT_FOUND", "That room was not found in this palace.", "roomId");
  const now = Date.now();
  lastSent.set(key, now);
  // Forget people who stopped sending long ago, so the map stays as small as the crowd.
  if (lastSent.size > 10_000) for (const [k, t] of lastSent) if (now - t > 60_000) lastSent.delete(k);
  await publishPresence(db, { ...input, userId, name: sender.name, here: true, at: now });
  return { accepted: true };
}

/** Tells the others at once that this person closed the palace (their stream ended). */
export function goodbye(db: Db, actor: Actor, palaceId: string): () => Promise<void> {
  return async () => {
    if (!actor.userId) return;
    lastSent.delete(`${actor.userId}:${palaceId}`);
    const { name } = await presenceAccess(db, actor.userId, palaceId, null);
    await publishPresence(db, { palaceId, userId: actor.userId, name, roomId: null, x: 0, z: 0, heading: 0, here: false, at: Date.now() });
  };
}
