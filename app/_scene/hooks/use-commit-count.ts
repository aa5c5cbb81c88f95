// Counts React commits per part of the 3D scene, in test mode only, so browser tests can check
// that walking, presence and toasts leave the scene's React tree alone. (The Profiler API says
// nothing in production builds, which is what the browser tests run.)
import { useEffect } from "react";

const counts: Record<string, number> = {};
let counting = false;

export function countCommits(enabled: boolean) {
  counting = enabled;
}

export function commitCounts(): Record<string, number> {
  return { ...counts };
}

/** Call in a component: each commit that rendered it adds one under `name`. */
export function useCommitCount(name: string) {
  useEffect(() => {
    if (counting) counts[name] = (counts[name] ?? 0) + 1;
  });
}
