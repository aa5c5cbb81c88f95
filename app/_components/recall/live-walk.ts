// The recall walk of the open palace, read from its live store rather than fetched again: the
// stops in route order, each described in words the way the server describes them. The live
// store holds a concept's notes as an excerpt; the stop card fetches the rest when revealed.
import { pictureUrl } from "~/server/domain/picture/picture.schema";
import type { TWalk } from "~/server/domain/recall/recall.schema";
import { placeInRoom, stopCue } from "~/server/domain/route/route.logic";
import { locusList, type PalaceView } from "../../_stores/live-palace/live-palace.select";

export interface LiveWalk {
  walk: TWalk;
  /** Concepts whose notes in `walk` are only the start: the full notes are fetched on reveal. */
  excerpted: Set<string>;
}

/** Every placed concept in route order; a visitor who is not signed in walks without grading. */
export function walkFromView(view: PalaceView, canGrade: boolean): LiveWalk {
  const placed = locusList(view.locus).flatMap((locus) => {
    const concept = view.concept[locus.conceptId];
    const room = view.room[locus.roomId];
    return concept && room ? [{ locus, concept, room }] : [];
  });
  const excerpted = new Set<string>();
  const stops = placed.map(({ locus, concept, room }) => {
    if (concept.notesLength > concept.notesExcerpt.length) excerpted.add(concept.id);
    return {
      locusId: locus.id,
      conceptId: concept.id,
      routeOrder: locus.routeOrder,
      roomId: room.id,
      roomName: room.name,
      shape: locus.shape,
      color: locus.color,
      cue: stopCue({ roomName: room.name, stop: locus.routeOrder, of: placed.length, shape: locus.shape, color: locus.color, where: placeInRoom(room.width, room.depth, locus.x, locus.z) }),
      concept: { title: concept.title, kind: concept.kind, tags: concept.tags, notes: concept.notesExcerpt, sourceUrl: concept.sourceUrl },
      picture: concept.picture ? { url: pictureUrl(concept.id, concept.picture.hash, "thumb"), width: concept.picture.thumbWidth, height: concept.picture.thumbHeight } : null,
      card: null,
    };
  });
  return {
    walk: { palace: { id: view.palace.id, title: view.palace.title }, canGrade, dueOnly: false, routeLength: stops.length, stops },
    excerpted,
  };
}
