// A whole palace as plain rows with ids already assigned: the unit that duplicate, the demo
// seed, templates and imports write in one transaction.
import { getTableColumns, getTableName, is, SQL, sql } from "drizzle-orm";
import { toSnakeCase } from "drizzle-orm/casing";
import type { PgTable } from "drizzle-orm/pg-core";
import { type Db, embeddedClientOf } from "../../db/client";
import { conceptPictures, concepts, doors, links, loci, palaceMembers, palaces, rooms } from "../../db/schema";
import type { TPalaceVisibility } from "./palace.schema";

export interface PalaceGraph {
  palace: { id: string; title: string; description: string; visibility: TPalaceVisibility };
  rooms: (typeof rooms.$inferInsert & { id: string })[];
  doors: (typeof doors.$inferInsert)[];
  concepts: (typeof concepts.$inferInsert & { id: string })[];
  loci: (typeof loci.$inferInsert)[];
  links: (typeof links.$inferInsert)[];
  /** Pictures of concepts in the graph, already decoded and checked. */
  pictures?: (typeof conceptPictures.$inferInsert)[];
}

/** A JavaScript array as PostgreSQL writes an array, to travel inside JSON as one string. */
function arrayLiteral(values: (string | number | null)[]): string {
  const item = (v: string | number | null) => (v === null ? "NULL" : `"${String(v).replace(/[\\"]/g, "\\$&")}"`);
  return `{${values.map(item).join(",")}}`;
}

/**
 * One field in COPY's text format: \N for null, backslash, tab and line breaks escaped. Arrays
 * go as PostgreSQL's array literal, objects as JSON, dates in ISO form.
 */
function copyField(v: unknown): string {
  if (v === null || v === undefined) return "\\N";
  let text: string;
  if (v instanceof Date) text = v.toISOString();
  else if (Array.isArray(v)) text = arrayLiteral(v as (string | number | null)[]);
  else if (typeof v === "string") text = v;
  else if (typeof v === "number" || typeof v === "boolean" || typeof v === "bigint") text = v.toString();
  else text = JSON.stringify(v);
  return text.replace(/[\\\t\n\r]/g, (ch) => COPY_ESCAPES[ch]!);
}
const COPY_ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

const isConstant = (rows: readonly Record<string, unknown>[], key: string) => {
  const first = rows[0]![key];
  return (first === null || typeof first !== "object") && rows.every((r) => r[key] === first);
};

/**
 * Inserts every row in one statement. The rows travel as one JSON parameter, an array per
 * row, which json_array_elements reads back with a cast per column; a column that holds one
 * value in every row (the palace id, a default) is sent once instead. So a palace of 50,000
 * concepts costs one round trip and one plan per table rather than a hundred statements with
 * 350,000 parameters, and on PGlite reading arrays costs a third of what json_to_recordset's
 * named fields do. A column no row sets is left to its default in the database; a row that
 * leaves out a column other rows set gets the column's default from the schema. On the embedded
 * database the same rows go in as one COPY instead.
 */
export async function insertRows(tx: Db, table: PgTable, rows: readonly Record<string, unknown>[]) {
  if (rows.length === 0) return;
  const columns = Object.entries(getTableColumns(table))
    .filter(([key, column]) => !column.generated && rows.some((r) => r[key] !== undefined))
    .map(([key, column]) => {
      if (rows.some((r) => r[key] === undefined) && (column.default === undefined || is(column.default, SQL))) {
        throw new Error(`Some ${getTableName(table)} rows leave out ${key}, whose default only the database knows.`);
      }
      const value = (row: Record<string, unknown>) => {
        const v = row[key] === undefined ? column.default : row[key];
        if (v instanceof Date) return v.toISOString();
        return Array.isArray(v) ? arrayLiteral(v as (string | number | null)[]) : v;
      };
      const name = column.keyAsName ? toSnakeCase(column.name) : column.name;
      // Cast to the type without its length: an explicit cast to varchar(n) would cut a long
      // value short in silence, while assigning it to the column refuses it.
      const type = sql.raw(column.getSQLType().replace(/\(\d+(,\s*\d+)?\)/, ""));
      return { name, type, value, constant: isConstant(rows, key) };
    });
  const embedded = embeddedClientOf(tx);
  if (embedded) {
    // The embedded database reads COPY's text format several times faster than JSON with a
    // cast per field: for 50,000 concepts, a third of the write.
    const lines = rows.map((row) => columns.map((c) => copyField(c.value(row))).join("\t"));
    const names = columns.map((c) => `"${c.name}"`).join(", ");
    await embedded.query(`copy "${getTableName(table)}" (${names}) from '/dev/blob'`, [], { blob: new Blob([`${lines.join("\n")}\n`]) });
    return;
  }
  const varying = columns.filter((c) => !c.constant);
  const json = JSON.stringify(rows.map((row) => varying.map((c) => c.value(row))));
  const values = columns.map((c) => (c.constant ? sql`${c.value(rows[0]!)}::${c.type}` : sql`(e->>${sql.raw(String(varying.indexOf(c)))})::${c.type}`));
  await tx.execute(
    sql`insert into ${table} (${sql.join(columns.map((c) => sql.identifier(c.name)), sql`, `)}) select ${sql.join(values, sql`, `)} from json_array_elements(${json}::json) as r(e)`,
  );
}

