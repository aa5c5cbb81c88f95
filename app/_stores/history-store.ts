// Undo and redo for the edits made in this session. Each entry knows how to reverse itself and
// how to do itself again. Concepts keep their id through a delete and its undo (the server
// restores the same concept), so entries name them by id.
import { create } from "zustand";

export interface HistoryEntry {
  label: string;
  undo(): Promise<void>;
  redo(): Promise<void>;
}

interface HistoryState {
  past: HistoryEntry[];
  future: HistoryEntry[];
  busy: boolean;
  record(entry: HistoryEntry): void;
  step(direction: "undo" | "redo"): Promise<string | null>;
  clear(): void;
}

const LIMIT = 100;

export const useHistory = create<HistoryState>((set, get) => ({
  past: [],
  future: [],
  busy: false,
  record: (entry) => set({ past: [...get().past, entry].slice(-LIMIT), future: [] }),
  async step(direction) {
    const { past, future, busy } = get();
    if (busy) return null;
    const from = direction === "undo" ? past : future;
    const entry = from.at(-1);
    if (!entry) return null;
    set({ busy: true });
    try {
      await (direction === "undo" ? entry.undo() : entry.redo());
      set(
        direction === "undo"
          ? { past: past.slice(0, -1), future: [...future, entry] }
          : { future: future.slice(0, -1), past: [...past, entry] },
      );
      return entry.label;
    } catch (error) {
      // The palace moved on (someone else changed or deleted it): this step cannot be replayed.
      set(direction === "undo" ? { past: past.slice(0, -1) } : { future: future.slice(0, -1) });
      throw error;
    } finally {
      set({ busy: false });
    }
  },
  clear: () => set({ past: [], future: [] }),
}));
