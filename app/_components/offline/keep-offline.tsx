"use client";
// Due today keeps recall walks on the device for a journey without a connection: by default
// every palace with something due, plus the ones the person ticks, within stated limits.
import { useEffect, useMemo, useState, useSyncExternalStore } from "react";
import { keepChoices, keepChoicesRaw, keepWalksOffline, OFFLINE_LIMITS, onKeepChoices, setKeepChoice } from "../../_offline/device-data";

export interface KeepCandidate {
  palaceId: string;
  title: string;
  /** Something is due or new: kept unless the person said no. */
  due: boolean;
}

const walkPath = (c: KeepCandidate) => `/palaces/${c.palaceId}/recall${c.due ? "?due=1" : ""}`;

export function useKeptWalks(candidates: KeepCandidate[]) {
  // The choices live in this device's storage: none on the server, read once the page runs.
  const raw = useSyncExternalStore(onKeepChoices, keepChoicesRaw, () => null);
  const choices = useMemo(() => (raw === null ? null : keepChoices()), [raw]);
  const [kept, setKept] = useState<{ kept: string[]; bytes: number } | null>(null);

  const wanted = choices ? candidates.filter((c) => choices[c.palaceId] ?? c.due) : [];
  const key = wanted.map(walkPath).join("|");
  useEffect(() => {
    if (choices === null || !navigator.onLine) return;
    let live = true;
    void keepWalksOffline(key ? key.split("|") : []).then((result) => {
      if (live) setKept(result);
    });
    return () => {
      live = false;
    };
  }, [key, choices]);

  const toggle = (palaceId: string, keep: boolean) => setKeepChoice(palaceId, keep);
  const isWanted = (c: KeepCandidate) => (choices ? (choices[c.palaceId] ?? c.due) : c.due);
  return { kept, toggle, isWanted, ready: choices !== null };
}

export function KeptSummary({ kept }: { kept: { kept: string[]; bytes: number } | null }) {
  return (
    <p className="small muted" data-testid="offline-kept">
      {kept
        ? `Kept on this device for offline recall: ${kept.kept.length} ${kept.kept.length === 1 ? "walk" : "walks"}, ${(kept.bytes / 1_048_576).toFixed(1)} MB. `
        : ""}
      At most {OFFLINE_LIMITS.palaces} palaces and {OFFLINE_LIMITS.megabytes} MB are kept.
    </p>
  );
}
