// Turns an uploaded (or imported) file into the two stored WebP images. Whatever arrives is
// decoded and re-encoded, so nothing of the original file survives but its pixels: no EXIF, no
// GPS position, no embedded payload. The type is read from the bytes, never from a name.
import { createHash } from "node:crypto";
import sharp from "sharp";
import { invalid } from "../errors";
import {
  PICTURE_DISPLAY_SIZE,
  PICTURE_MAX_BYTES,
  PICTURE_MAX_PIXELS,
  PICTURE_MESSAGES,
  PICTURE_THUMB_SIZE,
} from "./picture.schema";

export type PictureFormat = "png" | "jpeg" | "webp";

export interface StoredPicture {
  hash: string;
  width: number;
  height: number;
  display: Buffer;
  thumbWidth: number;
  thumbHeight: number;
  thumb: Buffer;
}

const startsWith = (bytes: Uint8Array, prefix: number[], at = 0) => prefix.every((b, i) => bytes[at + i] === b);

/** The format the file's first bytes announce, or null for anything else (GIF, SVG, text...). */
export function sniffFormat(bytes: Uint8Array): PictureFormat | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "jpeg";
  // "RIFF", four bytes of length, "WEBP".
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return "webp";
  return null;
}

export const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

const undecodable = () => invalid("The picture could not be decoded: the file may be damaged or cut short.");

/** Reads the header only, refusing a wrong type or too many pixels before any decoding. */
async function inspect(bytes: Uint8Array) {
  if (bytes.byteLength === 0) throw invalid(PICTURE_MESSAGES.empty);
  if (bytes.byteLength > PICTURE_MAX_BYTES) throw invalid(PICTURE_MESSAGES.tooLarge);
  const format = sniffFormat(bytes);
  if (!format) throw invalid(PICTURE_MESSAGES.wrongType);
  let meta: sharp.Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw undecodable();
  }
  if (meta.format !== format) throw invalid(PICTURE_MESSAGES.wrongType);
  const { width = 0, height = 0 } = meta;
  if (width * height > PICTURE_MAX_PIXELS) {
    throw invalid(
      `The picture is too large to decode: ${width} × ${height} pixels is more than the ${PICTURE_MAX_PIXELS / 1_000_000} megapixels Engram accepts.`,
    );
  }
  return { format, meta };
}

/** Decodes every pixel (with the limit enforced by libvips too) and re-encodes as WebP. */
async function encode(input: Uint8Array | Buffer, size: number, quality: number) {
  try {
    const { data, info } = await sharp(input, { limitInputPixels: PICTURE_MAX_PIXELS })
      .rotate()
      .resize({ width: size, height: size, fit: "inside", withoutEnlargement: true })
      .webp({ quality, effort: 4 })
      .toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  } catch (e) {
    if (/pixel limit/i.test((e as Error).message)) {
      throw invalid(`The picture is too large to decode: it has more than the ${PICTURE_MAX_PIXELS / 1_000_000} megapixels Engram accepts.`);
    }
    throw undecodable();
  }
}

async function thumbnailOf(display: Buffer) {
  return encode(display, PICTURE_THUMB_SIZE, 75);
}

/** An uploaded file: checked, decoded, oriented, stripped, and stored at two sizes. */
export async function processPicture(bytes: Uint8Array): Promise<StoredPicture> {
  await inspect(bytes);
  const display = await encode(bytes, PICTURE_DISPLAY_SIZE, 82);
  const thumb = await thumbnailOf(display.data);
  return {
    hash: sha256(display.data),
    width: display.width,
    height: display.height,
    display: display.data,
    thumbWidth: thumb.width,
    thumbHeight: thumb.height,
    thumb: thumb.data,
  };
}

/**
 * A display image from an Engram export. It is decoded in full like any upload; when it is
 * already what Engram stores (WebP, within the display size, no metadata) its bytes are kept
 * as they are, so a round trip gives back the same picture with the same hash. Anything else
 * goes through the upload path and comes out re-encoded.
 */
export async function restorePicture(bytes: Uint8Array): Promise<StoredPicture> {
  const { format, meta } = await inspect(bytes);
  const asStored =
    format === "webp" &&
    (meta.width ?? 0) <= PICTURE_DISPLAY_SIZE &&
    (meta.height ?? 0) <= PICTURE_DISPLAY_SIZE &&
    !meta.exif &&
    !meta.xmp &&
    !meta.iptc &&
    !meta.icc &&
    (meta.pages ?? 1) === 1;
  if (!asStored) return processPicture(bytes);
  const display = Buffer.from(bytes);
  try {
    // Every pixel is decoded, so a file whose header is fine but whose data is not is refused.
    await sharp(display, { limitInputPixels: PICTURE_MAX_PIXELS }).raw().toBuffer();
  } catch {
    throw undecodable();
  }
  const thumb = await thumbnailOf(display);
  return {
    hash: sha256(display),
    width: meta.width,
    height: meta.height,
    display,
    thumbWidth: thumb.width,
    thumbHeight: thumb.height,
    thumb: thumb.data,
  };
}
