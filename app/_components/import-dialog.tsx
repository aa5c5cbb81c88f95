"use client";
// "Import a file": a mind map, notes outline, canvas, Engram export or neural-network model
// becomes a new private palace. Text files go to the server whole; model files are read and
// planned in a worker (they can be hundreds of MB), with a progress bar, and only the planned
// palace is sent. Size limits are checked here first to spare the reading, and again later.
// Cancel stops whatever is running: the worker is terminated, a save in flight is aborted (the
// server rolls it back), and a save that had already committed is named, with an offer to
// delete it.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { IMPORT_MAX_BYTES, MODEL_MAX_BYTES } from "~/server/domain/transfer/transfer.limits";
import { useTRPC, useTRPCClient } from "../_trpc/client";
import type { ModelPhase } from "../_workers/architecture-protocol";
import { useModalDialog, useOpenNewPalace } from "./confirm-dialog";
import type { TImportResult } from "~/server/domain/transfer/transfer.schema";
import { ImportReport } from "./import-report";
import { readAsBase64 } from "./read-file";
import { ReadingCancelled, useModelReader } from "./use-model-reader";

const LIMIT_MB = IMPORT_MAX_BYTES / 1024 / 1024;
const MODEL_LIMIT_MB = MODEL_MAX_BYTES / 1024 / 1024;
/** Extensions that are always text; anything else is first shown to the model reader. */
const TEXT_EXTENSIONS = new Set(["md", "markdown", "txt", "opml", "xml", "mm", "canvas", "xmind"]);

type Stage = { phase: ModelPhase; fraction: number } | { phase: "saving" };

const PHASE_WORDS: Record<Stage["phase"], string> = {
  reading: "Reading the model file",
  decoding: "Decoding graph",
  planning: "Planning rooms",
  saving: "Saving palace",
};

function stageText(stage: Stage, fileName: string): string {
  if (stage.phase === "saving") return "Saving palace…";
  const percent = `${Math.floor(stage.fraction * 100)}%`;
  return `${stage.phase === "reading" ? `Reading ${fileName}` : PHASE_WORDS[stage.phase]}… ${percent}`;
}

/** A palace whose save committed before Cancel reached the server. */
type Committed = { id: string; title: string };
type Send = (signal: AbortSignal) => Promise<TImportResult>;