/**
 * Every row of the graph belongs to its palace and names only rooms and concepts of the graph:
 * the foreign keys' promise, checked whole in memory before anything is written.
 */
export function checkGraphReferences(graph: PalaceGraph) {
  const palaceId = graph.palace.id;
  const roomIds = new Set(graph.rooms.map((r) => r.id));
  const conceptIds = new Set(graph.concepts.map((c) => c.id));
  const fail = (what: string): never => {
    throw new Error(`The palace graph is inconsistent: ${what}.`);
  };
  for (const table of ["rooms", "doors", "concepts", "loci", "links", "pictures"] as const) {
    if ((graph[table] ?? []).some((row) => row.palaceId !== palaceId)) fail(`a row of ${table} belongs to another palace`);
  }
  if (graph.doors.some((d) => !roomIds.has(d.roomAId) || !roomIds.has(d.roomBId))) fail("a door joins a room outside the palace");
  if (graph.loci.some((l) => !conceptIds.has(l.conceptId) || !roomIds.has(l.roomId))) fail("a locus names a concept or room outside the palace");
  if (graph.links.some((l) => !conceptIds.has(l.fromConceptId) || !conceptIds.has(l.toConceptId))) fail("a link names a concept outside the palace");
  if ((graph.pictures ?? []).some((p) => !conceptIds.has(p.conceptId))) fail("a picture belongs to a concept outside the palace");
}

/**
 * Writes the graph for `ownerId`, who becomes its owner member. Call inside a transaction.
 *
 * The graph's references were checked whole above, so where the connection's role may (PGlite's
 * embedded superuser), this transaction skips the foreign-key triggers that would check them
 * again one row at a time: on PGlite they were half the cost of a 50,000-concept import.
 * Unique, not-null and check constraints still hold every row, and a row that breaks one rolls
 * the whole transaction back.
 */
export async function insertPalaceGraph(tx: Db, ownerId: string, graph: PalaceGraph) {
  checkGraphReferences(graph);
  // The palace and its owner go in with every check, since the owner comes from outside the graph.
  const [palace] = await tx
    .insert(palaces)
    .values({ ...graph.palace, ownerId })
    .returning();
  await tx.insert(palaceMembers).values({ palaceId: graph.palace.id, userId: ownerId, role: "owner" });
  // One statement a table: a 50,000-concept table may take longer than the 15 s every other
  // statement gets on a busy server, and refusing a big import for it would lose the person's work.
  await tx.execute(sql`select set_config('statement_timeout', '120s', true)`);
  await tx.execute(sql`select set_config('session_replication_role', 'replica', true) where current_setting('is_superuser') = 'on'`);
  await insertRows(tx, rooms, graph.rooms);
  await insertRows(tx, doors, graph.doors);
  await insertRows(tx, concepts, graph.concepts);
  await insertRows(tx, loci, graph.loci);
  await insertRows(tx, links, graph.links);
  // A picture can weigh a megabyte, so they go a few at a time, as bytes rather than JSON.
  const pictures = graph.pictures ?? [];
  for (let i = 0; i < pictures.length; i += 8) await tx.insert(conceptPictures).values(pictures.slice(i, i + 8));
  await tx.execute(sql`select set_config('session_replication_role', 'origin', true) where current_setting('is_superuser') = 'on'`);
  return palace!;
}

/** Gives every row of a loaded palace a new id, keeping references consistent. Ids are made here rather than by the database, which is slower at it. */
export function remapGraph(
  source: Omit<PalaceGraph, "palace">,
  palace: PalaceGraph["palace"],
  newId: () => string = () => crypto.randomUUID(),
): PalaceGraph {
  const ids = new Map<string, string>();
  const map = (id: string) => {
    let next = ids.get(id);
    if (!next) {
      next = newId();
      ids.set(id, next);
    }
    return next;
  };
  const palaceId = palace.id;
  const pair = (a: string, b: string) => {
    const [x, y] = [map(a), map(b)];
    return x < y ? { roomAId: x, roomBId: y } : { roomAId: y, roomBId: x };
  };
  return {
    palace,
    rooms: source.rooms.map((r) => ({ ...r, id: map(r.id), palaceId, version: 1, createdAt: undefined, updatedAt: undefined })),
    doors: source.doors.map((d) => ({ ...d, id: newId(), palaceId, ...pair(d.roomAId, d.roomBId), createdAt: undefined })),
    concepts: source.concepts.map((c) => ({ ...c, id: map(c.id), palaceId, version: 1, createdAt: undefined, updatedAt: undefined })),
    loci: source.loci.map((l) => ({
      ...l,
      id: newId(),
      palaceId,
      conceptId: map(l.conceptId),
      roomId: map(l.roomId),
      version: 1,
      createdAt: undefined,
      updatedAt: undefined,
    })),
    links: source.links.map((l) => ({
      ...l,
      id: newId(),
      palaceId,
      fromConceptId: map(l.fromConceptId),
      toConceptId: map(l.toConceptId),
      version: 1,
      createdAt: undefined,
      updatedAt: undefined,
    })),
    pictures: (source.pictures ?? []).map((p) => ({ ...p, palaceId, conceptId: map(p.conceptId), createdAt: undefined })),
  };
}
