"use client";
// The end of a walk: how many stops, how they were graded, how long it took, and the misses,
// with a button to walk just the misses again.
import Link from "next/link";
import { useEffect, useRef } from "react";
import { RATINGS } from "~/server/domain/review/ratings";
import type { TWalk, TWalkStop } from "~/server/domain/review/review.schema";
import { useRecallWalk } from "../../_stores/recall-store";

export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${seconds % 60} s`;
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

  const counts = RATINGS.map((r) => ({ ...r, count: grades.filter((g) => g.rating === r.rating).length }));
  const misses = grades.filter((g) => g.rating === 1).map((g) => g.conceptId);
  const recalled = grades.length - misses.length;
  const share = grades.length > 0 ? Math.round((recalled / grades.length) * 100) : 0;
  const palaceId = props.walk.palace.id;

  return (
    <section className="card recall-summary" aria-labelledby="summary-heading">
      <h2 id="summary-heading" ref={headingRef} tabIndex={-1}>
        {unwalked > 0 ? "Walk ended" : "Walk complete"}
      </h2>
      <p className="recall-summary-lead">
        You walked <strong>{grades.length}</strong> {grades.length === 1 ? "stop" : "stops"} in{" "}
        <strong>{formatDuration((finishedAt ?? startedAt) - startedAt)}</strong> and recalled{" "}
        <strong>
          {recalled} of {grades.length}
        </strong>{" "}
        ({share}%).
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
