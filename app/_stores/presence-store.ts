// Who else is in the open palace and where: filled by the presence subscription, read by the
// "Here now" list and by the walk-mode avatars. Positions arrive up to ten times a second, so
// per-frame readers should use `usePresenceStore.getState().people` rather than re-rendering.
import { create } from "zustand";
import type { TPresenceUpdate } from "~/server/domain/presence/presence.schema";

/** One other person in the palace, as last heard from. */
export type PresentPerson = Pick<TPresenceUpdate, "userId" | "name" | "roomId" | "x" | "z" | "heading"> & {
  /** When their last update arrived, by this browser's clock. */
  seenAt: number;
};

/** Where I am, as the walk mode or the panel reports it; the presence hook sends it on. */
export interface MyPosition {
  roomId: string | null;
  x: number;
  z: number;
  heading: number;
}

interface PresenceState {
  palaceId: string | null;
  people: Record<string, PresentPerson>;
  me: MyPosition;
  reset(palaceId: string | null): void;
  receive(update: TPresenceUpdate, myUserId: string | null): void;
  /** Forgets people not heard from since `before` (closed laptops send no goodbye). */
  expire(before: number): void;
  setMyPosition(position: MyPosition): void;
}

export const usePresenceStore = create<PresenceState>((set) => ({
  palaceId: null,
  people: {},
  me: { roomId: null, x: 0, z: 0, heading: 0 },
  reset: (palaceId) => set({ palaceId, people: {}, me: { roomId: null, x: 0, z: 0, heading: 0 } }),
  receive: (update, myUserId) =>
    set((state) => {
      if (update.palaceId !== state.palaceId || update.userId === myUserId) return state;
      const people = { ...state.people };
      if (update.here) {
        const { userId, name, roomId, x, z, heading } = update;
        people[userId] = { userId, name, roomId, x, z, heading, seenAt: Date.now() };
      } else {
        delete people[update.userId];
      }
      return { people };
    }),
  expire: (before) =>
    set((state) => {
      const stale = Object.values(state.people).filter((p) => p.seenAt < before);
      if (stale.length === 0) return state;
      const people = { ...state.people };
      for (const p of stale) delete people[p.userId];
      return { people };
    }),
  setMyPosition: (me) => set({ me }),
}));

/** The others in the palace, sorted by name: for lists, not for per-frame code. */
export function usePresentPeople(): PresentPerson[] {
  const people = usePresenceStore((s) => s.people);
  return Object.values(people).sort((a, b) => a.name.localeCompare(b.name));
}
