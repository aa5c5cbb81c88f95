// Whether this device is online and how many grades wait to be sent, for the banner and the
// recall walk. Filled by the banner's effects; read through selectors.
import { create } from "zustand";

export interface OfflineState {
  online: boolean;
  waiting: number;
  syncing: boolean;
  /** Set when a sync emptied the queue, so the banner can say "synced" for a moment. */
  syncedAt: number | null;
  /** Grades the server refused for good in the last sync (their concept was deleted). */
  refused: number;
  needsSignIn: boolean;
  set: (patch: Partial<Omit<OfflineState, "set">>) => void;
}

export const useOffline = create<OfflineState>((set) => ({
  online: true,
  waiting: 0,
  syncing: false,
  syncedAt: null,
  refused: 0,
  needsSignIn: false,
  set: (patch) => set(patch),
}));
