// Export a palace the caller can read in any format, and import a palace file into a new
// private palace: validated whole first, then written in one transaction, so a file with one
// bad item writes nothing and the error says which item and why.
import { eq } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../../db/client";
import { concepts, doors, links, loci, rooms } from "../../db/schema";
import { seedToGraph } from "../../seed/seed.logic";
import { type Actor, requireRead, requireUser } from "../access";
import { invalid } from "../errors";
import { insertPalaceGraph } from "../palace/palace.graph";
import type { TPalaceSummary } from "../palace/palace.schema";
import { summary } from "../palace/palace.service";
import { EXPORT_FILES, exportFileName, type PalaceSnapshot, toAnki, toCanvas, toEngramJson, toMarkdown } from "./export.logic";
import { readImport } from "../../import/import.logic";
import { type TExportFormat, type TFilePalace, ZImportInput, ZImportPlannedInput } from "./transfer.schema";

export interface ExportedFile {
  fileName: string;
  contentType: string;
  body: string;
}

async function loadSnapshot(db: Db, palaceId: string, palace: PalaceSnapshot["palace"]): Promise<PalaceSnapshot> {
  const [roomRows, doorRows, conceptRows, lociRows, linkRows] = await Promise.all([
    db.select().from(rooms).where(eq(rooms.palaceId, palaceId)).orderBy(rooms.createdAt, rooms.id),
    db.select().from(doors).where(eq(doors.palaceId, palaceId)).orderBy(doors.createdAt, doors.id),
    db.select().from(concepts).where(eq(concepts.palaceId, palaceId)).orderBy(concepts.createdAt, concepts.id),
    db.select().from(loci).where(eq(loci.palaceId, palaceId)),
    db.select().from(links).where(eq(links.palaceId, palaceId)).orderBy(links.createdAt, links.id),
  ]);
  return { palace, rooms: roomRows, doors: doorRows, concepts: conceptRows, loci: lociRows, links: linkRows };
}

export async function exportPalace(db: Db, actor: Actor, palaceId: string, format: TExportFormat, now = new Date()): Promise<ExportedFile> {
  const { palace } = await requireRead(db, palaceId, actor);
  const snapshot = await loadSnapshot(db, palaceId, { title: palace.title, description: palace.description });
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

/** Writes a validated palace file as a new private palace of the caller's, all or nothing. */
export async function writeImportedPalace(db: Db, userId: string, file: TFilePalace): Promise<string> {
  let graph;
  try {
    graph = seedToGraph(file, { id: crypto.randomUUID(), title: file.title, description: file.description, visibility: "private" });
  } catch (e) {
    throw invalid(`The file cannot be imported: ${(e as Error).message}`);
  }
  await db.transaction((tx) => insertPalaceGraph(tx, userId, graph));
  return graph.palace.id;
}

export async function importPalace(db: Db, actor: Actor, raw: z.input<typeof ZImportInput>): Promise<TPalaceSummary> {
  const userId = requireUser(actor);
  const input = ZImportInput.parse(raw);
  const { palace } = readImport({ format: input.format, fileName: input.fileName, bytes: Buffer.from(input.data, "base64") });
  const id = await writeImportedPalace(db, userId, palace);
  return summary(db, id, userId);
}

/** A palace planned in the browser from a large model file: validated whole, then written. */
export async function importPlannedPalace(db: Db, actor: Actor, raw: z.input<typeof ZImportPlannedInput>): Promise<TPalaceSummary> {
  const userId = requireUser(actor);
  const { palace } = ZImportPlannedInput.parse(raw);
  const id = await writeImportedPalace(db, userId, palace);
  return summary(db, id, userId);
}
