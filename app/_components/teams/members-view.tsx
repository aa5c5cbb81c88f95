"use client";
// The members page: everyone in the palace with their role. The owner changes roles, removes
// people, hands the palace on and manages invite links; anyone else can leave.
import { useMutation, useQuery, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { INVITE_DEFAULT_DAYS, INVITE_MAX_DAYS } from "~/server/domain/invite/invite.schema";
import type { TMember } from "~/server/domain/member/member.schema";
import { type TGrantableRole, ZGrantableRole } from "~/server/domain/member/member.schema";
import { useToasts } from "../../_stores/toast-store";
import { useTRPC } from "../../_trpc/client";
import { ConfirmDialog } from "../confirm-dialog";
import { usePalaceLive } from "../use-palace-live";
import { useHydrated } from "../use-hydrated";

type Pending = { kind: "remove" | "transfer"; member: TMember } | { kind: "leave" } | null;

const date = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });

export function MembersView({ palaceId }: { palaceId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const toast = useToasts((s) => s.show);
  const { data: palace } = useSuspenseQuery(trpc.palace.summary.queryOptions({ id: palaceId }));
  const { data: members } = useSuspenseQuery(trpc.member.list.queryOptions({ palaceId }));
  const [pending, setPending] = useState<Pending>(null);
  usePalaceLive(palaceId);
  const isOwner = palace.role === "owner";

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.member.list.queryKey({ palaceId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.palace.summary.queryKey({ id: palaceId }) }),
    ]);
  const onError = (e: { message: string }) => {
    toast(e.message, "error");
    void refresh();
  };
  const changeRole = useMutation(trpc.member.changeRole.mutationOptions({ onSuccess: () => void refresh(), onError }));
  const remove = useMutation(
    trpc.member.remove.mutationOptions({ onSuccess: () => (toast("Member removed."), void refresh()), onError }),
  );
  const transfer = useMutation(
    trpc.member.transferOwnership.mutationOptions({
      onSuccess: () => (toast("Ownership transferred. You are now an editor."), void refresh()),
      onError,
    }),
  );
  const leave = useMutation(
    trpc.member.leave.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.palace.list.queryKey() });
        toast(`You left “${palace.title}”.`);
        router.push("/palaces");
      },
      onError,
    }),
  );

  return (
    <>
      <p className="small">
        <Link href={`/palaces/${palaceId}`}>← Back to {palace.title}</Link>
      </p>
      <h1>Members of {palace.title}</h1>
      <p className="small muted">
        Owners manage members and settings, editors change rooms and concepts, viewers walk, recall and read.
      </p>
      <section className="card">
        <ul className="list members" aria-label="Members">
          {members.map((m) => (
            <li key={m.userId}>
              <span className="grow">
                <strong>{m.name}</strong>
                {m.isMe && <span className="small muted"> (you)</span>}
                <span className="small muted"> · since {date.format(m.joinedAt)}</span>
              </span>
              {isOwner && m.role !== "owner" ? (
                <>
                  <label className="visually-hidden" htmlFor={`role-${m.userId}`}>
                    Role of {m.name}
                  </label>
                  <select
                    id={`role-${m.userId}`}
                    value={m.role}
                    disabled={changeRole.isPending}
                    onChange={(e) => changeRole.mutate({ palaceId, userId: m.userId, role: e.target.value as TGrantableRole })}
                  >
                    {ZGrantableRole.options.map((r) => (
                      <option key={r} value={r}>
                        {r}
                      </option>
                    ))}
                  </select>
                  <button className="btn btn-small btn-ghost" type="button" onClick={() => setPending({ kind: "transfer", member: m })}>
                    Make owner
                  </button>
                  <button
                    className="btn btn-small btn-ghost btn-danger"
                    type="button"
                    onClick={() => setPending({ kind: "remove", member: m })}
                    aria-label={`Remove ${m.name}`}
                  >
                    Remove
                  </button>
                </>
              ) : (
                <span className="badge">{m.role}</span>
              )}
            </li>
          ))}
        </ul>
        {!isOwner && (
          <button className="btn btn-small btn-danger" type="button" onClick={() => setPending({ kind: "leave" })}>
            Leave this palace
          </button>
        )}
      </section>
      {isOwner && <InviteLinks palaceId={palaceId} />}
      <ConfirmDialog
        open={pending !== null}
        title={
          pending?.kind === "remove"
            ? `Remove ${pending.member.name}?`
            : pending?.kind === "transfer"
              ? `Make ${pending.member.name} the owner?`
              : `Leave “${palace.title}”?`
        }
        body={
          <p>
            {pending?.kind === "remove"
              ? "They lose access at once. An invite link can bring them back."
              : pending?.kind === "transfer"
                ? "They will manage members and settings; you stay on as an editor. Only they can undo this."
                : "You lose access unless someone invites you again. Your own copies are not affected."}
          </p>
        }
        confirmLabel={pending?.kind === "remove" ? "Remove" : pending?.kind === "transfer" ? "Make owner" : "Leave"}
        danger
        onCancel={() => setPending(null)}
        onConfirm={() => {
          if (pending?.kind === "remove") remove.mutate({ palaceId, userId: pending.member.userId });
          if (pending?.kind === "transfer") transfer.mutate({ palaceId, userId: pending.member.userId });
          if (pending?.kind === "leave") leave.mutate({ palaceId });
          setPending(null);
        }}
      />
    </>
  );
}

