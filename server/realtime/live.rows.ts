// Reads palace rows in the live contract's shapes: the whole palace for a snapshot (one
// statement), and the rows a batch of events touched (one statement per table touched).
import "server-only";
import { and, asc, eq, inArray, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { conceptPictures, concepts, doors, links, loci, palaceEventHeads, palaceMembers, palaces, rooms, users } from "../db/schema";
import { type Actor, mayRead } from "../domain/access";
import type { TPalaceRole } from "../domain/palace/palace.schema";
import {
  LIVE_EXCERPT_LENGTH,
  type TLiveAccess,
  type TLiveConcept,
  type TLiveDoor,
  type TLiveLink,
  type TLiveLocus,
  type TLivePalace,
  type TLiveRoom,
  type TPalaceSnapshot,
} from "./live.schema";

export type PalaceFields = Omit<TLivePalace, "access">;

/** Who may read: members, and anyone when the palace is public (as access.ts decides). */
export function accessOf(visibility: string, role: TPalaceRole | null): TLiveAccess | null {
  if (!mayRead(visibility, role)) return null;
  return { role, canEdit: role === "owner" || role === "editor" };
}

const roomColumns = {
  id: rooms.id,
  name: rooms.name,
  gridX: rooms.gridX,
  gridZ: rooms.gridZ,
  width: rooms.width,
  depth: rooms.depth,
  height: rooms.height,
  theme: rooms.theme,
  version: rooms.version,
};
const doorColumns = { id: doors.id, roomAId: doors.roomAId, roomBId: doors.roomBId, position: doors.position, width: doors.width };
const conceptColumns = {
  id: concepts.id,
  title: concepts.title,
  kind: concepts.kind,
  tags: concepts.tags,
  sourceUrl: concepts.sourceUrl,
  version: concepts.version,
  notesExcerpt: sql<string>`left(${concepts.notes}, ${sql.raw(String(LIVE_EXCERPT_LENGTH))})`,
  notesLength: sql<number>`length(${concepts.notes})::int`,
  pictureHash: conceptPictures.hash,
  pictureWidth: conceptPictures.width,
  pictureHeight: conceptPictures.height,
  thumbWidth: conceptPictures.thumbWidth,
  thumbHeight: conceptPictures.thumbHeight,
};
const locusColumns = {
  id: loci.id,
  conceptId: loci.conceptId,
  roomId: loci.roomId,
  x: loci.x,
  y: loci.y,
  z: loci.z,
  rotationY: loci.rotationY,
  shape: loci.shape,
  color: loci.color,
  routeOrder: loci.routeOrder,
  version: loci.version,
};
const linkColumns = { id: links.id, fromConceptId: links.fromConceptId, toConceptId: links.toConceptId, label: links.label, version: links.version };
const palaceColumns = {
  id: palaces.id,
  ownerId: palaces.ownerId,
  ownerName: users.name,
  title: palaces.title,
  description: palaces.description,
  visibility: palaces.visibility,
  version: palaces.version,
};

interface ConceptRow extends Omit<TLiveConcept, "picture"> {
  pictureHash: string | null;
  pictureWidth: number | null;
  pictureHeight: number | null;
  thumbWidth: number | null;
  thumbHeight: number | null;
}

function toLiveConcept(c: ConceptRow): TLiveConcept {
  return {
    id: c.id,
    title: c.title,
    kind: c.kind,
    tags: c.tags,
    sourceUrl: c.sourceUrl,
    version: c.version,
    notesExcerpt: c.notesExcerpt,
    notesLength: Number(c.notesLength),
    picture:
      c.pictureHash === null
        ? null
        : { hash: c.pictureHash, width: c.pictureWidth!, height: c.pictureHeight!, thumbWidth: c.thumbWidth!, thumbHeight: c.thumbHeight! },
  };
}

function accessAndHeadStatement(db: Db) {
  return db
    .select({ visibility: palaces.visibility, role: palaceMembers.role, seq: sql<number>`coalesce(${palaceEventHeads.seq}, 0)::float8` })
    .from(palaces)
    .leftJoin(palaceMembers, and(eq(palaceMembers.palaceId, palaces.id), eq(palaceMembers.userId, sql.placeholder("userId"))))
    .leftJoin(palaceEventHeads, eq(palaceEventHeads.palaceId, palaces.id))
    .where(eq(palaces.id, sql.placeholder("palaceId")))
    .limit(1)
    .prepare("live_access_and_head");
}

const accessStatements = new WeakMap<Db, ReturnType<typeof accessAndHeadStatement>>();

/**
 * The reader's access and the palace's event head in one statement: the head is read before
 * the rows, so a snapshot holds at least everything up to it. Prepared once per database, so a
 * reader of an unchanged palace costs the statement's round trip and no query building; who
 * may read is decided by `mayRead`, the rule `readablePalace` writes in SQL.
 */
export async function accessAndHead(db: Db, palaceId: string, actor: Actor): Promise<{ access: TLiveAccess & { canRead: boolean }; seq: number } | null> {
  let statement = accessStatements.get(db);
  if (!statement) accessStatements.set(db, (statement = accessAndHeadStatement(db)));
  const [row] = await statement.execute({ palaceId, userId: actor.userId });
  if (!row) return null;
  const role = row.role ?? null;
  return { access: { role, canRead: mayRead(row.visibility, role), canEdit: role === "owner" || role === "editor" }, seq: Number(row.seq) };
}

type Columns = Record<string, SQLWrapper>;

/** json_build_object over named columns: the keys are the contract's, not the table's. */
function objectOf(columns: Columns) {
  return sql.join(
    [sql`json_build_object(`, sql.join(Object.entries(columns).map(([key, column]) => sql`${sql.raw(`'${key}'`)}, ${column}`), sql`, `), sql`)`],
    sql``,
  );
}

/** One table's rows of the palace as a JSON array, ordered, inside the snapshot statement. */
function arrayOf(columns: Columns, from: SQL, order: SQL) {
  return sql`(select coalesce(json_agg(${objectOf(columns)} order by ${order}), '[]'::json) from ${from})`;
}

type PalaceBody = Omit<TPalaceSnapshot, "seq" | "complete" | "palace"> & { palace: PalaceFields };

/**
 * The palace for any reader (access is added per reader), in one statement: whole, or only
 * `focusRoomId` and the rooms its doors open into, with their concepts and the links between
 * them (the rows focusSnapshot keeps, read without reading the rest). A focus room that is not
 * in the palace reads no rooms.
 */
export async function loadPalaceBody(db: Db, palaceId: string, focusRoomId?: string): Promise<PalaceBody | null> {
  const near = focusRoomId
    ? sql`(select ${focusRoomId}::uuid union select ${doors.roomBId} from ${doors} where ${doors.palaceId} = ${palaceId} and ${doors.roomAId} = ${focusRoomId} union select ${doors.roomAId} from ${doors} where ${doors.palaceId} = ${palaceId} and ${doors.roomBId} = ${focusRoomId})`
    : null;
  const placed = near ? sql`(select ${loci.conceptId} from ${loci} where ${loci.palaceId} = ${palaceId} and ${loci.roomId} in ${near})` : null;
  const only = (condition: SQL | null) => (condition ? sql` and ${condition}` : sql``);
  const [row] = await db
    .select({
      palace: sql<PalaceFields>`${objectOf(palaceColumns)}`,
      rooms: sql<TLiveRoom[]>`${arrayOf(roomColumns, sql`${rooms} where ${rooms.palaceId} = ${palaceId}${only(near && sql`${rooms.id} in ${near}`)}`, sql`${rooms.gridZ}, ${rooms.gridX}`)}`,
      doors: sql<TLiveDoor[]>`${arrayOf(
        doorColumns,
        sql`${doors} where ${doors.palaceId} = ${palaceId}${only(near && sql`${doors.roomAId} in ${near} and ${doors.roomBId} in ${near}`)}`,
        sql`${doors.id}`,
      )}`,
      concepts: sql<ConceptRow[]>`${arrayOf(
        conceptColumns,
        sql`${concepts} left join ${conceptPictures} on ${conceptPictures.conceptId} = ${concepts.id} where ${concepts.palaceId} = ${palaceId}${only(placed && sql`${concepts.id} in ${placed}`)}`,
        sql`${concepts.createdAt}, ${concepts.id}`,
      )}`,
      loci: sql<TLiveLocus[]>`${arrayOf(locusColumns, sql`${loci} where ${loci.palaceId} = ${palaceId}${only(near && sql`${loci.roomId} in ${near}`)}`, sql`${loci.routeOrder}`)}`,
      links: sql<TLiveLink[]>`${arrayOf(
        linkColumns,
        sql`${links} where ${links.palaceId} = ${palaceId}${only(placed && sql`${links.fromConceptId} in ${placed} and ${links.toConceptId} in ${placed}`)}`,
        sql`${links.createdAt}, ${links.id}`,
      )}`,
    })
    .from(palaces)
    .innerJoin(users, eq(users.id, palaces.ownerId))
    .where(eq(palaces.id, palaceId));
  if (!row) return null;
  return { ...row, concepts: row.concepts.map(toLiveConcept) };
}

export interface RowRequest {
  palace: boolean;
  room: string[];
  door: string[];
  concept: string[];
  locus: string[];
  link: string[];
}

export interface LoadedRows {
  palace: PalaceFields | null;
  room: Map<string, TLiveRoom>;
  door: Map<string, TLiveDoor>;
  concept: Map<string, TLiveConcept>;
  locus: Map<string, TLiveLocus>;
  link: Map<string, TLiveLink>;
}

const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));

