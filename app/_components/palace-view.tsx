"use client";
// The palace page on the client: opens the palace's live store, then lays out the 3D stage
// (loaded on its own, so other pages ship no three.js) beside the side panel. Every part reads
// the rows it shows from the store; the choreography lives in palace-commands and small hooks.
import { useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import type { TLiveRoom } from "~/server/realtime/live.schema";
import { ACTION_KEYS } from "../_scene/controls/keymap";
import { roomList, viewOf } from "../_stores/live-palace/live-palace.select";
import { LivePalaceContext, useLivePalace, usePalace } from "../_stores/live-palace/use-live-palace";
import { useHistory } from "../_stores/history-store";
import { usePalaceUi } from "../_stores/palace-store";
import { usePresenceStore } from "../_stores/presence-store";
import { useRecallWalk } from "../_stores/recall-store";
import { memoryColour, useViewOptions } from "../_stores/view-store";
import { useWalk } from "../_stores/walk-store";
import { useTRPC } from "../_trpc/client";
import { PalaceOutline } from "./palace-outline";
import { PalacePanel } from "./panel/palace-panel";
import { walkFromView } from "./recall/live-walk";
import { RecallWalkOf } from "./recall/recall-walk";
import { SEARCH_INPUT_ID } from "./panel/search-box";
import { usePalaceActions } from "./panel/use-palace-actions";
import { spotInside, usePlaceAt } from "./panel/use-place-at";
import { useOpenPalace } from "./use-open-palace";
import { usePalacePresence, useStandWhereSelected } from "./use-palace-presence";
import { palaceCommands, type PalaceCommands } from "./walk/palace-commands";
import { StageHud } from "./walk/stage-hud";
import { useInputKind } from "./walk/use-input-kind";

/** A covered concept stands there in plain stone until it is revealed. */
const COVERED = "#8d8a84";

const PalaceCanvas = dynamic(() => import("../_scene/palace-canvas"), {
  ssr: false,
  loading: () => <div className="stage-hint">Loading the 3D view…</div>,
});

// Read once per page load: probing makes a GL context, and the answer does not change. The
// server renders "unknown" (null), so hydration matches whatever the device is.
let webglProbe: boolean | undefined;
const clientHasWebGL = () => (webglProbe ??= hasWebGL());
const unchanging = () => () => {};
const onServer = () => null;

function hasWebGL(): boolean {
  try {
    const canvas = document.createElement("canvas");
    return Boolean(canvas.getContext("webgl2") ?? canvas.getContext("webgl"));
  } catch {
    return false;
  }
}

interface PalaceViewProps {
  palaceId: string;
  testHooks: boolean;
  me: { id: string } | null;
  renderer?: "instanced" | "naive";
  /** Select this concept on arrival and, in 3D, walk up to it (a link from another palace). */
  focusConceptId?: string;
  /** The room loaded first, with its neighbours; the rest of the palace streams in after. */
  entranceRoomId?: string | null;
}

export function PalaceView(props: PalaceViewProps) {
  const live = useOpenPalace(props.palaceId, props.me?.id ?? null, props.entranceRoomId ?? null);
  const status = useLiveStatus(live);
  const commands = useMemo(() => live && palaceCommands(live), [live]);
  if (!live || !commands || status === "loading" || status === "gone") {
    return (
      <div className="palace-layout">
        <div className="palace-stage">
          <div className="stage-hint" aria-live="polite">
            {status === "gone" ? "This palace is no longer available." : "Loading the palace…"}
          </div>
        </div>
      </div>
    );
  }
  return (
    <LivePalaceContext.Provider value={live}>
      <PalaceLayout {...props} commands={commands} />
    </LivePalaceContext.Provider>
  );
}

function useLiveStatus(live: ReturnType<typeof useOpenPalace>) {
  const subscribe = useCallback((onChange: () => void) => (live ? live.store.subscribe(onChange) : () => {}), [live]);
  // Only loading → live → gone matters here; resyncs keep showing the palace.
  const status = () => {
    const s = live?.store.getState().status ?? "loading";
    return s === "resyncing" ? "live" : s;
  };
  return useSyncExternalStore(subscribe, status, () => "loading" as const);
}

/** While walking, others see where I actually stand (room-local, as presence expects). */
function useWalkPresence(commands: PalaceCommands) {
  const mode = useWalk((s) => s.mode);
  useEffect(() => {
    if (mode !== "walk") return;
    const timer = setInterval(() => {
      const { pose, roomId: here } = useWalk.getState();
      const room = commands.scene().rooms.find((r) => r.id === here);
      if (!room) return;
      const presence = usePresenceStore.getState();
      const next = { roomId: room.id, x: pose.x - room.gridX, z: pose.z - room.gridZ, heading: pose.heading };
      const { me } = presence;
      const moved = me.roomId !== next.roomId || Math.hypot(me.x - next.x, me.z - next.z) > 0.05 || Math.abs(me.heading - next.heading) > 0.03;
      if (moved) presence.setMyPosition(next);
    }, 100);
    return () => clearInterval(timer);
  }, [mode, commands]);
}

/** N / P tour the route, B switches view, / focuses search, Ctrl+Z / Shift+Ctrl+Z undo and redo. Ignored while typing. */
function usePalaceKeys(commands: PalaceCommands, canEdit: boolean) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (t && (t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName))) return;
      if ((e.ctrlKey || e.metaKey) && !e.altKey && (e.code === "KeyZ" || e.code === "KeyY")) {
        if (!canEdit) return;
        e.preventDefault();
        void commands.stepHistory(e.code === "KeyY" || e.shiftKey ? "redo" : "undo");
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.code === ACTION_KEYS.focusSearch || e.key === "/") {
        e.preventDefault();
        document.getElementById(SEARCH_INPUT_ID)?.focus();
        return;
      }
      if (e.code === ACTION_KEYS.toggleMode) commands.toggleMode();
      if (e.code === ACTION_KEYS.nextStop) commands.tour(1);
      if (e.code === ACTION_KEYS.previousStop) commands.tour(-1);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [commands, canEdit]);
}