function InviteLinks({ palaceId }: { palaceId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToasts((s) => s.show);
  const invites = useQuery(trpc.invite.list.queryOptions({ palaceId }));
  const [created, setCreated] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const hydrated = useHydrated();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.invite.list.queryKey({ palaceId }) });
  const create = useMutation(
    trpc.invite.create.mutationOptions({
      onSuccess: ({ token }) => {
        setFormError(null);
        setCreated(`${window.location.origin}/invite/${token}`);
        void refresh();
      },
      onError: (e) => setFormError(e.message),
    }),
  );
  const revoke = useMutation(
    trpc.invite.revoke.mutationOptions({
      onSuccess: () => (toast("Invite link revoked."), void refresh()),
      onError: (e) => toast(e.message, "error"),
    }),
  );

  return (
    <section className="card" aria-labelledby="invites-title">
      <h2 id="invites-title">Invite links</h2>
      <form
        className="row"
        aria-label="Create an invite link"
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          create.mutate({ palaceId, role: f.get("role") as TGrantableRole, expiresInDays: Number(f.get("days")) });
        }}
      >
        <div>
          <label htmlFor="invite-role">Joins as</label>
          <select id="invite-role" name="role" defaultValue="editor">
            <option value="editor">editor</option>
            <option value="viewer">viewer</option>
          </select>
        </div>
        <div>
          <label htmlFor="invite-days">Valid for (days)</label>
          <input id="invite-days" name="days" type="number" min={1} max={INVITE_MAX_DAYS} defaultValue={INVITE_DEFAULT_DAYS} required />
        </div>
        <div style={{ flex: "none", alignSelf: "end" }}>
          <button className="btn btn-primary btn-small" type="submit" disabled={create.isPending || !hydrated}>
            Create invite link
          </button>
        </div>
      </form>
      {formError && (
        <p className="form-error" role="alert">
          {formError}
        </p>
      )}
      {created && (
        <div className="invite-created" role="status">
          <label htmlFor="invite-link">New link: copy it now, it is not shown again</label>
          <div className="row">
            <input id="invite-link" readOnly value={created} onFocus={(e) => e.currentTarget.select()} />
            <button
              className="btn btn-small"
              type="button"
              style={{ flex: "none" }}
              onClick={() => void navigator.clipboard?.writeText(created).then(() => toast("Link copied."), () => undefined)}
            >
              Copy
            </button>
          </div>
        </div>
      )}
      {invites.data && invites.data.length > 0 && (
        <ul className="list" aria-label="Invite links">
          {invites.data.map((i) => (
            <li key={i.id}>
              <span className="grow small">
                <span className="badge">{i.role}</span>{" "}
                {i.status === "active"
                  ? `expires ${date.format(i.expiresAt)}`
                  : i.status === "expired"
                    ? `expired ${date.format(i.expiresAt)}`
                    : `revoked ${date.format(i.revokedAt!)}`}{" "}
                · used {i.acceptedCount} {i.acceptedCount === 1 ? "time" : "times"}
              </span>
              {i.status === "active" && (
                <button className="btn btn-small btn-ghost btn-danger" type="button" onClick={() => revoke.mutate({ id: i.id })}>
                  Revoke
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
