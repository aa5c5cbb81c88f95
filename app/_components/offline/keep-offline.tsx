"use client";
// Due today keeps recall walks on the device for a journey without a connection: by default
// every palace with something due, plus the ones the person ticks, within stated limits.
import { useEffect, useState } from "react";
import { keepChoices, keepWalksOffline, OFFLINE_LIMITS, setKeepChoice } from "../../_offline/device-data";

export interface KeepCandidate {
  palaceId: string;
  title: string;
  /** Something is due or new: kept unless the person said no. */
  due: boolean;
}

const walkPath = (c: KeepCandidate) => `/palaces/${c.palaceId}/recall${c.due ? "?due=1" : ""}`;

export function useKeptWalks(candidates: KeepCandidate[]) {
  const [choices, setChoices] = useState<Record<string, boolean> | null>(null);
  const [kept, setKept] = useState<{ kept: string[]; bytes: number } | null>(null);
  useEffect(() => setChoices(keepChoices()), []);

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

  const toggle = (palaceId: string, keep: boolean) => {
    setKeepChoice(palaceId, keep);
    setChoices(keepChoices());
  };
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
