"use client";
// Keeps an open palace current: follows its change stream and refetches what a change touched.
// Events carry ids and versions only; the data comes from the normal queries, so what one sees
// live is exactly what a reload would show.
import { useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { usePresenceStore } from "../_stores/presence-store";
import { useToasts } from "../_stores/toast-store";
import { useTRPC } from "../_trpc/client";

// Changes often come in bursts (a room delete, a run of moves): one refetch per burst.
const BURST_MS = 60;

/**
 * `presenceFor`: on the palace page, the signed-in person's id (or null for a visitor): the
 * stream then also carries who is where, into the presence store. Leave it out elsewhere.
 */
export function usePalaceLive(palaceId: string, presenceFor?: string | null) {
  const withPresence = presenceFor !== undefined;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToasts((s) => s.show);
  const router = useRouter();
  const pending = useRef<Set<string>>(new Set());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const flush = () => {
    timer.current = null;
    const touched = pending.current;
    pending.current = new Set();
    void queryClient.invalidateQueries({ queryKey: trpc.activity.list.pathKey() });
    if (touched.has("concept")) void queryClient.invalidateQueries({ queryKey: trpc.concept.pathKey() });
    if (touched.has("member") || touched.has("palace")) {
      void queryClient.invalidateQueries({ queryKey: trpc.member.list.pathKey() });
      void queryClient.invalidateQueries({ queryKey: trpc.palace.list.queryKey() });
      void queryClient.invalidateQueries({ queryKey: trpc.palace.summary.queryKey({ id: palaceId }) });
    }
    // Joining through a link counts as a use of it.
    if (touched.has("invite") || touched.has("member")) void queryClient.invalidateQueries({ queryKey: trpc.invite.list.pathKey() });
  };

  return useSubscription(
    trpc.live.watch.subscriptionOptions(
      { palaceId, presence: withPresence },
      // eslint-disable-next-line react-hooks/refs -- these handlers run when the stream delivers, never during render
      {
        onData: ({ data }) => {
          if (data.type === "presence") usePresenceStore.getState().receive(data, presenceFor ?? null);
          if (data.type !== "event") return;
          pending.current.add(data.entity);
          timer.current ??= setTimeout(flush, BURST_MS);
        },
        onError: (error) => {
          // The palace was deleted or this person lost access: nothing here can be used any more.
          if (error.data?.code === "NOT_FOUND") {
            toast("This palace was deleted or you no longer have access to it.", "error");
            void queryClient.invalidateQueries({ queryKey: trpc.palace.list.queryKey() });
            router.replace("/palaces");
          }
        },
      },
    ),
  );
}
