// Personal FSRS parameters: jobs that fit them from a person's review history (claimed once
// across app instances), and the parameters a person's schedule uses once a fit beat the defaults.
import { sql } from "drizzle-orm";
import { boolean, check, doublePrecision, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";

export const fsrsJobs = pgTable(
  "fsrs_jobs",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** queued, running, done, failed. */
    status: text().notNull().default("queued"),
    /** manual (the person asked) or auto (enough new reviews, or a week passed). */
    reason: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
    /** The instance that claimed it, for the logs. */
    claimedBy: text(),
    attempts: integer().notNull().default(0),
    reviewCount: integer(),
    /** The held-out recent reviews the figures score (those a day or more after the card's previous review). */
    heldOutCount: integer(),
    /** Log loss and plain per-review RMSE on those reviews (fsrs.logic.ts's figuresOf). */
    defaultLogLoss: doublePrecision(),
    defaultRmse: doublePrecision(),
    fittedLogLoss: doublePrecision(),
    fittedRmse: doublePrecision(),
    parameters: doublePrecision().array(),
    /** Whether the fitted parameters beat the defaults on the held-out reviews and were adopted. */
    adopted: boolean(),
    /** Why it did not adopt or failed, as a sentence for /settings. */
    outcome: text(),
    fitMs: integer(),
  },
  (t) => [
    // One open job per person: asking again while one waits or runs returns that one.
    uniqueIndex("fsrs_jobs_one_open_per_user").on(t.userId).where(sql`${t.status} in ('queued', 'running')`),
    index().on(t.status, t.createdAt),
    index().on(t.userId, t.finishedAt),
    check("fsrs_jobs_status", sql`${t.status} in ('queued', 'running', 'done', 'failed')`),
    check("fsrs_jobs_reason", sql`${t.reason} in ('manual', 'auto')`),
  ],
);

export const fsrsParameters = pgTable("fsrs_parameters", {
  userId: text()
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  parameters: doublePrecision().array().notNull(),
  jobId: uuid().references(() => fsrsJobs.id, { onDelete: "set null" }),
  adoptedAt: timestamp({ withTimezone: true }).notNull(),
});
