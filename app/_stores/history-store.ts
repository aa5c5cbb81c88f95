// Undo and redo for the edits made in this session. Each entry knows how to reverse itself and
// how to do itself again. Entries name concepts by the id they had when recorded; undoing a
// delete re-creates the concept under a new id, so the store keeps a map from old ids to new.
import { create } from "zustand";

export interface HistoryEntry {
  label: string;
  undo(): Promise<void>;
  redo(): Promise<void>;
}

interface HistoryState {
  past: HistoryEntry[];
  future: HistoryEntry[];
  aliases: Map<string, string>;
  busy: boolean;
  record(entry: HistoryEntry): void;
  /** The id a concept has now, following re-creations. */
  resolve(id: string): string;
  alias(oldId: string, newId: string): void;
  step(direction: "undo" | "redo"): Promise<string | null>;
  clear(): void;
}

const LIMIT = 100;

export const useHistory = create<HistoryState>((set, get) => ({
  past: [],
  future: [],
  aliases: new Map(),
  busy: false,
  record: (entry) => set({ past: [...get().past, entry].slice(-LIMIT), future: [] }),
  resolve: (id) => {
    let current = id;
    for (let i = 0; i < 100 && get().aliases.has(current); i++) current = get().aliases.get(current)!;
    return current;
  },
  alias: (oldId, newId) => get().aliases.set(oldId, newId),
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
  clear: () => set({ past: [], future: [], aliases: new Map() }),
}));
