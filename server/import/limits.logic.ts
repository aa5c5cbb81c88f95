// The checks every import makes on the raw file before any parser sees it, and the limits
// they enforce. Pure: bytes in, text out or a refusal in words.
import { invalid } from "../domain/errors";
import { IMPORT_MAX_BYTES } from "../domain/transfer/transfer.schema";

/** Deepest nesting of headings, bullets, XML elements or JSON accepted. */
export const IMPORT_MAX_DEPTH = 64;

const MB = IMPORT_MAX_BYTES / 1024 / 1024;

/** Refuses what is too large, compressed or not UTF-8 text; strips a byte-order mark. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes.length > IMPORT_MAX_BYTES) throw invalid(`The file is larger than ${MB} MB, the most Engram imports.`);
  if (bytes.length === 0) throw invalid("The file is empty.");
  const starts = (...magic: number[]) => magic.every((b, i) => bytes[i] === b);
  // Archives and compressed streams could expand far beyond the limit once unpacked, so
  // they are refused whole rather than inflated.
  if (starts(0x50, 0x4b, 0x03, 0x04) || starts(0x1f, 0x8b) || starts(0x42, 0x5a, 0x68) || starts(0x28, 0xb5, 0x2f, 0xfd) || starts(0x37, 0x7a, 0xbc, 0xaf)) {
    throw invalid("The file is a compressed archive. Unpack it and import the file inside.");
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw invalid("The file is not UTF-8 text. Save it as UTF-8 and import it again.");
  }
  if (text.includes("\u0000")) throw invalid("The file holds binary data, not text.");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** How deeply JSON text nests, found without parsing it (a parser would overflow first). */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === "\\") i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === "{" || ch === "[") max = Math.max(max, ++depth);
    else if (ch === "}" || ch === "]") depth--;
  }
  return max;
}

export function tooDeep(what: string): never {
  throw invalid(`The ${what} is nested more than ${IMPORT_MAX_DEPTH} levels deep, more than Engram imports.`);
}
