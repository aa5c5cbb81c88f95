// One reader's live stream of a palace (`palace.live`): changes with their rows from this
// instance's hub, numbered and resumable; a reader coming back reads what it missed from the
// log (rows included), or is told to reload when it missed too much. Access is checked when the
// stream opens and again whenever membership or visibility changes.
import "server-only";
import { tracked } from "@trpc/server";
import type { Db } from "../db/client";
import { type Actor, requireRead } from "../domain/access";
import { DomainError, notFound } from "../domain/errors";
import type { RealtimeBus } from "./bus";
import { type HubDelivery, hubFor } from "./hub";
import { changesFor, readLog, type SharedChange } from "./live-changes";
import { inbox, parseLastEventId } from "./live";
import { accessOf } from "./live.rows";
import { LIVE_STALE_AFTER, type TLiveAccess, type TLiveItem, type TLivePresence } from "./live.schema";

export interface LiveStreamOptions {
  presence: boolean;
  /** Runs when the stream ends, however it ends. */
  onClose?: () => Promise<void>;
}

/** The reader's own view of a shared change: palace and member changes carry their access. */
/** A live item, typed as one: the stream's items are the contract's union, whatever literal each is. */
const liveItem = (item: TLiveItem): TLiveItem => item;

function itemFor(change: SharedChange, access: TLiveAccess): TLiveItem {
  if (change.entity === "palace" && change.row) return { ...change, row: { ...change.row, access } } as TLiveItem;
  if (change.entity === "member") return liveItem({ ...change, row: null, access });
  return change as TLiveItem;
}

export async function openPalaceLiveStream(
  db: Db,
  bus: RealtimeBus,
  actor: Actor,
  input: { palaceId: string; lastEventId?: string | null },
  options: LiveStreamOptions,
  signal?: AbortSignal,
) {
  const access = await requireRead(db, input.palaceId, actor);
  const lastEventId = parseLastEventId(input.lastEventId);
  return liveStream(db, bus, actor, input.palaceId, lastEventId, { role: access.role, canEdit: access.canEdit }, options, signal);
}

async function* liveStream(
  db: Db,
  bus: RealtimeBus,
  actor: Actor,
  palaceId: string,
  lastEventId: number | null,
  initialAccess: TLiveAccess,
  options: LiveStreamOptions,
  signal?: AbortSignal,
) {
  const box = inbox<HubDelivery>(signal);
  const joined = await hubFor(db, bus).join(palaceId, { userId: actor.userId, presence: options.presence, deliver: (d) => box.push(d) });
  let access = initialAccess;

  /** What this reader missed between `after` and `upTo`, rows read now, for it alone. */
  async function* catchUp(after: number, upTo: number) {
    const events = await readLog(db, palaceId, after, upTo);
    if (events.length === 0) return;
    const batch = await changesFor(db, palaceId, events, null, actor.userId ? [actor.userId] : []);
    if (batch.readers) access = checked(batch.readers);
    for (const change of batch.changes) yield tracked(String(change.seq), itemFor(change, access));
  }

  function checked(readers: { visibility: string; roles: Map<string, NonNullable<TLiveAccess["role"]>> }): TLiveAccess {
    const now = accessOf(readers.visibility, actor.userId ? (readers.roles.get(actor.userId) ?? null) : null);
    if (!now) throw notFound("Palace");
    return now;
  }

  try {
    let last: number;
    if (lastEventId === null) {
      last = joined.head;
      yield tracked(String(last), liveItem({ type: "ready", seq: last }));
    } else if (joined.head - lastEventId > LIVE_STALE_AFTER) {
      last = joined.head;
      yield tracked(String(last), liveItem({ type: "stale", seq: last }));
    } else {
      last = Math.max(lastEventId, joined.head);
      yield* catchUp(lastEventId, joined.head);
    }
    if (options.presence) {
      yield tracked(String(last), liveItem({ type: "presence", people: joined.people.filter((p) => p.userId !== actor.userId) }));
    }
    for (;;) {
      const delivery = await box.next();
      if (!delivery) return;
      switch (delivery.type) {
        case "gone":
          throw new DomainError("NOT_FOUND", "This palace was deleted.");
        case "stale":
          if (delivery.seq <= last) break;
          last = delivery.seq;
          yield tracked(String(last), liveItem({ type: "stale", seq: last }));
          break;
        case "presence":
          // Presence is not in the log; it carries the last event's id so that a reconnect
          // still resumes after that event.
          if (delivery.person.userId === actor.userId) break;
          yield tracked(String(last), liveItem({ type: "presence", people: [delivery.person] satisfies TLivePresence[] }));
          break;
        case "changes": {
          if (delivery.readers) access = checked(delivery.readers);
          for (const change of delivery.changes) {
            if (change.seq <= last) continue;
            if (change.seq > last + 1) yield* catchUp(last, change.seq - 1);
            last = change.seq;
            yield tracked(String(change.seq), itemFor(change, access));
          }
          break;
        }
      }
    }
  } finally {
    joined.leave();
    await options.onClose?.().catch(() => undefined);
  }
}
