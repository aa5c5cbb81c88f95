// Reads palace files into the one shape every importer produces (TFilePalace), refusing what
// is broken with a sentence that names the item at fault. Pure: text in, data or an error out.
import type { z } from "zod";
import { IMPORT_MAX_DEPTH, jsonDepth, tooDeep } from "../../import/limits.logic";
import { invalid } from "../errors";
import { ENGRAM_FORMAT, IMPORT_MAX_BYTES, type TFilePalace, ZEngramFile } from "./transfer.schema";

const COLLECTION: Record<string, string> = { rooms: "Room", doors: "Door", concepts: "Concept", links: "Link" };

/**
 * "Concept 4 (“Adam”), title: Title cannot be empty." from a zod issue whose path runs through
 * palace.concepts[3].title: a person can find the item in their file from that.
 */
export function describeIssue(issue: z.core.$ZodIssue, palace: unknown): string {
  const path = [...issue.path];
  if (path[0] === "palace") path.shift();
  const [collection, index, ...rest] = path;
  if (typeof collection === "string" && typeof index === "number" && COLLECTION[collection]) {
    const item = (palace as Record<string, unknown[]> | undefined)?.[collection]?.[index] as Record<string, unknown> | undefined;
    const raw = typeof item?.title === "string" ? item.title : typeof item?.name === "string" ? item.name : "";
    const name = raw.trim();
    const what = `${COLLECTION[collection]} ${index + 1}${name ? ` (“${name.slice(0, 60)}”)` : ""}`;
    return `${what}${rest.length ? `, ${rest.join(".")}` : ""}: ${issue.message}`;
  }
  return path.length ? `${path.join(".")}: ${issue.message}` : issue.message;
}

export function parseJsonText(text: string, what: string): unknown {
  if (text.length > IMPORT_MAX_BYTES) throw invalid(`The file is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB, the most Engram imports.`);
  if (text.trim() === "") throw invalid(`The file is empty: it holds no ${what}.`);
  if (jsonDepth(text) > IMPORT_MAX_DEPTH) tooDeep("JSON");
  try {
    return JSON.parse(text);
  } catch (e) {
    const detail = (e as Error).message.replace(/^JSON\.parse: /, "");
    throw invalid(`The file is not valid JSON, so it may be cut short or damaged (${detail}).`);
  }
}

export function parseEngramFile(text: string): TFilePalace {
  const json = parseJsonText(text, "palace");
  const readable = "Engram reads palaces exported from Engram (.engram.json) and JSON Canvas files (.canvas).";
  if (Array.isArray(json) || typeof json !== "object" || json === null) {
    throw invalid(`This JSON file holds ${Array.isArray(json) ? "a list" : "a single value"}, not a palace. ${readable}`);
  }
  if (!("format" in json) || !("palace" in json)) {
    throw invalid(`This JSON file is not a palace: it has no "format": "${ENGRAM_FORMAT}" and no "palace". ${readable}`);
  }
  const parsed = ZEngramFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw invalid(`The file cannot be imported. ${describeIssue(issue, (json as { palace?: unknown } | null)?.palace)}`);
  }
  return parsed.data.palace;
}
