"use client";
// "New palace from template": pick one of the starter palaces, optionally retitle it, and
// open the private copy made for you.
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "../_trpc/client";
import { useModalDialog, useOpenNewPalace } from "./confirm-dialog";
import { formText } from "./form-text";

export function TemplateDialog(props: { open: boolean; onClose: () => void }) {
  const trpc = useTRPC();
  const ref = useModalDialog(props.open);
  const openNewPalace = useOpenNewPalace();
  const [chosen, setChosen] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const templates = useQuery({ ...trpc.template.list.queryOptions(), enabled: props.open, staleTime: Infinity });
  const create = useMutation(
    trpc.template.create.mutationOptions({
      onSuccess: openNewPalace,
      onError: (e) => setError(e.message),
    }),
  );


  const picked = templates.data?.find((t) => t.id === chosen) ?? templates.data?.[0];

  return (
    <dialog ref={ref} className="template-dialog" onClose={props.onClose} aria-labelledby="template-title">
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (!picked) return;
          const title = formText(new FormData(e.currentTarget), "title").trim();
          setError(null);
          create.mutate({ templateId: picked.id, ...(title ? { title } : {}) });
        }}
      >
        <h2 id="template-title">New palace from template</h2>
        <p className="muted small">
          Each template is a furnished palace with rooms, concepts, notes, links and a route. You get your own private copy
          to change as you like.
        </p>
        {templates.isPending && <p className="muted">Loading templates…</p>}
        {templates.error && (
          <p className="form-error" role="alert">
            {templates.error.message}
          </p>
        )}
        {templates.data && (
          <fieldset className="template-options">
            <legend className="visually-hidden">Template</legend>
            {templates.data.map((t) => (
              <label key={t.id} className={`template-option ${picked?.id === t.id ? "template-option-chosen" : ""}`}>
                <input
                  type="radio"
                  name="template"
                  value={t.id}
                  checked={picked?.id === t.id}
                  onChange={() => setChosen(t.id)}
                />
                <span>
                  <strong>{t.title}</strong>
                  <span className="small muted template-meta">
                    {t.roomCount} rooms · {t.conceptCount} concepts · {t.roomNames.join(" → ")}
                  </span>
                  <span className="small">{t.description}</span>
                </span>
              </label>
            ))}
          </fieldset>
        )}
        <div className="field">
          <label htmlFor="template-palace-title">Title (optional)</label>
          <input id="template-palace-title" name="title" maxLength={120} placeholder={picked?.title ?? ""} />
        </div>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={props.onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={!picked || create.isPending}>
            {create.isPending ? "Creating…" : "Create from template"}
          </button>
        </div>
      </form>
    </dialog>
  );
}
