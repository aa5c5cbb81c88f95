// Reads a model file off the main thread: tells whether it is a model at all, streams it in
// chunks, decodes and plans it, and posts back progress and the small planned palace, so a
// 100 MB file never stalls the page. It imports the pure model reader from server/import/arch
// on purpose: that code has no Node API and this is the only place a large file can be read.
import { DomainError } from "~/server/domain/errors";
import { ARCHITECTURE_MAX_BYTES, detectArchitecture, readArchitecture } from "~/server/import/arch";
import type { ModelPhase, WorkerReply, WorkerRequest } from "./architecture-protocol";

/** Bytes from the start of a file that are enough to tell a model from other files. */
const HEAD_BYTES = 64 * 1024;
/** Progress is posted at most this often, so the page renders a few updates a second, not thousands. */
const PROGRESS_EVERY_MS = 50;

const scope = self as unknown as {
  postMessage(reply: WorkerReply): void;
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
};

let lastPost = 0;
let lastPhase: ModelPhase | null = null;
function progress(phase: ModelPhase, fraction: number) {
  const now = performance.now();
  if (phase === lastPhase && fraction < 1 && now - lastPost < PROGRESS_EVERY_MS) return;
  lastPost = now;
  lastPhase = phase;
  scope.postMessage({ type: "progress", phase, fraction: Math.min(1, Math.max(0, fraction)) });
}

async function readWhole(file: File): Promise<Uint8Array> {
  const bytes = new Uint8Array(file.size);
  const reader = file.stream().getReader();
  let offset = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (offset + value.byteLength > bytes.length) throw new DomainError("INVALID", "The file changed while it was being read. Choose it again.");
    bytes.set(value, offset);
    offset += value.byteLength;
    progress("reading", offset / bytes.length);
  }
  return offset === bytes.length ? bytes : bytes.subarray(0, offset);
}

async function importModel(file: File): Promise<WorkerReply> {
  const head = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
  const format = detectArchitecture(file.name, head);
  if (!format) return { type: "not-a-model" };
  scope.postMessage({ type: "model", format });
  if (file.size > ARCHITECTURE_MAX_BYTES) {
    throw new DomainError("INVALID", `The model is larger than ${ARCHITECTURE_MAX_BYTES / 1024 / 1024} MB, the most Engram reads.`);
  }
  progress("reading", 0);
  const bytes = await readWhole(file);
  // readArchitecture returns a palace already checked against the file schema (the server
  // checks it again), so what is posted back is ready to send.
  const read = readArchitecture({ fileName: file.name, bytes, onProgress: (fraction, phase) => progress(phase, fraction) });
  return { type: "planned", format: read.format, palace: read.palace, stats: read.stats };
}

scope.onmessage = (event) => {
  importModel(event.data.file).then(
    (reply) => scope.postMessage(reply),
    (error: unknown) => {
      const message =
        error instanceof DomainError
          ? error.message
          : error instanceof RangeError
            ? "The browser ran out of memory reading this model. Close other tabs, or try a smaller file."
            : `Engram could not read this model (${error instanceof Error ? error.message : String(error)}).`;
      scope.postMessage({ type: "error", message });
    },
  );
};
