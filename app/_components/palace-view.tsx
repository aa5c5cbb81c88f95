"use client";
// The palace page on the client: the 3D stage (loaded on its own, so other pages ship no
// three.js) beside the side panel. Both read the same query and the same selection store.
import { useSuspenseQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useEffect, useState } from "react";
import type { TRoom } from "~/server/domain/room/room.schema";
import { usePalaceUi } from "../_stores/palace-store";
import { useTRPC } from "../_trpc/client";
import { PalacePanel } from "./panel/palace-panel";
import { usePlaceAt } from "./panel/use-place-at";
import { usePalaceLive } from "./use-palace-live";
import { usePalacePresence, useStandWhereSelected } from "./use-palace-presence";

const PalaceCanvas = dynamic(() => import("../_scene/palace-canvas"), {
  ssr: false,
  loading: () => <div className="stage-hint">Loading the 3D view…</div>,
});

function hasWebGL(): boolean {
  try {
    const canvas = document.createElement("canvas");
    return Boolean(canvas.getContext("webgl2") ?? canvas.getContext("webgl"));
  } catch {
    return false;
  }
}

export function PalaceView({ palaceId, testHooks, me }: { palaceId: string; testHooks: boolean; me: { id: string } | null }) {
  const trpc = useTRPC();
  const { data: scene } = useSuspenseQuery(trpc.palace.get.queryOptions({ id: palaceId }));
  usePalaceLive(palaceId, me?.id ?? null);
  usePalacePresence(palaceId, me?.id ?? null);
  useStandWhereSelected(scene);
  const selected = usePalaceUi((s) => s.selectedConceptId);
  const select = usePalaceUi((s) => s.select);
  const placing = usePalaceUi((s) => s.placingConceptId);
  const startPlacing = usePalaceUi((s) => s.startPlacing);
  const placeAt = usePlaceAt(palaceId);
  const [webgl, setWebgl] = useState<boolean | null>(null);

  useEffect(() => setWebgl(hasWebGL()), []);
  // A new palace starts with nothing selected.
  useEffect(() => {
    select(null);
    startPlacing(null);
  }, [palaceId, select, startPlacing]);

  const placingTitle = scene.concepts.find((c) => c.id === placing)?.title;

  return (
    <div className="palace-layout">
      <div className="palace-stage" data-testid="palace-stage">
        {webgl && (
          <PalaceCanvas
            scene={scene}
            selectedConceptId={selected}
            onSelectConcept={(id) => {
              if (!placing) select(id);
            }}
            onFloorClick={
              placing
                ? (room: TRoom, x: number, z: number) => {
                    placeAt(placing, room, x, z);
                    startPlacing(null);
                  }
                : undefined
            }
            testHooks={testHooks}
          />
        )}
        {webgl === false && (
          <div className="stage-hint" role="note">
            Your browser cannot show 3D here (WebGL is unavailable). Everything in the palace is still listed in the panel.
          </div>
        )}
        <div className="stage-overlay">
          <h1>{scene.palace.title}</h1>
          <div className="small">
            {scene.rooms.length} rooms · {scene.loci.length} placed concepts
          </div>
        </div>
        {webgl && (
          <div className="stage-hint" aria-live="polite">
            {placingTitle
              ? `Click a floor to place “${placingTitle}”. Press Escape to cancel.`
              : "Drag to orbit · scroll to zoom · right-drag to pan · click a concept to open it"}
          </div>
        )}
      </div>
      <PalacePanel scene={scene} signedIn={me !== null} />
    </div>
  );
}
