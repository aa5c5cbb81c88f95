"use client";
// The palace page on the client: the 3D stage (loaded on its own, so other pages ship no
// three.js) beside the side panel. Both read the same query and the same selection store.
import { useQuery, useSuspenseQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { Suspense, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import type { TRoom } from "~/server/domain/room/room.schema";
import { ACTION_KEYS } from "../_scene/controls/keymap";
import { usePalaceUi } from "../_stores/palace-store";
import { useHistory } from "../_stores/history-store";
import { useToasts } from "../_stores/toast-store";
import { usePresenceStore } from "../_stores/presence-store";
import { useRecallWalk } from "../_stores/recall-store";
import { memoryColour, useViewOptions } from "../_stores/view-store";
import { useWalk } from "../_stores/walk-store";
import { useTRPC } from "../_trpc/client";
import { PalaceOutline } from "./palace-outline";
import { PalacePanel } from "./panel/palace-panel";
import { RecallWalk } from "./recall/recall-walk";
import { SEARCH_INPUT_ID } from "./panel/search-box";
import { usePalaceActions } from "./panel/use-palace-actions";
import { spotInside, usePlaceAt } from "./panel/use-place-at";
import { usePalaceLive } from "./use-palace-live";
import { usePalacePresence, useStandWhereSelected } from "./use-palace-presence";
import { Minimap } from "./walk/minimap";
import { poseForConcept, poseForRoom, stepAlongRoute } from "./walk/route-tour";
import { TouchStick } from "./walk/touch-stick";

/** A covered concept stands there in plain stone until it is revealed. */
const COVERED = "#8d8a84";

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

// Read once per page load: probing makes a GL context, and the answer does not change. The
// server renders "unknown" (null) and no touch, so hydration matches whatever the device is.
let webglProbe: boolean | undefined;
const clientHasWebGL = () => (webglProbe ??= hasWebGL());
const isTouchScreen = () => window.matchMedia("(pointer: coarse)").matches;
const unchanging = () => () => {};
const onServer = () => null;
const noTouchOnServer = () => false;

export function PalaceView(props: {
  palaceId: string;
  testHooks: boolean;
  me: { id: string } | null;
  renderer?: "instanced" | "naive";
  /** Select this concept on arrival and, in 3D, walk up to it (a link from another palace). */
  focusConceptId?: string;
}) {
  const { palaceId, testHooks, me } = props;
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
  const actions = usePalaceActions(palaceId);
  const webgl = useSyncExternalStore<boolean | null>(unchanging, clientHasWebGL, onServer);
  const touch = useSyncExternalStore(unchanging, isTouchScreen, noTouchOnServer);
  const [outlineChosen, setOutlineChosen] = useState(false);
  const [recalling, setRecalling] = useState(false);
  const recallConceptId = useRecallWalk((s) => (s.palaceId === palaceId ? s.currentConceptId : null));
  const recallRevealed = useRecallWalk((s) => s.revealed);
  const mode = useWalk((s) => s.mode);
  const roomId = useWalk((s) => s.roomId);

  // A new palace starts with nothing selected, seen from above.
  useEffect(() => {
    select(null);
    startPlacing(null);
    useWalk.getState().reset();
    useHistory.getState().clear();
  }, [palaceId, select, startPlacing]);

  // Arriving with a concept to show: select it (the card and the outline follow) and, once the
  // 3D view is known to work, fly there. Once per arrival, so later edits do not pull you back.
  const focused = useRef<string | null>(null);
  useEffect(() => {
    const conceptId = props.focusConceptId;
    if (!conceptId || webgl === null) return;
    const key = `${palaceId}/${conceptId}`;
    if (focused.current === key || !scene.concepts.some((c) => c.id === conceptId)) return;
    focused.current = key;
    select(conceptId);
    const pose = webgl ? poseForConcept(scene, conceptId) : null;
    if (!pose) return;
    if (!useWalk.getState().placed) useWalk.getState().teleport(pose);
    useWalk.getState().setMode("walk");
    useWalk.getState().flyTo(pose);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new arrival moves the walker; later changes to the palace must not
  }, [palaceId, props.focusConceptId, webgl]);

  const toast = useToasts((s) => s.show);
  const canUndo = useHistory((s) => s.past.length > 0);
  const canRedo = useHistory((s) => s.future.length > 0);
  const stepHistory = (direction: "undo" | "redo") =>
    useHistory
      .getState()
      .step(direction)
      .then((label) => label && toast(`${direction === "undo" ? "Undid" : "Redid"} ${label}.`))
      .catch((error: Error) => toast(`Could not ${direction}: ${error.message}`, "error"));

  // While walking, others see where I actually stand (room-local, as presence expects).
  useEffect(() => {
    if (mode !== "walk") return;
    const timer = setInterval(() => {
      const { pose, roomId: here } = useWalk.getState();
      const room = scene.rooms.find((r) => r.id === here);
      if (!room) return;
      const presence = usePresenceStore.getState();
      const next = { roomId: room.id, x: pose.x - room.gridX, z: pose.z - room.gridZ, heading: pose.heading };
      const { me } = presence;
      const moved = me.roomId !== next.roomId || Math.hypot(me.x - next.x, me.z - next.z) > 0.05 || Math.abs(me.heading - next.heading) > 0.03;
      if (moved) presence.setMyPosition(next);
    }, 100);
    return () => clearInterval(timer);
  }, [mode, scene.rooms]);

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

  // Recalling in 3D: walk to each stop in turn, with its title and colour covered until the
  // person reveals it in the panel.
  useEffect(() => {
    if (!recalling || !recallConceptId) return;
    select(null);
    if (walk().mode !== "walk") enterWalk();
    const pose = poseForConcept(scene, recallConceptId);
    if (pose) walk().flyTo(pose);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new stop moves the walker; edits to the palace meanwhile must not
  }, [recalling, recallConceptId]);
  const coveredConceptId = recalling && recallConceptId && !recallRevealed ? recallConceptId : null;

  const placingTitle = scene.concepts.find((c) => c.id === placing)?.title;
  const showRoute = useViewOptions((s) => s.showRoute);
  const paintMemory = useViewOptions((s) => s.paintMemory);
  const memory = useQuery({
    ...trpc.review.retrievability.queryOptions({ palaceId }),
    enabled: paintMemory && me !== null,
  });
  const colourOf = useMemo(() => {
    const colours = paintMemory && memory.data ? new Map(memory.data.map((e) => [e.conceptId, memoryColour(e.retrievability)])) : new Map<string, string>();
    if (coveredConceptId) colours.set(coveredConceptId, COVERED);
    return colours.size > 0 ? colours : undefined;
  }, [paintMemory, memory.data, coveredConceptId]);
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
                    void placeAt(placing, room, x, z);
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
            colourOf={colourOf}
            untitledConceptId={coveredConceptId}
            showRoute={showRoute}
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
            {show3d && scene.loci.length > 0 && (
              <button type="button" className="btn btn-small" onClick={() => useViewOptions.getState().toggleRoute()} aria-pressed={showRoute} title="Show the route on the floors">
                Route
              </button>
            )}
            {show3d && me && scene.loci.length > 0 && (
              <button type="button" className="btn btn-small" onClick={() => useViewOptions.getState().toggleMemory()} aria-pressed={paintMemory} title="Paint concepts by how well you know them">
                Memory
              </button>
            )}
            {show3d && scene.loci.length > 0 && (
              <button
                type="button"
                className="btn btn-small"
                onClick={() => setRecalling(!recalling)}
                aria-pressed={recalling}
                title="Walk the route in 3D with each concept covered until you reveal it"
              >
                {recalling ? "Stop recall" : "Recall here"}
              </button>
            )}
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
        {show3d && paintMemory && (
          <div className="memory-legend" aria-live="polite">
            <span className="swatch" style={{ background: memoryColour(0.2) }} /> forgotten
            <span className="swatch" style={{ background: memoryColour(0.7) }} /> shaky
            <span className="swatch" style={{ background: memoryColour(0.97) }} /> known
            <span className="swatch" style={{ background: memoryColour(null) }} /> not studied yet
          </div>
        )}
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
      <PalacePanel
        scene={scene}
        signedIn={me !== null}
        onVisit={visit}
        recall={
          recalling ? (
            <Suspense fallback={<p className="muted">Preparing the walk…</p>}>
              <RecallWalk palaceId={palaceId} dueOnly={false} />
            </Suspense>
          ) : undefined
        }
      />
    </div>
  );
}
