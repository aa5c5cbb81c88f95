// Who added, changed, moved or deleted what, and when, newest first.
import "server-only";
import { and, desc, eq, lt } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../../db/client";
import { palaceEvents, users } from "../../db/schema";
import { type Actor, requireMember } from "../access";
import { type TActivityEntry, ZActivityListInput } from "./activity.schema";

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
