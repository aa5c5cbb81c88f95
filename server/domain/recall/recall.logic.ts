// FSRS scheduling as pure functions over plain card rows: a person's settings become scheduler
// parameters, a grade turns one card state into the next plus the log of what it was before,
// and retrievability says how likely the person is to recall a concept right now.
import { type Card, createEmptyCard, fsrs, generatorParameters, State } from "ts-fsrs";
import type { TSettings } from "../settings/settings.schema";

/** A person's settings, with the FSRS parameters fitted to their reviews once adopted (null: the defaults). */
export type SchedulerSettings = TSettings & { parameters?: readonly number[] | null };

/** The schedule columns of a review card, as stored. */
export interface CardState {
  due: Date;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  state: number;
  lastReview: Date | null;
}

/** The card as it was before a grade, which FSRS logs so the history can be replayed. */
export interface LogState {
  rating: number;
  state: number;
  due: Date;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  lastElapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  reviewedAt: Date;
}

const DAY_MS = 86_400_000;

// A miss comes back within minutes (FSRS's short-term steps), so the walk it happened on can
// bring it back at its end and it counts as due again later that day; a concept recalled well
// moves on in whole days. New concepts have one learning step: Again or Hard keep them in the
// day, Good and Easy graduate at once, as on a walk there is no second look at a new stop.
export const SHORT_TERM_STEPS = { learning: ["10m"], relearning: ["10m"] } as const;

function scheduler(settings: SchedulerSettings) {
  return fsrs(
    generatorParameters({
      ...(settings.parameters ? { w: [...settings.parameters] } : {}),
      request_retention: settings.desiredRetention,
      maximum_interval: settings.maximumInterval,
      enable_fuzz: false,
      enable_short_term: true,
      learning_steps: [...SHORT_TERM_STEPS.learning],
      relearning_steps: [...SHORT_TERM_STEPS.relearning],
    }),
  );
}

function toFsrs(card: CardState): Card {
  return {
    due: card.due,
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: card.elapsedDays,
    scheduled_days: card.scheduledDays,
    learning_steps: card.learningSteps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    last_review: card.lastReview ?? undefined,
  };
}

function fromFsrs(card: Card): CardState {
  return {
    due: card.due,
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsed_days,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    lastReview: card.last_review ?? null,
  };
}

/** A card for a concept studied for the first time. */
export function newCard(now: Date): CardState {
  return fromFsrs(createEmptyCard(now));
}

/** The card after grading it `rating` (1 again .. 4 easy) at `now`, and the log entry to append. */
export function grade(card: CardState, rating: 1 | 2 | 3 | 4, now: Date, settings: SchedulerSettings) {
  const result = scheduler(settings).next(toFsrs(card), now, rating);
  const log: LogState = {
    rating,
    state: result.log.state,
    due: result.log.due,
    stability: result.log.stability,
    difficulty: result.log.difficulty,
    elapsedDays: result.log.elapsed_days,
    lastElapsedDays: result.log.last_elapsed_days,
    scheduledDays: result.log.scheduled_days,
    learningSteps: result.log.learning_steps,
    reviewedAt: now,
  };
  const next = fromFsrs(result.card);
  // FSRS keeps Easy a day longer than Good even past the cap; the person's maximum wins.
  if (next.scheduledDays > settings.maximumInterval) {
    next.scheduledDays = settings.maximumInterval;
    next.due = addDays(now, settings.maximumInterval);
  }
  return { card: next, log };
}

/** One grade as the append-only log keeps it: what was graded and when. */
export interface LoggedGrade {
  rating: 1 | 2 | 3 | 4;
  reviewedAt: Date;
}

/**
 * The card that the whole history gives, grades applied in the order they were made, with the
 * log state each grade saw. Grades made offline can reach the server after later ones made
 * elsewhere; replaying the log in review order makes the schedule the same whatever the
 * arrival order.
 */
export function replayGrades(grades: LoggedGrade[], settings: SchedulerSettings) {
  const ordered = [...grades].sort((a, b) => a.reviewedAt.getTime() - b.reviewedAt.getTime());
  let card = newCard(ordered[0]?.reviewedAt ?? new Date(0));
  const logs: LogState[] = [];
  for (const g of ordered) {
    const next = grade(card, g.rating, g.reviewedAt, settings);
    logs.push(next.log);
    card = next.card;
  }
  return { card, logs };
}

/** Cards store FSRS's state as the plain number it is in the database. */
const NOT_YET_KNOWN: number[] = [State.New, State.Learning, State.Relearning];

/**
 * The chance (0..1) of recalling the card at `now`; 0 for a card never graded, and 0 while it is
 * being learnt or a miss relearnt: FSRS's curve restarts at 100 % at the miss, which would
 * contradict it.
 */
export function retrievability(card: CardState, now: Date, settings: SchedulerSettings): number {
  if (NOT_YET_KNOWN.includes(card.state)) return 0;
  return scheduler(settings).get_retrievability(toFsrs(card), now, false);
}

/** The cards' due dates counted per day for `days` days from `now`; overdue cards count today. */
export function dueForecast(dues: Date[], now: Date, days: number): number[] {
  const counts = Array.from({ length: days }, () => 0);
  const start = startOfUtcDay(now).getTime();
  for (const due of dues) {
    const day = Math.max(0, Math.floor((due.getTime() - start) / DAY_MS));
    if (day < days) counts[day]!++;
  }
  return counts;
}

export function startOfUtcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

/** "2026-11-29": the UTC calendar day of a moment, as the stats pages label it. */
export function dayKey(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}
