// Where the walker is and how the palace is being looked at. The pose is a plain mutable object
// written every frame by the walk controls and read by the minimap's own animation loop, so
// walking never re-renders React; only a change of room or mode does.
import { create } from "zustand";

export type ViewMode = "overview" | "walk";

export interface Pose {
  x: number;
  z: number;
  /** Radians; 0 looks north (-z), positive turns left (counter-clockwise seen from above). */
  heading: number;
}

interface WalkState {
  mode: ViewMode;
  roomId: string | null;
  /** The 3 m square of the floor the walker is in: changes rarely, so the scene can react to it. */
  cell: { x: number; z: number } | null;
  pose: Pose;
  /** True once the pose has been put somewhere in this palace. */
  placed: boolean;
  /** Counts teleports, so the walk controls know to take the new heading from the pose. */
  jumps: number;
  /** A smooth flight in progress (tour, click on a concept, teleport). */
  target: Pose | null;
  /** Doorways still to walk through before the flight heads for its target (recall walk). */
  via: { x: number; z: number }[];
  /** On touch screens: joystick input (-1..1 on each axis) and drag-to-look turn not yet applied (radians). */
  stick: { forward: number; strafe: number; turn: number };
  setMode: (mode: ViewMode) => void;
  setRoom: (roomId: string | null) => void;
  setCell: (x: number, z: number) => void;
  /** Jumps there at once (minimap teleport, first entry). */
  teleport: (pose: Pose) => void;
  flyTo: (pose: Pose, via?: { x: number; z: number }[]) => void;
  arrive: () => void;
  /** The walker reached the next doorway of its way. */
  passed: () => void;
  reset: () => void;
}

export const useWalk = create<WalkState>((set, get) => ({
  mode: "overview",
  roomId: null,
  cell: null,
  pose: { x: 0, z: 0, heading: 0 },
  placed: false,
  jumps: 0,
  target: null,
  via: [],
  stick: { forward: 0, strafe: 0, turn: 0 },
  setMode: (mode) => set({ mode }),
  setRoom: (roomId) => {
    if (get().roomId !== roomId) set({ roomId });
  },
  setCell: (x, z) => {
    const cell = get().cell;
    if (cell?.x !== x || cell.z !== z) set({ cell: { x, z } });
  },
  teleport: (pose) => {
    Object.assign(get().pose, pose);
    set({ placed: true, target: null, via: [], jumps: get().jumps + 1 });
  },
  flyTo: (pose, via = []) => set({ target: pose, via, placed: true }),
  arrive: () => set({ target: null, via: [] }),
  passed: () => set({ via: get().via.slice(1) }),
  reset: () =>
    set({ mode: "overview", roomId: null, cell: null, placed: false, target: null, via: [], pose: { x: 0, z: 0, heading: 0 }, stick: { forward: 0, strafe: 0, turn: 0 } }),
}));
