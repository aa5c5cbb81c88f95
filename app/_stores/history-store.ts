// Undo and redo for the edits made in this session. Each entry knows how to reverse itself and
// how to do itself again. Concepts keep their id through a delete and its undo (the server
// restores the same concept), so entries name them by id.
//
// Edits show at once (the live store is optimistic), so a person can press Ctrl+Z before the
// server answered the edit, and Shift+Ctrl+Z before it answered the undo. Entries are therefore
// recorded when the edit starts, and steps run one after another, each waiting for the edit or
// step before it to settle: a key press is never dropped, and never reverses the wrong edit.
import { create } from "zustand";

export interface HistoryEntry {
  label: string;
  undo(): Promise<void>;
  redo(): Promise<void>;
  /** The first run, still on its way; a step waits for it. A refused run forgets its entry. */
  settled?: Promise<unknown>;
}

interface HistoryState {
  past: HistoryEntry[];
  future: HistoryEntry[];
  /** A step is running or waiting its turn. */
  busy: boolean;
  record(entry: HistoryEntry): void;
  /** Takes back an entry whose first run the server refused. */
  forget(entry: HistoryEntry): void;
  /** Answers the label of the step taken, or null when there was nothing to take. */
  step(direction: "undo" | "redo"): Promise<string | null>;
  clear(): void;
}

const LIMIT = 100;

const without = (list: HistoryEntry[], entry: HistoryEntry) => list.filter((e) => e !== entry);

export const useHistory = create<HistoryState>((set, get) => {
  // Steps in the order they were asked for; a failed one does not stop the next.
  let queue: Promise<unknown> = Promise.resolve();
  let waiting = 0;
  // Bumped by clear(): steps queued for a palace that was left do nothing.
  let epoch = 0;

  async function takeStep(direction: "undo" | "redo", asked: number): Promise<string | null> {
    // The edit to undo may still be on its way: its answer decides whether it stays in the list.
    await Promise.allSettled(get().past.flatMap((e) => (e.settled ? [e.settled] : [])));
    if (asked !== epoch) return null;
    const entry = (direction === "undo" ? get().past : get().future).at(-1);
    if (!entry) return null;
    try {
      await (direction === "undo" ? entry.undo() : entry.redo());
      if (asked !== epoch) return entry.label;
      const { past, future } = get();
      set(
        direction === "undo"
          ? { past: without(past, entry), future: [...without(future, entry), entry] }
          : { future: without(future, entry), past: [...without(past, entry), entry] },
      );
      return entry.label;
    } catch (error) {
      // The palace moved on (someone else changed or deleted it): this step cannot be replayed.
      if (asked === epoch) set({ past: without(get().past, entry), future: without(get().future, entry) });
      throw error;
    }
  }

  return {
    past: [],
    future: [],
    busy: false,
    record: (entry) => {
      entry.settled?.catch(() => undefined);
      set({ past: [...get().past, entry].slice(-LIMIT), future: [] });
    },
    forget: (entry) => set({ past: without(get().past, entry), future: without(get().future, entry) }),
    step(direction) {
      const asked = epoch;
      waiting++;
      set({ busy: true });
      const run = queue.then(() => takeStep(direction, asked));
      const done = () => {
        waiting--;
        if (waiting === 0) set({ busy: false });
      };
      run.then(done, done);
      queue = run.catch(() => undefined);
      return run;
    },
    clear: () => {
      epoch++;
      // A step still waiting on the palace that was left must not hold up the next palace's.
      queue = Promise.resolve();
      set({ past: [], future: [] });
    },
  };
});
