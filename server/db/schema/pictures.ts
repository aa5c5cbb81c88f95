// Pictures hung on concepts: the re-encoded display image and its thumbnail, stored in the
// database beside the concept so a backup, an export or a cascade delete carries them too.
import { sql } from "drizzle-orm";
import { check, customType, foreignKey, index, integer, pgTable, timestamp, uuid, varchar } from "drizzle-orm/pg-core";
import { concepts } from "./palace";

/** Binary data: postgres.js hands back a Buffer, PGlite a Uint8Array; both become a Buffer. */
const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => "bytea",
  toDriver: (value) => value,
  fromDriver: (value) => Buffer.from(value.buffer, value.byteOffset, value.byteLength),
});

export const conceptPictures = pgTable(
  "concept_pictures",
  {
    conceptId: uuid().primaryKey(),
    palaceId: uuid().notNull(),
    /** SHA-256 of the display bytes, in hex: it names the picture in its URL. */
    hash: varchar({ length: 64 }).notNull(),
    width: integer().notNull(),
    height: integer().notNull(),
    display: bytea().notNull(),
    thumbWidth: integer().notNull(),
    thumbHeight: integer().notNull(),
    thumb: bytea().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.palaceId),
    foreignKey({ columns: [t.conceptId, t.palaceId], foreignColumns: [concepts.id, concepts.palaceId] }).onDelete("cascade"),
    check("concept_pictures_hash_hex", sql`${t.hash} ~ '^[0-9a-f]{64}$'`),
    check("concept_pictures_size", sql`${t.width} between 1 and 1024 and ${t.height} between 1 and 1024`),
  ],
);
