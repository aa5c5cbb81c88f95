"use client";
// Recall settings: desired retention (how sure you want to be when a concept falls due) and
// the longest gap between two reviews.
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useState } from "react";
import { MAX_MAXIMUM_INTERVAL, MAX_RETENTION, MIN_RETENTION } from "~/server/domain/settings/settings.limits";
import { useToasts } from "../../_stores/toast-store";
import { useTRPC } from "../../_trpc/client";
import { useHydrated } from "../use-hydrated";

export function SettingsForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToasts((s) => s.show);
  const { data } = useSuspenseQuery(trpc.settings.get.queryOptions());
  const [retention, setRetention] = useState(Math.round(data.desiredRetention * 100));
  const [maxInterval, setMaxInterval] = useState(String(data.maximumInterval));
  const [error, setError] = useState<string | null>(null);
  const hydrated = useHydrated();
  const save = useMutation(
    trpc.settings.update.mutationOptions({
      onSuccess: (saved) => {
        setError(null);
        queryClient.setQueryData(trpc.settings.get.queryKey(), saved);
        void queryClient.invalidateQueries({ queryKey: trpc.recall.pathKey() });
        toast("Settings saved. New grades use them.");
      },
      onError: (e) => setError(e.message),
    }),
  );
  return (
    <form
      className="card settings-form"
      aria-labelledby="settings-heading"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ desiredRetention: retention / 100, maximumInterval: Number(maxInterval) });
      }}
    >
      <h1 id="settings-heading">Recall settings</h1>
      <div className="field">
        <label htmlFor="desired-retention">Desired retention: {retention}%</label>
        <input
          id="desired-retention"
          type="range"
          min={MIN_RETENTION * 100}
          max={MAX_RETENTION * 100}
          step={1}
          value={retention}
          aria-valuetext={`${retention} percent`}
          onChange={(e) => setRetention(Number(e.target.value))}
        />
        <p className="small muted">
          How likely you want to be to recall a concept when it comes due. Higher means shorter gaps and more reviews;
          90% is a good balance.
        </p>
      </div>
      <div className="field">
        <label htmlFor="maximum-interval">Maximum interval (days)</label>
        <input
          id="maximum-interval"
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_MAXIMUM_INTERVAL}
          value={maxInterval}
          onChange={(e) => setMaxInterval(e.target.value)}
          required
        />
        <p className="small muted">The longest the scheduler waits before bringing a concept back, however well you know it.</p>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <button className="btn btn-primary" type="submit" disabled={save.isPending || !hydrated}>
        Save settings
      </button>
    </form>
  );
}
