// The live palace over tRPC: `palace.snapshot` for the compact snapshot and the `palace.live`
// subscription for changes. Typed by shape, so a vanilla client in the page or in Node fits.
import { decodeSnapshot } from "~/server/realtime/live.logic";
import type { TLiveItem, TLivePresence, TSnapshotInput, TSnapshotWire } from "~/server/realtime/live.schema";
import type { LiveTransport } from "./live-palace.store";
import type { PalaceRows } from "./live-palace.select";

export interface LiveTrpcClient {
  palace: {
    snapshot: { query(input: TSnapshotInput): Promise<TSnapshotWire> };
    live: {
      subscribe(
        input: { palaceId: string; lastEventId?: string | null; presence?: boolean },
        options: { onData(item: { id: string; data: TLiveItem }): void; onError(error: unknown): void },
      ): { unsubscribe(): void };
    };
  };
}

/** `presence`: also follow who is where (the palace page); the benchmark leaves it off. */
export function trpcLiveTransport(client: LiveTrpcClient, options: { presence: boolean }): LiveTransport<PalaceRows, TLivePresence[]> {
  return {
    async snapshot({ palaceId, aroundRoomId }) {
      const wire = await client.palace.snapshot.query({ id: palaceId, ...(aroundRoomId ? { focusRoomId: aroundRoomId } : {}) });
      return decodeSnapshot(wire);
    },
    subscribe({ palaceId, afterSeq }, listener) {
      return client.palace.live.subscribe(
        { palaceId, lastEventId: String(afterSeq), presence: options.presence },
        {
          onData: ({ data: item }) => {
            if (item.type === "presence") listener.onItem({ type: "presence", presence: item.people });
            else if (item.type === "stale") listener.onItem({ type: "stale" });
            else listener.onItem(item);
          },
          onError: listener.onError,
        },
      );
    },
  };
}
