// Bringing Anki history in, as pure steps: which Anki note is which concept (by the Engram ID
// field our decks carry, else by the concept's title in a field), and which review-log rows
// are grades to replay. Unit-tested without a file or a database.

/** What is read from an Anki collection: notes with their fields, cards, and the review log. */
export interface AnkiCollection {
  notes: { id: number; fields: string[] }[];
  cards: { id: number; noteId: number }[];
  /** `id` is the review's time in epoch milliseconds; `ease` 1-4 the button (0: rescheduled by hand). */
  revlog: { id: number; cardId: number; ease: number; timeMs: number; type: number }[];
}

export interface AnkiGrade {
  conceptId: string;
  /** The revlog row's id, which is also when the review happened. */
  revlogId: number;
  rating: 1 | 2 | 3 | 4;
  reviewedAt: Date;
  durationMs: number;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", apos: "'", nbsp: " " };

/** A field's text as a person reads it: tags gone, entities decoded, spaces collapsed, lower case. */
export function fieldText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&(amp|lt|gt|quot|#39|apos|nbsp);/g, (_, name: string) => ENTITIES[name]!)
    .replace(/[ \t\u00a0]+/g, " ")
    .trim()
    .toLowerCase();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Anki note id → concept id. A field holding a concept's id (our decks' "Engram ID") wins;
 * otherwise a field whose text, or whose first line, is a concept's title. Titles two concepts
 * share match neither: a guess could put one concept's history on the other.
 */
export function matchNotes(notes: AnkiCollection["notes"], concepts: { id: string; title: string }[]): Map<number, string> {
  const ids = new Set(concepts.map((c) => c.id));
  const byTitle = new Map<string, string | null>();
  for (const c of concepts) {
    const key = fieldText(c.title);
    byTitle.set(key, byTitle.has(key) ? null : c.id);
  }
  const matched = new Map<number, string>();
  for (const note of notes) {
    const byId = note.fields.map((f) => f.trim().toLowerCase()).find((f) => UUID.test(f) && ids.has(f));
    if (byId) {
      matched.set(note.id, byId);
      continue;
    }
    for (const field of note.fields) {
      const text = fieldText(field);
      const conceptId = byTitle.get(text) ?? byTitle.get(text.split("\n")[0]!.trim());
      if (conceptId) {
        matched.set(note.id, conceptId);
        break;
      }
    }
  }
  return matched;
}

/** Anki's revlog types: 0 learning, 1 review, 2 relearning, 3 filtered deck; 4 manual, 5 rescheduled. */
const GRADED_TYPES = new Set([0, 1, 2, 3]);
/** Anki's first release: a review dated before it is a damaged row. */
const ANKI_EPOCH = Date.UTC(2006, 0, 1);

/**
 * The grades of matched notes, oldest first: rows made by pressing a button, not the manual
 * reschedules, and none dated in the future or before Anki existed.
 */
export function revlogGrades(collection: AnkiCollection, noteToConcept: Map<number, string>, now: Date): AnkiGrade[] {
  const noteOfCard = new Map(collection.cards.map((c) => [c.id, c.noteId]));
  const grades: AnkiGrade[] = [];
  for (const row of collection.revlog) {
    const conceptId = noteToConcept.get(noteOfCard.get(row.cardId) ?? -1);
    if (!conceptId || row.ease < 1 || row.ease > 4 || !GRADED_TYPES.has(row.type)) continue;
    if (!Number.isSafeInteger(row.id) || row.id < ANKI_EPOCH || row.id > now.getTime()) continue;
    grades.push({
      conceptId,
      revlogId: row.id,
      rating: row.ease as 1 | 2 | 3 | 4,
      reviewedAt: new Date(row.id),
      durationMs: Math.min(Math.max(0, Math.round(row.timeMs) || 0), 86_400_000),
    });
  }
  return grades.sort((a, b) => a.revlogId - b.revlogId);
}
