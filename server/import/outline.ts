// The common shape every mind-map and notes parser produces before planning: rooms holding
// concepts in reading order, and links between concepts by key. Types only.
export interface OutlineConcept {
  key: string;
  title: string;
  notes: string;
  tags: string[];
  /** 0 for a concept directly in its room, 1 for its child, and so on. */
  depth: number;
  color?: string;
  sourceUrl?: string;
}

export interface OutlineRoom {
  name: string;
  /** The room that gathers a map's first-level leaves, named after the map, not a branch. */
  general?: boolean;
  concepts: OutlineConcept[];
}

export interface Outline {
  title: string;
  description: string;
  rooms: OutlineRoom[];
  links: { from: string; to: string; label: string }[];
  /** Sentences naming what the parser repaired rather than refused, for the import report. */
  mended?: string[];
}
