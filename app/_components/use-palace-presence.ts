"use client";
// Presence for the open palace: forgets people who went quiet, and sends my own position,
// throttled to ten a second and repeated every few seconds while I stand still. Sent through
// the plain client, so no mutation state re-renders the page while I walk.
import { useEffect } from "react";
import {
  PRESENCE_HEARTBEAT_MS,
  PRESENCE_MAX_PER_SECOND,
  PRESENCE_TIMEOUT_MS,
} from "~/server/domain/presence/presence.schema";
import { locusByConcept } from "../_stores/live-palace/live-palace.select";
import { usePalace } from "../_stores/live-palace/use-live-palace";
import { usePalaceUi } from "../_stores/palace-store";
import { usePresenceStore } from "../_stores/presence-store";
import { useTRPCClient } from "../_trpc/client";

export function usePalacePresence(palaceId: string, myUserId: string | null) {
  const client = useTRPCClient();

  useEffect(() => {
    const sweep = setInterval(() => usePresenceStore.getState().expire(Date.now() - PRESENCE_TIMEOUT_MS), 1000);
    return () => clearInterval(sweep);
  }, [palaceId]);

  // Visitors who are not signed in watch but are not shown to others.
  useEffect(() => {
    if (!myUserId) return;
    const interval = 1000 / PRESENCE_MAX_PER_SECOND;
    let lastSent = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const send = () => {
      timer = null;
      lastSent = Date.now();
      // A lost update is replaced by the next one or the heartbeat.
      client.presence.update.mutate({ palaceId, ...usePresenceStore.getState().me }).catch(() => undefined);
    };
    const schedule = () => {
      if (timer) return;
      timer = setTimeout(send, Math.max(0, lastSent + interval - Date.now()));
    };
    schedule();
    const unsubscribe = usePresenceStore.subscribe((state, previous) => {
      if (state.me !== previous.me) schedule();
    });
    const heartbeat = setInterval(schedule, PRESENCE_HEARTBEAT_MS);
    return () => {
      unsubscribe();
      clearInterval(heartbeat);
      if (timer) clearTimeout(timer);
    };
  }, [palaceId, myUserId, client]);
}

/**
 * Until walk mode reports a position, a person "stands" at the concept they opened: that is the
 * room the others see them in.
 */
export function useStandWhereSelected() {
  const selected = usePalaceUi((s) => s.selectedConceptId);
  const locus = usePalace((v) => (selected ? locusByConcept(v.locus).get(selected) : undefined));
  const roomId = locus?.roomId ?? null;
  const x = locus?.x ?? 0;
  const z = locus?.z ?? 0;
  useEffect(() => {
    const me = usePresenceStore.getState().me;
    if (me.roomId !== roomId || me.x !== x || me.z !== z) usePresenceStore.getState().setMyPosition({ ...me, roomId, x, z });
  }, [roomId, x, z]);
}
