// Every concept title of the visible rooms in one batched text mesh (see text-batch.tsx). Each
// title is written on both faces of a thin card, turned with its object, so it reads from in
// front and from behind without turning every frame; the batch then repacks only when a title
// changes, not on every frame.
import { useMemo } from "react";
import { SCENE_FONT } from "../fonts";
import type { PlacedItem } from "./loci-instances";
import { SHAPE_HEIGHT } from "./shape-parts";
import { TextBatch, type TextSpec } from "./text-batch";

const TITLE = { font: SCENE_FONT, maxWidth: 2.2, color: "#ffffff", anchorY: "bottom", outlineWidth: 0.02, outlineColor: "#1d2330" } as const;

/** `large` writes bigger titles, for reading the plan from the overview camera far above. */
export function LociLabels({ items, large = false }: { items: PlacedItem[]; large?: boolean }) {
  const fontSize = large ? 0.38 : 0.27;
  const specs = useMemo(
    () =>
      items.flatMap((item): TextSpec[] => {
        const [x, y, z] = item.position;
        const position = [x, y + SHAPE_HEIGHT[item.shape] + 0.22, z] as const;
        return [
          { ...TITLE, key: `${item.locusId}:front`, text: item.title, fontSize, position, rotation: [0, item.rotationY, 0] },
          { ...TITLE, key: `${item.locusId}:back`, text: item.title, fontSize, position, rotation: [0, item.rotationY + Math.PI, 0] },
        ];
      }),
    [items, fontSize],
  );
  return <TextBatch specs={specs} />;
}
