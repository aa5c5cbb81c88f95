"use client";
// The palace without WebGL: every room with its concepts in route order and their links, as
// plain lists and buttons that work with a keyboard and a screen reader. Selecting here selects
// in the 3D view too (both read the same store).
import { pictureUrl } from "~/server/domain/picture/picture.schema";
import { usePalaceUi } from "../_stores/palace-store";
import { usePalaceScene } from "../_stores/live-palace/use-live-palace";

export function PalaceOutline(props: { onSelect: (conceptId: string) => void; note?: string }) {
  const { onSelect } = props;
  const scene = usePalaceScene();
  const selectedId = usePalaceUi((s) => s.selectedConceptId);
  const titleOf = new Map(scene.concepts.map((c) => [c.id, c.title]));
  const conceptOf = new Map(scene.concepts.map((c) => [c.id, c]));
  const placed = new Set(scene.loci.map((l) => l.conceptId));
  const inbox = scene.concepts.filter((c) => !placed.has(c.id));

  const item = (conceptId: string, stop?: number) => {
    const concept = conceptOf.get(conceptId);
    if (!concept) return null;
    const out = scene.links.filter((l) => l.fromConceptId === conceptId);
    const back = scene.links.filter((l) => l.toConceptId === conceptId);
    return (
      <li key={conceptId} className={conceptId === selectedId ? "selected" : undefined}>
        <button type="button" className="outline-concept" aria-current={conceptId === selectedId} onClick={() => onSelect(conceptId)}>
          {stop !== undefined && <span className="order">{stop}.</span>} {concept.title}{" "}
          <span className="small muted kind">({concept.kind.replace("-", " ")})</span>
        </button>
        {concept.picture && (
          // eslint-disable-next-line @next/next/no-img-element -- served as stored; nothing for next/image to do
          <img
            className="outline-picture"
            src={pictureUrl(concept.id, concept.picture.hash, "thumb")}
            alt={concept.title}
            width={concept.picture.thumbWidth}
            height={concept.picture.thumbHeight}
            loading="lazy"
            decoding="async"
          />
        )}
        {out.length + back.length > 0 && (
          <ul className="outline-links" aria-label={`Links of ${concept.title}`}>
            {out.map((l) => (
              <li key={l.id}>
                → {l.label && <em>{l.label} </em>}
                <button type="button" className="linklike" onClick={() => onSelect(l.toConceptId)}>
                  {titleOf.get(l.toConceptId)}
                </button>
              </li>
            ))}
            {back.map((l) => (
              <li key={l.id}>
                ←{" "}
                <button type="button" className="linklike" onClick={() => onSelect(l.fromConceptId)}>
                  {titleOf.get(l.fromConceptId)}
                </button>
                {l.label && <em> {l.label}</em>}
              </li>
            ))}
          </ul>
        )}
      </li>
    );
  };

  return (
    <div className="outline" data-testid="palace-outline">
      <h2 className="outline-title">{scene.palace.title}: outline</h2>
      {props.note && (
        <p className="small muted" role="note">
          {props.note}
        </p>
      )}
      {scene.rooms.length === 0 && <p className="muted">This palace has no rooms yet.</p>}
      {scene.rooms.map((room) => {
        const stops = scene.loci.filter((l) => l.roomId === room.id);
        const doorsTo = scene.doors
          .filter((d) => d.roomAId === room.id || d.roomBId === room.id)
          .map((d) => scene.rooms.find((r) => r.id === (d.roomAId === room.id ? d.roomBId : d.roomAId))?.name)
          .filter(Boolean);
        return (
          <section key={room.id} aria-labelledby={`outline-room-${room.id}`} className="outline-room">
            <h3 id={`outline-room-${room.id}`}>{room.name}</h3>
            {doorsTo.length > 0 && <p className="small muted">Doors to {doorsTo.join(", ")}</p>}
            {stops.length === 0 ? (
              <p className="small muted">Nothing placed here yet.</p>
            ) : (
              <ol className="list" aria-label={`Concepts in ${room.name}`}>
                {stops.map((l) => item(l.conceptId, l.routeOrder))}
              </ol>
            )}
          </section>
        );
      })}
      {inbox.length > 0 && (
        <section aria-labelledby="outline-inbox" className="outline-room">
          <h3 id="outline-inbox">Inbox (not placed yet)</h3>
          <ul className="list">{inbox.map((c) => item(c.id))}</ul>
        </section>
      )}
    </div>
  );
}
