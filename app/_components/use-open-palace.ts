"use client";
// Opens the live palace for the palace page: one store per palace, fed by the snapshot and the
// change stream, with presence passed on to the presence store. When the palace goes away (it
// was deleted, or this person lost access) the person is told and taken to their palaces.
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import type { TLivePresence } from "~/server/realtime/live.schema";
import { createLivePalace, type LivePalace } from "../_stores/live-palace/live-palace.store";
import type { PalaceRows } from "../_stores/live-palace/live-palace.select";
import { trpcLiveTransport } from "../_stores/live-palace/trpc-transport";
import { usePresenceStore } from "../_stores/presence-store";
import { useToasts } from "../_stores/toast-store";
import { useTRPC, useTRPCClient } from "../_trpc/client";

const GONE = "This palace was deleted or you no longer have access to it.";

function goneReason(error: unknown): string | null {
  const code = (error as { data?: { code?: string } } | null)?.data?.code;
  return code === "NOT_FOUND" || code === "FORBIDDEN" ? GONE : null;
}

/** `entranceRoomId`: that room and its neighbours come first; the rest with `useRestOfPalace`. */
export function useOpenPalace(palaceId: string, myUserId: string | null, entranceRoomId: string | null): LivePalace<PalaceRows> | null {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [live, setLive] = useState<LivePalace<PalaceRows> | null>(null);

  useEffect(() => {
    usePresenceStore.getState().reset(palaceId);
    const receive = (people: TLivePresence[]) => {
      for (const person of people) usePresenceStore.getState().receive({ ...person, palaceId }, myUserId);
    };
    const opened = createLivePalace<PalaceRows, TLivePresence[]>({
      transport: trpcLiveTransport(client, { presence: true }),
      palaceId,
      aroundRoomId: entranceRoomId,
      onPresence: receive,
      isGone: goneReason,
      onChange: (change) => {
        // What the store does not hold (full notes, the activity feed, members) is fetched again.
        void queryClient.invalidateQueries({ queryKey: trpc.activity.list.pathKey() });
        if (change.entity === "concept") void queryClient.invalidateQueries({ queryKey: trpc.concept.get.queryKey({ id: change.entityId }) });
        if (change.entity === "member" || change.entity === "palace") void queryClient.invalidateQueries({ queryKey: trpc.palace.list.queryKey() });
      },
    });
    const stopGone = opened.store.subscribe((state, previous) => {
      if (state.status !== "gone" || previous.status === "gone") return;
      useToasts.getState().show(state.goneReason ?? GONE, "error");
      void queryClient.invalidateQueries({ queryKey: trpc.palace.list.queryKey() });
      router.replace("/palaces");
    });
    // The store opens a connection, so it is made here rather than during render, and handed
    // to render once made.
    // eslint-disable-next-line react-hooks/set-state-in-effect -- see above
    setLive(opened);
    return () => {
      stopGone();
      opened.close();
      usePresenceStore.getState().reset(null);
      setLive(null);
    };
    // The entrance matters only for the first load of a palace.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [palaceId, myUserId, client, queryClient, trpc, router]);

  return live;
}

/** Longest the rest waits for a first frame that does not come (a WebGL context lost on the way). */
const REST_AT_THE_LATEST_MS = 10_000;

/**
 * Fetches the rest of a palace that opened with its entrance only, once `drawn` says the first
 * frame is on screen (or no 3D view will draw one), so that fetching, decoding and laying out
 * the whole palace never stands between the person and that frame. A hidden tab draws no frames
 * and has no frame to protect: it loads the rest at once.
 */
export function useRestOfPalace(live: LivePalace<PalaceRows>, drawn: boolean) {
  useEffect(() => {
    const load = () => void live.loadRest().catch(() => live.resync("the rest of the palace did not load"));
    if (drawn || document.visibilityState === "hidden") return load();
    const late = setTimeout(load, REST_AT_THE_LATEST_MS);
    return () => clearTimeout(late);
  }, [live, drawn]);
}
