// What the 3D view shows on top of the palace: the numbered route on the floors, concepts
// painted by how well the person remembers them, and the lights put out around a recall stop.
import { create } from "zustand";

interface ViewState {
  showRoute: boolean;
  paintMemory: boolean;
  /** During a recall walk: the room is dark but for a light on the current stop. */
  lightsOut: boolean;
  toggleRoute(): void;
  toggleMemory(): void;
  toggleLightsOut(): void;
}

export const useViewOptions = create<ViewState>((set, get) => ({
  showRoute: false,
  paintMemory: false,
  lightsOut: false,
  toggleRoute: () => set({ showRoute: !get().showRoute }),
  toggleMemory: () => set({ paintMemory: !get().paintMemory }),
  toggleLightsOut: () => set({ lightsOut: !get().lightsOut }),
}));

/** Red for forgotten, amber for shaky, green for known; grey when never studied. */
export function memoryColour(retrievability: number | null): string {
  if (retrievability === null) return "#9aa0a6";
  const stops: [number, [number, number, number]][] = [
    [0, [0xd6, 0x45, 0x45]],
    [0.6, [0xe9, 0xc4, 0x6a]],
    [1, [0x3d, 0x99, 0x70]],
  ];
  const r = Math.min(1, Math.max(0, retrievability));
  const i = r <= 0.6 ? 0 : 1;
  const [a, ca] = stops[i]!;
  const [b, cb] = stops[i + 1]!;
  const t = (r - a) / (b - a);
  const mix = ca.map((c, k) => Math.round(c + (cb[k]! - c) * t));
  return `#${mix.map((c) => c.toString(16).padStart(2, "0")).join("")}`;
}
