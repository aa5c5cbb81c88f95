// The palace model: palaces and their members, rooms joined by doors, concepts placed at loci,
// and the links between concepts. Cascades run downward from palace so nothing is orphaned.
import { sql } from "drizzle-orm";
import {
  check,
  customType,
  foreignKey,
  doublePrecision,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import { ZConceptKind } from "../../domain/concept/concept.schema";
import { ZLocusShape } from "../../domain/locus/locus.schema";
import { ZPalaceRole, ZPalaceVisibility } from "../../domain/palace/palace.schema";
import { ZRoomTheme } from "../../domain/room/room.schema";
import { users } from "./auth";

// Each enum's values are the zod schema's, so a value added for the API reaches the database
// through a migration rather than as a second list to keep in step.
export const palaceVisibility = pgEnum("palace_visibility", ZPalaceVisibility.enum);
export const palaceRole = pgEnum("palace_role", ZPalaceRole.enum);
export const roomTheme = pgEnum("room_theme", ZRoomTheme.enum);
export const conceptKind = pgEnum("concept_kind", ZConceptKind.enum);
export const locusShape = pgEnum("locus_shape", ZLocusShape.enum);

const timestamps = {
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
};
const version = integer().notNull().default(1);

export const palaces = pgTable(
  "palaces",
  {
    id: uuid().primaryKey().defaultRandom(),
    ownerId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    title: varchar({ length: 120 }).notNull(),
    description: varchar({ length: 2000 }).notNull().default(""),
    visibility: palaceVisibility().notNull().default("private"),
    ...timestamps,
    version,
  },
  (t) => [
    index().on(t.ownerId),
    check("palaces_title_not_blank", sql`length(trim(${t.title})) > 0`),
  ],
);

export const palaceMembers = pgTable(
  "palace_members",
  {
    palaceId: uuid()
      .notNull()
      .references(() => palaces.id, { onDelete: "cascade" }),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: palaceRole().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.palaceId, t.userId] }), index().on(t.userId)],
);

export const rooms = pgTable(
  "rooms",
  {
    id: uuid().primaryKey().defaultRandom(),
    palaceId: uuid()
      .notNull()
      .references(() => palaces.id, { onDelete: "cascade" }),
    name: varchar({ length: 80 }).notNull(),
    gridX: integer().notNull(),
    gridZ: integer().notNull(),
    width: integer().notNull(),
    depth: integer().notNull(),
    height: real().notNull(),
    theme: roomTheme().notNull().default("sandstone"),
    ...timestamps,
    version,
  },
  (t) => [
    index().on(t.palaceId),
    // (id, palace_id) is unique so that doors and loci can reference a room *within* a palace.
    unique("rooms_id_palace_unique").on(t.id, t.palaceId),
    check("rooms_name_not_blank", sql`length(trim(${t.name})) > 0`),
    check("rooms_size_range", sql`${t.width} between 3 and 40 and ${t.depth} between 3 and 40`),
    check("rooms_height_range", sql`${t.height} between 2.5 and 10`),
  ],
);

export const doors = pgTable(
  "doors",
  {
    id: uuid().primaryKey().defaultRandom(),
    palaceId: uuid()
      .notNull()
      .references(() => palaces.id, { onDelete: "cascade" }),
    roomAId: uuid().notNull(),
    roomBId: uuid().notNull(),
    position: doublePrecision().notNull(),
    width: real().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.palaceId),
    uniqueIndex("doors_room_pair_unique").on(t.roomAId, t.roomBId),
    // Composite keys: a door can only join rooms of its own palace.
    foreignKey({ columns: [t.roomAId, t.palaceId], foreignColumns: [rooms.id, rooms.palaceId] }).onDelete("cascade"),
    foreignKey({ columns: [t.roomBId, t.palaceId], foreignColumns: [rooms.id, rooms.palaceId] }).onDelete("cascade"),
    check("doors_rooms_ordered", sql`${t.roomAId} < ${t.roomBId}`),
  ],
);

/** PostgreSQL's full-text document type; drizzle has no built-in column for it. */
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export const concepts = pgTable(
  "concepts",
  {
    id: uuid().primaryKey().defaultRandom(),
    palaceId: uuid()
      .notNull()
      .references(() => palaces.id, { onDelete: "cascade" }),
    title: varchar({ length: 120 }).notNull(),
    notes: text().notNull().default(""),
    kind: conceptKind().notNull().default("other"),
    tags: text().array().notNull().default(sql`'{}'::text[]`),
    sourceUrl: varchar({ length: 2000 }),
    // Kept by the database from title (weight A), tags (B) and notes (C) for full-text search.
    // Tags go in through array_to_tsvector because array_to_string is not immutable.
    searchVector: tsvector()
      .notNull()
      .generatedAlwaysAs(
        sql`setweight(to_tsvector('english'::regconfig, "title"), 'A') || setweight(array_to_tsvector("tags"), 'B') || setweight(to_tsvector('english'::regconfig, "notes"), 'C')`,
      ),
    ...timestamps,
    version,
  },
  (t) => [
    index().on(t.palaceId),
    index("concepts_search_idx").using("gin", t.searchVector),
    unique("concepts_id_palace_unique").on(t.id, t.palaceId),
    check("concepts_title_not_blank", sql`length(trim(${t.title})) > 0`),
    check("concepts_notes_length", sql`length(${t.notes}) <= 20000`),
  ],
);

export const loci = pgTable(
  "loci",
  {
    id: uuid().primaryKey().defaultRandom(),
    palaceId: uuid()
      .notNull()
      .references(() => palaces.id, { onDelete: "cascade" }),
    conceptId: uuid().notNull().unique(),
    roomId: uuid().notNull(),
    x: doublePrecision().notNull(),
    y: doublePrecision().notNull().default(0),
    z: doublePrecision().notNull(),
    rotationY: doublePrecision().notNull().default(0),
    shape: locusShape().notNull().default("pedestal"),
    color: varchar({ length: 7 }).notNull(),
    routeOrder: integer().notNull(),
    ...timestamps,
    version,
  },
  (t) => [
    index().on(t.roomId),
    foreignKey({ columns: [t.conceptId, t.palaceId], foreignColumns: [concepts.id, concepts.palaceId] }).onDelete("cascade"),
    foreignKey({ columns: [t.roomId, t.palaceId], foreignColumns: [rooms.id, rooms.palaceId] }).onDelete("cascade"),
    uniqueIndex("loci_route_order_unique").on(t.palaceId, t.routeOrder),
    check("loci_color_hex", sql`${t.color} ~ '^#[0-9a-f]{6}$'`),
  ],
);

export const links = pgTable(
  "links",
  {
    id: uuid().primaryKey().defaultRandom(),
    palaceId: uuid()
      .notNull()
      .references(() => palaces.id, { onDelete: "cascade" }),
    fromConceptId: uuid().notNull(),
    toConceptId: uuid().notNull(),
    label: varchar({ length: 80 }).notNull().default(""),
    ...timestamps,
    version,
  },
  (t) => [
    index().on(t.palaceId),
    uniqueIndex("links_pair_unique").on(t.fromConceptId, t.toConceptId),
    index().on(t.toConceptId),
    foreignKey({ columns: [t.fromConceptId, t.palaceId], foreignColumns: [concepts.id, concepts.palaceId] }).onDelete("cascade"),
    foreignKey({ columns: [t.toConceptId, t.palaceId], foreignColumns: [concepts.id, concepts.palaceId] }).onDelete("cascade"),
    check("links_not_self", sql`${t.fromConceptId} <> ${t.toConceptId}`),
  ],
);
