"use client";
// The end of a walk: how many stops, how they were graded, how long it took, and the misses,
// with a button to walk just the misses again.
import Link from "next/link";
import { useEffect, useRef } from "react";
import { RATINGS } from "~/server/domain/recall/ratings";
import type { TWalk, TWalkStop } from "~/server/domain/recall/recall.schema";
import { useRecallWalk } from "../../_stores/recall-store";

export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${seconds % 60} s`;
}

/**
 * A walk's grades read per concept: the first grade says how recall went; the last says whether
 * a miss, walked again at the end, came back.
 */
export function summarise(grades: { conceptId: string; rating: number }[]) {
  const firstOf = new Map<string, { conceptId: string; rating: number }>();
  const lastOf = new Map<string, number>();
  for (const g of grades) {
    if (!firstOf.has(g.conceptId)) firstOf.set(g.conceptId, g);
    lastOf.set(g.conceptId, g.rating);
  }
  const first = [...firstOf.values()];
  const stillMissed = first.filter((g) => lastOf.get(g.conceptId) === 1).map((g) => g.conceptId);
  const relearnt = first.filter((g) => g.rating === 1 && lastOf.get(g.conceptId)! > 1).length;
  return { first, stillMissed, relearnt };
}

export function WalkSummary(props: {
  walk: TWalk;
  stops: Map<string, TWalkStop>;
  onAgain(conceptIds: string[]): void;
}) {
  const grades = useRecallWalk((s) => s.grades);
  const startedAt = useRecallWalk((s) => s.startedAt);
  const finishedAt = useRecallWalk((s) => s.finishedAt);
  const unwalked = useRecallWalk((s) => s.unwalked);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);

  const { first, stillMissed, relearnt } = summarise(grades);
  const counts = RATINGS.map((r) => ({ ...r, count: first.filter((g) => g.rating === r.rating).length }));
  const recalled = first.filter((g) => g.rating > 1).length;
  const share = first.length > 0 ? Math.round((recalled / first.length) * 100) : 0;
  const misses = stillMissed;
  const palaceId = props.walk.palace.id;

  return (
    <section className="card recall-summary" aria-labelledby="summary-heading">
      <h2 id="summary-heading" ref={headingRef} tabIndex={-1}>
        {unwalked > 0 ? "Walk ended" : "Walk complete"}
      </h2>
      <p className="recall-summary-lead">
        You walked <strong>{first.length}</strong> {first.length === 1 ? "stop" : "stops"} in{" "}
        <strong>{formatDuration((finishedAt ?? startedAt) - startedAt)}</strong> and recalled{" "}
        <strong>
          {recalled} of {first.length}
        </strong>{" "}
        ({share}%) at the first try.
        {relearnt > 0 && ` ${relearnt} missed ${relearnt === 1 ? "one" : "ones"} came back when walked again.`}
        {unwalked > 0 && ` ${unwalked} ${unwalked === 1 ? "stop was" : "stops were"} left for another walk.`}
      </p>
      <dl className="recall-counts">
        {counts.map((c) => (
          <div key={c.rating} className={`recall-count recall-grade-${c.label.toLowerCase()}`}>
            <dt>{c.label}</dt>
            <dd>{c.count}</dd>
          </div>
        ))}
      </dl>
      {misses.length > 0 ? (
        <>
          <h3>Missed ({misses.length})</h3>
          <ol className="list recall-misses" aria-label="Missed concepts">
            {misses.map((id) => {
              const stop = props.stops.get(id);
              return (
                <li key={id}>
                  <span className="grow">
                    <strong>{stop?.concept.title}</strong>
                    <span className="small muted"> · {stop?.cue}</span>
                  </span>
                </li>
              );
            })}
          </ol>
        </>
      ) : (
        <p className="muted">No misses: every concept came back.</p>
      )}
      {!props.walk.canGrade && (
        <p className="small muted">
          These grades were not saved. <Link href="/sign-in">Sign in</Link> to keep a schedule.
        </p>
      )}
      <div className="recall-summary-actions">
        {misses.length > 0 && (
          <button type="button" className="btn btn-primary" onClick={() => props.onAgain(misses)}>
            Walk the misses again
          </button>
        )}
        <Link className="btn" href={`/palaces/${palaceId}`}>
          Back to the palace
        </Link>
        {props.walk.canGrade && (
          <>
            <Link className="btn" href={`/palaces/${palaceId}/stats`}>
              Palace stats
            </Link>
            <Link className="btn" href="/today">
              Due today
            </Link>
          </>
        )}
      </div>
    </section>
  );
}
