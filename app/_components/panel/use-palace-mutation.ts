"use client";
// Every edit on the palace page shares these handlers. The palace itself needs no refetch: the
// change comes back on the live stream with its rows. What the store does not hold (a concept's
// full notes) is fetched again; on failure the person sees why.
import { useQueryClient } from "@tanstack/react-query";
import { useToasts } from "../../_stores/toast-store";
import { useTRPC } from "../../_trpc/client";

interface ErrorLike {
  message: string;
  data?: { code?: string; field?: string } | null;
}

export function useEditHandlers() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToasts((s) => s.show);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.concept.pathKey() });
  return {
    refresh,
    // Not awaited: per-call callbacks (resetting a form) must run before the refetch lands,
    // or they would wipe what the person already started typing next.
    onSuccess: () => {
      void refresh();
    },
    onError: (error: ErrorLike) => toast(error.message, "error"),
  };
}
