// The recall walk in progress, shared by the walk page and the 3D view: which stop is current,
// whether its concept is revealed, what is left, and how each stop was graded. The scene reads
// it to hide the current plaque and fly to its locus; it never writes here.
import { create } from "zustand";

export interface WalkGrade {
  conceptId: string;
  rating: 1 | 2 | 3 | 4;
  /** How long the person looked at the stop before grading. */
  ms: number;
}

export interface RecallWalkStop {
  conceptId: string;
  locusId: string;
  /** A stop missed earlier in this walk, come back at its end. */
  again?: boolean;
}

/** How many times one walk brings a miss back at its end before leaving it for later. */
export const MAX_RETURNS = 2;

interface RecallState {
  palaceId: string | null;
  /** Every stop of this pass, in walking order. */
  stops: RecallWalkStop[];
  index: number;
  currentConceptId: string | null;
  currentLocusId: string | null;
  revealed: boolean;
  /** Concept ids still to come after the current one. */
  remaining: string[];
  grades: WalkGrade[];
  /** One key per reveal: a retried grade of the same reveal is stored once. */
  gradeKey: string | null;
  stopShownAt: number;
  startedAt: number;
  finishedAt: number | null;
  start(palaceId: string, stops: RecallWalkStop[], now?: number): void;
  reveal(): void;
  graded(rating: 1 | 2 | 3 | 4, now?: number): void;
  /** Moves past the current stop without a grade (its concept was deleted meanwhile). */
  skip(now?: number): void;
  /** Ends the walk here: the summary covers what was graded; the rest stays for another day. */
  end(now?: number): void;
  /** Stops left unwalked when the walk was ended early. */
  unwalked: number;
  reset(): void;
}

function at(stops: RecallWalkStop[], index: number) {
  return {
    index,
    currentConceptId: stops[index]?.conceptId ?? null,
    currentLocusId: stops[index]?.locusId ?? null,
    remaining: stops.slice(index + 1).map((s) => s.conceptId),
    revealed: false,
    gradeKey: null,
  };
}

const idle = {
  palaceId: null,
  stops: [],
  index: 0,
  currentConceptId: null,
  currentLocusId: null,
  revealed: false,
  remaining: [],
  grades: [],
  gradeKey: null,
  stopShownAt: 0,
  startedAt: 0,
  finishedAt: null,
  unwalked: 0,
};

export const useRecallWalk = create<RecallState>((set, get) => ({
  ...idle,
  start(palaceId, stops, now = Date.now()) {
    set({ ...idle, palaceId, stops, ...at(stops, 0), startedAt: now, stopShownAt: now, finishedAt: stops.length === 0 ? now : null });
  },
  reveal() {
    const s = get();
    if (s.revealed || !s.currentConceptId) return;
    set({ revealed: true, gradeKey: crypto.randomUUID() });
  },
  graded(rating, now = Date.now()) {
    const s = get();
    if (!s.revealed || !s.currentConceptId) return;
    const grades = [...s.grades, { conceptId: s.currentConceptId, rating, ms: now - s.stopShownAt }];
    // A miss is relearnt within minutes (FSRS short-term steps): it comes back at the end of the walk.
    const current = s.stops[s.index]!;
    const returns = s.stops.filter((x) => x.conceptId === current.conceptId).length - 1;
    const stops = rating === 1 && returns < MAX_RETURNS ? [...s.stops, { ...current, again: true }] : s.stops;
    const next = s.index + 1;
    set({ grades, stops, ...at(stops, next), stopShownAt: now, finishedAt: next >= stops.length ? now : null });
  },
  skip(now = Date.now()) {
    const s = get();
    if (!s.currentConceptId) return;
    const next = s.index + 1;
    set({ ...at(s.stops, next), stopShownAt: now, finishedAt: next >= s.stops.length ? now : null });
  },
  end(now = Date.now()) {
    const s = get();
    if (!s.palaceId || s.finishedAt !== null) return;
    set({ ...at(s.stops, s.stops.length), unwalked: s.stops.length - s.index, finishedAt: now });
  },
  reset() {
    set(idle);
  },
}));
