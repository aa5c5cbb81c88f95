// One entry for every import: checks the raw bytes, tells the format, runs its parser and the
// planner, and validates the resulting palace whole. Pure; the service only writes the result.
import { invalid } from "../domain/errors";
import { describeIssue, parseEngramFile } from "../domain/transfer/import.logic";
import { IMPORT_MAX_BYTES, type TFilePalace, type TImportFormat, ZArchitectureFormat, ZFilePalace } from "../domain/transfer/transfer.schema";
import { type ArchitectureFormat, detectArchitecture, readArchitecture } from "./arch";
import { parseCanvas } from "./canvas.logic";
import { decodeText } from "./limits.logic";
import { parseMarkdownOutline } from "./markdown.logic";
import { parseFreeMind, parseOpml } from "./mindmap.logic";
import type { Outline } from "./outline";
import { looksLikeXmind, parseXmind } from "./xmind.logic";
import { Mends } from "./mend.logic";
import { planPalace, titleAndNotes } from "./plan.logic";

type Concrete = Exclude<TImportFormat, "auto">;

const BY_EXTENSION: Record<string, Concrete> = {
  md: "markdown",
  markdown: "markdown",
  txt: "markdown",
  opml: "opml",
  mm: "freemind",
  canvas: "canvas",
  xmind: "xmind",
};

export function detectFormat(fileName: string, text: string): Concrete {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? "";
  if (BY_EXTENSION[ext]) return BY_EXTENSION[ext];
  const start = text.trimStart();
  if (start.startsWith("[")) return "engram";
  if (start.startsWith("{")) return /"format"\s*:\s*"engram-palace"/.test(start.slice(0, 200)) || !/"nodes"\s*:/.test(text) ? "engram" : "canvas";
  if (start.startsWith("<")) {
    if (/<opml[\s>]/.test(start.slice(0, 2000))) return "opml";
    if (/<map[\s>]/.test(start.slice(0, 2000))) return "freemind";
    throw invalid("The file is XML but neither OPML nor a FreeMind/Freeplane map.");
  }
  return "markdown";
}

/** "notes.md" becomes "notes": the palace title when the file names none. */
export function titleFromFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop()!.replace(/(\.[a-z0-9]+)+$/i, "").replace(/[_-]+/g, " ").trim();
  return titleAndNotes(base || "Imported palace").title;
}

/** Bytes from the start of a file that are enough to tell a model from other files. */
export const MODEL_HEAD_BYTES = 64 * 1024;

const MODEL_NAMES: Record<ArchitectureFormat, string> = {
  onnx: "an ONNX model",
  keras: "a Keras model (.keras)",
  "keras-json": "a Keras model configuration (JSON)",
  tfjs: "a TensorFlow.js model (model.json)",
};

/** The model format a file is, when it is one: asked for by name, or told from its first bytes. */
function modelFormat(format: TImportFormat, fileName: string, bytes: Uint8Array): ArchitectureFormat | null {
  const isModel = (f: TImportFormat): f is ArchitectureFormat => ZArchitectureFormat.safeParse(f).success;
  if (format !== "auto" && !isModel(format)) return null;
  const found = detectArchitecture(fileName, bytes.subarray(0, MODEL_HEAD_BYTES));
  if (format === "auto" || found === format) return found;
  throw invalid(`The file is not ${MODEL_NAMES[format]}.`);
}

/**
 * Text in the encoding its XML declaration names (FreeMind on Windows wrote ISO-8859-1), or
 * UTF-16 with a byte-order mark; null for everything else, which must be UTF-8.
 */
function decodeDeclared(bytes: Uint8Array): { text: string; encoding: string } | null {
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? "utf-16le" : bytes[0] === 0xfe && bytes[1] === 0xff ? "utf-16be" : null;
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 200));
  const declared = utf16 ?? /^<\?xml[^>]*\sencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head)?.[1]?.toLowerCase();
  if (!declared || declared === "utf-8" || declared === "utf8") return null;
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(declared, { fatal: true });
  } catch {
    throw invalid(`The file says it is written in “${declared}”, an encoding Engram does not know. Save it as UTF-8 and import it again.`);
  }
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw invalid(`The file says it is written in “${declared}” but holds bytes that are not; it may be damaged. Save it as UTF-8 and import it again.`);
  }
  if (text.includes("\u0000")) throw invalid("The file holds binary data, not text.");
  return { text: text.replace(/^\uFEFF/, ""), encoding: declared.toUpperCase() };
}

/** Checks the planner's palace against the file schema, naming the item at fault if any. */
function checkedPalace(planned: TFilePalace): TFilePalace {
  const checked = ZFilePalace.safeParse(planned);
  if (!checked.success) throw invalid(`The file cannot be imported. ${describeIssue(checked.error.issues[0]!, planned)}`);
  return checked.data;
}

export interface ReadImport {
  format: Concrete;
  palace: TFilePalace;
  /** What was repaired rather than refused, one sentence each, for the import report. */
  report: string[];
}

export function readImport(input: { format: TImportFormat; fileName: string; bytes: Uint8Array }): ReadImport {
  if (input.bytes.length > IMPORT_MAX_BYTES) throw invalid(`The file is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB, the most Engram imports.`);
  if (input.bytes.length === 0) throw invalid("The file is empty.");
  const ext = /\.([a-z0-9]+)$/i.exec(input.fileName)?.[1]?.toLowerCase() ?? "";
  if (input.format === "xmind" || (input.format === "auto" && (ext === "xmind" || (ext !== "keras" && looksLikeXmind(input.bytes))))) {
    return planned("xmind", parseXmind(input.bytes, titleFromFileName(input.fileName)), new Mends());
  }
  // Model files are binary (ONNX) or zip archives (.keras), so they skip the text checks; their
  // reader bounds what it unpacks itself.
  const model = modelFormat(input.format, input.fileName, input.bytes);
  if (model) {
    // The palace comes back already checked against the file schema.
    const { format, palace } = readArchitecture({ fileName: input.fileName, bytes: input.bytes });
    return { format, palace, report: [] };
  }
  const fallback = titleFromFileName(input.fileName);
  const mends = new Mends();
  const declared = decodeDeclared(input.bytes);
  if (declared) mends.add(`The file is written in ${declared.encoding}, not UTF-8; it was read as its declaration says.`);
  const text = declared?.text ?? decodeText(input.bytes);
  if (!text.trim()) throw invalid("The file is empty.");
  const format = input.format === "auto" ? detectFormat(input.fileName, text) : input.format;
  if (format === "xmind") throw invalid("The file is not an XMind map: an .xmind file is a zip archive.");
  if (format === "engram") return { format, palace: parseEngramFile(text), report: [] };
  const outline =
    format === "markdown"
      ? parseMarkdownOutline(text, fallback)
      : format === "opml"
        ? parseOpml(text, fallback)
        : format === "freemind"
          ? parseFreeMind(text, fallback)
          : parseCanvas(text, fallback);
  return planned(format, outline, mends);
}

function planned(format: Concrete, outline: Outline, mends: Mends): ReadImport {
  for (const line of outline.mended ?? []) mends.add(line);
  const palace = checkedPalace(planPalace(outline, mends));
  return { format, palace, report: mends.report() };
}
