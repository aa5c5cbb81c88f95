"use client";
// The recall walk's stops in words: one stop at a time with its place described and its concept
// hidden; the person recalls, reveals (Space), and grades (1-4). It is the whole walk without
// WebGL, and the panel beside the 3D walk. Everything works from the keyboard, and a live region
// reads each change to a screen reader.
import { useMutation, useQuery, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useEffect, useMemo, useRef, useState } from "react";
import { checkAnswer, type AnswerCheck } from "~/server/domain/recall/answer.logic";
import { RATINGS } from "~/server/domain/recall/ratings";
import type { TRating, TWalk, TWalkStop } from "~/server/domain/recall/recall.schema";
import { countWaiting, enqueueGrade, type QueuedGrade } from "../../_offline/grade-queue";
import { useOffline } from "../../_offline/offline-store";
import { useRecallWalk } from "../../_stores/recall-store";
import { useTRPC } from "../../_trpc/client";
import { WalkSummary } from "./walk-summary";

// Notes are shown only once a stop is revealed: the Markdown renderer loads after the page.
// Offline, on a walk kept before its renderer was ever loaded, the notes show as plain text.
const MarkdownNotes = dynamic(
  () =>
    import("../markdown-notes").then(
      (m) => m.MarkdownNotes,
      () => PlainNotes,
    ),
  { ssr: false },
);

function PlainNotes({ source }: { source: string }) {
  return <p className="recall-plain-notes">{source}</p>;
}

const VERDICT_TEXT: Record<AnswerCheck["verdict"], string> = {
  exact: "Your answer matches.",
  close: "Close enough: your answer counts as right.",
  partial: "Partly right: you had some of it.",
  wrong: "Your answer does not match.",
  empty: "",
};

