// One entry for every import: checks the raw bytes, tells the format, runs its parser and the
// planner, and validates the resulting palace whole. Pure; the service only writes the result.
import { invalid } from "../domain/errors";
import { describeIssue, parseEngramFile } from "../domain/transfer/import.logic";
import { type TFilePalace, type TImportFormat, ZFilePalace } from "../domain/transfer/transfer.schema";
import { parseCanvas } from "./canvas.logic";
import { decodeText } from "./limits.logic";
import { parseMarkdownOutline } from "./markdown.logic";
import { parseFreeMind, parseOpml } from "./mindmap.logic";
import { planPalace, titleAndNotes } from "./plan.logic";

type Concrete = Exclude<TImportFormat, "auto">;

const BY_EXTENSION: Record<string, Concrete> = {
  md: "markdown",
  markdown: "markdown",
  txt: "markdown",
  opml: "opml",
  mm: "freemind",
  canvas: "canvas",
};

export function detectFormat(fileName: string, text: string): Concrete {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? "";
  if (BY_EXTENSION[ext]) return BY_EXTENSION[ext]!;
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

export function readImport(input: { format: TImportFormat; fileName: string; bytes: Uint8Array }): { format: Concrete; palace: TFilePalace } {
  const text = decodeText(input.bytes);
  if (!text.trim()) throw invalid("The file is empty.");
  const format = input.format === "auto" ? detectFormat(input.fileName, text) : input.format;
  const fallback = titleFromFileName(input.fileName);
  if (format === "engram") return { format, palace: parseEngramFile(text) };
  const outline =
    format === "markdown"
      ? parseMarkdownOutline(text, fallback)
      : format === "opml"
        ? parseOpml(text, fallback)
        : format === "freemind"
          ? parseFreeMind(text, fallback)
          : parseCanvas(text, fallback);
  const planned = planPalace(outline);
  const checked = ZFilePalace.safeParse(planned);
  if (!checked.success) throw invalid(`The file cannot be imported. ${describeIssue(checked.error.issues[0]!, planned)}`);
  return { format, palace: checked.data };
}
