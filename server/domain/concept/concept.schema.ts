// Concept inputs and outputs: the ideas a palace holds, placed or waiting in the inbox.
import "../zod-config";
import { z } from "zod";
import { title, ZId, ZVersion } from "../common.schema";
import { ZLink } from "../link/link.schema";
import { ZLocus } from "../locus/locus.schema";
import { ZPictureMeta } from "../picture/picture.schema";

export const CONCEPT_TITLE_MAX = 120;
export const CONCEPT_NOTES_MAX = 20_000;
export const CONCEPT_TAG_MAX = 32;
export const CONCEPT_TAGS_MAX = 12;
/** The longest list of tags read at all: duplicates count here, before they are merged. */
export const CONCEPT_TAGS_SENT_MAX = CONCEPT_TAGS_MAX * 2;
export const NOTES_EXCERPT_LENGTH = 280;
/** How long after a deletion concept.restore can bring a concept back. */
export const RESTORE_WINDOW_MINUTES = 10;

export const ZConceptKind = z.enum([
  "layer",
  "block",
  "loss",
  "optimizer",
  "technique",
  "failure-mode",
  "paper",
  "other",
]);
export type TConceptKind = z.infer<typeof ZConceptKind>;

const ZTag = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "Tags cannot be empty.")
  .max(CONCEPT_TAG_MAX, `Each tag must be at most ${CONCEPT_TAG_MAX} characters.`)
  .regex(/^[^\s,#]+(?: [^\s,#]+)*$/, "Tags cannot contain commas or #.")
  // Tags travel into other apps' HTML (Anki, previews), so markup characters are refused.
  .regex(/^[^<>"'`]*$/, "Tags cannot contain <, >, quotes or backticks.");

// The limit counts the tags that are kept, so "ResNet" next to "resnet" does not use up two;
// the list as sent is bounded first, so a flood of duplicates is refused, not merged away.
export const ZTags = z
  .array(ZTag)
  .max(CONCEPT_TAGS_SENT_MAX, `Send at most ${CONCEPT_TAGS_SENT_MAX} tags; a concept keeps at most ${CONCEPT_TAGS_MAX}.`)
  .transform((tags) => [...new Set(tags)])
  .pipe(z.array(z.string()).max(CONCEPT_TAGS_MAX, `A concept can have at most ${CONCEPT_TAGS_MAX} tags.`));

const ZNotes = z
  .string()
  .max(CONCEPT_NOTES_MAX, `Notes must be at most ${CONCEPT_NOTES_MAX} characters.`);

export const ZSourceUrl = z
  .string()
  .trim()
  .max(2000, "Source link must be at most 2000 characters.")
  .refine((s) => {
    try {
      const url = new URL(s);
      return url.protocol === "https:" || url.protocol === "http:";
    } catch {
      return false;
    }
  }, "Source link must be a web address starting with http:// or https://.");

const ZConceptTitle = title("Title", CONCEPT_TITLE_MAX);

export const ZCreateConceptInput = z
  .object({
    palaceId: ZId,
    title: ZConceptTitle,
    kind: ZConceptKind.default("other"),
    tags: ZTags.default([]),
    notes: ZNotes.default(""),
    sourceUrl: ZSourceUrl.nullable().default(null),
  })
  .strict();
export type TCreateConceptInput = z.input<typeof ZCreateConceptInput>;

export const ZUpdateConceptInput = z
  .object({
    id: ZId,
    version: ZVersion,
    title: ZConceptTitle.optional(),
    kind: ZConceptKind.optional(),
    tags: ZTags.optional(),
    notes: ZNotes.optional(),
    sourceUrl: ZSourceUrl.nullable().optional(),
  })
  .strict();
export type TUpdateConceptInput = z.input<typeof ZUpdateConceptInput>;

const conceptFields = {
  id: ZId,
  palaceId: ZId,
  title: z.string(),
  kind: ZConceptKind,
  tags: z.array(z.string()),
  sourceUrl: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
  version: z.number().int(),
};

export const ZConcept = z.object({ ...conceptFields, notes: z.string() });
export type TConcept = z.infer<typeof ZConcept>;

/**
 * A concept as the scene needs it: the notes trimmed to an excerpt, the full text on demand,
 * and its picture's hash and sizes (the bytes are fetched by URL, only where they are shown).
 */
export const ZConceptSummary = z.object({
  ...conceptFields,
  notesExcerpt: z.string(),
  notesLength: z.number().int(),
  picture: ZPictureMeta.nullable(),
});
export type TConceptSummary = z.infer<typeof ZConceptSummary>;

/** What concept.restore brought back, and in words what it could not. */
export const ZRestoreResult = z.object({
  concept: ZConcept,
  locus: ZLocus.nullable(),
  links: z.array(ZLink),
  picture: z.boolean(),
  /** Grades brought back, everyone's together. */
  reviews: z.number().int(),
  /** Null when everything came back as it was. */
  note: z.string().nullable(),
});
export type TRestoreResult = z.infer<typeof ZRestoreResult>;
