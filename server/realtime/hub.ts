// One per app instance: follows each palace that has readers here, and on a notification (or a
// burst of them, coalesced for a few ms) reads the changed rows once and hands the same change
// items to every reader of that palace on this instance. So an edit costs one read per
// instance, whatever the number of readers; each reader only writes to its own socket. The hub
// numbers what it hands out: a gap (a notification lost with the LISTEN connection) is filled
// from the log before anything later goes out, and a hub too far behind tells readers to reload.
import "server-only";
import type { Db } from "../db/client";
import { log } from "../log";
import type { RealtimeBus } from "./bus";
import { askForPresence, type BusMessage, publishPresence, type TPalaceEvent } from "./events";
import { type ChangeBatch, changesFor, type Readers, readHead, readLog, type SharedChange } from "./live-changes";
import { LIVE_STALE_AFTER, type TLivePresence } from "./live.schema";
import { forgetPresenceAccess } from "./presence-cache";
import { PRESENCE_TIMEOUT_MS } from "../domain/presence/presence.schema";

/** How long a notification waits for others of the same burst before the rows are read. */
export const COALESCE_MS = 3;
const RETRY_MS = 500;

export type HubDelivery =
  | { type: "changes"; changes: SharedChange[]; readers: Readers | null }
  | { type: "stale"; seq: number }
  | { type: "presence"; person: TLivePresence }
  | { type: "gone" };

export interface HubReader {
  userId: string | null;
  presence: boolean;
  deliver(delivery: HubDelivery): void;
}

export interface Joined {
  /** The last event handed to this palace's readers here; everything after it will follow. */
  head: number;
  /** Everyone this instance knows to be in the palace now. */
  people: TLivePresence[];
  leave(): void;
}

interface Followed {
  readers: Set<HubReader>;
  head: number;
  pending: TPalaceEvent[];
  replay: boolean;
  timer: ReturnType<typeof setTimeout> | null;
  chain: Promise<void>;
  route: string[] | null;
  people: Map<string, TLivePresence>;
  stop: (() => void) | null;
  closed: boolean;
}

export interface LiveHub {
  join(palaceId: string, reader: HubReader): Promise<Joined>;
}

function here(people: Map<string, TLivePresence>, now = Date.now()): TLivePresence[] {
  const list: TLivePresence[] = [];
  for (const [userId, p] of people) {
    if (!p.here || now - p.at > PRESENCE_TIMEOUT_MS) people.delete(userId);
    else list.push(p);
  }
  return list;
}

export function createHub(db: Db, bus: RealtimeBus): LiveHub {
  const followed = new Map<string, Followed>();

  const send = (f: Followed, delivery: HubDelivery, onlyPresence = false) => {
    for (const reader of f.readers) if (!onlyPresence || reader.presence) reader.deliver(delivery);
  };

  async function flush(palaceId: string, f: Followed) {
    if (f.closed) return;
    let events = f.pending.splice(0).filter((e) => e.seq > f.head);
    events.sort((a, b) => a.seq - b.seq);
    events = events.filter((e, i) => i === 0 || e.seq !== events[i - 1]!.seq);
    const broken = events.some((e, i) => e.seq !== (i === 0 ? f.head : events[i - 1]!.seq) + 1);
    if (f.replay || broken) {
      f.replay = false;
      const logHead = await readHead(db, palaceId);
      if (logHead - f.head > LIVE_STALE_AFTER) {
        f.head = logHead;
        f.route = null;
        send(f, { type: "stale", seq: logHead });
        return;
      }
      events = await readLog(db, palaceId, f.head, logHead);
    }
    if (events.length === 0) return;
    const readerIds = [...new Set([...f.readers].map((r) => r.userId).filter((id): id is string => id !== null))];
    const batch: ChangeBatch = await changesFor(db, palaceId, events, f.route, readerIds);
    if (f.closed) return;
    f.route = batch.route;
    f.head = events.at(-1)!.seq;
    if (batch.readers) forgetPresenceAccess(db, palaceId);
    send(f, { type: "changes", changes: batch.changes, readers: batch.readers });
  }

  function schedule(palaceId: string, f: Followed, delay = COALESCE_MS) {
    if (f.timer || f.closed) return;
    f.timer = setTimeout(() => {
      f.timer = null;
      f.chain = f.chain
        .then(() => flush(palaceId, f))
        .catch((error: unknown) => {
          // The database is away: try again from the log, which keeps what the lost batch held.
          log.warn("live changes could not be read", { palaceId, error });
          f.replay = true;
          schedule(palaceId, f, RETRY_MS);
        });
    }, delay);
  }

  function onMessage(palaceId: string, f: Followed, message: BusMessage | { type: "resync" }) {
    switch (message.type) {
      case "event": {
        if (message.seq <= f.head) return;
        const { type: _type, ...event } = message;
        f.pending.push(event);
        schedule(palaceId, f);
        return;
      }
      case "resync":
        f.replay = true;
        schedule(palaceId, f);
        return;
      case "presence": {
        const { type: _type, palaceId: _palace, ...person } = message;
        f.people.set(person.userId, person);
        send(f, { type: "presence", person }, true);
        return;
      }
      case "presence-hello":
        // Repeat where our own people stand, for the instance that just started following.
        for (const userId of new Set([...f.readers].filter((r) => r.presence && r.userId).map((r) => r.userId!))) {
          const person = f.people.get(userId);
          if (person?.here) void publishPresence(db, { palaceId, ...person, at: Date.now() }).catch(() => undefined);
        }
        return;
      case "gone":
        send(f, { type: "gone" });
        return;
    }
  }

  async function follow(palaceId: string): Promise<Followed> {
    const f: Followed = {
      readers: new Set(),
      head: 0,
      pending: [],
      replay: false,
      timer: null,
      chain: Promise.resolve(),
      route: null,
      people: new Map(),
      stop: null,
      closed: false,
    };
    // Listen before reading the head, so nothing committed in between slips through.
    f.stop = await bus.subscribe(palaceId, (m) => onMessage(palaceId, f, m));
    // A burst may already be waiting to flush: it must wait for the head, as it goes on the chain.
    const ready = readHead(db, palaceId).then((seq) => {
      f.head = seq;
    });
    f.chain = ready;
    try {
      await ready;
    } catch (error) {
      f.closed = true;
      f.stop();
      throw error;
    }
    void askForPresence(db, palaceId).catch(() => undefined);
    return f;
  }

  const starting = new Map<string, Promise<Followed>>();

  return {
    async join(palaceId, reader) {
      let f = followed.get(palaceId);
      if (!f) {
        let start = starting.get(palaceId);
        if (!start) {
          start = follow(palaceId).finally(() => starting.delete(palaceId));
          starting.set(palaceId, start);
          f = await start;
          followed.set(palaceId, f);
        } else {
          f = await start;
        }
      }
      const joined = f;
      joined.readers.add(reader);
      return {
        head: joined.head,
        people: here(joined.people),
        leave() {
          joined.readers.delete(reader);
          if (joined.readers.size > 0 || joined.closed) return;
          joined.closed = true;
          if (joined.timer) clearTimeout(joined.timer);
          joined.stop?.();
          if (followed.get(palaceId) === joined) followed.delete(palaceId);
        },
      };
    },
  };
}

const hubs = new WeakMap<RealtimeBus, LiveHub>();

/** This instance's hub: one per bus, which is one per process (or per test instance). */
export function hubFor(db: Db, bus: RealtimeBus): LiveHub {
  let hub = hubs.get(bus);
  if (!hub) hubs.set(bus, (hub = createHub(db, bus)));
  return hub;
}
