// The in-process end of the PostgreSQL LISTEN/NOTIFY bus: one LISTEN per process, fanned out
// to the subscriptions open in it by palace id. Any number of app instances share the bus
// because the database delivers each NOTIFY to all of them.
import "server-only";
import type { Database } from "../db/client";
import { type BusMessage, REALTIME_CHANNEL } from "./events";

export type BusListener = (message: BusMessage | { type: "resync" }) => void;

export interface RealtimeBus {
  /** Calls `listener` for each message about the palace; resolves once listening. */
  subscribe(palaceId: string, listener: BusListener): Promise<() => void>;
  close(): Promise<void>;
}

export function createBus(database: Pick<Database, "listen">): RealtimeBus {
  const listeners = new Map<string, Set<BusListener>>();
  let started: Promise<() => Promise<void>> | null = null;

  const dispatch = (payload: string) => {
    let message: BusMessage;
    try {
      message = JSON.parse(payload) as BusMessage;
    } catch {
      return;
    }
    for (const listener of listeners.get(message.palaceId) ?? []) listener(message);
  };
  // After the listening connection dropped, every subscriber re-reads the log from its last
  // event: notifications sent during the gap are gone, the rows are not.
  const resync = () => {
    for (const set of listeners.values()) for (const listener of set) listener({ type: "resync" });
  };

  return {
    async subscribe(palaceId, listener) {
      started ??= database.listen(REALTIME_CHANNEL, dispatch, resync).catch((error: unknown) => {
        started = null;
        throw error;
      });
      await started;
      let set = listeners.get(palaceId);
      if (!set) listeners.set(palaceId, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0 && listeners.get(palaceId) === set) listeners.delete(palaceId);
      };
    },
    async close() {
      listeners.clear();
      const stop = started;
      started = null;
      if (stop) await (await stop)();
    },
  };
}
