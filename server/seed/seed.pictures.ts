// Renders the diagrams written into a seeded palace (SVG in the source) into the pictures the
// concepts carry, through the path an imported picture takes. Each diagram is drawn once per
// process: the demo seed and every copy of a template reuse the stored bytes.
import sharp from "sharp";
import type { PalaceGraph } from "../domain/palace/palace.graph";
import { restorePicture, type StoredPicture } from "../domain/picture/picture.image";
import { PICTURE_DISPLAY_SIZE } from "../domain/picture/picture.schema";
import { DIAGRAM_WIDTH } from "./diagrams";
import type { SeedPalace } from "./seed.types";

const rendered = new Map<string, Promise<StoredPicture>>();

/** SVG is drawn at 72 dots per inch; this density draws a diagram exactly as wide as a stored display image. */
const DENSITY = (72 * PICTURE_DISPLAY_SIZE) / DIAGRAM_WIDTH;

/**
 * The stored picture of one SVG diagram. It is drawn straight to a display-sized WebP (a fast
 * encoder setting: flat diagrams compress well anyway), which the import path then decodes in
 * full, keeps as it is and makes the thumbnail of, as it does for a picture in an export file.
 */
export function renderDiagram(svg: string): Promise<StoredPicture> {
  let picture = rendered.get(svg);
  if (!picture) {
    picture = sharp(Buffer.from(svg), { density: DENSITY })
      .webp({ quality: 82, effort: 1 })
      .toBuffer()
      .then((webp) => restorePicture(webp));
    // A failed render is not remembered, so the next seed tries again.
    picture.catch(() => rendered.delete(svg));
    rendered.set(svg, picture);
  }
  return picture;
}

/**
 * Picture rows for the concepts of `graph` whose seed entry draws a diagram. `graph` must come
 * from seedToGraph(seed), which keeps the seed's order of concepts.
 */
export async function seedPictures(seed: SeedPalace, graph: PalaceGraph): Promise<NonNullable<PalaceGraph["pictures"]>> {
  const drawn = seed.concepts.flatMap((c, index) => (c.diagram ? [{ index, svg: c.diagram }] : []));
  const pictures = await Promise.all(drawn.map((d) => renderDiagram(d.svg)));
  return drawn.map(({ index }, i) => ({ ...pictures[i]!, conceptId: graph.concepts[index]!.id, palaceId: graph.palace.id }));
}
