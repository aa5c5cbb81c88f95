// What a concept deletion leaves behind for its undo window: the concept with its placement,
// links, picture and every person's review history, as one JSON snapshot of the rows, so that
// concept.restore can put back the same ids in one transaction.
import { index, jsonb, pgTable, text, timestamp, uuid, varchar } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { palaces } from "./palace";

export const conceptTombstones = pgTable(
  "concept_tombstones",
  {
    conceptId: uuid().primaryKey(),
    palaceId: uuid()
      .notNull()
      .references(() => palaces.id, { onDelete: "cascade" }),
    title: varchar({ length: 120 }).notNull(),
    deletedById: text().references(() => users.id, { onDelete: "set null" }),
    deletedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Rows as PostgreSQL's to_jsonb wrote them (snake_case keys), read back with jsonb_populate_record. */
    snapshot: jsonb().notNull(),
  },
  (t) => [index().on(t.palaceId), index().on(t.deletedAt)],
);
