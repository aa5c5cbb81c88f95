// What the keys, the toolbar, the outline and the panel do to the walker in the open palace:
// plain functions over the stores, made once per palace, so passing them down re-renders nothing.
import { doorwayPath, roomAt } from "~/server/domain/room/walk.logic";
import type { LivePalace } from "../../_stores/live-palace/live-palace.store";
import { sceneOf, viewOf, type PalaceRows } from "../../_stores/live-palace/live-palace.select";
import { useHistory } from "../../_stores/history-store";
import { usePalaceUi } from "../../_stores/palace-store";
import { useToasts } from "../../_stores/toast-store";
import { useWalk } from "../../_stores/walk-store";
import { poseForConcept, poseForRoom, stepAlongRoute } from "./route-tour";

export type PalaceCommands = ReturnType<typeof palaceCommands>;

export function palaceCommands(live: LivePalace<PalaceRows>) {
  const scene = () => sceneOf(viewOf(live.store.getState()));
  const walk = useWalk.getState;

  const enterWalk = () => {
    if (!walk().placed) {
      const s = scene();
      const first = s.loci[0] ? poseForConcept(s, s.loci[0].conceptId) : null;
      const start = first ?? (s.rooms[0] ? poseForRoom(s, s.rooms[0].id) : null);
      if (!start) return;
      walk().teleport(start);
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
      if (!walk().placed) walk().teleport(pose);
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
