// React's view of the open palace: the page provides its live palace once, and every component
// selects the few rows it shows, so a change re-renders only the components that show it.
import { createContext, useContext } from "react";
import { useStore } from "zustand";
import type { LivePalace } from "./live-palace.store";
import { sceneOf, viewOf, type PalaceRows, type PalaceState, type PalaceView, type TLiveScene } from "./live-palace.select";

export const LivePalaceContext = createContext<LivePalace<PalaceRows> | null>(null);

export function useLivePalace(): LivePalace<PalaceRows> {
  const live = useContext(LivePalaceContext);
  if (!live) throw new Error("useLivePalace needs an open palace around it.");
  return live;
}

/** `select` must answer the same value for the same rows (a row, a derived list): see live-palace.select. */
export function usePalace<T>(select: (view: PalaceView) => T): T {
  return useStore(useLivePalace().store, (s: PalaceState) => select(viewOf(s)));
}

/** Whole lists, for views that show the whole palace (outline, panel sections, minimap). */
export function usePalaceScene(): TLiveScene {
  return usePalace(sceneOf);
}
