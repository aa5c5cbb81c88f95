// Reads neural-network model files (ONNX, Keras, TensorFlow.js) and plans their architecture
// into a palace. Pure and synchronous, with no Node-only API, so it runs in a Web Worker too.
import { invalid } from "../../domain/errors";
import type { TFilePalace } from "../../domain/transfer/transfer.schema";

export type ArchitectureFormat = "onnx" | "keras" | "keras-json" | "tfjs";

/** Largest model file Engram reads, in bytes: 256 MB. */
export const ARCHITECTURE_MAX_BYTES = 256 * 1024 * 1024;

/** Tells from the name and the first bytes whether a file is a model this module reads; null if not. */
export function detectArchitecture(fileName: string, head: Uint8Array): ArchitectureFormat | null {
  void fileName;
  void head;
  return null;
}

/** Decodes the model (weights skipped, never kept) and plans it into a palace file. */
export function readArchitecture(input: {
  fileName: string;
  bytes: Uint8Array;
  onProgress?: (fraction: number, phase: "decoding" | "planning") => void;
}): { format: ArchitectureFormat; palace: TFilePalace; stats: { nodes: number; rooms: number; concepts: number; links: number } } {
  void input;
  throw invalid("Reading model files is not ready yet.");
}
