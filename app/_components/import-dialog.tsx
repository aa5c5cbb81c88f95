"use client";
// "Import a file": a mind map, notes outline, canvas or Engram export becomes a new private
// palace. The size limit is checked here first to spare the upload, and again on the server.
import { useMutation } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { IMPORT_MAX_BYTES } from "~/server/domain/transfer/transfer.limits";
import { useTRPC } from "../_trpc/client";
import { useModalDialog, useOpenNewPalace } from "./confirm-dialog";

const LIMIT_MB = IMPORT_MAX_BYTES / 1024 / 1024;

function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
    reader.onerror = () => reject(new Error("The file could not be read. Choose it again."));
    reader.readAsDataURL(file);
  });
}

export function ImportDialog(props: { open: boolean; onClose(): void }) {
  const trpc = useTRPC();
  const ref = useModalDialog(props.open);
  const openNewPalace = useOpenNewPalace();
  const [error, setError] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const importFile = useMutation(
    trpc.transfer.import.mutationOptions({
      onSuccess: openNewPalace,
      onError: (e) => setError(e.message),
    }),
  );

  useEffect(() => {
    if (props.open) setError(null);
  }, [props.open]);

  const busy = reading || importFile.isPending;

  return (
    <dialog ref={ref} onClose={props.onClose} aria-labelledby="import-title">
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          const file = (new FormData(e.currentTarget).get("file") as File | null) ?? null;
          setError(null);
          if (!file || file.size === 0) return setError("Choose a file to import.");
          if (file.size > IMPORT_MAX_BYTES) {
            return setError(`The file is larger than ${LIMIT_MB} MB, the most Engram imports.`);
          }
          setReading(true);
          try {
            importFile.mutate({ fileName: file.name, data: await readAsBase64(file) });
          } catch (err) {
            setError((err as Error).message);
          } finally {
            setReading(false);
          }
        }}
      >
        <h2 id="import-title">Import a file</h2>
        <p className="muted small">It becomes a new private palace. Engram reads:</p>
        <ul className="small muted import-formats">
          <li>
            <strong>Markdown outlines</strong> (.md): headings become rooms, bullets concepts, nested bullets linked
            concepts, indented text notes and #words tags.
          </li>
          <li>
            <strong>OPML</strong> (.opml) and <strong>FreeMind / Freeplane maps</strong> (.mm): first-level branches become
            rooms.
          </li>
          <li>
            <strong>JSON Canvas</strong> (.canvas, from Obsidian): groups become rooms, cards concepts, arrows links.
          </li>
          <li>
            <strong>Engram JSON</strong> (.engram.json): a palace exported from Engram, exactly as it was.
          </li>
        </ul>
        <div className="field">
          <label htmlFor="import-file">File (UTF-8 text, up to {LIMIT_MB} MB)</label>
          <input
            id="import-file"
            name="file"
            type="file"
            accept=".md,.markdown,.txt,.opml,.xml,.mm,.canvas,.json"
            required
            onChange={() => setError(null)}
          />
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
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? "Importing…" : "Import"}
          </button>
        </div>
      </form>
    </dialog>
  );
}
