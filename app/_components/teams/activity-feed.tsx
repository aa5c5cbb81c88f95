"use client";
// Recent activity in the palace: who added, changed, moved or deleted what. The live stream
// invalidates this query, so new entries appear as they happen.
import { useQuery } from "@tanstack/react-query";
import type { TActivityEntry } from "~/server/domain/activity/activity.schema";
import { useTRPC } from "../../_trpc/client";

const NOUN: Record<TActivityEntry["entity"], string> = {
  palace: "the palace",
  room: "room",
  door: "a door",
  concept: "concept",
  locus: "the object of",
  link: "a link",
  member: "member",
  invite: "an invite link",
};

function sentence(e: TActivityEntry): string {
  const who = e.actorName ?? "Someone";
  if (e.entity === "member") {
    if (e.action === "added") return `${e.label} joined`;
    if (e.action === "deleted") return `${who} removed ${e.label}`;
    return `${who} changed the role of ${e.label}`;
  }
  if (e.entity === "invite") {
    // The label is "<role> link", written when the link was made.
    const role = e.label.split(" ")[0];
    return `${who} ${e.action === "added" ? "created" : "revoked"} an invite link${role ? ` for ${role}s` : ""}`;
  }
  if (e.entity === "door") return `${who} ${e.action} a door${e.label ? ` (${e.label})` : ""}`;
  if (e.entity === "link") return `${who} ${e.action} a link${e.label ? ` “${e.label}”` : ""}`;
  if (e.entity === "locus") {
    const verb = e.action === "added" ? "placed" : e.action === "deleted" ? "took back to the inbox" : e.action;
    return `${who} ${verb} “${e.label}”`;
  }
  if (e.entity === "palace") return e.action === "moved" ? `${who} re-ordered the route` : `${who} changed the palace's settings`;
  return `${who} ${e.action} ${NOUN[e.entity]} “${e.label}”`;
}

const time = new Intl.DateTimeFormat(undefined, { dateStyle: "short", timeStyle: "short" });

export function ActivityFeed({ palaceId }: { palaceId: string }) {
  const trpc = useTRPC();
  const { data, error } = useQuery(trpc.activity.list.queryOptions({ palaceId, limit: 15 }));
  return (
    <section aria-labelledby="activity-title">
      <h2 id="activity-title" className="small muted">
        Recent activity
      </h2>
      {error && <p className="form-error">{error.message}</p>}
      {data && data.length === 0 && <p className="small muted">Nothing has happened here yet.</p>}
      {data && data.length > 0 && (
        <ul className="list activity" aria-label="Recent activity">
          {data.map((e) => (
            <li key={e.seq}>
              <span className="grow small">{sentence(e)}</span>
              <time className="small muted" dateTime={e.at.toISOString()}>
                {time.format(e.at)}
              </time>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
