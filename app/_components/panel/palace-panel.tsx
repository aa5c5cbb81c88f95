"use client";
// The side panel (a bottom sheet on phones): the palace's rooms, doors and concepts, and the
// selected concept's card.
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useRef } from "react";
import { usePalaceUi } from "../../_stores/palace-store";
import { useTRPC } from "../../_trpc/client";
import { useEditHandlers } from "./use-palace-mutation";
import { ConceptCard } from "./concept-card";
import { ConceptsSection } from "./concepts-section";
import { DownloadMenu } from "./download-menu";
import { PanelSheet } from "./panel-sheet";
import { AnkiHistoryImport } from "../recall/anki-history-import";
import { RoomsSection } from "./rooms-section";
import { ActivityFeed } from "../teams/activity-feed";
import { CopyPalaceButton } from "../teams/copy-palace-button";
import { HereNow } from "../teams/here-now";
import { SearchBox } from "./search-box";
import type { TLiveScene } from "../../_stores/live-palace/live-palace.select";
import { usePalaceScene } from "../../_stores/live-palace/use-live-palace";

/**
 * `onVisit` selects a concept and, in walk mode, walks to it. `recall`, when given, takes the
 * whole panel: the lists would give the answers away.
 */
export function PalacePanel(props: {
  signedIn: boolean;
  onVisit: (conceptId: string) => void;
  recall?: React.ReactNode;
}) {
  const { signedIn, onVisit, recall } = props;
  const scene = usePalaceScene();
  const selectedId = usePalaceUi((s) => s.selectedConceptId);
  const startPlacing = usePalaceUi((s) => s.startPlacing);
  const select = usePalaceUi((s) => s.select);
  const { access } = scene.palace;
  const selected = scene.concepts.find((c) => c.id === selectedId) ?? null;
  const panel = useRef<HTMLDivElement>(null);

  // The card opens at the top of the panel: bring it into view wherever the panel was scrolled.
  useEffect(() => {
    if (selectedId) panel.current?.scrollTo({ top: 0, behavior: "smooth" });
  }, [selectedId]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      startPlacing(null);
      if (!(e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement)) select(null);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [select, startPlacing]);

  if (recall) {
    return (
      <PanelSheet label="Recall walk">{recall}</PanelSheet>
    );
  }

  return (
    <PanelSheet label="Palace contents" ref={panel}>
      <SearchBox palaceId={scene.palace.id} showScope={access.role !== null} onVisit={onVisit} />
      <section>
        <p className="small muted" style={{ margin: 0 }}>
          by {scene.palace.ownerName} ·{" "}
          <span className={`badge ${scene.palace.visibility === "public" ? "badge-public" : ""}`}>{scene.palace.visibility}</span>{" "}
          {access.role ? <span className="badge">{access.role}</span> : <span className="badge">visitor</span>}
        </p>
        {scene.palace.description && <p className="small">{scene.palace.description}</p>}
        {scene.loci.length > 0 && (
          <div className="row recall-links">
            <Link className="btn btn-primary btn-small" href={`/palaces/${scene.palace.id}/recall`}>
              Recall walk
            </Link>
            {access.role && (
              <>
                <Link className="btn btn-small" href={`/palaces/${scene.palace.id}/recall?due=1`}>
                  Only what is due
                </Link>
                <Link className="btn btn-small btn-ghost" href={`/palaces/${scene.palace.id}/stats`}>
                  Stats
                </Link>
              </>
            )}
          </div>
        )}
        <DownloadMenu palaceId={scene.palace.id} />
        {signedIn && <AnkiHistoryImport palaceId={scene.palace.id} />}
        {access.role === "owner" && <VisibilityControl scene={scene} />}
        {!access.canEdit && <p className="small muted">You are viewing this palace. Copy it to make changes of your own.</p>}
        <div className="row" style={{ alignItems: "center" }}>
          {access.role !== "owner" && <CopyPalaceButton palaceId={scene.palace.id} signedIn={signedIn} />}
          {access.role && (
            <Link className="btn btn-small btn-ghost" href={`/palaces/${scene.palace.id}/members`}>
              {access.role === "owner" ? "Members and invites" : "Members"}
            </Link>
          )}
        </div>
      </section>
      <HereNow scene={scene} />
      {selected && <ConceptCard scene={scene} concept={selected} />}
      <RoomsSection scene={scene} />
      <ConceptsSection scene={scene} onVisit={onVisit} />
      {access.role && <ActivityFeed palaceId={scene.palace.id} />}
    </PanelSheet>
  );
}

/** The owner decides who may open the palace: members only, or anyone with the link. */
function VisibilityControl({ scene }: { scene: TLiveScene }) {
  const trpc = useTRPC();
  const handlers = useEditHandlers();
  const update = useMutation(trpc.palace.update.mutationOptions(handlers));
  return (
    <div className="field">
      <label htmlFor="palace-visibility">Who can open it</label>
      <select
        id="palace-visibility"
        value={scene.palace.visibility}
        disabled={update.isPending}
        onChange={(e) =>
          update.mutate({
            id: scene.palace.id,
            version: scene.palace.version,
            visibility: e.target.value === "public" ? "public" : "private",
          })
        }
      >
        <option value="private">Only members (private)</option>
        <option value="public">Anyone with the link, read-only (public)</option>
      </select>
    </div>
  );
}
