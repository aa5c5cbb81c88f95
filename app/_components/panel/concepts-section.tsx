"use client";
// Concepts: add one, place it from the inbox (at a free spot or by clicking a floor), and the
// placed ones in route order, which editors re-route or reorder by hand (drag, or the buttons).
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { ZConceptKind, type TConceptKind } from "~/server/domain/concept/concept.schema";
import { suggestSpot } from "~/server/domain/locus/locus.logic";
import { wallLayout } from "~/server/domain/room/room.logic";
import type { TRoute } from "~/server/domain/route/route.schema";
import { usePalaceUi } from "../../_stores/palace-store";
import { useTRPC } from "../../_trpc/client";
import { usePalaceActions } from "./use-palace-actions";
import { useEditHandlers } from "./use-palace-mutation";
import type { TLiveScene } from "../../_stores/live-palace/live-palace.select";
import { useLivePalace } from "../../_stores/live-palace/use-live-palace";

/** Pointing at or focusing a concept in a list brings its label in the scene to the front. */
const spotlightOn = (conceptId: string) => {
  const on = () => usePalaceUi.getState().spotlight(conceptId);
  const off = () => usePalaceUi.getState().spotlight(null, conceptId);
  return { onFocus: on, onBlur: off, onMouseEnter: on, onMouseLeave: off };
};
import { formText } from "../form-text";

/**
 * Stops listed at first, and added per "show more": a palace of thousands of stops would
 * otherwise lay out thousands of rows in one go whenever it loads or its route changes.
 */
const ROUTE_PAGE = 200;

/** A free spot in a room for a new locus, away from other loci and from the doorways. */
export function freeSpotIn(scene: TLiveScene, roomId: string) {
  const room = scene.rooms.find((r) => r.id === roomId);
  if (!room) return null;
  const taken = scene.loci.filter((l) => l.roomId === roomId).map((l) => ({ x: l.x, z: l.z }));
  const others = scene.doors.flatMap((d) => {
    const otherId = d.roomAId === roomId ? d.roomBId : d.roomBId === roomId ? d.roomAId : null;
    const other = scene.rooms.find((r) => r.id === otherId);
    return other ? [{ other, position: d.position, width: d.width }] : [];
  });
  const doorSpots = wallLayout(room, others).gaps.map((g) => ({ x: g.x - room.gridX, z: g.z - room.gridZ }));
  return suggestSpot(room.width, room.depth, taken, doorSpots) ?? { x: room.width / 2, z: room.depth / 2 };
}

