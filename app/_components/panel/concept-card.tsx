"use client";
// The selected concept's card: what it is, its picture, its notes, its links both ways; for
// editors the form to change it, its picture, its object in the room, its links, and delete.
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { RESTORE_WINDOW_MINUTES, type TConceptKind, ZConceptKind } from "~/server/domain/concept/concept.schema";
import { type TLocusShape, ZLocusShape } from "~/server/domain/locus/locus.schema";
import { usePalaceUi } from "../../_stores/palace-store";
import { useTRPC } from "../../_trpc/client";
import { ConfirmDialog } from "../confirm-dialog";
import { MarkdownNotes } from "../markdown-notes";
import { ConceptPicture } from "./concept-picture";
import { freeSpotIn } from "./concepts-section";
import { usePalaceActions } from "./use-palace-actions";
import { useEditHandlers } from "./use-palace-mutation";
import type { TLiveConcept } from "~/server/realtime/live.schema";
import type { TLiveScene } from "../../_stores/live-palace/live-palace.select";
import { formText } from "../form-text";

const parseTags = (raw: string) =>
  raw
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);

interface EditBase {
  version: number;
  title: string;
  kind: TConceptKind;
  tags: string[];
  sourceUrl: string | null;
  /** Null while the full notes are still loading (the notes field is disabled until then). */
  notes: string | null;
}

const editBase = (c: TLiveConcept, notes: string | undefined): EditBase => ({
  version: c.version,
  title: c.title,
  kind: c.kind,
  tags: c.tags,
  sourceUrl: c.sourceUrl,
  notes: notes ?? null,
});

