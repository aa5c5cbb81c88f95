// Recall: each person's FSRS schedule per concept (review_cards), the append-only history of
// their grades (review_logs) and their scheduler settings. Everything hangs off the person and
// the concept, so deleting either takes its schedule and history with it.
import { sql } from "drizzle-orm";
import {
  check,
  doublePrecision,
  foreignKey,
  index,
  integer,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./auth";
import { concepts, palaces } from "./palace";

export const reviewCards = pgTable(
  "review_cards",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    palaceId: uuid()
      .notNull()
      .references(() => palaces.id, { onDelete: "cascade" }),
    conceptId: uuid().notNull(),
    due: timestamp({ withTimezone: true }).notNull(),
    stability: doublePrecision().notNull(),
    difficulty: doublePrecision().notNull(),
    elapsedDays: integer().notNull(),
    scheduledDays: integer().notNull(),
    learningSteps: integer().notNull(),
    reps: integer().notNull(),
    lapses: integer().notNull(),
    /** FSRS state: 0 new, 1 learning, 2 review, 3 relearning. */
    state: smallint().notNull(),
    lastReview: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("review_cards_user_concept_unique").on(t.userId, t.conceptId),
    index().on(t.userId, t.due),
    index().on(t.palaceId),
    index().on(t.conceptId),
    foreignKey({ columns: [t.conceptId, t.palaceId], foreignColumns: [concepts.id, concepts.palaceId] }).onDelete("cascade"),
    check("review_cards_state_range", sql`${t.state} between 0 and 3`),
  ],
);

export const reviewLogs = pgTable(
  "review_logs",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    palaceId: uuid()
      .notNull()
      .references(() => palaces.id, { onDelete: "cascade" }),
    conceptId: uuid().notNull(),
    /** The client's key for one reveal: a retried or double-clicked grade is stored once. */
    idempotencyKey: uuid().notNull(),
    /** 1 again, 2 hard, 3 good, 4 easy. */
    rating: smallint().notNull(),
    /** The card's state and schedule before this grade, as FSRS logs them. */
    state: smallint().notNull(),
    due: timestamp({ withTimezone: true }).notNull(),
    stability: doublePrecision().notNull(),
    difficulty: doublePrecision().notNull(),
    elapsedDays: integer().notNull(),
    lastElapsedDays: integer().notNull(),
    scheduledDays: integer().notNull(),
    learningSteps: integer().notNull(),
    reviewedAt: timestamp({ withTimezone: true }).notNull(),
    /** How long the person looked before grading, when the client measured it. */
    durationMs: integer(),
  },
  (t) => [
    uniqueIndex("review_logs_idempotency_unique").on(t.userId, t.idempotencyKey),
    index().on(t.userId, t.reviewedAt),
    index().on(t.palaceId, t.reviewedAt),
    index().on(t.conceptId),
    foreignKey({ columns: [t.conceptId, t.palaceId], foreignColumns: [concepts.id, concepts.palaceId] }).onDelete("cascade"),
    check("review_logs_rating_range", sql`${t.rating} between 1 and 4`),
    check("review_logs_duration_positive", sql`${t.durationMs} is null or ${t.durationMs} >= 0`),
  ],
);

export const userSettings = pgTable(
  "user_settings",
  {
    userId: text()
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    desiredRetention: doublePrecision().notNull().default(0.9),
    maximumInterval: integer().notNull().default(365),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("user_settings_retention_range", sql`${t.desiredRetention} between 0.7 and 0.97`),
    check("user_settings_interval_range", sql`${t.maximumInterval} between 1 and 36500`),
  ],
);
