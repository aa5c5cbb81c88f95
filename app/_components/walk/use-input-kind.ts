// Which input the person is using right now, so the hints name the controls in their hands: a
// touch screen starts as "touch", and the last key press or touch switches between the two.
import { useSyncExternalStore } from "react";

export type InputKind = "touch" | "keyboard";

let current: InputKind | null = null;
const listeners = new Set<() => void>();

const set = (kind: InputKind) => {
  if (current === kind) return;
  current = kind;
  for (const listener of listeners) listener();
};
const onPointer = (e: PointerEvent) => set(e.pointerType === "touch" ? "touch" : "keyboard");
const onKey = (e: KeyboardEvent) => {
  // Typing into a field happens on a phone's own on-screen keyboard too, and Tab and the like
  // move around the page: only keys that could drive the palace count.
  const t = e.target as HTMLElement | null;
  if (t && (t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName))) return;
  if (e.key.length === 1 || e.key.startsWith("Arrow")) set("keyboard");
};

function subscribe(onChange: () => void) {
  if (listeners.size === 0) {
    window.addEventListener("pointerdown", onPointer, { capture: true, passive: true });
    window.addEventListener("keydown", onKey, { capture: true, passive: true });
  }
  listeners.add(onChange);
  return () => {
    listeners.delete(onChange);
    if (listeners.size > 0) return;
    window.removeEventListener("pointerdown", onPointer, { capture: true });
    window.removeEventListener("keydown", onKey, { capture: true });
  };
}

const snapshot = (): InputKind => (current ??= window.matchMedia("(pointer: coarse)").matches ? "touch" : "keyboard");
const onServer = (): InputKind => "keyboard";

export function useInputKind(): InputKind {
  return useSyncExternalStore(subscribe, snapshot, onServer);
}
