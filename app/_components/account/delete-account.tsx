"use client";
// "Delete account" on the settings page: a choice for every palace the person owns (delete it,
// or transfer it to one of its members), the current password, and a last confirmation.
// Afterwards the browser signs out and goes to the landing page.
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { TOwnedPalace, TPalaceDecision } from "~/server/domain/account/account.schema";
import { useTRPC } from "../../_trpc/client";
import { ConfirmDialog } from "../confirm-dialog";
import { useHydrated } from "../use-hydrated";

type Choice = { action: "delete" } | { action: "transfer"; newOwnerId: string };

export function DeleteAccount() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: plan } = useSuspenseQuery(trpc.account.deletionPlan.queryOptions());
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const hydrated = useHydrated();

  const remove = useMutation(
    trpc.account.delete.mutationOptions({
      onSuccess: async () => {
        // The server already removed every session; this clears the cookie in this browser.
        // The auth client loads only now, so the settings page does not carry it.
        const { authClient } = await import("../auth-client");
        await authClient.signOut().catch(() => undefined);
        // A full load of the landing page rather than a client-side move: this page's queries
        // would otherwise refetch as the signed-out person they no longer are, and nothing of
        // the deleted account stays in memory.
        window.location.assign("/");
      },
      onError: (e) => {
        setError(e.message);
        void queryClient.invalidateQueries({ queryKey: trpc.account.deletionPlan.queryKey() });
      },
    }),
  );

  const decisions = (): TPalaceDecision[] =>
    plan.ownedPalaces.flatMap((p) => {
      const choice = choices[p.id];
      return choice ? [{ palaceId: p.id, ...choice }] : [];
    });
  const undecided = plan.ownedPalaces.filter((p) => !choices[p.id]);

  return (
    <section className="card settings-form delete-account" aria-labelledby="delete-account-heading">
      <h2 id="delete-account-heading">Delete account</h2>
      <p className="small muted">
        Deleting your account removes your sign-in, your review history and schedules, and your place in other people&apos;s
        palaces{plan.memberOfCount > 0 ? ` (you belong to ${plan.memberOfCount})` : ""}. It cannot be undone.
      </p>
      <form
        aria-label="Delete account"
        onSubmit={(e) => {
          e.preventDefault();
          if (undecided.length) {
            setError(`Choose what happens to ${undecided.map((p) => `“${p.title}”`).join(", ")} first.`);
            return;
          }
          setError(null);
          setConfirming(true);
        }}
      >
        {plan.ownedPalaces.length > 0 && (
          <>
            <p className="small">For each palace you own, choose whether it is deleted with your account or handed to one of its members.</p>
            <ul className="list owned-palaces" aria-label="Palaces you own">
              {plan.ownedPalaces.map((p) => (
                <PalaceChoice key={p.id} palace={p} choice={choices[p.id]} onChange={(c) => {
                    setError(null);
                    setChoices((all) => ({ ...all, [p.id]: c }));
                  }} />
              ))}
            </ul>
          </>
        )}
        <div className="field">
          <label htmlFor="delete-password">Current password</label>
          <input
            id="delete-password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </div>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button className="btn btn-danger" type="submit" disabled={remove.isPending || !hydrated}>
          Delete account…
        </button>
      </form>
      <ConfirmDialog
        open={confirming}
        title="Delete your account?"
        body={<DeletionSummary palaces={plan.ownedPalaces} choices={choices} />}
        confirmLabel="Delete my account"
        danger
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          remove.mutate({ password, decisions: decisions() });
        }}
      />
    </section>
  );
}

function PalaceChoice({ palace, choice, onChange }: { palace: TOwnedPalace; choice: Choice | undefined; onChange: (c: Choice) => void }) {
  const name = `choice-${palace.id}`;
  const heirs = palace.members;
  const selected = choice?.action === "transfer" ? choice.newOwnerId : (heirs[0]?.userId ?? "");
  return (
    <li>
      <fieldset className="palace-choice">
        <legend>
          <strong>{palace.title}</strong>
          <span className="small muted">
            {" "}
            · {palace.conceptCount} concept{palace.conceptCount === 1 ? "" : "s"}
          </span>
        </legend>
        <label className="inline">
          <input type="radio" name={name} checked={choice?.action === "delete"} onChange={() => onChange({ action: "delete" })} />
          Delete it
        </label>
        <label className="inline">
          <input
            type="radio"
            name={name}
            checked={choice?.action === "transfer"}
            disabled={heirs.length === 0}
            onChange={() => onChange({ action: "transfer", newOwnerId: selected })}
          />
          Transfer to
        </label>
        {heirs.length > 0 ? (
          <select
            aria-label={`New owner of ${palace.title}`}
            value={selected}
            onChange={(e) => onChange({ action: "transfer", newOwnerId: e.target.value })}
          >
            {heirs.map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.name} ({m.role})
              </option>
            ))}
          </select>
        ) : (
          <span className="small muted">No other members to hand it to.</span>
        )}
      </fieldset>
    </li>
  );
}

function DeletionSummary({ palaces, choices }: { palaces: TOwnedPalace[]; choices: Record<string, Choice> }) {
  const heirName = (p: TOwnedPalace, id: string) => p.members.find((m) => m.userId === id)?.name ?? "a member";
  return (
    <>
      <p>This cannot be undone. You will be signed out everywhere.</p>
      {palaces.length > 0 && (
        <ul>
          {palaces.map((p) => {
            const c = choices[p.id];
            return (
              <li key={p.id}>
                “{p.title}”: {c?.action === "transfer" ? `goes to ${heirName(p, c.newOwnerId)}` : "deleted with everything in it"}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
