"use client";
// My palaces: create (empty, from a template or from a file), open, rename, duplicate and delete (after a confirmation).
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { TPalaceSummary } from "~/server/domain/palace/palace.schema";
import { useToasts } from "../_stores/toast-store";
import { useTRPC } from "../_trpc/client";
import { ConfirmDialog } from "./confirm-dialog";
import { formText } from "./form-text";
import { useHydrated } from "./use-hydrated";

// The two dialogs load when first opened, not with the page: they are most of its own script.
const ImportDialog = dynamic(() => import("./import-dialog").then((m) => m.ImportDialog), { ssr: false });
const TemplateDialog = dynamic(() => import("./template-dialog").then((m) => m.TemplateDialog), { ssr: false });

export function PalaceList() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const toast = useToasts((s) => s.show);
  const { data: palaces } = useSuspenseQuery(trpc.palace.list.queryOptions());
  const [createError, setCreateError] = useState<string | null>(null);
  const [toDelete, setToDelete] = useState<TPalaceSummary | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [choosingTemplate, setChoosingTemplate] = useState(false);
  const [importing, setImporting] = useState(false);
  // Once opened, a dialog stays mounted, so closing it keeps whatever it holds as before.
  const [templateOpened, setTemplateOpened] = useState(false);
  const [importOpened, setImportOpened] = useState(false);
  const hydrated = useHydrated();

  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.palace.list.queryKey() });
  const create = useMutation(
    trpc.palace.create.mutationOptions({
      onSuccess: (p) => {
        void refresh();
        router.push(`/palaces/${p.id}`);
      },
      onError: (e) => setCreateError(e.message),
    }),
  );
  const update = useMutation(
    trpc.palace.update.mutationOptions({
      onSuccess: () => {
        setRenaming(null);
        void refresh();
      },
      onError: (e) => {
        toast(e.message, "error");
        void refresh();
      },
    }),
  );
  const duplicate = useMutation(
    trpc.palace.duplicate.mutationOptions({
      onSuccess: (p) => {
        toast(`Made "${p.title}".`);
        void refresh();
      },
      onError: (e) => toast(e.message, "error"),
    }),
  );
  const remove = useMutation(
    trpc.palace.delete.mutationOptions({
      onSuccess: () => {
        toast("Palace deleted.");
        void refresh();
      },
      onError: (e) => toast(e.message, "error"),
    }),
  );

  return (
    <>
      <h1>My palaces</h1>
      <form
        className="card row"
        aria-label="Create a palace"
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          setCreateError(null);
          create.mutate({ title: formText(form, "title"), description: formText(form, "description") });
        }}
      >
        <div>
          <label htmlFor="new-title">New palace</label>
          <input id="new-title" name="title" placeholder="e.g. Transformer anatomy" maxLength={120} required />
        </div>
        <div>
          <label htmlFor="new-description">Description (optional)</label>
          <input id="new-description" name="description" maxLength={2000} />
        </div>
        <div style={{ flex: "none" }}>
          <button className="btn btn-primary" type="submit" disabled={create.isPending || !hydrated}>
            Create palace
          </button>
        </div>
        <div style={{ flex: "none" }}>
          <button className="btn" type="button" disabled={!hydrated} onClick={() => {
              setTemplateOpened(true);
              setChoosingTemplate(true);
            }}>
            New palace from template
          </button>
        </div>
        <div style={{ flex: "none" }}>
          <button className="btn" type="button" disabled={!hydrated} onClick={() => {
              setImportOpened(true);
              setImporting(true);
            }}>
            Import a file
          </button>
        </div>
      </form>
      {createError && (
        <p className="form-error" role="alert">
          {createError}
        </p>
      )}

      {palaces.length === 0 ? (
        <div className="empty muted">
          <p>No palaces yet. Create your first one above, start from a template or a file, or look around the demo palace first.</p>
        </div>
      ) : (
        <ul className="palace-grid" style={{ listStyle: "none", padding: 0 }} aria-label="Palaces">
          {palaces.map((p) => (
            <li key={p.id} className="card palace-card">
              {renaming === p.id ? (
                <form
                  onSubmit={(e) => {
                    e.preventDefault();
                    const title = formText(new FormData(e.currentTarget), "title");
                    update.mutate({ id: p.id, version: p.version, title });
                  }}
                >
                  <label htmlFor={`rename-${p.id}`}>Title</label>
                  <input id={`rename-${p.id}`} name="title" defaultValue={p.title} maxLength={120} autoFocus />
                  <div className="row" style={{ marginTop: "0.5rem" }}>
                    <button className="btn btn-primary btn-small" type="submit">
                      Save
                    </button>
                    <button className="btn btn-small" type="button" onClick={() => setRenaming(null)}>
                      Cancel
                    </button>
                  </div>
                </form>
              ) : (
                <h2>
                  <Link href={`/palaces/${p.id}`}>{p.title}</Link>
                </h2>
              )}
              <div className="small muted">
                <span className={`badge ${p.visibility === "public" ? "badge-public" : ""}`}>{p.visibility}</span>{" "}
                {p.role !== "owner" && <span className="badge">{p.role}</span>} {p.roomCount}{" "}
                {p.roomCount === 1 ? "room" : "rooms"} · {p.conceptCount} {p.conceptCount === 1 ? "concept" : "concepts"}
              </div>
              {p.description && <p className="small muted" style={{ margin: 0 }}>{p.description}</p>}
              <div className="actions">
                <Link className="btn btn-small" href={`/palaces/${p.id}`}>
                  Open
                </Link>
                {p.role !== "viewer" && (
                  <button className="btn btn-small" type="button" onClick={() => setRenaming(p.id)}>
                    Rename
                  </button>
                )}
                <button
                  className="btn btn-small"
                  type="button"
                  disabled={duplicate.isPending}
                  onClick={() => duplicate.mutate({ id: p.id })}
                >
                  Duplicate
                </button>
                {p.role === "owner" && (
                  <button className="btn btn-small btn-danger" type="button" onClick={() => setToDelete(p)}>
                    Delete
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {templateOpened && <TemplateDialog open={choosingTemplate} onClose={() => setChoosingTemplate(false)} />}
      {importOpened && <ImportDialog open={importing} onClose={() => setImporting(false)} />}
      <ConfirmDialog
        open={toDelete !== null}
        title="Delete this palace?"
        body={
          <p>
            “{toDelete?.title}” and all its rooms, concepts and links will be deleted for everyone. This cannot be undone.
          </p>
        }
        confirmLabel="Delete palace"
        danger
        onCancel={() => setToDelete(null)}
        onConfirm={() => {
          if (toDelete) remove.mutate({ id: toDelete.id });
          setToDelete(null);
        }}
      />
    </>
  );
}
