"use client";
// "Here now": the other people in the palace and the room each is in, live.
import { usePresentPeople } from "../../_stores/presence-store";
import type { TLiveScene } from "../../_stores/live-palace/live-palace.select";

export function HereNow({ scene }: { scene: TLiveScene }) {
  const people = usePresentPeople();
  const roomName = new Map(scene.rooms.map((r) => [r.id, r.name]));
  return (
    <section aria-labelledby="here-now-title">
      <h2 id="here-now-title" className="small muted">
        Here now
      </h2>
      {people.length === 0 ? (
        <p className="small muted">Nobody else is in this palace right now.</p>
      ) : (
        <ul className="list" aria-label="Here now">
          {people.map((p) => (
            <li key={p.userId}>
              <span className="presence-dot" aria-hidden="true" />
              <span className="grow">{p.name}</span>
              <span className="small muted">{(p.roomId && roomName.get(p.roomId)) ?? "in the palace"}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
