"use client";
// Personal schedule: fit FSRS's parameters to your own reviews (in the background), see how the
// last fit did against the defaults on your most recent reviews, and go back to the defaults.
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { TScheduleFit, TScheduleStatus } from "~/server/domain/recall/fsrs.schema";
import { useToasts } from "../../_stores/toast-store";
import { useTRPC } from "../../_trpc/client";

const figure = (n: number) => n.toFixed(4);
const when = (d: Date) => d.toISOString().slice(0, 16).replace("T", " ") + " UTC";

/** The last finished fit: when, how it ended, and both parameter sets' figures on the held-out reviews. */
export function LastFit({ fit }: { fit: TScheduleFit }) {
  return (
    <div className="schedule-last-fit">
      <p className="small">
        Last fit {fit.finishedAt ? when(fit.finishedAt) : ""} ({fit.reason === "auto" ? "automatic" : "asked for"}): {fit.outcome}
      </p>
      {fit.defaults && fit.fitted && (
        <table className="small" aria-label="Default and fitted parameters on your held-out reviews">
          <thead>
            <tr>
              <th scope="col">On {fit.heldOutCount} of your most recent reviews</th>
              <th scope="col">Log loss</th>
              <th scope="col">RMSE</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">Default parameters</th>
              <td>{figure(fit.defaults.logLoss)}</td>
              <td>{figure(fit.defaults.rmse)}</td>
            </tr>
            <tr>
              <th scope="row">Fitted to you</th>
              <td>{figure(fit.fitted.logLoss)}</td>
              <td>{figure(fit.fitted.rmse)}</td>
            </tr>
          </tbody>
        </table>
      )}
    </div>
  );
}

export function ScheduleSection() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToasts((s) => s.show);
  const [error, setError] = useState<string | null>(null);
  const { data } = useSuspenseQuery({
    ...trpc.schedule.status.queryOptions(),
    // While a fit waits or runs, look again every few seconds for its outcome.
    refetchInterval: (q) => (q.state.data?.pending ? 3000 : false),
  });
  const done = (status: TScheduleStatus, message: string) => {
    setError(null);
    queryClient.setQueryData(trpc.schedule.status.queryKey(), status);
    void queryClient.invalidateQueries({ queryKey: trpc.recall.pathKey() });
    toast(message);
  };
  const optimise = useMutation(
    trpc.schedule.optimise.mutationOptions({
      onSuccess: (s) => done(s, "Your schedule is being fitted in the background."),
      onError: (e) => setError(e.message),
    }),
  );
  const reset = useMutation(
    trpc.schedule.reset.mutationOptions({
      onSuccess: (s) => done(s, "Your schedule uses the default parameters again."),
      onError: (e) => setError(e.message),
    }),
  );
  const pending = data.pending;
  return (
    <section className="card schedule-section" aria-labelledby="schedule-heading">
      <h2 id="schedule-heading">Your schedule</h2>
      <p className="small" data-testid="schedule-using">
        {data.using === "fitted" && data.adoptedAt
          ? `Uses parameters fitted to your reviews (adopted ${when(data.adoptedAt)}).`
          : "Uses FSRS's default parameters."}{" "}
        You have made {data.reviewCount} reviews.
      </p>
      <p className="small muted">
        Fitting learns how your memory fades from your own reviews, then checks the result on your most recent fifth of
        them (those a day or more after the one before): it is adopted only if it predicts them better than the defaults
        on both measures, log loss and RMSE (the typical gap between the predicted chance of recall and what happened;
        lower is better for both). It also runs by itself every 500 new reviews or weekly.
      </p>
      {pending && (
        <p className="small" role="status" data-testid="schedule-pending">
          {pending.status === "running" ? "Fitting your schedule now…" : "Your fit is waiting its turn…"}
        </p>
      )}
      {data.last && <LastFit fit={data.last} />}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="row">
        <button
          className="btn btn-primary"
          type="button"
          disabled={optimise.isPending || !!pending || data.reviewCount < data.minReviews}
          onClick={() => optimise.mutate({})}
        >
          Optimise my schedule
        </button>
        <button className="btn" type="button" disabled={reset.isPending || data.using === "defaults"} onClick={() => reset.mutate({})}>
          Go back to defaults
        </button>
      </div>
      {data.reviewCount < data.minReviews && (
        <p className="small muted">Fitting needs at least {data.minReviews} reviews.</p>
      )}
    </section>
  );
}