export function ImportDialog(props: { open: boolean; onClose: () => void }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const ref = useModalDialog(props.open);
  const openNewPalace = useOpenNewPalace();
  const models = useModelReader();
  const [error, setError] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const [stage, setStage] = useState<Stage | null>(null);
  const [fileName, setFileName] = useState("");
  const [committed, setCommitted] = useState<Committed | null>(null);
  // A clean import opens the palace at once; one with repairs shows them first.
  const [report, setReport] = useState<TImportResult | null>(null);
  const saving = useRef<AbortController | null>(null);
  const onError = (e: { message: string }) => {
    setStage(null);
    setError(e.message);
  };
  const deleteCommitted = useMutation(trpc.palace.delete.mutationOptions({ onSuccess: () => close(), onError }));

  const busy = reading || stage !== null || committed !== null;

  function close() {
    setStage(null);
    setError(null);
    setCommitted(null);
    setReport(null);
    void queryClient.invalidateQueries({ queryKey: trpc.palace.list.queryKey() });
    props.onClose();
  }

  function cancel() {
    models.cancel();
    // A save in flight answers its abort itself (see save): it closes, or asks about a palace
    // that was already written.
    if (saving.current) saving.current.abort();
    else close();
  }

  /**
   * Sends the palace with an abort signal. After an abort, a palace of mine that was not there
   * before the save says the server committed before the abort reached it.
   */
  async function save(send: Send) {
    const controller = new AbortController();
    saving.current = controller;
    setStage({ phase: "saving" });
    try {
      const before = new Set((await client.palace.list.query(undefined, { signal: controller.signal })).map((p) => p.id));
      try {
        const created = await send(controller.signal);
        if (!controller.signal.aborted) {
          setStage(null);
          return created.report.length > 0 ? setReport(created) : openNewPalace(created);
        }
      } catch (err) {
        if (!controller.signal.aborted) return onError(err as Error);
      }
      const landed = (await client.palace.list.query()).find((p) => !before.has(p.id));
      if (landed) {
        setStage(null);
        setCommitted({ id: landed.id, title: landed.title });
      } else close();
    } catch (err) {
      // Cancelled before the save was sent: nothing was written.
      if (controller.signal.aborted) close();
      else onError(err as Error);
    } finally {
      saving.current = null;
    }
  }

  async function submit(file: File | null) {
    setError(null);
    if (!file) return setError("Choose a file to import.");
    // The same sentence the server gives, so the browser and the server never disagree.
    if (file.size === 0) return setError("The file is empty.");
    const extension = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? "";
    const mayBeModel = !TEXT_EXTENSIONS.has(extension);
    if (mayBeModel && file.size > MODEL_MAX_BYTES) {
      return setError(`The file is larger than ${MODEL_LIMIT_MB} MB, the most Engram reads for a model.`);
    }
    setFileName(file.name);
    setReading(true);
    try {
      if (mayBeModel) {
        const result = await models.read(file, (phase, fraction) => setStage({ phase, fraction }));
        if (result.kind === "planned") {
          const { palace } = result;
          return await save((signal) => client.transfer.importPlanned.mutate({ palace }, { signal }));
        }
      }
      if (file.size > IMPORT_MAX_BYTES) return setError(`The file is larger than ${LIMIT_MB} MB, the most Engram imports.`);
      const data = await readAsBase64(file);
      await save((signal) => client.transfer.import.mutate({ fileName: file.name, data }, { signal }));
    } catch (err) {
      setStage(null);
      if (!(err instanceof ReadingCancelled)) setError((err as Error).message);
    } finally {
      setReading(false);
    }
  }

  return (
    <dialog
      ref={ref}
      onClose={props.onClose}
      onCancel={(e) => {
        // Escape cancels like the button, so a running import never outlives its dialog.
        e.preventDefault();
        cancel();
      }}
      aria-labelledby="import-title"
    >
      {report ? (
        <ImportReport title={report.title} lines={report.report} onOpen={() => openNewPalace(report)} />
      ) : (
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit((new FormData(e.currentTarget).get("file") as File | null) ?? null);
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
            <strong>FreeMind / Freeplane</strong> (.mm), <strong>XMind</strong> (.xmind) and <strong>OPML</strong> (.opml):
            first-level branches become rooms, nodes concepts with their notes, rich text, links, icons as tags.
          </li>
          <li>
            <strong>JSON Canvas</strong> (.canvas, from Obsidian): groups become rooms, cards concepts, arrows links.
          </li>
          <li>
            <strong>Engram JSON</strong> (.engram.json): a palace exported from Engram, exactly as it was.
          </li>
          <li>
            <strong>Neural-network models</strong>: ONNX (.onnx), Keras (.keras, or its JSON configuration) and
            TensorFlow.js (model.json), up to {MODEL_LIMIT_MB} MB. Stages become rooms, repeated blocks fold into one room
            with a count, layers become concepts, the data flow becomes the route and skip connections become links. Weights
            are skipped and never leave your computer.
          </li>
        </ul>
        <div className="field">
          <label htmlFor="import-file">
            File (UTF-8 text up to {LIMIT_MB} MB; models up to {MODEL_LIMIT_MB} MB)
          </label>
          <input
            id="import-file"
            name="file"
            type="file"
            accept=".md,.markdown,.txt,.opml,.xml,.mm,.xmind,.canvas,.json,.onnx,.keras"
            required
            disabled={busy}
            onChange={() => setError(null)}
          />
        </div>
        {stage && (
          <div className="import-progress">
            <span id="import-progress-label">{stageText(stage, fileName)}</span>
            <progress aria-labelledby="import-progress-label" max={1} value={stage.phase === "saving" ? undefined : stage.fraction} />
            {/* Announces each step once, not every percent. */}
            <span className="visually-hidden" aria-live="polite">
              {PHASE_WORDS[stage.phase]}
            </span>
          </div>
        )}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        {committed ? (
          <div role="alert" className="import-committed">
            <p>
              “{committed.title}” was already saved when Cancel reached the server. Delete it, or keep it in My palaces?
            </p>
            <div className="dialog-actions">
              <button type="button" className="btn" onClick={close}>
                Keep it
              </button>
              <button
                type="button"
                className="btn btn-danger"
                disabled={deleteCommitted.isPending}
                onClick={() => deleteCommitted.mutate({ id: committed.id })}
              >
                Delete it
              </button>
            </div>
          </div>
        ) : (
          <div className="dialog-actions">
            <button type="button" className="btn" onClick={cancel}>
              Cancel
            </button>
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {busy ? "Importing…" : "Import"}
            </button>
          </div>
        )}
      </form>
      )}
    </dialog>
  );
}
