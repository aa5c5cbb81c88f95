// Export a palace the caller can read in any format, and import a palace file into a new
// private palace: validated whole first, then written in one transaction, so a file with one
// bad item writes nothing and the error says which item and why.
import "server-only";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../../db/client";
import { conceptPictures, concepts, doors, links, loci, rooms } from "../../db/schema";
import { seedToGraph } from "../../seed/seed.logic";
import { type Actor, requireRead, requireUser } from "../access";
import { invalid } from "../errors";
import { insertPalaceGraph } from "../palace/palace.graph";
import { summary } from "../palace/palace.service";
import { writeApkg } from "../anki/anki.package";
import { EXPORT_FILES, exportFileName, type PalaceSnapshot, toAnki, toAnkiNotes, toCanvas, toEngramJson, toMarkdown } from "./export.logic";
import { readImport } from "../../import/import.logic";
import { restorePicture, sha256, sniffFormat } from "../picture/picture.image";
import { describeIssue } from "./import.logic";
import { type TExportFormat, type TFilePalace, type TFilePicture, type TImportResult, ZImportInput, ZImportPlannedInput } from "./transfer.schema";

export interface ExportedFile {
  fileName: string;
  contentType: string;
  body: string;
}

/** An `.apkg` deck: the notes with the concept's id in a field of its own, and the pictures as media. */
async function toApkg(snapshot: PalaceSnapshot, now: Date) {
  const { deckName, notes } = toAnkiNotes(snapshot);
  const bytesOf = new Map((snapshot.pictures ?? []).map((p) => [p.conceptId, p.display]));
  const media = notes.flatMap((n) => {
    const bytes = n.media && bytesOf.get(n.media.conceptId);
    return n.media && bytes ? [{ fileName: n.media.fileName, bytes }] : [];
  });
  const apkg = await writeApkg(
    deckName,
    notes.map((n) => ({ guid: `engram-${n.conceptId}`, fields: [n.front, n.back, n.conceptId], tags: n.tags })),
    media,
    now,
  );
  return new Uint8Array(apkg);
}

async function loadSnapshot(db: Db, palaceId: string, palace: PalaceSnapshot["palace"], withPictureBytes: boolean): Promise<PalaceSnapshot> {
  const pictureColumns = {
    conceptId: conceptPictures.conceptId,
    hash: conceptPictures.hash,
    width: conceptPictures.width,
    height: conceptPictures.height,
  };
  const [roomRows, doorRows, conceptRows, lociRows, linkRows, pictureRows] = await Promise.all([
    db.select().from(rooms).where(eq(rooms.palaceId, palaceId)).orderBy(rooms.createdAt, rooms.id),
    db.select().from(doors).where(eq(doors.palaceId, palaceId)).orderBy(doors.createdAt, doors.id),
    db.select().from(concepts).where(eq(concepts.palaceId, palaceId)).orderBy(concepts.createdAt, concepts.id),
    db.select().from(loci).where(eq(loci.palaceId, palaceId)),
    db.select().from(links).where(eq(links.palaceId, palaceId)).orderBy(links.createdAt, links.id),
    db
      .select(withPictureBytes ? { ...pictureColumns, display: conceptPictures.display } : pictureColumns)
      .from(conceptPictures)
      .where(eq(conceptPictures.palaceId, palaceId)),
  ]);
  return { palace, rooms: roomRows, doors: doorRows, concepts: conceptRows, loci: lociRows, links: linkRows, pictures: pictureRows };
}

/** Any export format, the `.apkg` deck (bytes) included. */
export async function exportPalaceFile(
  db: Db,
  actor: Actor,
  palaceId: string,
  format: TExportFormat,
  now = new Date(),
): Promise<Omit<ExportedFile, "body"> & { body: string | Uint8Array<ArrayBuffer> }> {
  if (format !== "apkg") return exportPalace(db, actor, palaceId, format, now);
  const { palace } = await requireRead(db, palaceId, actor);
  const snapshot = await loadSnapshot(db, palaceId, { title: palace.title, description: palace.description }, true);
  return { fileName: exportFileName(palace.title, format), contentType: EXPORT_FILES[format].contentType, body: await toApkg(snapshot, now) };
}

