// Real picture files for tests, made with sharp (and one PNG written byte by byte): solid
// colours in each accepted type, a JPEG carrying EXIF, a refused GIF and SVG, a damaged file,
// and a decompression bomb (a small file that claims hundreds of megapixels).
import { crc32, deflateSync } from "node:zlib";
import sharp from "sharp";

type Rgb = { r: number; g: number; b: number };

const solid = (width: number, height: number, colour: Rgb) =>
  sharp({ create: { width, height, channels: 3, background: colour } });

export const pngOf = (width: number, height: number, colour: Rgb) => solid(width, height, colour).png().toBuffer();
export const webpOf = (width: number, height: number, colour: Rgb) => solid(width, height, colour).webp({ quality: 90 }).toBuffer();
export const gifOf = (width: number, height: number, colour: Rgb) => solid(width, height, colour).gif().toBuffer();

/**
 * A landscape JPEG (wide × tall) whose EXIF says "rotate 90°" and names a camera and a place;
 * stored correctly it comes back portrait and without any of that.
 */
export const jpegWithExif = (wide: number, tall: number, colour: Rgb) =>
  solid(wide, tall, colour)
    .jpeg({ quality: 90 })
    .withExif({ IFD0: { Make: "EngramCam", Model: "Secret Model 9" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "51/1 30/1 0/1" } })
    .withMetadata({ orientation: 6 })
    .toBuffer();

export const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="red"/></svg>');

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "ascii");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** A 1-bit greyscale PNG of `side` × `side` black pixels: megabytes of pixels in kilobytes of file. */
export function bombPng(side: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // greyscale
  const rowBytes = 1 + Math.ceil(side / 8);
  const raw = Buffer.alloc(rowBytes * side);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** The first half of a real JPEG: its header reads fine, its pixels do not. */
export async function truncatedJpeg(): Promise<Buffer> {
  const whole = await sharp({ create: { width: 300, height: 200, channels: 3, background: { r: 10, g: 200, b: 30 } } })
    .jpeg()
    .toBuffer();
  return whole.subarray(0, Math.floor(whole.length / 2));
}

/** The mean colour of a picture, to check what was stored is what was sent. */
export async function meanColour(bytes: Buffer): Promise<Rgb> {
  const { channels } = await sharp(bytes).stats();
  return { r: Math.round(channels[0]!.mean), g: Math.round(channels[1]!.mean), b: Math.round(channels[2]!.mean) };
}