function isTyping(target: EventTarget | null) {
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

/**
 * The recall page's walk: the stops (and the caller's schedule) come from `review.walk`.
 * `keepProgress`: a walk of this palace already under way goes on where it was (switching
 * between the 3D and the worded walk); whoever passes it resets the walk when leaving.
 */
export function RecallWalk({ palaceId, dueOnly, keepProgress = false }: { palaceId: string; dueOnly: boolean; keepProgress?: boolean }) {
  const trpc = useTRPC();
  const { data: loaded } = useSuspenseQuery(trpc.recall.walk.queryOptions({ palaceId, dueOnly }));
  return <RecallWalkOf palaceId={palaceId} loaded={loaded} keepProgress={keepProgress} />;
}

/**
 * A walk over the given stops. `excerpted`: concepts whose notes here are only their start
 * (a walk read from the live store); the full notes are fetched when the stop is revealed.
 */
export function RecallWalkOf({
  palaceId,
  loaded,
  excerpted,
  keepProgress = false,
}: {
  palaceId: string;
  loaded: TWalk;
  excerpted?: Set<string>;
  keepProgress?: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // The walk keeps the stops it started with: grading changes what is due, and a refetch must
  // not pull the ground from under a walk in progress.
  const [walk] = useState(loaded);
  const state = useRecallWalk();
  const [error, setError] = useState<{ message: string; gone: boolean } | null>(null);

  // A fresh pass whenever the page opens a walk (or the walk's stops change underneath it).
  useEffect(() => {
    const current = useRecallWalk.getState();
    if (!(keepProgress && current.palaceId === palaceId)) {
      current.start(
        palaceId,
        walk.stops.map((s) => ({ conceptId: s.conceptId, locusId: s.locusId })),
      );
    }
    return () => {
      if (!keepProgress) useRecallWalk.getState().reset();
    };
  }, [palaceId, walk, keepProgress]);

  const byConcept = useMemo(() => new Map(walk.stops.map((s) => [s.conceptId, s])), [walk]);
  const grade = useMutation(trpc.recall.grade.mutationOptions());

  const submit = (rating: TRating) => {
    const s = useRecallWalk.getState();
    if (!s.revealed || !s.currentConceptId || grade.isPending) return;
    setError(null);
    if (!walk.canGrade) {
      s.graded(rating);
      return;
    }
    const queued: QueuedGrade = {
      key: s.gradeKey!,
      conceptId: s.currentConceptId,
      palaceId,
      rating,
      // A tab left open overnight still grades: the look time is capped at a day, as the server expects.
      durationMs: Math.min(Math.max(0, Date.now() - s.stopShownAt), 86_400_000),
      reviewedAt: Date.now(),
    };
    // Without a connection the grade waits on the device and the walk goes on.
    const keepOnDevice = async () => {
      await enqueueGrade(queued);
      useOffline.getState().set({ waiting: await countWaiting() });
      useRecallWalk.getState().graded(rating);
    };
    if (!navigator.onLine) {
      keepOnDevice().catch(() => setError({ message: "This device could not keep your grade offline: grade again to retry.", gone: false }));
      return;
    }
    grade.mutate(
      { conceptId: queued.conceptId, rating, idempotencyKey: queued.key, durationMs: queued.durationMs },
      {
        onSuccess: () => useRecallWalk.getState().graded(rating),
        onError: (e) => {
          // No answer at all (the connection dropped on the way): keep it like an offline grade.
          if (!e.data) {
            useOffline.getState().set({ online: false });
            keepOnDevice().catch(() => setError({ message: `${e.message} Your grade was not saved yet: grade again to retry.`, gone: false }));
            return;
          }
          setError(
            e.data?.code === "NOT_FOUND"
              ? { message: "This concept is no longer in the palace, so there is nothing to grade.", gone: true }
              : { message: `${e.message} Your grade was not saved yet: grade again to retry.`, gone: false },
          );
        },
      },
    );
  };

  const finished = state.palaceId === palaceId && state.finishedAt !== null;
  useEffect(() => {
    if (finished) {
      void queryClient.invalidateQueries(trpc.recall.today.queryFilter());
      void queryClient.invalidateQueries(trpc.recall.stats.queryFilter());
      void queryClient.invalidateQueries(trpc.recall.retrievability.queryFilter());
    }
  }, [finished, queryClient, trpc]);

  if (state.palaceId !== palaceId) return null;
  if (walk.stops.length === 0) return <NothingDue walk={walk} />;
  if (finished) {
    return (
      <WalkSummary
        walk={walk}
        stops={byConcept}
        onAgain={(conceptIds) =>
          useRecallWalk.getState().start(
            palaceId,
            conceptIds.map((id) => ({ conceptId: id, locusId: byConcept.get(id)!.locusId })),
          )
        }
      />
    );
  }
  const stop = state.currentConceptId ? byConcept.get(state.currentConceptId) : undefined;
  if (!stop) return null;
  return (
    <StopCard
      key={`${state.index}-${state.startedAt}`}
      walk={walk}
      stop={stop}
      position={state.index + 1}
      again={state.stops[state.index]?.again ?? false}
      count={state.stops.length}
      revealed={state.revealed}
      excerpted={excerpted?.has(stop.conceptId) ?? false}
      busy={grade.isPending}
      error={error}
      onReveal={() => useRecallWalk.getState().reveal()}
      onGrade={submit}
      onSkip={() => {
        setError(null);
        useRecallWalk.getState().skip();
      }}
      onEnd={() => useRecallWalk.getState().end()}
    />
  );
}

/** Notes of which the walk holds only the start: the start at once, all of them once fetched. */
function FullNotes({ conceptId, start }: { conceptId: string; start: string }) {
  const trpc = useTRPC();
  const full = useQuery(trpc.concept.get.queryOptions({ id: conceptId }));
  return <MarkdownNotes source={full.data?.notes ?? `${start}…`} />;
}

function StopCard(props: {
  walk: TWalk;
  stop: TWalkStop;
  position: number;
  count: number;
  again: boolean;
  revealed: boolean;
  /** The stop's notes are only their start: the rest is fetched. */
  excerpted: boolean;
  busy: boolean;
  error: { message: string; gone: boolean } | null;
  onReveal: () => void;
  onGrade: (rating: TRating) => void;
  onSkip: () => void;
  onEnd: () => void;
}) {
  const { walk, stop, revealed } = props;
  const [answer, setAnswer] = useState("");
  const headingRef = useRef<HTMLHeadingElement>(null);
  const suggestedRef = useRef<HTMLButtonElement>(null);
  const check = revealed && answer.trim() ? checkAnswer(answer, stop.concept.title) : null;
  const suggested = check?.suggestedRating ?? null;

  // Each new stop takes focus, so a screen reader starts reading at its cue.
  useEffect(() => headingRef.current?.focus(), []);
  useEffect(() => {
    if (revealed) (suggestedRef.current ?? document.getElementById("grade-3"))?.focus();
  }, [revealed]);

  const { onReveal, onGrade } = props;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      if (!revealed) {
        if (e.key === " " && !isTyping(e.target)) {
          e.preventDefault();
          onReveal();
        }
        return;
      }
      if (isTyping(e.target)) return;
      const rating = RATINGS.find((r) => r.key === e.key);
      if (rating) {
        e.preventDefault();
        onGrade(rating.rating);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [revealed, onReveal, onGrade]);

  return (
    <article className="recall-card card" aria-labelledby="recall-cue">
      <div className="recall-progress small muted">
        <span>
          {props.position} of {props.count} {walk.dueOnly ? "due" : "on the route"}
        </span>
        <progress max={props.count} value={props.position - 1} aria-label="Walk progress" />
        <button type="button" className="btn btn-small btn-ghost" onClick={props.onEnd} disabled={props.busy}>
          End walk
        </button>
      </div>
      {props.again && (
        <p className="recall-again small" data-testid="recall-again">
          Missed earlier in this walk: try it again.
        </p>
      )}
      <h2 id="recall-cue" ref={headingRef} tabIndex={-1} className="recall-cue">
        <span className="swatch" style={{ background: stop.color }} aria-hidden="true" /> {stop.cue}
      </h2>
      <p className="visually-hidden" aria-live="assertive">
        {revealed ? `Answer: ${stop.concept.title}.${check && check.verdict !== "empty" ? ` ${VERDICT_TEXT[check.verdict]}` : ""}` : ""}
      </p>
      <div>
        {revealed ? (
          <section className="recall-answer" aria-label="Answer">
            <h3 className="recall-title" data-testid="recall-title">
              {stop.concept.title}
            </h3>
            <p className="small">
              <span className="badge kind">{stop.concept.kind.replace("-", " ")}</span>{" "}
              {stop.concept.tags.map((t) => (
                <span key={t} className="badge recall-tag">
                  #{t}
                </span>
              ))}
            </p>
            {check && check.verdict !== "empty" && (
              <p className={`recall-verdict recall-verdict-${check.verdict}`}>
                You typed “{answer.trim()}”. {VERDICT_TEXT[check.verdict]} Suggested grade:{" "}
                {RATINGS.find((r) => r.rating === suggested)?.label}.
              </p>
            )}
            {stop.picture && (
              // eslint-disable-next-line @next/next/no-img-element -- a stored thumbnail of known size, kept offline by the service worker
              <img
                className="recall-picture"
                src={stop.picture.url}
                width={stop.picture.width}
                height={stop.picture.height}
                alt={`Picture for ${stop.concept.title}`}
              />
            )}
            {props.excerpted ? (
              <FullNotes conceptId={stop.conceptId} start={stop.concept.notes} />
            ) : stop.concept.notes ? (
              <MarkdownNotes source={stop.concept.notes} />
            ) : (
              <p className="small muted">No notes.</p>
            )}
          </section>
        ) : (
          <p className="recall-hidden muted" data-testid="recall-hidden">
            What stands here? Picture the spot, recall the concept, then reveal it.
          </p>
        )}
      </div>

      {!revealed ? (
        <form
          className="recall-reveal"
          onSubmit={(e) => {
            e.preventDefault();
            onReveal();
          }}
        >
          <label htmlFor="recall-answer">Your answer (optional)</label>
          <div className="row">
            <input
              id="recall-answer"
              value={answer}
              autoComplete="off"
              onChange={(e) => setAnswer(e.target.value)}
              placeholder="Type the concept, or just think of it"
            />
            <button type="submit" className="btn btn-primary" style={{ flex: "none" }} aria-keyshortcuts="Space">
              Reveal <kbd>Space</kbd>
            </button>
          </div>
          <p className="small muted">Press Space to reveal (Enter when typing an answer).</p>
        </form>
      ) : (
        <div className="recall-grades" role="group" aria-label="How well did you recall it?">
          {RATINGS.map((r) => (
            <button
              key={r.rating}
              id={`grade-${r.rating}`}
              ref={r.rating === suggested ? suggestedRef : undefined}
              type="button"
              className={`btn recall-grade recall-grade-${r.label.toLowerCase()} ${r.rating === suggested ? "suggested" : ""}`}
              disabled={props.busy}
              aria-keyshortcuts={r.key}
              onClick={() => onGrade(r.rating)}
            >
              <span>
                {r.label} <kbd>{r.key}</kbd>
              </span>
              <span className="small">{r.hint}</span>
            </button>
          ))}
        </div>
      )}
      {props.error && (
        <div className="row" style={{ alignItems: "center" }}>
          <p className="form-error" role="alert">
            {props.error.message}
          </p>
          {props.error.gone && (
            <button type="button" className="btn" style={{ flex: "none" }} onClick={props.onSkip}>
              Skip to the next stop
            </button>
          )}
        </div>
      )}
      {!walk.canGrade && (
        <p className="small muted recall-visitor">
          You are walking as a visitor: grades only count for this walk. <Link href="/sign-in">Sign in</Link> to keep a
          schedule that brings each concept back just before you would forget it.
        </p>
      )}
    </article>
  );
}

function NothingDue({ walk }: { walk: TWalk }) {
  return (
    <div className="card empty">
      {walk.routeLength === 0 ? (
        <>
          <h2>No stops yet</h2>
          <p className="muted">Place concepts in this palace&apos;s rooms first: the walk follows them.</p>
        </>
      ) : (
        <>
          <h2>Nothing due here</h2>
          <p className="muted">Every concept in this palace is scheduled for later. Come back when something falls due.</p>
        </>
      )}
      <div className="row" style={{ justifyContent: "center" }}>
        <Link className="btn" href={`/palaces/${walk.palace.id}`} style={{ flex: "none" }}>
          Back to the palace
        </Link>
        {walk.routeLength > 0 && (
          <Link className="btn btn-primary" href={`/palaces/${walk.palace.id}/recall`} style={{ flex: "none" }}>
            Walk the whole route
          </Link>
        )}
      </div>
    </div>
  );
}
