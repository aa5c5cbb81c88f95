// Renders the diagrams written into a seeded palace (SVG in the source) into the pictures the
// concepts carry, through the same processing an upload gets. Each diagram is drawn once per
// process: the demo seed and every copy of a template reuse the stored bytes.
import sharp from "sharp";
import type { PalaceGraph } from "../domain/palace/palace.graph";
import { processPicture, type StoredPicture } from "../domain/picture/picture.image";
import type { SeedPalace } from "./seed.types";

const rendered = new Map<string, Promise<StoredPicture>>();

/** The stored picture of one SVG diagram, drawn at twice its size so lines stay crisp when shown large. */
export function renderDiagram(svg: string): Promise<StoredPicture> {
  let picture = rendered.get(svg);
  if (!picture) {
    picture = sharp(Buffer.from(svg), { density: 144 })
      .png({ compressionLevel: 1 })
      .toBuffer()
      .then((png) => processPicture(png));
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
