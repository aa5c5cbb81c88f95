// Who added, changed, moved or deleted what, and when, newest first; and the live stream.
import "server-only";
import { and, desc, eq, lt } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../../db/client";
import { palaceEvents, users } from "../../db/schema";
import type { RealtimeBus } from "../../realtime/bus";
import { openPalaceEventStream } from "../../realtime/live";
import { type Actor, requireMember } from "../access";
import { goodbye } from "../presence/presence.service";
import { type TActivityEntry, ZActivityListInput, ZWatchInput } from "./activity.schema";

export async function list(db: Db, actor: Actor, raw: z.input<typeof ZActivityListInput>): Promise<TActivityEntry[]> {
  const input = ZActivityListInput.parse(raw);
  await requireMember(db, input.palaceId, actor);
  const rows = await db
    .select({ event: palaceEvents, actorName: users.name })
    .from(palaceEvents)
    .leftJoin(users, eq(users.id, palaceEvents.actorId))
    .where(
      input.before
        ? and(eq(palaceEvents.palaceId, input.palaceId), lt(palaceEvents.seq, input.before))
        : eq(palaceEvents.palaceId, input.palaceId),
    )
    .orderBy(desc(palaceEvents.seq))
    .limit(input.limit);
  return rows.map(({ event, actorName }) => ({
    seq: event.seq,
    action: event.action,
    entity: event.entity,
    entityId: event.entityId,
    label: event.label,
    actorName,
    at: event.createdAt,
  }));
}

/** Everyone who may read the palace may follow its changes: they carry ids, never content. */
export async function watch(db: Db, bus: RealtimeBus, actor: Actor, raw: z.input<typeof ZWatchInput>, signal?: AbortSignal) {
  const input = ZWatchInput.parse(raw);
  const options = { presence: input.presence, onClose: input.presence ? goodbye(db, actor, input.palaceId) : undefined };
  return openPalaceEventStream(db, bus, actor, input, options, signal);
}
