// The live stream of one palace: its change events (numbered, replayable after a reconnect)
// and, when asked for, the presence of the people walking it. One stream per open palace,
// because a browser on HTTP/1.1 holds at most six connections per site. Access is checked when
// the stream opens and again when membership changes, so someone removed from a private palace
// stops receiving it.
import "server-only";
import { tracked } from "@trpc/server";
import { and, asc, eq, gt } from "drizzle-orm";
import type { Db } from "../db/client";
import { palaceEventHeads, palaceEvents } from "../db/schema";
import { type Actor, requireRead } from "../domain/access";
import { DomainError, invalid } from "../domain/errors";
import type { RealtimeBus } from "./bus";
import type { BusMessage, TPalaceEvent, TPresence } from "./events";

/** The first item of every event stream: where the log stood when it opened. */
export interface LiveReady {
  type: "ready";
  seq: number;
}
export type LiveItem = LiveReady | ({ type: "event" } & TPalaceEvent) | ({ type: "presence" } & TPresence);

export interface StreamOptions {
  /** Also deliver presence updates (the palace page wants them, the members page does not). */
  presence: boolean;
  /** Runs when the stream ends, however it ends. */
  onClose?: () => Promise<void>;
}

type Wake = BusMessage | { type: "resync" };

/** Buffers messages for one stream and lets the generator wait for the next. */
export function inbox<T = Wake>(signal: AbortSignal | undefined) {
  const queue: T[] = [];
  let wake: (() => void) | null = null;
  const ring = () => {
    wake?.();
    wake = null;
  };
  signal?.addEventListener("abort", ring, { once: true });
  return {
    push(message: T) {
      queue.push(message);
      ring();
    },
    async next(): Promise<T | null> {
      while (queue.length === 0) {
        if (signal?.aborted) return null;
        await new Promise<void>((resolve) => (wake = resolve));
      }
      return queue.shift()!;
    },
  };
}

const REPLAY_PAGE = 500;

export function parseLastEventId(raw: string | null | undefined): number | null {
  if (raw == null) return null;
  if (!/^\d{1,15}$/.test(raw)) throw invalid("lastEventId must be an event number from this palace's stream.", "lastEventId");
  return Number(raw);
}

/**
 * Checks access and the resume point before the stream opens, so a refusal is an ordinary
 * error response rather than a failure halfway through a stream.
 */
export async function openPalaceEventStream(
  db: Db,
  bus: RealtimeBus,
  actor: Actor,
  input: { palaceId: string; lastEventId?: string | null },
  options: StreamOptions,
  signal?: AbortSignal,
) {
  await requireRead(db, input.palaceId, actor);
  const lastEventId = parseLastEventId(input.lastEventId);
  return palaceEventStream(db, bus, actor, input.palaceId, lastEventId, options, signal);
}

async function* palaceEventStream(
  db: Db,
  bus: RealtimeBus,
  actor: Actor,
  palaceId: string,
  lastEventId: number | null,
  options: StreamOptions,
  signal?: AbortSignal,
) {
  const box = inbox(signal);
  // Listen before reading the head, so nothing committed in between slips through.
  const stop = await bus.subscribe(palaceId, (m) => box.push(m));
  try {
    let last = lastEventId;
    if (last === null) {
      const [head] = await db.select({ seq: palaceEventHeads.seq }).from(palaceEventHeads).where(eq(palaceEventHeads.palaceId, palaceId));
      last = head?.seq ?? 0;
      yield tracked<LiveItem>(String(last), { type: "ready", seq: last });
    }
    let needsReplay = true;
    for (;;) {
      while (needsReplay) {
        const rows = await db
          .select()
          .from(palaceEvents)
          .where(and(eq(palaceEvents.palaceId, palaceId), gt(palaceEvents.seq, last)))
          .orderBy(asc(palaceEvents.seq))
          .limit(REPLAY_PAGE);
        for (const row of rows) {
          last = row.seq;
          yield tracked<LiveItem>(String(row.seq), {
            type: "event",
            palaceId: row.palaceId,
            seq: row.seq,
            action: row.action,
            entity: row.entity,
            entityId: row.entityId,
            version: row.version,
            actorId: row.actorId,
            at: row.createdAt.getTime(),
          });
        }
        needsReplay = rows.length === REPLAY_PAGE;
      }
      const message = await box.next();
      if (!message) return;
      if (message.type === "gone") throw new DomainError("NOT_FOUND", "This palace was deleted.");
      if (message.type === "resync") {
        needsReplay = true;
      } else if (message.type === "presence") {
        // Presence is not in the log; it carries the last event's id so that a reconnect
        // still resumes after that event.
        if (!options.presence) continue;
        const { type: _type, ...presence } = message;
        yield tracked<LiveItem>(String(last), { type: "presence", ...presence });
      } else if (message.type === "event") {
        if (message.seq <= last) continue;
        if (message.seq !== last + 1) {
          // A gap: an earlier notification is still in flight or was lost; the log has it.
          needsReplay = true;
          continue;
        }
        // Membership or visibility changed: this reader may have just lost the right to follow.
        if (message.entity === "member" || message.entity === "palace") await requireRead(db, palaceId, actor);
        last = message.seq;
        const { type: _type, ...event } = message;
        yield tracked<LiveItem>(String(message.seq), { type: "event", ...event });
      }
    }
  } finally {
    stop();
    await options.onClose?.().catch(() => undefined);
  }
}
