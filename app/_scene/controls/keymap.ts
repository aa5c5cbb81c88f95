// The one key map for moving through a palace. Discrete actions (tour, mode) are listed here too
// so every shortcut is found in one place.
export type MoveAction = "forward" | "back" | "left" | "right" | "turnLeft" | "turnRight" | "run";

export const MOVE_KEYS: { name: MoveAction; keys: string[] }[] = [
  { name: "forward", keys: ["KeyW", "ArrowUp"] },
  { name: "back", keys: ["KeyS", "ArrowDown"] },
  { name: "left", keys: ["KeyA"] },
  { name: "right", keys: ["KeyD"] },
  { name: "turnLeft", keys: ["ArrowLeft", "KeyQ"] },
  { name: "turnRight", keys: ["ArrowRight", "KeyE"] },
  { name: "run", keys: ["ShiftLeft", "ShiftRight"] },
];

/** Single-press shortcuts handled by the palace page (event.code). */
export const ACTION_KEYS = {
  nextStop: "KeyN",
  previousStop: "KeyP",
  toggleMode: "KeyB",
  focusSearch: "Slash",
  /** Paint concepts by how well you know them (also during a recall walk). */
  paintMemory: "KeyM",
  /** Recall walk in 3D: darken the room but for the current stop. */
  lightsOut: "KeyL",
} as const;
