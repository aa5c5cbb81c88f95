// Moving palaces in and out of Engram: export formats, the versioned Engram JSON file, and the
// import request. The file schema reuses the field rules of the forms, so an imported palace
// obeys exactly what a person typing it in would have to.
import "../zod-config";
import { z } from "zod";
import { ZColor, title } from "../common.schema";
import { CONCEPT_NOTES_MAX, CONCEPT_TITLE_MAX, ZConceptKind, ZSourceUrl, ZTags } from "../concept/concept.schema";
import { LINK_LABEL_MAX } from "../link/link.schema";
import { ZLocusShape } from "../locus/locus.schema";
import { PALACE_DESCRIPTION_MAX, PALACE_TITLE_MAX, ZPalaceSummary } from "../palace/palace.schema";
import { PICTURE_MAX_BYTES, PICTURE_MAX_MB, PICTURE_TYPES, ZPictureHash } from "../picture/picture.schema";
import {
  GRID_LIMIT,
  ROOM_HEIGHT_MAX,
  ROOM_HEIGHT_MIN,
  ROOM_NAME_MAX,
  ROOM_SIZE_MAX,
  ROOM_SIZE_MIN,
  ZRoomTheme,
} from "../room/room.schema";

export const ZExportFormat = z.enum(["engram", "markdown", "canvas", "anki", "apkg"]);
export type TExportFormat = z.infer<typeof ZExportFormat>;

/** The Engram JSON format's name and the version this build writes and reads. */
export const ENGRAM_FORMAT = "engram-palace";
export const ENGRAM_VERSION = 1;

import { IMPORT_MAX_BYTES, MODEL_MAX_BYTES } from "./transfer.limits";

export { IMPORT_MAX_BYTES, MODEL_MAX_BYTES };
export const IMPORT_MAX_ROOMS = 200;
export const IMPORT_MAX_CONCEPTS = 5000;
export const IMPORT_MAX_LINKS = 20000;
/**
 * What one imported file may hold at most. Larger than the targets above, which the model
 * planner aims for: a mind map kept for years runs to tens of thousands of nodes.
 */
export const IMPORT_FILE_MAX_CONCEPTS = 60_000;
export const IMPORT_FILE_MAX_LINKS = 150_000;

const finite = (label: string) => z.number({ message: `${label} must be a number.` }).finite(`${label} must be finite.`);
const key = z.string({ message: "Key must be text." }).min(1, "Key cannot be empty.").max(100, "Key must be at most 100 characters.");
const whole = (label: string, min: number, max: number) =>
  z
    .number({ message: `${label} must be a number.` })
    .int(`${label} must be a whole number of metres.`)
    .min(min, `${label} must be at least ${min}.`)
    .max(max, `${label} must be at most ${max}.`);

export const ZFileRoom = z
  .object({
    key,
    name: title("Room name", ROOM_NAME_MAX),
    gridX: whole("Grid X", -GRID_LIMIT, GRID_LIMIT),
    gridZ: whole("Grid Z", -GRID_LIMIT, GRID_LIMIT),
    width: whole("Width", ROOM_SIZE_MIN, ROOM_SIZE_MAX),
    depth: whole("Depth", ROOM_SIZE_MIN, ROOM_SIZE_MAX),
    height: finite("Height").min(ROOM_HEIGHT_MIN, `Height must be at least ${ROOM_HEIGHT_MIN} m.`).max(ROOM_HEIGHT_MAX, `Height must be at most ${ROOM_HEIGHT_MAX} m.`),
    theme: ZRoomTheme,
  })
  .strict();

export const ZFileDoor = z
  .object({ a: key, b: key, position: finite("Door position"), width: finite("Door width").positive("Door width must be positive.").optional() })
  .strict();

/**
 * A concept's picture in a file: the stored display image in base64. Only the shape and size
 * are checked here; the import decodes every picture again before anything is written.
 */
export const ZFilePicture = z
  .object({
    type: z.enum(PICTURE_TYPES, { message: "Picture type must be image/png, image/jpeg or image/webp." }),
    width: z.number().int().positive().optional(),
    height: z.number().int().positive().optional(),
    sha256: ZPictureHash.optional(),
    data: z
      .string({ message: "Picture data must be base64 text." })
      .min(1, "Picture data cannot be empty.")
      .max(Math.ceil(PICTURE_MAX_BYTES / 3) * 4 + 4, `The picture is larger than ${PICTURE_MAX_MB} MB.`)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, "Picture data must be base64 text."),
  })
  .strict();
