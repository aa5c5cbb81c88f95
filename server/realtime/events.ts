// Records what changed in a palace: one row in the palace's event log (the activity feed and
// the replay source for reconnecting clients) and one NOTIFY that PostgreSQL delivers to every
// app instance when the transaction commits. The notification carries ids and versions only.
import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import type { Actor } from "../domain/access";
import { ZEventAction, ZEventEntity } from "../domain/activity/activity.schema";
import type { TPresenceUpdate as TPresence } from "../domain/presence/presence.schema";

export const REALTIME_CHANNEL = "engram_realtime";

/** One change as it travels to live clients. `at` is the commit-time clock in ms. */
export const ZPalaceEvent = z.object({
  palaceId: z.string(),
  seq: z.number().int(),
  action: ZEventAction,
  entity: ZEventEntity,
  entityId: z.string(),
  version: z.number().int().nullable(),
  actorId: z.string().nullable(),
  at: z.number(),
});
export type TPalaceEvent = z.infer<typeof ZPalaceEvent>;

export interface Change {
  action: z.infer<typeof ZEventAction>;
  entity: z.infer<typeof ZEventEntity>;
  entityId: string;
  version?: number | null;
  /** The thing's title or name, for the activity feed. */
  label?: string;
}

/**
 * Call inside the write's transaction, after the write. The upsert on the palace's head row
 * hands out the next number and holds that row's lock until commit, so numbers commit in order
 * and a client that saw event n has seen every event before it.
 */
export async function recordChange(tx: Db, actor: Actor, palaceId: string, change: Change): Promise<void> {
  const label = (change.label ?? "").slice(0, 200);
  await tx.execute(sql`
    with head as (
      insert into palace_event_heads (palace_id, seq) values (${palaceId}, 1)
      on conflict (palace_id) do update set seq = palace_event_heads.seq + 1
      returning seq
    ), event as (
      insert into palace_events (palace_id, seq, actor_id, action, entity, entity_id, version, label)
      select ${palaceId}, head.seq, ${actor.userId}, ${change.action}, ${change.entity}, ${change.entityId},
             ${change.version ?? null}::int, ${label}
      from head
      returning seq, created_at
    )
    select pg_notify(${REALTIME_CHANNEL}, json_build_object(
      'type', 'event', 'palaceId', ${palaceId}::text, 'seq', event.seq, 'action', ${change.action}::text,
      'entity', ${change.entity}::text, 'entityId', ${change.entityId}::text, 'version', ${change.version ?? null}::int,
      'actorId', ${actor.userId}::text, 'at', (extract(epoch from event.created_at) * 1000)::float8
    )::text) from event`);
}

/**
 * Several changes of one write (a deletion and the rows it took with it) as consecutive events,
 * in one statement; the caller lists them in the order a client should apply them.
 */
export async function recordChanges(tx: Db, actor: Actor, palaceId: string, changes: Change[]): Promise<void> {
  if (changes.length === 0) return;
  const items = sql.join(
    changes.map(
      (c, i) => sql`(${i + 1}::int, ${c.action}::text, ${c.entity}::text, ${c.entityId}::text, ${c.version ?? null}::int, ${(c.label ?? "").slice(0, 200)}::text)`,
    ),
    sql`, `,
  );
  await tx.execute(sql`
    with head as (
      insert into palace_event_heads (palace_id, seq) values (${palaceId}, ${changes.length}::bigint)
      on conflict (palace_id) do update set seq = palace_event_heads.seq + ${changes.length}::bigint
      returning seq
    ), item (n, action, entity, entity_id, version, label) as (values ${items}),
    event as (
      insert into palace_events (palace_id, seq, actor_id, action, entity, entity_id, version, label)
      select ${palaceId}, head.seq - ${changes.length}::bigint + item.n, ${actor.userId}, item.action::event_action,
             item.entity::event_entity, item.entity_id, item.version, item.label
      from head, item
      returning seq, action, entity, entity_id, version, created_at
    )
    select pg_notify(${REALTIME_CHANNEL}, json_build_object(
      'type', 'event', 'palaceId', ${palaceId}::text, 'seq', e.seq, 'action', e.action::text,
      'entity', e.entity::text, 'entityId', e.entity_id, 'version', e.version,
      'actorId', ${actor.userId}::text, 'at', (extract(epoch from e.created_at) * 1000)::float8
    )::text) from (select * from event order by seq) e`);
}

/**
 * A deleted palace takes its event log with it (cascade), so its end is announced with a bare
 * notification that live clients treat as "this palace is gone".
 */
export async function announcePalaceDeleted(tx: Db, palaceId: string): Promise<void> {
  await tx.execute(
    sql`select pg_notify(${REALTIME_CHANNEL}, json_build_object('type', 'gone', 'palaceId', ${palaceId}::text)::text)`,
  );
}

/**
 * An instance that just started following a palace asks the others to repeat where their
 * people stand, so someone arriving sees everyone at once rather than after a heartbeat.
 */
export async function askForPresence(db: Db, palaceId: string): Promise<void> {
  await db.execute(sql`select pg_notify(${REALTIME_CHANNEL}, ${JSON.stringify({ type: "presence-hello", palaceId })})`);
}

/** Presence travels on the same channel but is never stored. */
export async function publishPresence(db: Db, message: TPresence): Promise<void> {
  await db.execute(sql`select pg_notify(${REALTIME_CHANNEL}, ${JSON.stringify({ type: "presence", ...message })})`);
}



export type { TPresence };

export type BusMessage =
  | ({ type: "event" } & TPalaceEvent)
  | { type: "gone"; palaceId: string }
  | ({ type: "presence" } & TPresence)
  | { type: "presence-hello"; palaceId: string };
