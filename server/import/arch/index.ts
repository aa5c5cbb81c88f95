// Reads neural-network model files (ONNX, Keras, TensorFlow.js) and plans their architecture
// into a palace. Pure and synchronous, with no Node-only API, so it runs in a Web Worker too.
import { invalid } from "../../domain/errors";
import { describeIssue } from "../../domain/transfer/import.logic";
import { type TFilePalace, ZFilePalace } from "../../domain/transfer/transfer.schema";
import { titleAndNotes } from "../plan.logic";
import type { ModelGraph } from "./graph";
import { kerasToGraph, kerasTopology, parseJsonText, readKerasArchive } from "./keras.logic";
import { decodeOnnxModel, onnxToGraph } from "./onnx.logic";
import { planArchitecture } from "./plan.logic";

export type ArchitectureFormat = "onnx" | "keras" | "keras-json" | "tfjs";

/** Largest model file Engram reads, in bytes: 256 MB. */
export const ARCHITECTURE_MAX_BYTES = 256 * 1024 * 1024;
const MB = ARCHITECTURE_MAX_BYTES / 1024 / 1024;

/** "resnet18.onnx" becomes "resnet18": the palace title when the model names none. */
const titleFromFileName = (fileName: string) =>
  titleAndNotes(fileName.split(/[\\/]/).pop()!.replace(/\.(onnx|keras|json)$/i, "").replace(/[_-]+/g, " ").trim() || "Model").title;

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** Tells from the name and the first bytes whether a file is a model this module reads; null if not. */
export function detectArchitecture(fileName: string, head: Uint8Array): ArchitectureFormat | null {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? "";
  if (ext === "onnx") return "onnx";
  if (ext === "keras") return "keras";
  const text = new TextDecoder("latin1").decode(head.subarray(0, 8192));
  if (text.trimStart().startsWith("{")) {
    if (/"(modelTopology|weightsManifest)"\s*:|"format"\s*:\s*"(layers|graph)-model"/.test(text)) return "tfjs";
    if (/"class_name"\s*:\s*"(Sequential|Functional|Model)"/.test(text) || (ext === "json" && /"class_name"\s*:/.test(text))) return "keras-json";
    return null;
  }
  if (isZip(head)) return /config\.json|metadata\.json|model\.weights\.h5/.test(text) ? "keras" : null;
  // A ModelProto written by the usual exporters opens with ir_version (field 1, a small number)
  // followed by producer_name, producer_version, domain, graph or opset_import.
  if (head[0] === 0x08 && head[1]! > 0 && head[1]! < 0x20 && [0x12, 0x1a, 0x22, 0x28, 0x3a, 0x42].includes(head[2]!)) return "onnx";
  return null;
}

/** Decodes the model (weights skipped, never kept) and plans it into a palace file. */
export function readArchitecture(input: {
  fileName: string;
  bytes: Uint8Array;
  onProgress?: (fraction: number, phase: "decoding" | "planning") => void;
}): { format: ArchitectureFormat; palace: TFilePalace; stats: { nodes: number; rooms: number; concepts: number; links: number } } {
  const { bytes, fileName } = input;
  const report = input.onProgress ?? (() => {});
  if (bytes.length > ARCHITECTURE_MAX_BYTES) throw invalid(`The model file is larger than ${MB} MB, the most Engram reads.`);
  if (bytes.length === 0) throw invalid("The file is empty.");
  let format = detectArchitecture(fileName, bytes.subarray(0, 8192));
  if (!format) throw invalid("The file is not a model Engram reads: choose an ONNX (.onnx), Keras (.keras or model JSON) or TensorFlow.js model.json file.");
  const fallback = titleFromFileName(fileName);
  report(0, "decoding");
  let graph: ModelGraph;
  if (format === "onnx") {
    if (isZip(bytes) || bytes[0] === 0x7b) throw invalid("The file is named .onnx but holds a zip archive or JSON, not an ONNX model.");
    graph = onnxToGraph(decodeOnnxModel(bytes, (f) => report(f * 0.95, "decoding")), fallback);
  } else if (format === "keras") {
    if (!isZip(bytes)) throw invalid("The .keras file is not a zip archive, so it is not a Keras 3 model.");
    const { config, metadata } = readKerasArchive(bytes);
    const version = metadata && typeof metadata.keras_version === "string" ? [`saved by Keras ${metadata.keras_version}`] : [];
    const { model, facts } = kerasTopology(config);
    graph = kerasToGraph(model, fallback, [...version, ...facts]);
  } else {
    const doc = parseJsonText(bytes, "model JSON");
    const { model, manifest, facts } = kerasTopology(doc);
    format = "modelTopology" in doc || "format" in doc ? "tfjs" : "keras-json";
    graph = kerasToGraph(model, fallback, facts, manifest);
  }
  report(1, "decoding");
  const planned = planArchitecture(graph, { format, onProgress: (f) => report(f, "planning") });
  const checked = ZFilePalace.safeParse(planned);
  if (!checked.success) throw invalid(`The model cannot be planned into a palace. ${describeIssue(checked.error.issues[0]!, planned)}`);
  const palace = checked.data;
  return {
    format,
    palace,
    stats: { nodes: graph.nodes.length, rooms: palace.rooms.length, concepts: palace.concepts.length, links: palace.links.length },
  };
}
