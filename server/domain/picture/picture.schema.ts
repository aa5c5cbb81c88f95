// Pictures on concepts: the limits a person is told about, what the scene and the card get to
// build a picture's URL, and the removal request.
import { z } from "zod";
import { ZId, ZVersion } from "../common.schema";

/** Largest upload accepted, in bytes (checked in the browser and again on the server). */
export const PICTURE_MAX_BYTES = 5 * 1024 * 1024;
export const PICTURE_MAX_MB = PICTURE_MAX_BYTES / 1024 / 1024;
/** Pictures with more pixels than this are refused before they are decoded. */
export const PICTURE_MAX_PIXELS = 40_000_000;
/** Longest side of the stored display image and of its thumbnail, in pixels. */
export const PICTURE_DISPLAY_SIZE = 1024;
export const PICTURE_THUMB_SIZE = 256;

export const PICTURE_TYPES = ["image/png", "image/jpeg", "image/webp"] as const;
export const ZPictureSize = z.enum(["display", "thumb"]);
export type TPictureSize = z.infer<typeof ZPictureSize>;

export const PICTURE_MESSAGES = {
  tooLarge: `The picture is larger than ${PICTURE_MAX_MB} MB.`,
  wrongType: "That file is not a PNG, JPEG or WebP picture.",
  empty: "The picture file is empty.",
} as const;

export const ZPictureHash = z.string().regex(/^[0-9a-f]{64}$/, "Must be a picture's SHA-256 in hex.");

/** What a concept's DTO says about its picture: enough to build its URLs and size an <img>. */
export const ZPictureMeta = z.object({
  hash: ZPictureHash,
  width: z.number().int(),
  height: z.number().int(),
  thumbWidth: z.number().int(),
  thumbHeight: z.number().int(),
});
export type TPictureMeta = z.infer<typeof ZPictureMeta>;

export const ZDeletePictureInput = z.object({ conceptId: ZId, version: ZVersion }).strict();
export type TDeletePictureInput = z.infer<typeof ZDeletePictureInput>;

/** The concept after its picture changed: its new version and its picture, if any. */
export const ZPictureResult = z.object({ conceptId: ZId, version: z.number().int(), picture: ZPictureMeta.nullable() });
export type TPictureResult = z.infer<typeof ZPictureResult>;

export function pictureUrl(conceptId: string, hash: string, size: TPictureSize): string {
  return `/api/pictures/${conceptId}/${hash}/${size}`;
}

/** Where an upload for this concept is sent (POST, the file as the body). */
export function pictureUploadUrl(conceptId: string, version: number): string {
  return `/api/pictures/${conceptId}?version=${version}`;
}
