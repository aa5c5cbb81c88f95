// The shape of a palace written as data (the demo palace, the templates, Engram JSON files): rooms are
// referenced by key so the file reads like a floor plan rather than a list of ids.
import type { TConceptKind } from "../domain/concept/concept.schema";
import type { TLocusShape } from "../domain/locus/locus.schema";
import type { TRoomTheme } from "../domain/room/room.schema";

export interface SeedRoom {
  key: string;
  name: string;
  /** Floor-plan position of the room's minimum corner, in metres. */
  gridX: number;
  gridZ: number;
  width: number;
  depth: number;
  height: number;
  theme: TRoomTheme;
}

export interface SeedDoor {
  a: string;
  b: string;
  /** Centre of the door along the shared wall, in palace coordinates (metres). */
  position: number;
  /** Opening width in metres; the standard door when omitted. */
  width?: number;
}

export interface SeedConcept {
  key: string;
  title: string;
  kind: TConceptKind;
  tags: string[];
  sourceUrl?: string;
  notes: string;
  /** Where the concept stands; omitted means it waits in the palace inbox. */
  place?: { room: string; x: number; y?: number; z: number; shape: TLocusShape; color: string; rotationY?: number };
  /** Keys of concepts this one builds on: the route must reach them first. */
  after?: string[];
  /** A diagram drawn as SVG markup; the seed renders it into the concept's picture. */
  diagram?: string;
  /** Figures the notes state that follow from other figures in them, recomputed by the tests. */
  checks?: SeedCheck[];
}

/**
 * One computed figure in a note: `calc` names the formula, `args` are its inputs as the note
 * gives them, and `says` is the result exactly as the note writes it.
 */
export interface SeedCheck {
  calc: string;
  args: number[];
  says: string;
}

export interface SeedLink {
  from: string;
  to: string;
  label: string;
}

export interface SeedPalace {
  title: string;
  description: string;
  rooms: SeedRoom[];
  doors: SeedDoor[];
  /** In route order: the walk visits placed concepts in the order they appear here. */
  concepts: SeedConcept[];
  links: SeedLink[];
}