/** `onVisit` opens a stop of the route; while walking it also walks there. */
export function ConceptsSection({ scene, onVisit }: { scene: TLiveScene; onVisit: (conceptId: string) => void }) {
  const trpc = useTRPC();
  const palaceId = scene.palace.id;
  const handlers = useEditHandlers();
  const canEdit = scene.palace.access.canEdit;
  const selectedId = usePalaceUi((s) => s.selectedConceptId);
  const select = usePalaceUi((s) => s.select);
  const startPlacing = usePalaceUi((s) => s.startPlacing);
  const [error, setError] = useState<string | null>(null);

  const create = useMutation(
    trpc.concept.create.mutationOptions({
      onError: (e) => setError(e.message),
      onSuccess: (concept) => {
        setError(null);
        select(concept.id);
        void handlers.refresh();
      },
    }),
  );
  const actions = usePalaceActions();
  const reroute = useMutation(trpc.route.reroute.mutationOptions(handlers));
  const moveStop = useMutation(trpc.route.move.mutationOptions(handlers));
  const [dragging, setDragging] = useState<string | null>(null);
  const [routeNote, setRouteNote] = useState("");
  const [listed, setListed] = useState(ROUTE_PAGE);
  const live = useLivePalace();
  // A route change comes back through the stream: the note is read out once the list shows it.
  const shown = (route: TRoute) =>
    live.until(({ view }) => route.loci.every((l) => view.locus[l.id]?.routeOrder === l.routeOrder));
  const moveTo = (locusId: string, toOrder: number) => {
    const locus = scene.loci.find((l) => l.id === locusId);
    if (!locus || toOrder < 1 || toOrder > scene.loci.length || toOrder === locus.routeOrder) return;
    const title = byId.get(locus.conceptId)?.title ?? "The stop";
    moveStop.mutate(
      { locusId, version: locus.version, toOrder },
      { onSuccess: (route) => void shown(route).then(() => setRouteNote(`${title} is now stop ${toOrder} of ${scene.loci.length}.`)) },
    );
  };

  const placedIds = new Set(scene.loci.map((l) => l.conceptId));
  const inbox = scene.concepts.filter((c) => !placedIds.has(c.id));
  const byId = new Map(scene.concepts.map((c) => [c.id, c]));
  const roomName = new Map(scene.rooms.map((r) => [r.id, r.name]));
  // The selected stop is always listed, however far along the route it is.
  const selectedStop = selectedId ? scene.loci.findIndex((l) => l.conceptId === selectedId) : -1;
  const stops = scene.loci.slice(0, Math.max(listed, selectedStop + 1));

  return (
    <section aria-labelledby="concepts-heading">
      <h2 id="concepts-heading">Concepts</h2>
      {canEdit && (
        <form
          aria-label="Add a concept"
          onSubmit={(e) => {
            e.preventDefault();
            const form = e.currentTarget;
            const f = new FormData(form);
            create.mutate(
              { palaceId, title: formText(f, "title"), kind: formText(f, "kind") as TConceptKind },
              { onSuccess: () => form.reset() },
            );
          }}
        >
          <div className="row field">
            <div style={{ flex: 2 }}>
              <label htmlFor="concept-title">New concept</label>
              <input id="concept-title" name="title" placeholder="e.g. Layer normalisation" maxLength={120} required />
            </div>
            <div>
              <label htmlFor="concept-kind">Kind</label>
              <select id="concept-kind" name="kind" defaultValue="layer">
                {ZConceptKind.options.map((k) => (
                  <option key={k} value={k}>
                    {k.replace("-", " ")}
                  </option>
                ))}
              </select>
            </div>
          </div>
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          <button className="btn btn-primary btn-small" type="submit" disabled={create.isPending}>
            Add concept
          </button>
        </form>
      )}

      <h3 className="small muted" style={{ marginTop: "0.9rem" }}>
        Inbox ({inbox.length})
      </h3>
      {inbox.length === 0 ? (
        <p className="small muted">Every concept has its place.</p>
      ) : (
        <ul className="list inbox" aria-label="Inbox">
          {inbox.map((c) => (
            <li key={c.id} className={c.id === selectedId ? "selected" : undefined}>
              <button type="button" className="linklike grow" onClick={() => select(c.id)}>
                {c.title}
              </button>
              {canEdit && scene.rooms.length > 0 && (
                <form
                  className="inbox-place"
                  aria-label={`Place ${c.title}`}
                  onSubmit={(e) => {
                    e.preventDefault();
                    const roomId = formText(new FormData(e.currentTarget), "room");
                    const spot = freeSpotIn(scene, roomId);
                    if (spot) void actions.place(c.id, { roomId, x: spot.x, z: spot.z });
                  }}
                >
                  <select name="room" aria-label={`Room for ${c.title}`}>
                    {scene.rooms.map((r) => (
                      <option key={r.id} value={r.id}>
                        {r.name}
                      </option>
                    ))}
                  </select>
                  <button className="btn btn-small" type="submit">
                    Place
                  </button>
                  <button
                    className="btn btn-small btn-ghost"
                    type="button"
                    title="Place by clicking a floor in the 3D view"
                    onClick={() => startPlacing(c.id)}
                  >
                    Pick spot
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}

      <div className="route-head">
        <h3 className="small muted" style={{ marginTop: "0.9rem" }}>
          Route ({scene.loci.length})
        </h3>
        {canEdit && scene.loci.length > 1 && (
          <button
            type="button"
            className="btn btn-small"
            disabled={reroute.isPending}
            title="Order the stops room by room along the doors, with a short walk inside each room"
            onClick={() =>
              reroute.mutate({ palaceId }, { onSuccess: (route) => void shown(route).then(() => setRouteNote("The route was re-ordered room by room.")) })
            }
          >
            Re-route
          </button>
        )}
      </div>
      <p className="visually-hidden" aria-live="polite">
        {routeNote}
      </p>
      <ol className="list" aria-label="Placed concepts in route order">
        {stops.map((l) => {
          const c = byId.get(l.conceptId);
          if (!c) return null;
          return (
            <li
              key={l.id}
              className={`${c.id === selectedId ? "selected" : ""} ${dragging === l.id ? "dragging" : ""}`.trim() || undefined}
              draggable={canEdit}
              onDragStart={(e) => {
                setDragging(l.id);
                e.dataTransfer.effectAllowed = "move";
              }}
              onDragEnd={() => setDragging(null)}
              onDragOver={(e) => {
                if (dragging) e.preventDefault();
              }}
              onDrop={(e) => {
                e.preventDefault();
                if (dragging) moveTo(dragging, l.routeOrder);
                setDragging(null);
              }}
            >
              <span className="order">{l.routeOrder}</span>
              <span className="swatch" style={{ background: l.color }} aria-hidden="true" />
              <button
                type="button"
                className="linklike grow"
                onClick={() => onVisit(c.id)}
                aria-current={c.id === selectedId}
                {...spotlightOn(c.id)}
              >
                {c.title}
              </button>
              <span className="small muted room-tag">{roomName.get(l.roomId)}</span>
              {canEdit && scene.loci.length > 1 && (
                <span className="route-move">
                  <button
                    type="button"
                    className="btn btn-small btn-ghost"
                    aria-label={`Move ${c.title} earlier`}
                    disabled={l.routeOrder === 1 || moveStop.isPending}
                    onClick={() => moveTo(l.id, l.routeOrder - 1)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="btn btn-small btn-ghost"
                    aria-label={`Move ${c.title} later`}
                    disabled={l.routeOrder === scene.loci.length || moveStop.isPending}
                    onClick={() => moveTo(l.id, l.routeOrder + 1)}
                  >
                    ↓
                  </button>
                </span>
              )}
            </li>
          );
        })}
      </ol>
      {stops.length < scene.loci.length && (
        <button type="button" className="btn btn-small btn-ghost" onClick={() => setListed(stops.length + ROUTE_PAGE)}>
          Show {Math.min(ROUTE_PAGE, scene.loci.length - stops.length)} more of {scene.loci.length - stops.length} further stops
        </button>
      )}
    </section>
  );
}
