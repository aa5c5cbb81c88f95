// What is selected in the open palace, shared by the side panel and the 3D scene.
import { create } from "zustand";

interface PalaceUiState {
  selectedConceptId: string | null;
  /** A concept pointed at or focused (in the scene or a list): its label shows over others. */
  spotlitConceptId: string | null;
  /** A concept waiting to be placed by clicking a floor in the scene. */
  placingConceptId: string | null;
  select: (conceptId: string | null) => void;
  /** Spotlights a concept, or (with null) ends the spotlight on `conceptId` if it still has it. */
  spotlight: (conceptId: string | null, ending?: string) => void;
  startPlacing: (conceptId: string | null) => void;
}

export const usePalaceUi = create<PalaceUiState>((set, get) => ({
  selectedConceptId: null,
  spotlitConceptId: null,
  placingConceptId: null,
  select: (conceptId) => set({ selectedConceptId: conceptId }),
  spotlight: (conceptId, ending) => {
    if (conceptId === null && ending !== undefined && get().spotlitConceptId !== ending) return;
    if (get().spotlitConceptId !== conceptId) set({ spotlitConceptId: conceptId });
  },
  startPlacing: (conceptId) => set({ placingConceptId: conceptId }),
}));
