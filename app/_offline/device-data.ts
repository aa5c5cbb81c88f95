// What Engram keeps on a device for offline use, and wiping it: at sign-out, and when someone
// else signs in on the same browser, so nothing of one person is readable by the next.
import { deleteGradeQueue } from "./grade-queue";

const OWNER_KEY = "engram-device-owner";
const KEEP_KEY = "engram-keep-offline";

/** Limits on what the device keeps for offline recall walks, as the Due today page states them. */
export const OFFLINE_LIMITS = { palaces: 10, megabytes: 50 } as const;

async function deleteCaches(): Promise<void> {
  if (!("caches" in window)) return;
  const names = await caches.keys();
  await Promise.all(names.filter((n) => n.startsWith("engram-")).map((n) => caches.delete(n)));
}

export async function wipeDeviceData(): Promise<void> {
  await deleteCaches();
  await deleteGradeQueue();
  localStorage.removeItem(KEEP_KEY);
  localStorage.removeItem(OWNER_KEY);
}

/** Wipes what another person left here, then marks the device as this person's. */
export async function claimDevice(userId: string): Promise<void> {
  const owner = localStorage.getItem(OWNER_KEY);
  if (owner && owner !== userId) await wipeDeviceData();
  localStorage.setItem(OWNER_KEY, userId);
}

/**
 * Seen signed out (the session ended elsewhere, or expired): the pages kept for the last person
 * go. Their waiting grades stay until they sign in again, or someone else does.
 */
export async function forgetPagesOfSignedOut(): Promise<void> {
  if (!localStorage.getItem(OWNER_KEY)) return;
  await deleteCaches();
  localStorage.removeItem(KEEP_KEY);
}

/** The person's choices of palaces to keep offline: true to keep, false to leave out. */
export function keepChoices(): Record<string, boolean> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEEP_KEY) ?? "{}");
    return parsed && typeof parsed === "object" ? (parsed as Record<string, boolean>) : {};
  } catch {
    return {};
  }
}

const KEEP_EVENT = "engram-keep-choices";

export function setKeepChoice(palaceId: string, keep: boolean): void {
  localStorage.setItem(KEEP_KEY, JSON.stringify({ ...keepChoices(), [palaceId]: keep }));
  window.dispatchEvent(new Event(KEEP_EVENT));
}

/** The stored choices as stored (a stable string for React to compare), "" when none. */
export function keepChoicesRaw(): string {
  return localStorage.getItem(KEEP_KEY) ?? "";
}

/** Calls back when the choices change, in this tab or another. */
export function onKeepChoices(callback: () => void): () => void {
  window.addEventListener(KEEP_EVENT, callback);
  window.addEventListener("storage", callback);
  return () => {
    window.removeEventListener(KEEP_EVENT, callback);
    window.removeEventListener("storage", callback);
  };
}

/** Asks the service worker to keep these recall walks (and forget the others); resolves with what it kept. */
export async function keepWalksOffline(paths: string[]): Promise<{ kept: string[]; bytes: number } | null> {
  if (!("serviceWorker" in navigator)) return null;
  const registration = await navigator.serviceWorker.ready;
  const worker = registration.active;
  if (!worker) return null;
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (event: MessageEvent<{ kept: string[]; bytes: number }>) => resolve(event.data);
    worker.postMessage(
      { type: "keep", paths, maxPalaces: OFFLINE_LIMITS.palaces, maxBytes: OFFLINE_LIMITS.megabytes * 1024 * 1024 },
      [channel.port2],
    );
  });
}