export function ConceptCard({ scene, concept }: { scene: TLiveScene; concept: TLiveConcept }) {
  const trpc = useTRPC();
  const handlers = useEditHandlers();
  const canEdit = scene.palace.access.canEdit;
  const select = usePalaceUi((s) => s.select);
  const [editing, setEditing] = useState(false);
  // What the form started from. Live updates refresh `concept` while the form is open: saving
  // with the fresh version would silently overwrite a change the person never saw, and sending
  // untouched fields would undo someone else's edit to them. So the save carries the starting
  // version and only the fields this person changed.
  const [base, setBase] = useState<EditBase | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  // After a CONFLICT the form keeps what was typed; the saved version is shown beside it and
  // the next save (carrying the new version) applies the typed text on top of it.
  const [conflicted, setConflicted] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);

  const full = useQuery(trpc.concept.get.queryOptions({ id: concept.id }));
  const loadedNotes = full.data?.notes;
  // The full notes arrive after editing began: fill them into the form's starting point once.
  if (editing && loadedNotes !== undefined && base && base.notes === null) setBase({ ...base, notes: loadedNotes });
  const notes = full.data?.notes ?? concept.notesExcerpt;
  const locus = scene.loci.find((l) => l.conceptId === concept.id);
  const room = locus && scene.rooms.find((r) => r.id === locus.roomId);
  const titleOf = new Map(scene.concepts.map((c) => [c.id, c.title]));
  const outgoing = scene.links.filter((l) => l.fromConceptId === concept.id);
  const incoming = scene.links.filter((l) => l.toConceptId === concept.id);

  const actions = usePalaceActions();
  const [saving, setSaving] = useState(false);
  const createLink = useMutation(trpc.link.create.mutationOptions(handlers));
  const deleteLink = useMutation(trpc.link.delete.mutationOptions(handlers));

  return (
    <section className="card concept-card" aria-labelledby="concept-card-title">
      <div style={{ display: "flex", justifyContent: "space-between", gap: "0.5rem" }}>
        <h2 id="concept-card-title" style={{ margin: 0 }}>
          {concept.title}
        </h2>
        <button className="btn btn-small btn-ghost" type="button" onClick={() => select(null)} aria-label="Close card">
          ✕
        </button>
      </div>
      <p className="small muted" style={{ margin: "0.3rem 0" }}>
        <span className="kind">{concept.kind.replace("-", " ")}</span>
        {room ? ` · in ${room.name} · stop ${locus.routeOrder}` : " · in the inbox"}
      </p>
      {concept.tags.length > 0 && (
        <p style={{ margin: "0.3rem 0", display: "flex", gap: "0.3rem", flexWrap: "wrap" }} aria-label="Tags">
          {concept.tags.map((t) => (
            <span key={t} className="badge">
              {t}
            </span>
          ))}
        </p>
      )}
      {concept.sourceUrl && (
        <p className="small" style={{ margin: "0.3rem 0" }}>
          <a href={concept.sourceUrl} target="_blank" rel="noopener noreferrer nofollow">
            Source ↗
          </a>
        </p>
      )}
      <ConceptPicture concept={concept} canEdit={canEdit} />

      {editing ? (
        <form
          aria-label="Edit concept"
          onSubmit={(e) => {
            e.preventDefault();
            const f = new FormData(e.currentTarget);
            const start = base ?? editBase(concept, full.data?.notes);
            const source = formText(f, "sourceUrl").trim();
            const typed = {
              title: formText(f, "title"),
              kind: formText(f, "kind") as TConceptKind,
              tags: parseTags(formText(f, "tags")),
              notes: f.has("notes") ? formText(f, "notes") : start.notes,
              sourceUrl: source === "" ? null : source,
            };
            const changed = {
              ...(typed.title !== start.title && { title: typed.title }),
              ...(typed.kind !== start.kind && { kind: typed.kind }),
              ...(typed.tags.join(",") !== start.tags.join(",") && { tags: typed.tags }),
              ...(typed.notes !== null && typed.notes !== start.notes && { notes: typed.notes }),
              ...(typed.sourceUrl !== start.sourceUrl && { sourceUrl: typed.sourceUrl }),
            };
            if (Object.keys(changed).length === 0) {
              setEditing(false);
              setConflicted(false);
              return;
            }
            setSaving(true);
            // A failed save (a conflict, a bad field) leaves the form open with what was typed:
            // nothing is lost, and after a conflict the saved version is shown beside it.
            void actions
              // After a conflict the saved version is on screen, so saving over it is a choice.
              .edit(concept.id, start, changed, conflicted ? concept.version : start.version)
              .then((error) => {
                setSaving(false);
                if (!error) {
                  setFormError(null);
                  setConflicted(false);
                  setEditing(false);
                  return;
                }
                setFormError(error.message);
                if (error.data?.code === "CONFLICT") setConflicted(true);
              });
          }}
        >
          <div className="field">
            <label htmlFor="edit-title">Title</label>
            <input id="edit-title" name="title" defaultValue={concept.title} maxLength={120} required />
          </div>
          <div className="row field">
            <div>
              <label htmlFor="edit-kind">Kind</label>
              <select id="edit-kind" name="kind" defaultValue={concept.kind}>
                {ZConceptKind.options.map((k) => (
                  <option key={k} value={k}>
                    {k.replace("-", " ")}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor="edit-tags">Tags (comma separated)</label>
              <input id="edit-tags" name="tags" defaultValue={concept.tags.join(", ")} />
            </div>
          </div>
          <div className="field">
            <label htmlFor="edit-source">Source link</label>
            <input id="edit-source" name="sourceUrl" type="url" defaultValue={concept.sourceUrl ?? ""} placeholder="https://…" />
          </div>
          <div className="field">
            <label htmlFor="edit-notes">Notes (Markdown)</label>
            <textarea id="edit-notes" name="notes" defaultValue={full.data?.notes ?? ""} rows={8} disabled={!full.data} />
          </div>
          {formError && (
            <p className="form-error" role="alert">
              {formError}
            </p>
          )}
          {conflicted && (
            <div className="conflict" role="region" aria-label="The saved version">
              <p className="small">
                <strong>Saved meanwhile by someone else</strong> (version {concept.version}). Your changes are still in the form:
                save again to apply them on top of this version (fields you did not touch keep its values), or cancel
                to keep it as it is.
              </p>
              <p className="small">
                <strong>{concept.title}</strong> · {concept.kind.replace("-", " ")}
                {concept.tags.length > 0 && ` · ${concept.tags.join(", ")}`}
              </p>
              {full.data?.notes ? <MarkdownNotes source={full.data.notes} /> : <p className="small muted">No notes.</p>}
            </div>
          )}
          <div className="row">
            <button className="btn btn-primary btn-small" type="submit" disabled={saving || !full.data}>
              {conflicted ? "Save my version" : "Save concept"}
            </button>
            <button className="btn btn-small" type="button" onClick={() => (setEditing(false), setFormError(null), setConflicted(false))}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <>
          {notes ? <MarkdownNotes source={notes} /> : <p className="small muted">No notes yet.</p>}
          {canEdit && (
            <div className="row" style={{ marginTop: "0.5rem" }}>
              <button className="btn btn-small" type="button" onClick={() => (setBase(editBase(concept, full.data?.notes)), setEditing(true))}>
                Edit concept
              </button>
              <button className="btn btn-small btn-danger" type="button" onClick={() => setConfirmDelete(true)} disabled={!full.data}>
                Delete concept
              </button>
            </div>
          )}
        </>
      )}

      <h3 className="small muted" style={{ marginTop: "0.8rem" }}>
        Links
      </h3>
      {outgoing.length + incoming.length === 0 && <p className="small muted">Not linked to anything yet.</p>}
      <ul className="list card-links" aria-label="Links">
        {outgoing.map((l) => (
          <li key={l.id}>
            <span className="grow link-target">
              → {l.label && <em>{l.label} </em>}
              <button type="button" className="linklike" onClick={() => select(l.toConceptId)} style={{ textDecoration: "underline" }}>
                {titleOf.get(l.toConceptId)}
              </button>
            </span>
            {canEdit && (
              <button className="btn btn-small btn-ghost btn-danger" type="button" onClick={() => deleteLink.mutate({ id: l.id, version: l.version })} aria-label={`Remove link to ${titleOf.get(l.toConceptId)}`}>
                ✕
              </button>
            )}
          </li>
        ))}
        {incoming.map((l) => (
          <li key={l.id}>
            <span className="grow link-target">
              ←{" "}
              <button type="button" className="linklike" onClick={() => select(l.fromConceptId)} style={{ textDecoration: "underline" }}>
                {titleOf.get(l.fromConceptId)}
              </button>
              {l.label && <em> {l.label}</em>}
            </span>
          </li>
        ))}
      </ul>
      {canEdit && scene.concepts.length > 1 && (
        <form
          className="row"
          aria-label="Add a link"
          onSubmit={(e) => {
            e.preventDefault();
            const form = e.currentTarget;
            const f = new FormData(form);
            createLink.mutate(
              { fromConceptId: concept.id, toConceptId: formText(f, "to"), label: formText(f, "label") },
              { onSuccess: () => form.reset() },
            );
          }}
        >
          <div className="field-wide">
            <label htmlFor="link-to">Link to</label>
            <select id="link-to" name="to">
              {scene.concepts
                .filter((c) => c.id !== concept.id)
                .map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.title}
                  </option>
                ))}
            </select>
          </div>
          <div>
            <label htmlFor="link-label">Label</label>
            <input id="link-label" name="label" placeholder="e.g. solves" maxLength={80} />
          </div>
          <div style={{ flex: "none" }}>
            <button className="btn btn-small" type="submit">
              Link
            </button>
          </div>
        </form>
      )}

      {canEdit && locus && (
        <>
          <h3 className="small muted" style={{ marginTop: "0.8rem" }}>
            Object in the room
          </h3>
          <div className="row field">
            <div>
              <label htmlFor="locus-shape">Shape</label>
              <select
                id="locus-shape"
                value={locus.shape}
                onChange={(e) => void actions.restyle(concept.id, { shape: e.target.value as TLocusShape })}
              >
                {ZLocusShape.options.map((s) => (
                  <option key={s}>{s}</option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor="locus-color">Colour</label>
              <input
                id="locus-color"
                type="color"
                defaultValue={locus.color}
                key={`${locus.id}-${locus.version}`}
                onBlur={(e) => e.target.value !== locus.color && void actions.restyle(concept.id, { color: e.target.value })}
              />
            </div>
            <div>
              <label htmlFor="locus-turn">Turn</label>
              <select
                id="locus-turn"
                value={String(Math.round((locus.rotationY * 180) / Math.PI / 45) * 45 % 360)}
                onChange={(e) => void actions.restyle(concept.id, { rotationY: (Number(e.target.value) * Math.PI) / 180 })}
              >
                {[0, 45, 90, 135, 180, 225, 270, 315].map((d) => (
                  <option key={d} value={String(d)}>
                    {d}°
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="row">
            <div>
              <label htmlFor="locus-room">Move to</label>
              <select
                id="locus-room"
                value={locus.roomId}
                onChange={(e) => {
                  const spot = freeSpotIn(scene, e.target.value);
                  if (spot) void actions.move(concept.id, { roomId: e.target.value, x: spot.x, z: spot.z });
                }}
              >
                {scene.rooms.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name}
                  </option>
                ))}
              </select>
            </div>
            <div style={{ flex: "none" }}>
              <button className="btn btn-small" type="button" onClick={() => void actions.unplace(concept.id)}>
                Back to inbox
              </button>
            </div>
          </div>
        </>
      )}
      <ConfirmDialog
        open={confirmDelete}
        title={`Delete “${concept.title}”?`}
        body={<p>Its notes, its place in the room, its links and its picture are deleted. Undo brings them back for {RESTORE_WINDOW_MINUTES} minutes.</p>}
        confirmLabel="Delete concept"
        danger
        onCancel={() => setConfirmDelete(false)}
        onConfirm={() => {
          setConfirmDelete(false);
          void actions.remove(concept.id).then((error) => !error && select(null));
        }}
      />
    </section>
  );
}
