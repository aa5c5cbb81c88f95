// What the keys, the toolbar, the outline and the panel do to the walker in the open palace:
// plain functions over the stores, made once per palace, so passing them down re-renders nothing.
import { doorwayPath, roomAt, spreadStart } from "~/server/domain/room/walk.logic";
import type { LivePalace } from "../../_stores/live-palace/live-palace.store";
import { sceneOf, viewOf, type PalaceRows } from "../../_stores/live-palace/live-palace.select";
import { useHistory } from "../../_stores/history-store";
import { usePalaceUi } from "../../_stores/palace-store";
import { useToasts } from "../../_stores/toast-store";
import { usePresenceStore } from "../../_stores/presence-store";
import { useWalk, type Pose } from "../../_stores/walk-store";
import { poseForConcept, poseForRoom, stepAlongRoute } from "./route-tour";
import type { TLiveScene } from "../../_stores/live-palace/live-palace.select";

/** Where to start walking near `pose`, clear of the others in the palace (facing the concept, if one). */
function clearOfOthers(s: TLiveScene, pose: Pose, seat: number, conceptId?: string): Pose {
  const room = roomAt(s.rooms, pose);
  if (!room) return pose;
  const others = Object.values(usePresenceStore.getState().people).flatMap((p) => {
    const at = s.rooms.find((r) => r.id === p.roomId);
    return at ? [{ x: at.gridX + p.x, z: at.gridZ + p.z }] : [];
  });
  const locus = conceptId ? s.loci.find((l) => l.conceptId === conceptId) : undefined;
  const lociRoom = locus && s.rooms.find((r) => r.id === locus.roomId);
  return spreadStart(room, pose, others, seat, locus && lociRoom ? { x: lociRoom.gridX + locus.x, z: lociRoom.gridZ + locus.z } : undefined);
}

export type PalaceCommands = ReturnType<typeof palaceCommands>;

export function palaceCommands(live: LivePalace<PalaceRows>) {
  const scene = () => sceneOf(viewOf(live.store.getState()));
  const walk = useWalk.getState;
  // Two people entering at the same moment (neither yet sees the other) start at different spots.
  const seat = Math.floor(Math.random() * 7);

  /**
   * Puts the walker there, in its room at once: the scene draws the rooms around the walker, so
   * a room learnt only from the next frame would draw the whole palace once, then again.
   */
  const place = (pose: Pose) => {
    walk().teleport(pose);
    walk().setRoom(roomAt(scene().rooms, pose)?.id ?? null);
  };

  /**
   * Walking starts in front of the selected concept when it has a place; otherwise where the
   * walker last stood, or at the first stop of the route the first time.
   */
  const enterWalk = () => {
    const s = scene();
    const selected = usePalaceUi.getState().selectedConceptId;
    const atSelection = selected ? poseForConcept(s, selected) : null;
    if (atSelection) place(atSelection);
    else if (!walk().placed) {
      const first = s.loci[0] ? poseForConcept(s, s.loci[0].conceptId) : null;
      const start = first ?? (s.rooms[0] ? poseForRoom(s, s.rooms[0].id) : null);
      if (!start) return;
      place(clearOfOthers(s, start, seat, first ? s.loci[0]!.conceptId : undefined));
    }
    walk().setMode("walk");
  };

  /** Selects a concept; while walking, also walks up to it. */
  const visit = (conceptId: string | null) => {
    usePalaceUi.getState().select(conceptId);
    if (!conceptId || walk().mode !== "walk") return;
    const pose = poseForConcept(scene(), conceptId);
    if (pose) walk().flyTo(pose);
  };

  return {
    scene,
    enterWalk,
    visit,
    toggleMode: () => (walk().mode === "walk" ? walk().setMode("overview") : enterWalk()),
    /** N / P: the next or previous stop of the route, walking there. */
    tour(step: 1 | -1) {
      const next = stepAlongRoute(scene(), usePalaceUi.getState().selectedConceptId, step);
      if (!next) return;
      if (walk().mode !== "walk") enterWalk();
      visit(next);
    },
    /**
     * Flies to a concept without selecting it (a recall stop, an arrival from a link). With
     * `throughDoors`, a stop in another room is reached by walking through the doors between.
     */
    flyTo(conceptId: string, throughDoors = false) {
      const s = scene();
      const pose = poseForConcept(s, conceptId);
      if (!pose) return false;
      if (!walk().placed) place(pose);
      if (walk().mode !== "walk") walk().setMode("walk");
      const to = s.loci.find((l) => l.conceptId === conceptId)?.roomId;
      const from = roomAt(s.rooms, walk().pose)?.id;
      const via = throughDoors && from && to ? doorwayPath(s.rooms, s.doors, from, to) : [];
      walk().flyTo(pose, via);
      return true;
    },
    stepHistory(direction: "undo" | "redo") {
      const toast = useToasts.getState().show;
      return useHistory
        .getState()
        .step(direction)
        .then((label) => label && toast(`${direction === "undo" ? "Undid" : "Redid"} ${label}.`))
        .catch((error: Error) => toast(`Could not ${direction}: ${error.message}`, "error"));
    },
  };
}
