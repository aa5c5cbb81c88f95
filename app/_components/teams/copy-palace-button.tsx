"use client";
// "Copy to my palaces": a member or a visitor of a public palace makes a private copy of their
// own. Rooms, concepts, objects and links are copied; members and schedules are not.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useToasts } from "../../_stores/toast-store";
import { useTRPC } from "../../_trpc/client";

export function CopyPalaceButton({ palaceId, signedIn }: { palaceId: string; signedIn: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const toast = useToasts((s) => s.show);
  const copy = useMutation(
    trpc.palace.duplicate.mutationOptions({
      onSuccess: (p) => {
        void queryClient.invalidateQueries({ queryKey: trpc.palace.list.queryKey() });
        toast(`Copied to your palaces as “${p.title}”.`);
        router.push(`/palaces/${p.id}`);
      },
      onError: (e) => toast(e.message, "error"),
    }),
  );
  if (!signedIn) {
    return (
      <p className="small muted">
        <Link href={`/sign-in?next=/palaces/${palaceId}`}>Sign in</Link> to copy this palace and keep your own recall schedule.
      </p>
    );
  }
  return (
    <button className="btn btn-small" type="button" disabled={copy.isPending} onClick={() => copy.mutate({ id: palaceId })}>
      {copy.isPending ? "Copying…" : "Copy to my palaces"}
    </button>
  );
}
