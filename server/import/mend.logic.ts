// What an import mends instead of refusing: empty titles, titles or notes too long, tags Engram
// cannot keep. Each repair is written down as a sentence naming the item, for the import report.
import { CONCEPT_NOTES_MAX, CONCEPT_TAG_MAX, CONCEPT_TAGS_MAX, CONCEPT_TITLE_MAX } from "../domain/concept/concept.schema";

/** Most repairs listed one by one; the rest are counted in a last line. */
export const REPORT_MAX_LINES = 200;

export class Mends {
  readonly lines: string[] = [];
  private extra = 0;

  add(sentence: string) {
    if (this.lines.length < REPORT_MAX_LINES) this.lines.push(sentence);
    else this.extra++;
  }

  /** The report: every repair, or the first ones and how many more. */
  report(): string[] {
    return this.extra ? [...this.lines, `…and ${this.extra} more repairs like these.`] : [...this.lines];
  }
}

/** Where an item is, for the report: written out, or written out only when it is needed. */
export type Where = string | (() => string);
const written = (where: Where) => (typeof where === "string" ? where : where());

/** “Root › Branch › Leaf”, with long titles shortened, so a person can find the item. */
export function pathOf(titles: string[]): string {
  const parts = titles.map((t) => (t.length > 40 ? `${t.slice(0, 39).trimEnd()}…` : t || "(untitled)"));
  return `“${(parts.length > 4 ? [parts[0]!, "…", ...parts.slice(-3)] : parts).join(" › ")}”`;
}

/** "diagram" from "images/diagram%20v2.png", for a node that holds only a picture. */
export function nameFromFile(src: string): string {
  const last = src.split(/[?#]/)[0]!.split(/[\\/]/).pop() ?? "";
  let name = last;
  try {
    name = decodeURIComponent(last);
  } catch {
    // A stray "%" is kept as written.
  }
  return name.replace(/\.[a-z0-9]{1,5}$/i, "").replace(/[_-]+/g, " ").trim();
}

/**
 * A title that fits: one line, within the limit, with the full text moved to the notes when
 * it had to be cut.
 */
export function fitTitle(text: string, notes: string, where: Where, mends: Mends): { title: string; notes: string } {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= CONCEPT_TITLE_MAX) return { title: clean, notes };
  mends.add(`${written(where)}: the title was longer than ${CONCEPT_TITLE_MAX} characters, so it was shortened and the full text put in the notes.`);
  return { title: `${clean.slice(0, CONCEPT_TITLE_MAX - 1).trimEnd()}…`, notes: notes ? `${clean}\n\n${notes}` : clean };
}

export function fitNotes(notes: string, where: Where, mends: Mends): string {
  if (notes.length <= CONCEPT_NOTES_MAX) return notes;
  mends.add(`${written(where)}: the notes were longer than ${CONCEPT_NOTES_MAX} characters, so the end was cut.`);
  return `${notes.slice(0, CONCEPT_NOTES_MAX - 1).trimEnd()}…`;
}

/** A tag as Engram keeps it: lower case, no commas, #, angle brackets or quotes. */
export function cleanTag(raw: string): string {
  return raw
    .toLowerCase()
    .replace(/[,#<>"'`]+/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, CONCEPT_TAG_MAX)
    .trim();
}

/** Tags within the count; the ones past it are added to the notes rather than lost. */
export function fitTags(raw: string[], notes: string, where: Where, mends: Mends): { tags: string[]; notes: string } {
  const tags = [...new Set(raw.map(cleanTag).filter(Boolean))];
  if (tags.length <= CONCEPT_TAGS_MAX) return { tags, notes };
  mends.add(`${written(where)}: it had ${tags.length} tags; the first ${CONCEPT_TAGS_MAX} were kept and the rest listed in the notes.`);
  const rest = `More tags: ${tags.slice(CONCEPT_TAGS_MAX).join(", ")}`;
  return { tags: tags.slice(0, CONCEPT_TAGS_MAX), notes: notes ? `${notes}\n\n${rest}` : rest };
}
