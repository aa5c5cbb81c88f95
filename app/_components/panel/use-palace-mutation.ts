"use client";
// Every edit on the palace page shares these handlers: after success the palace is refetched
// so all views agree; on failure the person sees why, and a conflict reloads the current state.
import { useQueryClient } from "@tanstack/react-query";
import { useToasts } from "../../_stores/toast-store";
import { useTRPC } from "../../_trpc/client";

interface ErrorLike {
  message: string;
  data?: { code?: string; field?: string } | null;
}

export function useEditHandlers(palaceId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToasts((s) => s.show);
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.palace.get.queryKey({ id: palaceId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.concept.pathKey() }),
    ]);
  return {
    refresh,
    // Not awaited: per-call callbacks (resetting a form) must run before the refetch lands,
    // or they would wipe what the person already started typing next.
    onSuccess: () => {
      void refresh();
    },
    onError: (error: ErrorLike) => {
      toast(error.message, "error");
      if (error.data?.code === "CONFLICT" || error.data?.code === "NOT_FOUND") void refresh();
    },
  };
}