/**
 * Arriving with a concept to show: select it (the card and the outline follow) and, once the 3D
 * view is known to work, fly there. Once per arrival, so later edits do not pull you back.
 */
function useArrival(commands: PalaceCommands, palaceId: string, focusConceptId: string | undefined, webgl: boolean | null) {
  const focused = useRef<string | null>(null);
  const known = usePalace((v) => (focusConceptId ? focusConceptId in v.concept : false));
  useEffect(() => {
    if (!focusConceptId || webgl === null || !known) return;
    const key = `${palaceId}/${focusConceptId}`;
    if (focused.current === key) return;
    focused.current = key;
    usePalaceUi.getState().select(focusConceptId);
    if (webgl) commands.flyTo(focusConceptId);
  }, [commands, palaceId, focusConceptId, webgl, known]);
}

/** Recalling in 3D: walk to each stop in turn, its title and colour covered until revealed. */
function useRecallStops(commands: PalaceCommands, palaceId: string, recalling: boolean) {
  const stop = useRecallWalk((s) => (s.palaceId === palaceId ? s.currentConceptId : null));
  const revealed = useRecallWalk((s) => s.revealed);
  useEffect(() => {
    if (!recalling || !stop) return;
    usePalaceUi.getState().select(null);
    commands.flyTo(stop);
  }, [commands, recalling, stop]);
  return recalling && stop && !revealed ? stop : null;
}

/** Recalling here walks the route as the live store holds it when the walk starts: nothing is fetched again. */
function LiveRecallWalk({ palaceId, canGrade }: { palaceId: string; canGrade: boolean }) {
  const live = useLivePalace();
  const [{ walk, excerpted }] = useState(() => walkFromView(viewOf(live.store.getState()), canGrade));
  return <RecallWalkOf palaceId={palaceId} loaded={walk} excerpted={excerpted} />;
}

/** The room name while walking: its own component, so entering a room re-renders only this line. */
function CurrentRoom() {
  const mode = useWalk((s) => s.mode);
  const roomId = useWalk((s) => (s.mode === "walk" ? s.roomId : null));
  const name = usePalace((v) => (roomId ? v.room[roomId]?.name : undefined));
  const counts = usePalace((v) => `${roomList(v.room).length} rooms · ${Object.keys(v.locus).length} placed concepts`);
  return (
    <div className="small" aria-live="polite" data-testid="current-room">
      {mode === "walk" ? (name ?? "Between rooms") : counts}
    </div>
  );
}

