"use client";
// Runs the model worker for one file at a time: starts it, relays its progress, and settles
// with the planned palace, "not a model", or the worker's sentence. Cancelling terminates the
// worker outright, which is the only way to stop a parse in the middle.
import { useCallback, useEffect, useRef } from "react";
import type { TFilePalace } from "~/server/domain/transfer/transfer.schema";
import type { ModelFormat, ModelPhase, WorkerReply, WorkerRequest } from "../_workers/architecture-protocol";

export type ModelReading = { kind: "not-a-model" } | { kind: "planned"; format: ModelFormat; palace: TFilePalace };

/** Rejects a reading that was cancelled; the dialog ignores it rather than showing an error. */
export class ReadingCancelled extends Error {
  constructor() {
    super("Cancelled.");
    this.name = "ReadingCancelled";
  }
}

export function useModelReader() {
  const running = useRef<{ worker: Worker; reject(error: Error): void } | null>(null);

  const cancel = useCallback(() => {
    const current = running.current;
    running.current = null;
    if (!current) return;
    current.worker.terminate();
    current.reject(new ReadingCancelled());
  }, []);

  useEffect(() => cancel, [cancel]);

  const read = useCallback(
    (file: File, onProgress: (phase: ModelPhase, fraction: number) => void): Promise<ModelReading> => {
      cancel();
      return new Promise<ModelReading>((resolve, reject) => {
        const worker = new Worker(new URL("../_workers/architecture.worker.ts", import.meta.url), { type: "module" });
        const current = { worker, reject };
        running.current = current;
        const settle = () => {
          worker.terminate();
          if (running.current === current) running.current = null;
        };
        worker.onmessage = (event: MessageEvent<WorkerReply>) => {
          const reply = event.data;
          if (reply.type === "progress") onProgress(reply.phase, reply.fraction);
          else if (reply.type === "model") onProgress("reading", 0);
          else if (reply.type === "not-a-model") {
            settle();
            resolve({ kind: "not-a-model" });
          } else if (reply.type === "planned") {
            settle();
            resolve({ kind: "planned", format: reply.format, palace: reply.palace });
          } else {
            settle();
            reject(new Error(reply.message));
          }
        };
        worker.onerror = (event) => {
          event.preventDefault();
          settle();
          reject(new Error("The model reader stopped unexpectedly. Reload the page and try again."));
        };
        worker.postMessage({ file } satisfies WorkerRequest);
      });
    },
    [cancel],
  );

  return { read, cancel };
}
