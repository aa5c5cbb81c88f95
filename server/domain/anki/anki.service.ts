// Anki history into Engram: the review log of an Anki collection, for the notes that match a
// palace's concepts, becomes the caller's own grades, and each touched schedule is replayed
// from the whole log. Checked whole before anything is written, then written in one
// transaction; importing the same file again adds nothing.
import "server-only";
import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../../db/client";
import { concepts, reviewCards, reviewLogs } from "../../db/schema";
import { type Actor, requireRead, requireUser } from "../access";
import { invalid } from "../errors";
import { newCard, replayGrades } from "../recall/recall.logic";
import { settingsOf } from "../settings/settings.service";
import { type AnkiGrade, matchNotes, revlogGrades } from "./anki.logic";
import { readAnkiCollection } from "./anki.package";
import { type TAnkiImportResult, ZAnkiImportInput } from "./anki.schema";

/**
 * The idempotency key of one imported review: a name-based UUID (version 5 layout) of the
 * concept and the revlog row, so the same review brought twice is stored once.
 */
export function ankiReviewKey(conceptId: string, revlogId: number): string {
  const hex = createHash("sha1").update(`anki-revlog:${conceptId}:${revlogId}`).digest("hex");
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export async function importAnkiHistory(db: Db, actor: Actor, raw: z.input<typeof ZAnkiImportInput>, now = new Date()): Promise<TAnkiImportResult> {
  const userId = requireUser(actor);
  const input = ZAnkiImportInput.parse(raw);
  await requireRead(db, input.palaceId, actor);
  const collection = await readAnkiCollection(Buffer.from(input.data, "base64"));
  if (collection.notes.length === 0) throw invalid("The Anki file holds no notes, so there is no history to bring.");

  const palaceConcepts = await db.select({ id: concepts.id, title: concepts.title }).from(concepts).where(eq(concepts.palaceId, input.palaceId));
  const matched = matchNotes(collection.notes, palaceConcepts);
  const grades = revlogGrades(collection, matched, now);
  const byConcept = new Map<string, AnkiGrade[]>();
  for (const g of grades) byConcept.set(g.conceptId, [...(byConcept.get(g.conceptId) ?? []), g]);
  const settings = await settingsOf(db, userId);

  let reviews = 0;
  let alreadyImported = 0;
  // Concepts whose schedule changed: one whose Anki reviews were all here already keeps its card.
  let changed = 0;
  await db.transaction(async (tx) => {
    for (const [conceptId, fromAnki] of byConcept) {
      // The row lock puts this replay in line with a grade of the same concept made meanwhile.
      await tx
        .insert(reviewCards)
        .values({ userId, palaceId: input.palaceId, conceptId, ...newCard(now) })
        .onConflictDoNothing({ target: [reviewCards.userId, reviewCards.conceptId] });
      await tx
        .select({ id: reviewCards.id })
        .from(reviewCards)
        .where(and(eq(reviewCards.userId, userId), eq(reviewCards.conceptId, conceptId)))
        .for("update");
      const keyed = fromAnki.map((g) => ({ ...g, key: ankiReviewKey(conceptId, g.revlogId) }));
      const stored = await tx
        .select({ rating: reviewLogs.rating, reviewedAt: reviewLogs.reviewedAt, key: reviewLogs.idempotencyKey })
        .from(reviewLogs)
        .where(and(eq(reviewLogs.userId, userId), eq(reviewLogs.conceptId, conceptId)));
      const storedKeys = new Set(stored.map((s) => s.key));
      const fresh = keyed.filter((g) => !storedKeys.has(g.key));
      alreadyImported += keyed.length - fresh.length;
      if (fresh.length === 0) continue;
      // The whole history in review order; each new grade is logged with the state it saw.
      const history = [
        ...stored.map((s) => ({ rating: s.rating as 1 | 2 | 3 | 4, reviewedAt: s.reviewedAt, fresh: null })),
        ...fresh.map((g) => ({ rating: g.rating, reviewedAt: g.reviewedAt, fresh: g })),
      ].sort((a, b) => a.reviewedAt.getTime() - b.reviewedAt.getTime());
      const { card, logs } = replayGrades(history, settings);
      const rows = history.flatMap((h, i) =>
        h.fresh
          ? [{ ...logs[i]!, userId, palaceId: input.palaceId, conceptId, idempotencyKey: h.fresh.key, durationMs: h.fresh.durationMs }]
          : [],
      );
      for (let i = 0; i < rows.length; i += 500) await tx.insert(reviewLogs).values(rows.slice(i, i + 500));
      await tx
        .update(reviewCards)
        .set({ ...card, updatedAt: now })
        .where(and(eq(reviewCards.userId, userId), eq(reviewCards.conceptId, conceptId)));
      reviews += rows.length;
      changed += 1;
    }
  });
  return { notes: collection.notes.length, matchedNotes: matched.size, reviews, alreadyImported, concepts: changed };
}
