// Sharing and collaboration: invite links (only a hash of each token is kept), and the
// per-palace event log that feeds both the activity feed and live updates. Each palace numbers
// its events 1, 2, 3... in commit order, so a reconnecting client can ask for "everything after
// n" and miss nothing.
import { sql } from "drizzle-orm";
import { bigint, check, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uuid, varchar } from "drizzle-orm/pg-core";
import { ZEventAction, ZEventEntity } from "../../domain/activity/activity.schema";
import { users } from "./auth";
import { palaceRole, palaces } from "./palace";

export const eventAction = pgEnum("event_action", ZEventAction.enum);
export const eventEntity = pgEnum("event_entity", ZEventEntity.enum);

export const palaceInvites = pgTable(
  "palace_invites",
  {
    id: uuid().primaryKey().defaultRandom(),
    palaceId: uuid()
      .notNull()
      .references(() => palaces.id, { onDelete: "cascade" }),
    /** SHA-256 of the token, hex: the token itself is shown once and never stored. */
    tokenHash: varchar({ length: 64 }).notNull().unique(),
    role: palaceRole().notNull(),
    createdById: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    revokedAt: timestamp({ withTimezone: true }),
    acceptedCount: integer().notNull().default(0),
  },
  (t) => [index().on(t.palaceId), check("palace_invites_role_not_owner", sql`${t.role} <> 'owner'`)],
);

/** The last event number handed out per palace; its row lock orders event commits. */
export const palaceEventHeads = pgTable("palace_event_heads", {
  palaceId: uuid()
    .primaryKey()
    .references(() => palaces.id, { onDelete: "cascade" }),
  seq: bigint({ mode: "number" }).notNull(),
});

export const palaceEvents = pgTable(
  "palace_events",
  {
    palaceId: uuid()
      .notNull()
      .references(() => palaces.id, { onDelete: "cascade" }),
    seq: bigint({ mode: "number" }).notNull(),
    actorId: text().references(() => users.id, { onDelete: "set null" }),
    action: eventAction().notNull(),
    entity: eventEntity().notNull(),
    entityId: text().notNull(),
    /** The entity's row version after the change; null for deletions and unversioned rows. */
    version: integer(),
    /** What a person reads in the activity feed: the title or name at the time of the change. */
    label: varchar({ length: 200 }).notNull().default(""),
    createdAt: timestamp({ withTimezone: true })
      .notNull()
      .default(sql`clock_timestamp()`),
  },
  (t) => [primaryKey({ columns: [t.palaceId, t.seq] })],
);
