// Types of ensure-chromium.mjs for the TypeScript that imports it (the browser test helper).
export const CHROMIUM_CANDIDATES: string[];
/** CHROMIUM_PATH when set (throws if it is not an executable), else the first usual path, else null. */
export function findChromium(env?: Record<string, string | undefined>, candidates?: string[]): string | null;
/** The browser's path, installing Debian's package first where it may; throws with a sentence otherwise. */
export function ensureChromium(env?: Record<string, string | undefined>, candidates?: string[]): string;
