// The messages between the import dialog and the model worker. Types only: the dialog's bundle
// must not pull in the model reader, which only the worker loads.
import type { TFilePalace } from "~/server/domain/transfer/transfer.schema";
import type { ArchitectureFormat as ModelFormat } from "~/server/import/arch";

export type { ModelFormat };
export type ModelPhase = "reading" | "decoding" | "planning";

export interface WorkerRequest {
  file: File;
}

export type WorkerReply =
  /** The file is not a model: the dialog sends it to the server as a text file. */
  | { type: "not-a-model" }
  | { type: "model"; format: ModelFormat }
  | { type: "progress"; phase: ModelPhase; fraction: number }
  | { type: "planned"; format: ModelFormat; palace: TFilePalace; stats: { nodes: number; rooms: number; concepts: number; links: number } }
  | { type: "error"; message: string };
