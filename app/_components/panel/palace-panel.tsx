"use client";
// The side panel: the palace's rooms, doors and concepts, and the selected concept's card.
import { useEffect } from "react";
import type { TPalaceScene } from "~/server/domain/palace/palace.schema";
import { usePalaceUi } from "../../_stores/palace-store";
import { ConceptCard } from "./concept-card";
import { ConceptsSection } from "./concepts-section";
import { RoomsSection } from "./rooms-section";

export function PalacePanel({ scene }: { scene: TPalaceScene }) {
  const selectedId = usePalaceUi((s) => s.selectedConceptId);
  const startPlacing = usePalaceUi((s) => s.startPlacing);
  const select = usePalaceUi((s) => s.select);
  const { access } = scene.palace;
  const selected = scene.concepts.find((c) => c.id === selectedId) ?? null;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      startPlacing(null);
      if (!(e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement)) select(null);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [select, startPlacing]);

  return (
    <aside className="panel" aria-label="Palace contents">
      <section>
        <p className="small muted" style={{ margin: 0 }}>
          by {scene.palace.ownerName} ·{" "}
          <span className={`badge ${scene.palace.visibility === "public" ? "badge-public" : ""}`}>{scene.palace.visibility}</span>{" "}
          {access.role ? <span className="badge">{access.role}</span> : <span className="badge">visitor</span>}
        </p>
        {scene.palace.description && <p className="small">{scene.palace.description}</p>}
        {!access.canEdit && (
          <p className="small muted">You are viewing this palace. Make a copy from My palaces to change your own.</p>
        )}
      </section>
      {selected && <ConceptCard scene={scene} concept={selected} />}
      <RoomsSection scene={scene} />
      <ConceptsSection scene={scene} />
    </aside>
  );
}
