"use client";
// Offline recall on every page: registers the service worker (and offers a new version when one
// is deployed), wipes what another person left on this device, and shows the offline banner:
// "offline · N grades waiting", then "synced" once the grades made offline reach the server.
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useState } from "react";
import { claimDevice, forgetPagesOfSignedOut } from "../../_offline/device-data";
import { flushGrades, outcomeOfError } from "../../_offline/flush";
import { countWaiting, removeGrade, waitingGrades } from "../../_offline/grade-queue";
import { useOffline } from "../../_offline/offline-store";
import { useTRPC, useTRPCClient } from "../../_trpc/client";

const SYNCED_NOTICE_MS = 4000;
const RETRY_MS = 3000;
const PROBE_MS = 10_000;

function useServiceWorker(version: string, signedIn: boolean) {
  const [update, setUpdate] = useState<ServiceWorker | null>(null);
  useEffect(() => {
    if (!("serviceWorker" in navigator) || version === "development") return;
    let cancelled = false;
    // A worker that finished installing while another controls the page is a new version.
    const track = (worker: ServiceWorker | null) => {
      if (!worker) return;
      const offer = () => {
        if (worker.state === "installed" && navigator.serviceWorker.controller && !cancelled) setUpdate(worker);
      };
      offer();
      worker.addEventListener("statechange", offer);
    };
    void (async () => {
      const registration = await navigator.serviceWorker.register(`/sw.js?v=${encodeURIComponent(version)}`, { scope: "/" });
      track(registration.waiting);
      track(registration.installing);
      registration.addEventListener("updatefound", () => track(registration.installing));
      if (!signedIn) return;
      // The page that was open before the worker existed still asks it to keep this page and
      // the scripts it loaded, so a reload without a connection finds them.
      const ready = await navigator.serviceWorker.ready;
      const urls = [window.location.pathname + window.location.search, ...performance.getEntriesByType("resource").map((e) => e.name)];
      ready.active?.postMessage({ type: "warm", urls });
    })().catch(() => undefined);
    let hadController = Boolean(navigator.serviceWorker.controller);
    const onChange = () => {
      // The first worker taking over an uncontrolled page is not an update: no reload then.
      if (hadController) window.location.reload();
      hadController = true;
    };
    navigator.serviceWorker.addEventListener("controllerchange", onChange);
    return () => {
      cancelled = true;
      navigator.serviceWorker.removeEventListener("controllerchange", onChange);
    };
  }, [version, signedIn]);
  return update;
}

function useGradeSync(signedIn: boolean) {
  const client = useTRPCClient();
  const trpc = useTRPC();
  const queryClient = useQueryClient();

  const sync = useCallback(async () => {
    const state = useOffline.getState();
    if (state.syncing || !navigator.onLine) return;
    const waiting = await countWaiting();
    state.set({ waiting });
    if (waiting === 0 || !signedIn) {
      state.set({ needsSignIn: waiting > 0 && !signedIn });
      return;
    }
    state.set({ syncing: true });
    try {
      const result = await flushGrades({
        list: waitingGrades,
        remove: removeGrade,
        send: async (g) => {
          try {
            await client.recall.grade.mutate({
              conceptId: g.conceptId,
              rating: g.rating,
              idempotencyKey: g.key,
              durationMs: g.durationMs,
              reviewedAt: new Date(g.reviewedAt),
            });
            return "stored";
          } catch (error) {
            return outcomeOfError(error);
          }
        },
      });
      useOffline.getState().set({
        waiting: result.left,
        refused: result.refused,
        needsSignIn: result.stoppedBy === "signed-out",
        syncedAt: result.left === 0 && result.stored + result.refused > 0 ? Date.now() : null,
      });
      if (result.stored > 0) {
        void queryClient.invalidateQueries(trpc.recall.today.queryFilter());
        void queryClient.invalidateQueries(trpc.recall.stats.queryFilter());
      }
    } finally {
      useOffline.getState().set({ syncing: false });
    }
  }, [client, queryClient, signedIn, trpc]);

  useEffect(() => {
    const set = useOffline.getState().set;
    const onOnline = () => {
      set({ online: true });
      void sync();
    };
    const onOffline = () => set({ online: false });
    set({ online: navigator.onLine });
    void sync();
    window.addEventListener("online", onOnline);
    window.addEventListener("offline", onOffline);
    return () => {
      window.removeEventListener("online", onOnline);
      window.removeEventListener("offline", onOffline);
    };
  }, [sync]);

  // A grade queued while online (the server did not answer) is retried when the queue grows.
  const waiting = useOffline((s) => s.waiting);
  const online = useOffline((s) => s.online);
  useEffect(() => {
    if (waiting > 0 && online) {
      const retry = setTimeout(() => void sync(), RETRY_MS);
      return () => clearTimeout(retry);
    }
  }, [waiting, online, sync]);

  // The browser does not always announce a connection coming back (or going: a grade that got
  // no answer marks the device offline), so while offline the server is asked now and then.
  useEffect(() => {
    if (online) return;
    const probe = setInterval(() => {
      fetch("/api/health", { cache: "no-store" }).then(
        () => {
          useOffline.getState().set({ online: true });
          void sync();
        },
        () => undefined,
      );
    }, PROBE_MS);
    return () => clearInterval(probe);
  }, [online, sync]);
}

function OfflineBanner() {
  const online = useOffline((s) => s.online);
  const waiting = useOffline((s) => s.waiting);
  const syncing = useOffline((s) => s.syncing);
  const syncedAt = useOffline((s) => s.syncedAt);
  const refused = useOffline((s) => s.refused);
  const needsSignIn = useOffline((s) => s.needsSignIn);
  // "Synced" shows for a moment after each sync that emptied the queue.
  const [hiddenAt, setHiddenAt] = useState<number | null>(null);
  const showSynced = syncedAt !== null && hiddenAt !== syncedAt;
  useEffect(() => {
    if (syncedAt === null) return;
    const hide = setTimeout(() => setHiddenAt(syncedAt), SYNCED_NOTICE_MS);
    return () => clearTimeout(hide);
  }, [syncedAt]);

  const grades = `${waiting} ${waiting === 1 ? "grade" : "grades"} waiting`;
  let text: string | null = null;
  if (!online) text = `Offline · ${grades}`;
  else if (needsSignIn && waiting > 0) text = `Sign in to send ${grades.replace(" waiting", "")} made offline`;
  else if (syncing || waiting > 0) text = `Sending · ${grades}`;
  else if (showSynced) text = refused > 0 ? `Synced · ${refused} for deleted concepts could not be kept` : "Synced · every grade is saved";
  if (!text) return null;
  return (
    <div className={`offline-banner ${online ? "" : "offline-banner-off"}`} role="status" data-testid="offline-banner">
      {text}
    </div>
  );
}

export function OfflineSupport({ version, userId }: { version: string; userId: string | null }) {
  const update = useServiceWorker(version, userId !== null);
  useGradeSync(userId !== null);
  useEffect(() => {
    void (userId ? claimDevice(userId) : forgetPagesOfSignedOut());
  }, [userId]);
  return (
    <>
      <OfflineBanner />
      {update && (
        <div className="update-prompt" role="alert">
          <span>A new version of Engram is ready.</span>
          <button type="button" className="btn btn-small btn-primary" onClick={() => update.postMessage({ type: "skip-waiting" })}>
            Reload to update
          </button>
        </div>
      )}
    </>
  );
}
