// Whether this browser can draw the 3D palace. Read once per page load: probing makes a GL
// context, and the answer does not change. The server renders "unknown" (null), so hydration
// matches whatever the device is.
import { useSyncExternalStore } from "react";

let webglProbe: boolean | undefined;
const clientHasWebGL = () => (webglProbe ??= hasWebGL());
const unchanging = () => () => {};
const onServer = () => null;

function hasWebGL(): boolean {
  try {
    const canvas = document.createElement("canvas");
    return Boolean(canvas.getContext("webgl2") ?? canvas.getContext("webgl"));
  } catch {
    return false;
  }
}

export function useWebGL(): boolean | null {
  return useSyncExternalStore<boolean | null>(unchanging, clientHasWebGL, onServer);
}
