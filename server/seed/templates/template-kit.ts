// Helps write a starter palace as data without hand-placing every concept: each room's
// concepts stand in a loop around the room, in the order they are written, so the route
// walks once around every room and then through the door to the next.
import type { TConceptKind } from "../../domain/concept/concept.schema";
import type { TLocusShape } from "../../domain/locus/locus.schema";
import type { SeedConcept, SeedDoor, SeedLink, SeedPalace, SeedRoom } from "../seed.types";

/** How far in from the walls the loop of concepts runs, in metres: clear of the doorways. */
const LOOP_INSET = 1.8;

// One look per kind, so a visitor can tell a layer from a loss at a glance across the room.
const LOOK: Record<TConceptKind, { shape: TLocusShape; color: string }> = {
  layer: { shape: "cube", color: "#4f7cac" },
  block: { shape: "pedestal", color: "#7b6cd9" },
  loss: { shape: "sphere", color: "#e07a5f" },
  optimizer: { shape: "lamp", color: "#d9a441" },
  technique: { shape: "pedestal", color: "#3d9970" },
  "failure-mode": { shape: "sphere", color: "#c0392b" },
  paper: { shape: "book", color: "#8d6e63" },
  other: { shape: "cube", color: "#5c7a89" },
};

export interface TemplateConcept extends Omit<SeedConcept, "place"> {
  room: string;
}

export interface TemplateDraft {
  title: string;
  description: string;
  rooms: SeedRoom[];
  doors: SeedDoor[];
  /** In route order; each room's concepts are walked in the order they appear. */
  concepts: TemplateConcept[];
  links: SeedLink[];
}

/** Evenly spaced points on the rectangle inset from a room's walls, starting at a corner. */
export function loopSpots(width: number, depth: number, count: number): { x: number; z: number }[] {
  const w = width - 2 * LOOP_INSET;
  const d = depth - 2 * LOOP_INSET;
  const perimeter = 2 * (w + d);
  const step = perimeter / count;
  const round = (v: number) => Math.round(v * 100) / 100;
  const at = (x: number, z: number) => ({ x: round(x), z: round(z) });
  return Array.from({ length: count }, (_, i) => {
    let t = i * step;
    if (t < w) return at(LOOP_INSET + t, LOOP_INSET);
    t -= w;
    if (t < d) return at(LOOP_INSET + w, LOOP_INSET + t);
    t -= d;
    if (t < w) return at(LOOP_INSET + w - t, LOOP_INSET + d);
    t -= w;
    return at(LOOP_INSET, LOOP_INSET + d - t);
  });
}

export function defineTemplate(draft: TemplateDraft): SeedPalace {
  const spots = new Map<string, { x: number; z: number }[]>();
  for (const room of draft.rooms) {
    const count = draft.concepts.filter((c) => c.room === room.key).length;
    spots.set(room.key, count > 0 ? loopSpots(room.width, room.depth, count) : []);
  }
  // Rooms are walked in the order their first concept appears, so concepts of one room must
  // be written together or the route would double back through the doors.
  const seen: string[] = [];
  for (const c of draft.concepts) {
    if (seen.at(-1) === c.room) continue;
    if (seen.includes(c.room)) throw new Error(`"${draft.title}": the concepts of room "${c.room}" are not written together.`);
    seen.push(c.room);
  }
  const used = new Map<string, number>();
  const concepts: SeedConcept[] = draft.concepts.map(({ room, ...concept }) => {
    const n = used.get(room) ?? 0;
    used.set(room, n + 1);
    const spot = spots.get(room)?.[n];
    if (!spot) throw new Error(`"${draft.title}": concept "${concept.key}" names unknown room "${room}".`);
    return { ...concept, place: { room, ...spot, ...LOOK[concept.kind] } };
  });
  return { title: draft.title, description: draft.description, rooms: draft.rooms, doors: draft.doors, concepts, links: draft.links };
}
