// What a presence update needs to know about its sender, kept per instance for a few seconds:
// whether they may read the palace, their display name and the palace's room ids. Positions
// arrive up to ten times a second; without this each one cost three reads before its NOTIFY.
// The hub forgets a palace's entries as soon as it sees its membership or visibility change,
// and every entry expires after PRESENCE_ACCESS_TTL_MS, which bounds how long someone removed
// on another instance can still announce a position (their stream is ended at once anyway).
import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { palaceMembers, palaces, rooms, users } from "../db/schema";
import { mayRead } from "../domain/access";

export const PRESENCE_ACCESS_TTL_MS = 10_000;
const MAX_ENTRIES = 10_000;

export interface PresenceAccess {
  canRead: boolean;
  name: string;
  roomIds: Set<string>;
  expires: number;
}

const caches = new WeakMap<Db, Map<string, PresenceAccess>>();

function cacheOf(db: Db) {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map<string, PresenceAccess>()));
  return cache;
}

const keyOf = (userId: string, palaceId: string) => `${palaceId}:${userId}`;

/** One statement on a miss: access, name and rooms together. */
async function load(db: Db, userId: string, palaceId: string): Promise<PresenceAccess> {
  const [row] = await db
    .select({
      visibility: palaces.visibility,
      role: palaceMembers.role,
      name: users.name,
      roomIds: sql<string[]>`coalesce((select array_agg(${rooms.id}::text) from ${rooms} where ${rooms.palaceId} = ${palaces.id}), '{}')`,
    })
    .from(palaces)
    .innerJoin(users, eq(users.id, userId))
    .leftJoin(palaceMembers, and(eq(palaceMembers.palaceId, palaces.id), eq(palaceMembers.userId, userId)))
    .where(eq(palaces.id, palaceId));
  return {
    canRead: !!row && mayRead(row.visibility, row.role),
    name: row?.name ?? "Someone",
    roomIds: new Set(row?.roomIds ?? []),
    expires: Date.now() + PRESENCE_ACCESS_TTL_MS,
  };
}

/**
 * The sender's cached access; `roomId` not among the cached rooms reloads once, since the room
 * may be newer than the entry.
 */
export async function presenceAccess(db: Db, userId: string, palaceId: string, roomId: string | null): Promise<PresenceAccess> {
  const cache = cacheOf(db);
  const key = keyOf(userId, palaceId);
  const now = Date.now();
  let entry = cache.get(key);
  if (!entry || entry.expires <= now || (roomId !== null && !entry.roomIds.has(roomId))) {
    entry = await load(db, userId, palaceId);
    if (cache.size >= MAX_ENTRIES) for (const [k, e] of cache) if (e.expires <= now) cache.delete(k);
    if (cache.size < MAX_ENTRIES) cache.set(key, entry);
  }
  return entry;
}

/** Called when a palace's membership or visibility changed. */
export function forgetPresenceAccess(db: Db, palaceId: string) {
  const cache = caches.get(db);
  if (!cache) return;
  for (const key of cache.keys()) if (key.startsWith(`${palaceId}:`)) cache.delete(key);
}
