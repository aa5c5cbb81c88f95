// Which recall walk a person chose on this device: the 3D palace (the default where WebGL works)
// or the stops described in words. Kept in localStorage, so the choice holds from walk to walk.
import { useCallback, useSyncExternalStore } from "react";

export type RecallView = "3d" | "words";

export const RECALL_VIEW_KEY = "engram-recall-view";
const listeners = new Set<() => void>();
/** Where storage is refused (private mode, quota), the choice holds until the page closes. */
let unstored: RecallView | null = null;

function read(): RecallView | null {
  try {
    const value = localStorage.getItem(RECALL_VIEW_KEY);
    return value === "3d" || value === "words" ? value : unstored;
  } catch {
    return unstored;
  }
}

function subscribe(onChange: () => void) {
  listeners.add(onChange);
  window.addEventListener("storage", onChange);
  return () => {
    listeners.delete(onChange);
    window.removeEventListener("storage", onChange);
  };
}

/** The remembered choice (null: none made yet) and a setter that remembers a new one. */
export function useRecallView(): [RecallView | null, (view: RecallView) => void] {
  const view = useSyncExternalStore(subscribe, read, () => null);
  const choose = useCallback((next: RecallView) => {
    unstored = next;
    try {
      localStorage.setItem(RECALL_VIEW_KEY, next);
    } catch {
      // Kept in `unstored` instead.
    }
    for (const listener of listeners) listener();
  }, []);
  return [view, choose];
}
