// FSRS scheduling as pure functions over plain card rows: a person's settings become scheduler
// parameters, a grade turns one card state into the next plus the log of what it was before,
// and retrievability says how likely the person is to recall a concept right now.
import { type Card, createEmptyCard, fsrs, generatorParameters, State } from "ts-fsrs";
import type { TSettings } from "../settings/settings.schema";

export type SchedulerSettings = TSettings;

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

// Recall happens on a walk, once a day at most, so every interval is counted in whole days:
// FSRS's minute-long learning steps would make a concept due again before the walk is over.
function scheduler(settings: SchedulerSettings) {
  return fsrs(
    generatorParameters({
      request_retention: settings.desiredRetention,
      maximum_interval: settings.maximumInterval,
      enable_fuzz: false,
      enable_short_term: false,
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

/** Cards store FSRS's state as the plain number it is in the database. */
const NEW_CARD: number = State.New;

/** The chance (0..1) of recalling the card at `now`; 0 for a card never graded. */
export function retrievability(card: CardState, now: Date, settings: SchedulerSettings): number {
  if (card.state === NEW_CARD) return 0;
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
