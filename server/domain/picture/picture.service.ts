// Puts, removes and reads a concept's picture. Changing the picture is a change to the concept:
// it needs the concept's current version, bumps it, and tells live viewers, like any edit.
import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { conceptPictures, concepts } from "../../db/schema";
import { recordChange } from "../../realtime/events";
import { type Actor, requireEdit, requireRead } from "../access";
import { conflict, invalid, notFound } from "../errors";
import { processPicture, type StoredPicture } from "./picture.image";
import {
  PICTURE_MESSAGES,
  PICTURE_MAX_BYTES,
  type TPictureMeta,
  type TPictureResult,
  type TPictureSize,
  ZDeletePictureInput,
} from "./picture.schema";

export const toPictureMeta = (p: Pick<StoredPicture, "hash" | "width" | "height" | "thumbWidth" | "thumbHeight">): TPictureMeta => ({
  hash: p.hash,
  width: p.width,
  height: p.height,
  thumbWidth: p.thumbWidth,
  thumbHeight: p.thumbHeight,
});

async function loadConcept(db: Db, id: string, subject = "Concept") {
  const [row] = await db.select({ id: concepts.id, palaceId: concepts.palaceId, title: concepts.title, version: concepts.version }).from(concepts).where(eq(concepts.id, id));
  if (!row) throw notFound(subject);
  return row;
}

/** Bumps the concept's version (refusing a stale one) and records the change, inside `tx`. */
async function bumpConcept(tx: Db, actor: Actor, current: { id: string; palaceId: string; title: string }, version: number) {
  const [row] = await tx
    .update(concepts)
    .set({ updatedAt: new Date(), version: version + 1 })
    .where(and(eq(concepts.id, current.id), eq(concepts.version, version)))
    .returning({ version: concepts.version });
  if (!row) throw conflict(`Concept "${current.title}"`);
  await recordChange(tx, actor, current.palaceId, { action: "changed", entity: "concept", entityId: current.id, version: row.version, label: current.title });
  return row.version;
}

/** Hangs a picture on a concept, replacing the one it had. `bytes` is the uploaded file. */
export async function put(db: Db, actor: Actor, input: { conceptId: string; version: number; bytes: Uint8Array }): Promise<TPictureResult> {
  const current = await loadConcept(db, input.conceptId);
  await requireEdit(db, current.palaceId, actor, "Concept");
  if (current.version !== input.version) throw conflict(`Concept "${current.title}"`);
  if (input.bytes.byteLength > PICTURE_MAX_BYTES) throw invalid(PICTURE_MESSAGES.tooLarge);
  // Decoding happens before the transaction: a refused file writes nothing, and no lock is
  // held while the image is worked on.
  const picture = await processPicture(input.bytes);
  return db.transaction(async (tx) => {
    const version = await bumpConcept(tx, actor, current, input.version);
    const row = { ...picture, conceptId: current.id, palaceId: current.palaceId, createdAt: new Date() };
    await tx.insert(conceptPictures).values(row).onConflictDoUpdate({ target: conceptPictures.conceptId, set: row });
    return { conceptId: current.id, version, picture: toPictureMeta(picture) };
  });
}

export async function remove(db: Db, actor: Actor, raw: unknown): Promise<TPictureResult> {
  const input = ZDeletePictureInput.parse(raw);
  const current = await loadConcept(db, input.conceptId);
  await requireEdit(db, current.palaceId, actor, "Concept");
  if (current.version !== input.version) throw conflict(`Concept "${current.title}"`);
  return db.transaction(async (tx) => {
    const deleted = await tx.delete(conceptPictures).where(eq(conceptPictures.conceptId, current.id)).returning({ hash: conceptPictures.hash });
    if (deleted.length === 0) throw notFound("The concept's picture");
    const version = await bumpConcept(tx, actor, current, input.version);
    return { conceptId: current.id, version, picture: null };
  });
}

/** The stored bytes of one size of a concept's picture, for whoever may read its palace. */
export async function read(db: Db, actor: Actor, conceptId: string, hash: string, size: TPictureSize): Promise<{ bytes: Buffer; hash: string }> {
  // A missing concept and an unreadable palace give the same answer, so nothing leaks.
  const current = await loadConcept(db, conceptId, "Picture");
  await requireRead(db, current.palaceId, actor, "Picture");
  const [row] = await db
    .select({ hash: conceptPictures.hash, bytes: size === "display" ? conceptPictures.display : conceptPictures.thumb })
    .from(conceptPictures)
    .where(and(eq(conceptPictures.conceptId, conceptId), eq(conceptPictures.hash, hash)));
  if (!row) throw notFound("Picture");
  return row;
}
