// What is selected in the open palace, shared by the side panel and the 3D scene.
import { create } from "zustand";

interface PalaceUiState {
  selectedConceptId: string | null;
  /** A concept waiting to be placed by clicking a floor in the scene. */
  placingConceptId: string | null;
  select: (conceptId: string | null) => void;
  startPlacing: (conceptId: string | null) => void;
}

export const usePalaceUi = create<PalaceUiState>((set) => ({
  selectedConceptId: null,
  placingConceptId: null,
  select: (conceptId) => set({ selectedConceptId: conceptId }),
  startPlacing: (conceptId) => set({ placingConceptId: conceptId }),
}));
