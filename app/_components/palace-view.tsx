"use client";
// The palace page on the client: the 3D stage (loaded on its own, so other pages ship no
// three.js) beside the side panel. Both read the same query and the same selection store.
import { useSuspenseQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useEffect, useState } from "react";
import type { TRoom } from "~/server/domain/room/room.schema";
import { ACTION_KEYS } from "../_scene/controls/keymap";
import { usePalaceUi } from "../_stores/palace-store";
import { useHistory } from "../_stores/history-store";
import { useToasts } from "../_stores/toast-store";
import { useWalk } from "../_stores/walk-store";
import { useTRPC } from "../_trpc/client";
import { PalaceOutline } from "./palace-outline";
import { PalacePanel } from "./panel/palace-panel";
import { SEARCH_INPUT_ID } from "./panel/search-box";
import { usePalaceActions } from "./panel/use-palace-actions";
import { spotInside, usePlaceAt } from "./panel/use-place-at";
import { Minimap } from "./walk/minimap";
import { poseForConcept, poseForRoom, stepAlongRoute } from "./walk/route-tour";
import { TouchStick } from "./walk/touch-stick";

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

export function PalaceView(props: { palaceId: string; testHooks: boolean; renderer?: "instanced" | "naive" }) {
  const { palaceId, testHooks } = props;
  const trpc = useTRPC();
  const { data: scene } = useSuspenseQuery(trpc.palace.get.queryOptions({ id: palaceId }));
  const selected = usePalaceUi((s) => s.selectedConceptId);
  const select = usePalaceUi((s) => s.select);
  const placing = usePalaceUi((s) => s.placingConceptId);
  const startPlacing = usePalaceUi((s) => s.startPlacing);
  const placeAt = usePlaceAt(palaceId);
  const actions = usePalaceActions(palaceId);
  const [webgl, setWebgl] = useState<boolean | null>(null);
  const [touch, setTouch] = useState(false);
  const [outlineChosen, setOutlineChosen] = useState(false);
  const mode = useWalk((s) => s.mode);
  const roomId = useWalk((s) => s.roomId);

  useEffect(() => {
    setWebgl(hasWebGL());
    setTouch(window.matchMedia("(pointer: coarse)").matches);
  }, []);
  // A new palace starts with nothing selected, seen from above.
  useEffect(() => {
    select(null);
    startPlacing(null);
    useWalk.getState().reset();
    useHistory.getState().clear();
  }, [palaceId, select, startPlacing]);

  const toast = useToasts((s) => s.show);
  const canUndo = useHistory((s) => s.past.length > 0);
  const canRedo = useHistory((s) => s.future.length > 0);
  const stepHistory = (direction: "undo" | "redo") =>
    useHistory
      .getState()
      .step(direction)
      .then((label) => label && toast(`${direction === "undo" ? "Undid" : "Redid"} ${label}.`))
      .catch((error: Error) => toast(`Could not ${direction}: ${error.message}`, "error"));

  const walk = useWalk.getState;
  const enterWalk = () => {
    if (!walk().placed) {
      const first = scene.loci[0] ? poseForConcept(scene, scene.loci[0].conceptId) : null;
      const start = first ?? (scene.rooms[0] ? poseForRoom(scene, scene.rooms[0].id) : null);
      if (!start) return;
      walk().teleport(start);
    }
    walk().setMode("walk");
  };
  const toggleMode = () => (walk().mode === "walk" ? walk().setMode("overview") : enterWalk());

  /** Selects a concept; while walking, also walks up to it. */
  const visit = (conceptId: string | null) => {
    select(conceptId);
    if (!conceptId || walk().mode !== "walk") return;
    const pose = poseForConcept(scene, conceptId);
    if (pose) walk().flyTo(pose);
  };

  // Shortcuts: N / P tour the route (switching to walking), B switches view, / focuses search.
  // Ignored while typing.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (t && (t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName))) return;
      if ((e.ctrlKey || e.metaKey) && !e.altKey && (e.code === "KeyZ" || e.code === "KeyY")) {
        if (!scene.palace.access.canEdit) return;
        e.preventDefault();
        void stepHistory(e.code === "KeyY" || e.shiftKey ? "redo" : "undo");
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.code === ACTION_KEYS.focusSearch || e.key === "/") {
        e.preventDefault();
        document.getElementById(SEARCH_INPUT_ID)?.focus();
        return;
      }
      if (e.code === ACTION_KEYS.toggleMode) toggleMode();
      if (e.code === ACTION_KEYS.nextStop || e.code === ACTION_KEYS.previousStop) {
        const next = stepAlongRoute(scene, usePalaceUi.getState().selectedConceptId, e.code === ACTION_KEYS.nextStop ? 1 : -1);
        if (!next) return;
        if (walk().mode !== "walk") enterWalk();
        visit(next);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  const placingTitle = scene.concepts.find((c) => c.id === placing)?.title;
  const showOutline = webgl === false || outlineChosen;
  const show3d = webgl === true && !outlineChosen;

  return (
    <div className="palace-layout">
      <div
        className={`palace-stage ${showOutline ? "showing-outline" : ""}`}
        data-testid="palace-stage"
        onPointerMove={(e) => {
          // Drag to look on touch screens, where pointer lock does not exist.
          if (e.pointerType !== "touch" || mode !== "walk" || e.buttons === 0) return;
          if ((e.target as HTMLElement).closest(".touch-stick, .minimap, button")) return;
          useWalk.getState().stick.turn -= e.movementX * 0.006;
        }}
      >
        {showOutline && (
          <PalaceOutline
            scene={scene}
            onSelect={visit}
            note={webgl === false ? "Your browser cannot show 3D here (WebGL is unavailable), so the palace is shown as an outline." : undefined}
          />
        )}
        {show3d && (
          <PalaceCanvas
            scene={scene}
            mode={mode}
            selectedConceptId={selected}
            onSelectConcept={(id) => {
              if (!placing) visit(id);
            }}
            onFloorClick={
              placing
                ? (room: TRoom, x: number, z: number) => {
                    placeAt(placing, room, x, z);
                    startPlacing(null);
                  }
                : undefined
            }
            onMoveConcept={
              scene.palace.access.canEdit
                ? (conceptId: string, room: TRoom, x: number, z: number) => void actions.move(conceptId, spotInside(room, x, z))
                : undefined
            }
            testHooks={testHooks}
            renderer={props.renderer}
          />
        )}
        {!showOutline && (
        <div className="stage-overlay">
          <h1>{scene.palace.title}</h1>
          <div className="small" aria-live="polite" data-testid="current-room">
            {mode === "walk"
              ? (scene.rooms.find((r) => r.id === roomId)?.name ?? "Between rooms")
              : `${scene.rooms.length} rooms · ${scene.loci.length} placed concepts`}
          </div>
        </div>
        )}
        {webgl && (
          <div className="stage-toolbar">
            {scene.palace.access.canEdit && (
              <>
                <button type="button" className="btn btn-small" disabled={!canUndo} onClick={() => void stepHistory("undo")} title="Undo (Ctrl+Z)">
                  Undo
                </button>
                <button type="button" className="btn btn-small" disabled={!canRedo} onClick={() => void stepHistory("redo")} title="Redo (Shift+Ctrl+Z)">
                  Redo
                </button>
              </>
            )}
            <button type="button" className="btn btn-small" onClick={() => setOutlineChosen(!outlineChosen)} aria-pressed={outlineChosen}>
              {outlineChosen ? "3D view" : "Outline"}
            </button>
            {show3d && scene.rooms.length > 0 && (
              <button type="button" className="btn btn-small" onClick={toggleMode} aria-pressed={mode === "walk"} title="Switch view (B)">
                {mode === "walk" ? "Overview (B)" : "Walk (B)"}
              </button>
            )}
            {show3d && mode === "walk" && !touch && (
              <button type="button" id="walk-look" className="btn btn-small" title="Look around with the mouse; Escape gives the pointer back">
                Mouse look
              </button>
            )}
          </div>
        )}
        {show3d && scene.rooms.length > 0 && <Minimap scene={scene} />}
        {show3d && mode === "walk" && touch && <TouchStick />}
        {show3d && (
          <div className="stage-hint" aria-live="polite">
            {placingTitle
              ? `Click a floor to place “${placingTitle}”. Press Escape to cancel.`
              : mode === "walk"
                ? "W A S D or arrows to walk · Q E or ← → to turn · Shift to run · N / P next / previous stop · click a concept to walk up to it"
                : "Drag to orbit · scroll to zoom · click a concept to open it · B to walk · N / P tour the route"}
          </div>
        )}
      </div>
      <PalacePanel scene={scene} onVisit={visit} />
    </div>
  );
}