function PalaceLayout(props: PalaceViewProps & { commands: PalaceCommands }) {
  const { palaceId, testHooks, me, commands } = props;
  const trpc = useTRPC();
  usePalacePresence(palaceId, me?.id ?? null);
  useStandWhereSelected();
  useWalkPresence(commands);
  const title = usePalace((v) => v.palace.title);
  const canEdit = usePalace((v) => v.palace.access.canEdit);
  const roomCount = usePalace((v) => roomList(v.room).length);
  const hasLoci = usePalace((v) => Object.keys(v.locus).length > 0);
  const selected = usePalaceUi((s) => s.selectedConceptId);
  const placing = usePalaceUi((s) => s.placingConceptId);
  const placingTitle = usePalace((v) => (placing ? v.concept[placing]?.title : undefined));
  const placeAt = usePlaceAt();
  const actions = usePalaceActions();
  const webgl = useSyncExternalStore<boolean | null>(unchanging, clientHasWebGL, onServer);
  const input = useInputKind();
  const [outlineChosen, setOutlineChosen] = useState(false);
  const [recalling, setRecalling] = useState(false);
  const mode = useWalk((s) => s.mode);

  // A new palace starts with nothing selected, seen from above.
  useEffect(() => {
    usePalaceUi.getState().select(null);
    usePalaceUi.getState().startPlacing(null);
    useWalk.getState().reset();
    useHistory.getState().clear();
  }, [palaceId]);
  useArrival(commands, palaceId, props.focusConceptId, webgl);
  usePalaceKeys(commands, canEdit);
  const coveredConceptId = useRecallStops(commands, palaceId, recalling);

  const canUndo = useHistory((s) => s.past.length > 0);
  const canRedo = useHistory((s) => s.future.length > 0);

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

  // Stable across renders, so the memoised canvas renders again only when what it shows changes.
  const onSelectConcept = useCallback(
    (id: string | null) => {
      if (!usePalaceUi.getState().placingConceptId) commands.visit(id);
    },
    [commands],
  );
  const onFloorClick = useCallback(
    (room: TLiveRoom, x: number, z: number) => {
      const conceptId = usePalaceUi.getState().placingConceptId;
      if (!conceptId) return;
      void placeAt(conceptId, room, x, z);
      usePalaceUi.getState().startPlacing(null);
    },
    [placeAt],
  );
  const move = actions.move;
  const onMoveConcept = useCallback((conceptId: string, room: TLiveRoom, x: number, z: number) => void move(conceptId, spotInside(room, x, z)), [move]);

  const showOutline = webgl === false || outlineChosen;
  const show3d = webgl === true && !outlineChosen;

  return (
    <div className="palace-layout">
      <div
        className={`palace-stage ${showOutline ? "showing-outline" : ""}`}
        data-testid="palace-stage"
        onPointerMove={(e) => {
          // Drag to look on touch screens, where pointer lock does not exist.
          if (e.pointerType !== "touch" || useWalk.getState().mode !== "walk" || e.buttons === 0) return;
          if ((e.target as HTMLElement).closest(".touch-stick, .minimap, button")) return;
          useWalk.getState().stick.turn -= e.movementX * 0.006;
        }}
      >
        {showOutline && (
          <PalaceOutline
            onSelect={commands.visit}
            note={webgl === false ? "Your browser cannot show 3D here (WebGL is unavailable), so the palace is shown as an outline." : undefined}
          />
        )}
        {show3d && (
          <PalaceCanvas
            mode={mode}
            selectedConceptId={selected}
            onSelectConcept={onSelectConcept}
            onFloorClick={placing ? onFloorClick : undefined}
            onMoveConcept={canEdit ? onMoveConcept : undefined}
            testHooks={testHooks}
            renderer={props.renderer}
            colourOf={colourOf}
            untitledConceptId={coveredConceptId}
            showRoute={showRoute}
          />
        )}
        {!showOutline && (
        <div className="stage-overlay">
          <h1>{title}</h1>
          <CurrentRoom />
        </div>
        )}
        {webgl && (
          <div className="stage-toolbar">
            {canEdit && (
              <>
                <button type="button" className="btn btn-small" disabled={!canUndo} onClick={() => void commands.stepHistory("undo")} title="Undo (Ctrl+Z)">
                  Undo
                </button>
                <button type="button" className="btn btn-small" disabled={!canRedo} onClick={() => void commands.stepHistory("redo")} title="Redo (Shift+Ctrl+Z)">
                  Redo
                </button>
              </>
            )}
            <button type="button" className="btn btn-small" onClick={() => setOutlineChosen(!outlineChosen)} aria-pressed={outlineChosen}>
              {outlineChosen ? "3D view" : "Outline"}
            </button>
            {show3d && hasLoci && (
              <button type="button" className="btn btn-small" onClick={() => useViewOptions.getState().toggleRoute()} aria-pressed={showRoute} title="Show the route on the floors">
                Route
              </button>
            )}
            {show3d && me && hasLoci && (
              <button type="button" className="btn btn-small" onClick={() => useViewOptions.getState().toggleMemory()} aria-pressed={paintMemory} title="Paint concepts by how well you know them">
                Memory
              </button>
            )}
            {show3d && hasLoci && (
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
            {show3d && roomCount > 0 && (
              <button type="button" className="btn btn-small" onClick={commands.toggleMode} aria-pressed={mode === "walk"} title="Switch view (B)">
                {mode === "walk" ? "Overview (B)" : "Walk (B)"}
              </button>
            )}
            {show3d && mode === "walk" && input === "keyboard" && (
              <button type="button" id="walk-look" className="btn btn-small" title="Look around with the mouse; Escape gives the pointer back">
                Mouse look
              </button>
            )}
          </div>
        )}
        {show3d && (
          <StageHud
            commands={commands}
            input={input}
            mode={mode}
            placingTitle={placingTitle}
            showMinimap={roomCount > 0}
            hasLoci={hasLoci}
            paintMemory={paintMemory}
          />
        )}
      </div>
      <PalacePanel
        signedIn={me !== null}
        onVisit={commands.visit}
        recall={
          recalling ? <LiveRecallWalk palaceId={palaceId} canGrade={me !== null} /> : undefined
        }
      />
    </div>
  );
}