/** The current rows for a batch of events: one statement per table touched, run together. */
export async function loadRows(db: Db, palaceId: string, want: RowRequest): Promise<LoadedRows> {
  const none = Promise.resolve([]);
  const [palace, room, door, concept, locus, link] = await Promise.all([
    want.palace
      ? db.select(palaceColumns).from(palaces).innerJoin(users, eq(users.id, palaces.ownerId)).where(eq(palaces.id, palaceId))
      : none,
    want.room.length ? db.select(roomColumns).from(rooms).where(and(eq(rooms.palaceId, palaceId), inArray(rooms.id, want.room))) : none,
    want.door.length ? db.select(doorColumns).from(doors).where(and(eq(doors.palaceId, palaceId), inArray(doors.id, want.door))) : none,
    want.concept.length
      ? db
          .select(conceptColumns)
          .from(concepts)
          .leftJoin(conceptPictures, eq(conceptPictures.conceptId, concepts.id))
          .where(and(eq(concepts.palaceId, palaceId), inArray(concepts.id, want.concept)))
      : none,
    want.locus.length ? db.select(locusColumns).from(loci).where(and(eq(loci.palaceId, palaceId), inArray(loci.id, want.locus))) : none,
    want.link.length ? db.select(linkColumns).from(links).where(and(eq(links.palaceId, palaceId), inArray(links.id, want.link))) : none,
  ]);
  return {
    palace: (palace as PalaceFields[])[0] ?? null,
    room: byId(room as TLiveRoom[]),
    door: byId(door as TLiveDoor[]),
    concept: byId((concept as ConceptRow[]).map(toLiveConcept)),
    locus: byId(locus as TLiveLocus[]),
    link: byId(link as TLiveLink[]),
  };
}

/** The palace's locus ids in route order. */
export async function loadRoute(db: Db, palaceId: string): Promise<string[]> {
  const rows = await db.select({ id: loci.id }).from(loci).where(eq(loci.palaceId, palaceId)).orderBy(asc(loci.routeOrder));
  return rows.map((r) => r.id);
}

/** The palace's visibility and the roles of the given people, for re-checking many readers at once. */
export async function loadReaders(db: Db, palaceId: string, userIds: string[]): Promise<{ visibility: string; roles: Map<string, TPalaceRole> } | null> {
  const [palace] = await db.select({ visibility: palaces.visibility }).from(palaces).where(eq(palaces.id, palaceId));
  if (!palace) return null;
  const members = userIds.length
    ? await db
        .select({ userId: palaceMembers.userId, role: palaceMembers.role })
        .from(palaceMembers)
        .where(and(eq(palaceMembers.palaceId, palaceId), inArray(palaceMembers.userId, userIds)))
    : [];
  return { visibility: palace.visibility, roles: new Map(members.map((m) => [m.userId, m.role])) };
}
