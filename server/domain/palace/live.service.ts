// A palace as live clients load it: the compact snapshot, then the stream of its changes (with
// their rows and, when asked for, who is where).
import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../../db/client";
import { loci, palaces, rooms } from "../../db/schema";
import type { RealtimeBus } from "../../realtime/bus";
import { openPalaceLiveStream } from "../../realtime/live-stream";
import { accessAndHead } from "../../realtime/live.rows";
import { type TArrival, type TArrivalInput, type TSnapshotInput, type TSnapshotWire, ZArrivalInput, ZLiveInput } from "../../realtime/live.schema";
import type { Actor } from "../access";
import { goodbye } from "../presence/presence.service";
import { notFound } from "../errors";
import { snapshot } from "./snapshot.service";

export async function snapshotWire(db: Db, actor: Actor, input: TSnapshotInput): Promise<TSnapshotWire> {
  return (await snapshot(db, actor, input)).wire();
}

/**
 * Where the palace page opens: the title and the room to load first, from one small statement.
 * The page never waits for the whole palace, and neither does its first frame: the browser then
 * asks for the entrance room alone (see `snapshot`), and for the rest after that frame.
 */
export async function arrival(db: Db, actor: Actor, raw: TArrivalInput): Promise<TArrival> {
  const input = ZArrivalInput.parse(raw);
  const found = await accessAndHead(db, input.id, actor);
  if (!found?.access.canRead) throw notFound("Palace");
  const roomOf = (where: ReturnType<typeof eq>) => db.select({ id: loci.roomId }).from(loci).where(where);
  const [row] = await db
    .select({
      title: palaces.title,
      conceptRoom: input.conceptId
        ? sql<string | null>`(${roomOf(sql`${loci.palaceId} = ${input.id} and ${loci.conceptId} = ${input.conceptId}`).limit(1)})`
        : sql<string | null>`null`,
      firstStopRoom: sql<string | null>`(${roomOf(eq(loci.palaceId, input.id)).orderBy(asc(loci.routeOrder)).limit(1)})`,
      firstRoom: sql<string | null>`(${db.select({ id: rooms.id }).from(rooms).where(eq(rooms.palaceId, input.id)).orderBy(asc(rooms.gridZ), asc(rooms.gridX)).limit(1)})`,
    })
    .from(palaces)
    .where(eq(palaces.id, input.id));
  if (!row) throw notFound("Palace");
  return { title: row.title, entranceRoomId: row.conceptRoom ?? row.firstStopRoom ?? row.firstRoom ?? null };
}

/** Everyone who may read the palace may follow it; a signed-in follower is announced as gone when it ends. */
export async function follow(db: Db, bus: RealtimeBus, actor: Actor, raw: z.input<typeof ZLiveInput>, signal?: AbortSignal) {
  const input = ZLiveInput.parse(raw);
  const options = { presence: input.presence, onClose: input.presence ? goodbye(db, actor, input.palaceId) : undefined };
  return openPalaceLiveStream(db, bus, actor, input, options, signal);
}
