"use client";
// Search this palace's concepts (or every palace you can read) by title, tags and notes. A
// result here selects its concept, which walks you there in walk mode; a result elsewhere
// opens that palace at the concept (selected, and walked up to in 3D). "/" focuses the box from
// anywhere on the page.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useState } from "react";
import { SNIPPET_START, SNIPPET_STOP, type TSearchResult } from "~/server/domain/search/search.schema";
import { locusByConcept } from "../../_stores/live-palace/live-palace.select";
import { usePalace } from "../../_stores/live-palace/use-live-palace";
import { useTRPC } from "../../_trpc/client";

export const SEARCH_INPUT_ID = "palace-search";

/** The snippet with its marked words as <mark>, never as HTML from the server. */
function Snippet({ text }: { text: string }) {
  const parts = text.split(new RegExp(`(${SNIPPET_START}[^${SNIPPET_STOP}]*${SNIPPET_STOP})`));
  return (
    <span className="small muted search-snippet">
      {parts.map((p, i) =>
        p.startsWith(SNIPPET_START) ? <mark key={i}>{p.slice(1, -1)}</mark> : <span key={i}>{p}</span>,
      )}
    </span>
  );
}

export function SearchBox(props: { palaceId: string; showScope: boolean; onVisit: (conceptId: string) => void }) {
  const trpc = useTRPC();
  const [typed, setTyped] = useState("");
  const [query, setQuery] = useState("");
  const [everywhere, setEverywhere] = useState(false);

  // Wait for a pause in typing rather than querying on every key.
  useEffect(() => {
    const t = setTimeout(() => setQuery(typed.trim()), 180);
    return () => clearTimeout(t);
  }, [typed]);

  const results = useQuery({
    ...trpc.search.concepts.queryOptions({ query, ...(everywhere ? {} : { palaceId: props.palaceId }) }),
    enabled: query.length > 0,
    placeholderData: (previous) => previous,
  });

  const here = (r: TSearchResult) => r.palaceId === props.palaceId;

  return (
    <section className="search" aria-label="Search concepts">
      <div className="row">
        <div>
          <label htmlFor={SEARCH_INPUT_ID} className="visually-hidden">
            Search concepts
          </label>
          <input
            id={SEARCH_INPUT_ID}
            type="search"
            placeholder="Search concepts  ( / )"
            value={typed}
            maxLength={200}
            autoComplete="off"
            onChange={(e) => setTyped(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Escape") {
                setTyped("");
                e.currentTarget.blur();
              }
              const first = results.data?.[0];
              if (e.key === "Enter" && first && here(first)) props.onVisit(first.conceptId);
            }}
          />
        </div>
      </div>
      {props.showScope && (
        <label className="small muted search-scope">
          <input type="checkbox" checked={everywhere} onChange={(e) => setEverywhere(e.target.checked)} /> All palaces I can
          read
        </label>
      )}
      {query && results.data && (
        <>
          <p className="small muted" role="status">
            {results.data.length === 0
              ? `Nothing matches “${query}”.`
              : `${results.data.length}${results.data.length === 20 ? "+" : ""} ${results.data.length === 1 ? "match" : "matches"}`}
          </p>
          <ul className="list search-results" aria-label="Search results">
            {results.data.map((r) => (
              <li key={r.conceptId}>
                {here(r) ? (
                  <HitHere hit={r} onVisit={props.onVisit} />
                ) : (
                  <Link className="search-hit" href={`/palaces/${r.palaceId}?concept=${r.conceptId}`}>
                    <strong>{r.title}</strong>
                    <span className="small muted">
                      {" "}
                      · {r.palaceTitle} · {r.roomName ?? "Inbox"}
                    </span>
                    {r.snippet && <Snippet text={r.snippet} />}
                  </Link>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {results.error && (
        <p className="form-error" role="alert">
          {results.error.message}
        </p>
      )}
    </section>
  );
}

/** A hit in the open palace names the concept and its room as they are now, from the live store. */
function HitHere({ hit, onVisit }: { hit: TSearchResult; onVisit: (conceptId: string) => void }) {
  const title = usePalace((v) => v.concept[hit.conceptId]?.title);
  const roomName = usePalace((v) => {
    const locus = locusByConcept(v.locus).get(hit.conceptId);
    return locus ? (v.room[locus.roomId]?.name ?? null) : null;
  });
  return (
    <button type="button" className="search-hit" onClick={() => onVisit(hit.conceptId)}>
      <strong>{title ?? hit.title}</strong>
      <span className="small muted"> · {roomName ?? "Inbox"}</span>
      {hit.snippet && <Snippet text={hit.snippet} />}
    </button>
  );
}
