// Every concept title of the visible rooms, and from above every room's name, in one batched
// text mesh (see text-batch.tsx). Each is a label: it faces the viewer from any side, never draws
// smaller than a readable size, keeps a dark halo that holds its contrast on any floor, and gives
// way where it would cover a more important label.
import { useMemo } from "react";
import { SCENE_FONT } from "../fonts";
import { roomLabelTexts, type RoomShape } from "../rooms/room-layout";
import { LABEL } from "../rooms/palette";
import type { PlacedItem } from "./loci-instances";
import { SHAPE_HEIGHT } from "./shape-parts";
import { TextBatch, type TextSpec } from "./text-batch";

/** `overview` writes bigger titles, for reading the plan from the camera far above, and names the rooms. */
export function LociLabels({ items, rooms, overview }: { items: PlacedItem[]; rooms: RoomShape[]; overview: boolean }) {
  const fontSize = overview ? 0.38 : 0.27;
  const specs = useMemo(
    () => [
      ...items.map((item): TextSpec => {
        const [x, y, z] = item.position;
        return {
          key: item.locusId,
          text: item.title,
          font: SCENE_FONT,
          fontSize,
          maxWidth: fontSize * 10,
          color: LABEL.title,
          outlineWidth: fontSize * LABEL.haloShare,
          outlineColor: LABEL.halo,
          anchorY: "bottom",
          position: [x, y + SHAPE_HEIGHT[item.shape] + 0.22, z],
          rotation: [0, 0, 0],
          label: { kind: "concept", id: item.conceptId, minPx: LABEL.titleMinPx },
        };
      }),
      ...(overview ? roomLabelTexts(rooms) : []),
    ],
    [items, rooms, fontSize, overview],
  );
  return <TextBatch specs={specs} overlay={overview} />;
}
