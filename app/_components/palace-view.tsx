"use client";
// The palace page on the client: opens the palace's live store, then lays out the 3D stage
// (loaded on its own, so other pages ship no three.js) beside the side panel. Every part reads
// the rows it shows from the store; the choreography lives in palace-commands and small hooks.
import { useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { Suspense, useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
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
import { RecallWalk, RecallWalkOf } from "./recall/recall-walk";
import { SEARCH_INPUT_ID } from "./panel/search-box";
import { usePalaceActions } from "./panel/use-palace-actions";
import { spotInside, usePlaceAt } from "./panel/use-place-at";
import { useOpenPalace, useRestOfPalace } from "./use-open-palace";
import { useWebGL } from "./use-webgl";
import { usePalacePresence, useStandWhereSelected } from "./use-palace-presence";
import { palaceCommands, type PalaceCommands } from "./walk/palace-commands";
import { StageHud } from "./walk/stage-hud";
import { useInputKind } from "./walk/use-input-kind";

/** What the keys (or fingers) do during a recall walk in 3D. */
function recallHint(input: "touch" | "keyboard", signedIn: boolean): string {
  if (input === "touch") return "Reveal and grade in the panel below · the stick looks around";
  return `Space reveals · 1–4 grade · L lights out${signedIn ? " · M memory colours" : ""} · W A S D to look around`;
}

/** A covered concept stands there in plain stone until it is revealed. */
const COVERED = "#8d8a84";

const PalaceCanvas = dynamic(() => import("../_scene/palace-canvas"), {
  ssr: false,
  loading: () => <div className="stage-hint">Loading the 3D view…</div>,
});


interface PalaceViewProps {
  palaceId: string;
  testHooks: boolean;
  me: { id: string } | null;
  renderer?: "instanced" | "naive";
  /** Select this concept on arrival and, in 3D, walk up to it (a link from another palace). */
  focusConceptId?: string;
  /** The room loaded first, with its neighbours; the rest of the palace streams in after. */
  entranceRoomId?: string | null;
  /**
   * The recall walk in 3D (the recall page): the walk starts at once, the panel holds its stops,
   * and `onWords` switches to the worded walk, keeping the walk's progress.
   */
  recall?: { dueOnly: boolean; onWords: () => void };
}

export function PalaceView(props: PalaceViewProps) {
  const live = useOpenPalace(props.palaceId, props.me?.id ?? null, props.entranceRoomId ?? null);
  const status = useLiveStatus(live);
  const commands = useMemo(() => live && palaceCommands(live), [live]);
  // The 3D code (three.js and the scene, the page's largest download) loads beside the snapshot
  // rather than after it; a browser without WebGL never downloads it.
  const webgl = useWebGL();
  useEffect(() => {
    if (webgl) void import("../_scene/palace-canvas");
  }, [webgl]);
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

/**
 * N / P tour the route, B switches view, / focuses search, M paints memory, L puts the lights
 * out on a recall walk, Ctrl+Z / Shift+Ctrl+Z undo and redo. Ignored while typing.
 */
function usePalaceKeys(commands: PalaceCommands, canEdit: boolean, can: { paintMemory: boolean; lightsOut: boolean }) {
  const { paintMemory, lightsOut } = can;
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
      if (e.code === ACTION_KEYS.paintMemory && paintMemory) useViewOptions.getState().toggleMemory();
      if (e.code === ACTION_KEYS.lightsOut && lightsOut) useViewOptions.getState().toggleLightsOut();
      if (e.code === ACTION_KEYS.toggleMode) commands.toggleMode();
      if (e.code === ACTION_KEYS.nextStop) commands.tour(1);
      if (e.code === ACTION_KEYS.previousStop) commands.tour(-1);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [commands, canEdit, paintMemory, lightsOut]);
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

/**
 * Recalling in 3D: walk from stop to stop through the doors, each stop's title, picture and
 * colour covered until revealed. Gives the current stop, and whether it is still covered.
 */
function useRecallStops(commands: PalaceCommands, palaceId: string, recalling: boolean) {
  const stop = useRecallWalk((s) => (s.palaceId === palaceId ? s.currentConceptId : null));
  // A stop walked again after a miss is the same concept: its position in the walk tells them apart.
  const index = useRecallWalk((s) => s.index);
  const revealed = useRecallWalk((s) => s.revealed);
  useEffect(() => {
    if (!recalling || !stop) return;
    usePalaceUi.getState().select(null);
    commands.flyTo(stop, true);
  }, [commands, recalling, stop, index]);
  const current = recalling ? stop : null;
  return { current, covered: current && !revealed ? current : null };
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
  const webgl = useWebGL();
  const input = useInputKind();
  const [outlineChosen, setOutlineChosen] = useState(false);
  const [recalling, setRecalling] = useState(Boolean(props.recall));
  const mode = useWalk((s) => s.mode);
  const [drawn, setDrawn] = useState(false);
  const onFirstFrame = useCallback(() => setDrawn(true), []);

  // A new palace starts with nothing selected, seen from above.
  useEffect(() => {
    usePalaceUi.getState().select(null);
    usePalaceUi.getState().startPlacing(null);
    useWalk.getState().reset();
    useHistory.getState().clear();
  }, [palaceId]);
  useArrival(commands, palaceId, props.focusConceptId, webgl);
  const recallStop = useRecallStops(commands, palaceId, recalling);
  const coveredConceptId = recallStop.covered;
  const lightsOut = useViewOptions((s) => s.lightsOut);
  usePalaceKeys(commands, canEdit, { paintMemory: me !== null && hasLoci, lightsOut: recalling });

  const canUndo = useHistory((s) => s.past.length > 0);
  const canRedo = useHistory((s) => s.future.length > 0);

  const showRoute = useViewOptions((s) => s.showRoute);
  const paintMemory = useViewOptions((s) => s.paintMemory);
  const memory = useQuery({
    ...trpc.recall.retrievability.queryOptions({ palaceId }),
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
  // The rest of a big palace waits for the entrance's first frame, unless no frame is coming.
  useRestOfPalace(useLivePalace(), drawn || showOutline);

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
            litConceptId={lightsOut ? recallStop.current : null}
            showRoute={showRoute}
            onFirstFrame={onFirstFrame}
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
              <button type="button" className="btn btn-small" onClick={() => useViewOptions.getState().toggleMemory()} aria-pressed={paintMemory} title="Paint concepts by how well you know them (M)">
                Memory
              </button>
            )}
            {show3d && recalling && (
              <button
                type="button"
                className="btn btn-small"
                onClick={() => useViewOptions.getState().toggleLightsOut()}
                aria-pressed={lightsOut}
                title="Darken the palace and light only the stop you are recalling (L)"
              >
                Lights out
              </button>
            )}
            {props.recall ? (
              <button type="button" className="btn btn-small" onClick={props.recall.onWords} title="Walk the same stops described in words, without the 3D view">
                Walk in words
              </button>
            ) : (
              show3d &&
              hasLoci && (
              <button
                type="button"
                className="btn btn-small"
                onClick={() => setRecalling(!recalling)}
                aria-pressed={recalling}
                title="Walk the route in 3D with each concept covered until you reveal it"
              >
                {recalling ? "Stop recall" : "Recall here"}
              </button>
              )
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
            recallHint={recalling ? recallHint(input, me !== null) : undefined}
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
          recalling ? (
            props.recall ? (
              <Suspense fallback={<p className="muted">Preparing the walk…</p>}>
                <RecallWalk palaceId={palaceId} dueOnly={props.recall.dueOnly} keepProgress />
              </Suspense>
            ) : (
              <LiveRecallWalk palaceId={palaceId} canGrade={me !== null} />
            )
          ) : undefined
        }
      />
    </div>
  );
}
