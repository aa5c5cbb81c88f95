"use client";
// The invite page: what the link is for, whether it still works, and the button to join.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTRPC } from "../../_trpc/client";

const date = new Intl.DateTimeFormat(undefined, { dateStyle: "long" });

export function InviteView({ token, signedIn }: { token: string; signedIn: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const preview = useQuery(trpc.invite.preview.queryOptions({ token }));
  const accept = useMutation(
    trpc.invite.accept.mutationOptions({
      onSuccess: ({ palaceId }) => {
        void queryClient.invalidateQueries({ queryKey: trpc.palace.list.queryKey() });
        router.push(`/palaces/${palaceId}`);
      },
    }),
  );
  const here = `/invite/${token}`;

  if (preview.isPending) return <p className="muted">Checking the invitation…</p>;
  if (preview.error) {
    return (
      <section className="card auth-card" role="alert">
        <h1>This link does not work</h1>
        <p>{preview.error.message}</p>
      </section>
    );
  }
  const invite = preview.data;
  return (
    <section className="card auth-card" aria-labelledby="invite-title">
      <h1 id="invite-title">Join “{invite.palaceTitle}”</h1>
      <p>
        {invite.ownerName} invites you to this memory palace as {invite.role === "editor" ? "an editor" : "a viewer"}:{" "}
        {invite.role === "editor" ? "you can walk it, recall it and change its rooms and concepts." : "you can walk it, recall it and read it."}
      </p>
      {invite.status === "expired" && (
        <p className="form-error" role="alert">
          This invite link expired on {date.format(invite.expiresAt)}. Ask {invite.ownerName} for a new one.
        </p>
      )}
      {invite.status === "revoked" && (
        <p className="form-error" role="alert">
          This invite link was revoked by {invite.ownerName}. Ask them for a new one.
        </p>
      )}
      {invite.status === "active" && invite.myRole && (
        <p>
          You are already {invite.myRole === "owner" ? "the owner" : `a member (${invite.myRole})`}.{" "}
          <Link href={`/palaces/${invite.palaceId}`}>Open the palace</Link>
        </p>
      )}
      {invite.status === "active" && !signedIn && (
        <p>
          <Link className="btn btn-primary" href={`/sign-in?next=${encodeURIComponent(here)}`}>
            Sign in to join
          </Link>{" "}
          or <Link href={`/sign-up?next=${encodeURIComponent(here)}`}>create an account</Link>.
        </p>
      )}
      {invite.status === "active" && signedIn && invite.myRole !== "owner" && (
        <>
          <p className="small muted">The link works until {date.format(invite.expiresAt)}.</p>
          <button className="btn btn-primary" type="button" disabled={accept.isPending} onClick={() => accept.mutate({ token })}>
            {accept.isPending ? "Joining…" : `Join as ${invite.role}`}
          </button>
          {accept.error && (
            <p className="form-error" role="alert">
              {accept.error.message}
            </p>
          )}
        </>
      )}
    </section>
  );
}