export type TFilePicture = z.infer<typeof ZFilePicture>;

export const ZFileConcept = z
  .object({
    key,
    title: title("Title", CONCEPT_TITLE_MAX),
    kind: ZConceptKind,
    tags: ZTags,
    sourceUrl: ZSourceUrl.optional(),
    notes: z.string({ message: "Notes must be text." }).max(CONCEPT_NOTES_MAX, `Notes must be at most ${CONCEPT_NOTES_MAX} characters.`),
    picture: ZFilePicture.optional(),
    place: z
      .object({
        room: key,
        x: finite("X"),
        y: finite("Height above the floor").optional(),
        z: finite("Z"),
        shape: ZLocusShape,
        color: ZColor,
        rotationY: finite("Rotation").optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export const ZFileLink = z
  .object({
    from: key,
    to: key,
    label: z.string({ message: "Label must be text." }).trim().max(LINK_LABEL_MAX, `Label must be at most ${LINK_LABEL_MAX} characters.`),
  })
  .strict();

/** A whole palace as data, the shape the seed, templates and every importer produce. */
export const ZFilePalace = z
  .object({
    title: title("Title", PALACE_TITLE_MAX),
    description: z.string().trim().max(PALACE_DESCRIPTION_MAX, `Description must be at most ${PALACE_DESCRIPTION_MAX} characters.`),
    rooms: z.array(ZFileRoom).max(IMPORT_MAX_ROOMS, `A palace can be imported with at most ${IMPORT_MAX_ROOMS} rooms.`),
    doors: z.array(ZFileDoor).max(IMPORT_MAX_ROOMS * 4, "The file has too many doors."),
    concepts: z.array(ZFileConcept).max(IMPORT_FILE_MAX_CONCEPTS, `A palace can be imported with at most ${IMPORT_FILE_MAX_CONCEPTS} concepts.`),
    links: z.array(ZFileLink).max(IMPORT_FILE_MAX_LINKS, `A palace can be imported with at most ${IMPORT_FILE_MAX_LINKS} links.`),
  })
  .strict();
export type TFilePalace = z.infer<typeof ZFilePalace>;

export const ZEngramFile = z
  .object({
    format: z.literal(ENGRAM_FORMAT, { message: `This is not an Engram palace file (its "format" should be "${ENGRAM_FORMAT}").` }),
    version: z
      .number({ message: "The file has no version number." })
      .int()
      .refine((v) => v <= ENGRAM_VERSION, `This file was written by a newer Engram (version above ${ENGRAM_VERSION}); update Engram to import it.`)
      .refine((v) => v >= 1, "The file's version number is not valid."),
    exportedAt: z.string().optional(),
    palace: ZFilePalace,
  })
  .strict();
export type TEngramFile = z.infer<typeof ZEngramFile>;

/** Model files: their architecture becomes the palace (server/import/arch). */
export const ZArchitectureFormat = z.enum(["onnx", "keras", "keras-json", "tfjs"]);
export const ZImportFormat = z.enum(["auto", "engram", "markdown", "opml", "freemind", "xmind", "canvas", ...ZArchitectureFormat.options]);
export type TImportFormat = z.infer<typeof ZImportFormat>;


export const ZImportInput = z
  .object({
    /** "auto" tells the format from the file name and, failing that, from its first bytes. */
    format: ZImportFormat.default("auto"),
    fileName: z.string().trim().max(255, "File name must be at most 255 characters.").default(""),
    /** The file's bytes in base64, so the server itself checks the size and the encoding. */
    data: z
      .string()
      .max(Math.ceil(IMPORT_MAX_BYTES / 3) * 4 + 4, `The file is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB, the most Engram imports.`)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, "The file did not arrive intact; choose it again."),
  })
  .strict();
export type TImportInput = z.input<typeof ZImportInput>;

/**
 * A palace the browser planned from a model file too large to upload. It is checked exactly
 * as an imported Engram file is, so a hand-made request can do no more than an import could.
 */
export const ZImportPlannedInput = z
  .object({ palace: ZFilePalace })
  .strict();
export type TImportPlannedInput = z.input<typeof ZImportPlannedInput>;

/**
 * The new palace and the import report: one sentence for each thing the import repaired
 * rather than refused (a node with only an image titled from its file, a title cut short…).
 */
export const ZImportResult = ZPalaceSummary.extend({ report: z.array(z.string()) });
export type TImportResult = z.infer<typeof ZImportResult>;