export async function exportPalace(db: Db, actor: Actor, palaceId: string, format: Exclude<TExportFormat, "apkg">, now = new Date()): Promise<ExportedFile> {
  const { palace } = await requireRead(db, palaceId, actor);
  const snapshot = await loadSnapshot(db, palaceId, { title: palace.title, description: palace.description }, format === "engram");
  const body =
    format === "engram"
      ? toEngramJson(snapshot, now)
      : format === "markdown"
        ? toMarkdown(snapshot)
        : format === "canvas"
          ? toCanvas(snapshot)
          : toAnki(snapshot);
  return { fileName: exportFileName(palace.title, format), contentType: EXPORT_FILES[format].contentType, body };
}

const MIME_OF = { png: "image/png", jpeg: "image/jpeg", webp: "image/webp" } as const;

async function restoreFilePicture(picture: TFilePicture) {
  const bytes = Buffer.from(picture.data, "base64");
  const format = sniffFormat(bytes);
  if (format && MIME_OF[format] !== picture.type) throw invalid(`the file says ${picture.type} but the data is ${MIME_OF[format]}.`);
  if (picture.sha256 && sha256(bytes) !== picture.sha256) throw invalid("the data does not match its sha256, so it was damaged on the way.");
  return restorePicture(bytes);
}

/**
 * Every picture in the file, decoded and checked like an upload, before anything is written:
 * one bad picture refuses the whole import with the concept it belongs to.
 */
async function restoreFilePictures(file: TFilePalace) {
  const restored = [];
  for (const [index, concept] of file.concepts.entries()) {
    if (!concept.picture) continue;
    try {
      restored.push({ index, picture: await restoreFilePicture(concept.picture) });
    } catch (e) {
      const issue = { path: ["concepts", index, "picture"], message: (e as Error).message, code: "custom" as const, input: undefined };
      throw invalid(`The file cannot be imported. ${describeIssue(issue, file)}`);
    }
  }
  return restored;
}

/**
 * Writes a validated palace file as a new private palace of the caller's, all or nothing. A
 * `signal` aborted before the commit (the person pressed Cancel) rolls the whole write back.
 */
export async function writeImportedPalace(db: Db, userId: string, file: TFilePalace, signal?: AbortSignal): Promise<string> {
  const pictures = await restoreFilePictures(file);
  let graph;
  try {
    graph = seedToGraph(file, { id: crypto.randomUUID(), title: file.title, description: file.description, visibility: "private" });
  } catch (e) {
    throw invalid(`The file cannot be imported: ${(e as Error).message}`);
  }
  // seedToGraph keeps the file's order of concepts, so the nth concept row is the nth concept.
  graph.pictures = pictures.map(({ index, picture }) => ({ ...picture, conceptId: graph.concepts[index]!.id, palaceId: graph.palace.id }));
  await db.transaction(async (tx) => {
    await insertPalaceGraph(tx, userId, graph);
    if (signal?.aborted) throw invalid("The import was cancelled; nothing was saved.");
  });
  return graph.palace.id;
}

export async function importPalace(db: Db, actor: Actor, raw: z.input<typeof ZImportInput>, signal?: AbortSignal): Promise<TImportResult> {
  const userId = requireUser(actor);
  const input = ZImportInput.parse(raw);
  const { palace, report } = readImport({ format: input.format, fileName: input.fileName, bytes: Buffer.from(input.data, "base64") });
  const id = await writeImportedPalace(db, userId, palace, signal);
  return { ...(await summary(db, id, userId)), report };
}

/** A palace planned in the browser from a large model file: validated whole, then written. */
export async function importPlannedPalace(
  db: Db,
  actor: Actor,
  raw: z.input<typeof ZImportPlannedInput>,
  signal?: AbortSignal,
): Promise<TImportResult> {
  const userId = requireUser(actor);
  const { palace } = ZImportPlannedInput.parse(raw);
  const id = await writeImportedPalace(db, userId, palace, signal);
  return { ...(await summary(db, id, userId)), report: [] };
}
