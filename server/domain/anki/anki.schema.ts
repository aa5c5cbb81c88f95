// Bringing an Anki review history into a palace's schedules: the request (the file in base64)
// and what came of it.
import "../zod-config";
import { z } from "zod";
import { ZId } from "../common.schema";
import { IMPORT_MAX_BYTES } from "../transfer/transfer.limits";

/** Largest Anki file taken in: a collection exported without its media fits many times over. */
export const ANKI_MAX_BYTES = IMPORT_MAX_BYTES;

export const ZAnkiImportInput = z
  .object({
    palaceId: ZId,
    fileName: z.string().trim().max(255, "File name must be at most 255 characters.").default(""),
    data: z
      .string()
      .min(1, "The Anki file is empty.")
      .max(Math.ceil(ANKI_MAX_BYTES / 3) * 4 + 4, `The Anki file is larger than ${ANKI_MAX_BYTES / 1024 / 1024} MB. Export it from Anki without media (untick Include media).`)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, "The file did not arrive intact; choose it again."),
  })
  .strict();
export type TAnkiImportInput = z.infer<typeof ZAnkiImportInput>;

export const ZAnkiImportResult = z.object({
  /** Notes in the file, and how many of them matched a concept of the palace. */
  notes: z.number().int(),
  matchedNotes: z.number().int(),
  /** Grades added to your history, and grades skipped because an earlier import brought them. */
  reviews: z.number().int(),
  alreadyImported: z.number().int(),
  /** Concepts whose schedule the history changed. */
  concepts: z.number().int(),
});
export type TAnkiImportResult = z.infer<typeof ZAnkiImportResult>;
