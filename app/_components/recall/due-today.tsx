"use client";
// Due today: per palace, how many concepts are due and how many were never studied, with the
// walk that covers them one click (or Enter) away.
import { useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "../../_trpc/client";
import { KeptSummary, useKeptWalks } from "../offline/keep-offline";

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function relearningText(n: number) {
  return `${plural(n, "concept", "concepts")} still being learnt ${n === 1 ? "comes" : "come"} back within minutes.`;
}

function nextDueText(date: Date | null) {
  if (!date) return null;
  return `Next due ${date.toLocaleDateString(undefined, { weekday: "short", day: "numeric", month: "short" })}`;
}

export function DueToday() {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.recall.today.queryOptions());
  const waiting = data.palaces.filter((p) => p.due + p.new > 0);
  const first = waiting[0];
  const offline = useKeptWalks(
    data.palaces.filter((p) => p.placed > 0).map((p) => ({ palaceId: p.palaceId, title: p.title, due: p.due + p.new > 0 })),
  );
  return (
    <>
      <div className="today-head">
        <div>
          <h1>Due today</h1>
          <p className="muted" data-testid="today-total">
            {data.due + data.new === 0
              ? "Nothing is due. Your palaces are fresh in your mind."
              : `${plural(data.due, "concept is", "concepts are")} due and ${plural(data.new, "is", "are")} new, in ${plural(waiting.length, "palace", "palaces")}.`}
            {data.relearning > 0 && ` ${relearningText(data.relearning)}`}
          </p>
        </div>
        {first && (
          <Link className="btn btn-primary" href={`/palaces/${first.palaceId}/recall?due=1`}>
            Start with {first.title}
          </Link>
        )}
      </div>
      {data.palaces.length === 0 ? (
        <div className="card empty muted">
          <p>
            You have no palaces yet. <Link href="/palaces">Create one</Link>, or walk the demo palace to get started.
          </p>
        </div>
      ) : (
        <ul className="today-list" aria-label="Palaces and what is due">
          {data.palaces.map((p) => (
            <li key={p.palaceId} className="card today-item">
              <div className="grow">
                <h2>
                  <Link href={`/palaces/${p.palaceId}`}>{p.title}</Link>
                </h2>
                <p className="small muted">
                  {plural(p.placed, "concept placed", "concepts placed")} · {plural(p.studied, "studied", "studied")}
                  {p.relearning > 0 ? ` · ${p.relearning} back within minutes` : ""}
                  {p.due === 0 && p.relearning === 0 && p.nextDue ? ` · ${nextDueText(p.nextDue)}` : ""}
                </p>
              </div>
              <div className="today-counts" aria-label={`${p.due} due, ${p.new} new`}>
                <span className={`today-count ${p.due > 0 ? "today-count-due" : ""}`}>
                  <strong>{p.due}</strong> due
                </span>
                <span className="today-count">
                  <strong>{p.new}</strong> new
                </span>
              </div>
              <div className="today-actions">
                {p.due + p.new > 0 ? (
                  <Link className="btn btn-primary btn-small" href={`/palaces/${p.palaceId}/recall?due=1`}>
                    Walk what is due
                  </Link>
                ) : (
                  p.placed > 0 && (
                    <Link className="btn btn-small" href={`/palaces/${p.palaceId}/recall`}>
                      Walk the route
                    </Link>
                  )
                )}
                <Link className="btn btn-small btn-ghost" href={`/palaces/${p.palaceId}/stats`}>
                  Stats
                </Link>
                {p.placed > 0 && offline.ready && (
                  <label className="keep-offline small">
                    <input
                      type="checkbox"
                      checked={offline.isWanted({ palaceId: p.palaceId, title: p.title, due: p.due + p.new > 0 })}
                      onChange={(e) => offline.toggle(p.palaceId, e.target.checked)}
                    />{" "}
                    Keep offline
                  </label>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {data.palaces.length > 0 && <KeptSummary kept={offline.kept} />}
    </>
  );
}
