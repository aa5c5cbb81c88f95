// Turns events of a palace's log into live changes that carry their rows: the rows of a whole
// batch are read together (one statement per table touched), and the route order rides along
// when the batch may have renumbered it. Used by the per-instance hub and by a resuming reader.
import "server-only";
import { and, asc, eq, gt, lte } from "drizzle-orm";
import type { Db } from "../db/client";
import { palaceEventHeads, palaceEvents } from "../db/schema";
import type { TPalaceRole } from "../domain/palace/palace.schema";
import type { TPalaceEvent } from "./events";
import { loadReaders, loadRoute, loadRows, type PalaceFields, type RowRequest } from "./live.rows";
import type { TLiveChange } from "./live.schema";

/**
 * A change as every reader of the palace gets it, except the reader's own access, which is
 * added per reader for palace and member changes.
 */
export type SharedChange = Omit<TLiveChange, "row" | "access" | "entity"> & {
  entity: TLiveChange["entity"];
  row: TLiveChange["row"] | PalaceFields;
};

export interface Readers {
  visibility: string;
  roles: Map<string, TPalaceRole>;
}

export interface ChangeBatch {
  changes: SharedChange[];
  /** The route as sent (or as last known when unchanged), for the next batch to compare. */
  route: string[] | null;
  /** Set when the batch changed membership or visibility: who may still read. */
  readers: Readers | null;
}

/** Writes that may renumber the route: placing, removing or moving a stop, deleting what held stops. */
function mayRenumber(e: Pick<TPalaceEvent, "entity" | "action">): boolean {
  if (e.entity === "locus") return true;
  if (e.action === "deleted") return e.entity === "concept" || e.entity === "room";
  return e.entity === "palace" && e.action === "moved";
}

function rowsWanted(events: TPalaceEvent[]): RowRequest {
  const want: RowRequest = { palace: false, room: [], door: [], concept: [], locus: [], link: [] };
  for (const e of events) {
    if (e.entity === "palace") want.palace = true;
    else if (e.entity !== "member" && e.entity !== "invite" && e.action !== "deleted") want[e.entity].push(e.entityId);
  }
  for (const key of ["room", "door", "concept", "locus", "link"] as const) want[key] = [...new Set(want[key])];
  return want;
}

const sameRoute = (a: string[] | null, b: string[]) => a !== null && a.length === b.length && a.every((id, i) => id === b[i]);

/**
 * `knownRoute` is the route the readers already hold (null: unknown, so it is sent whenever the
 * batch may have changed it). `readerIds` are re-checked when the batch touches access.
 */
export async function changesFor(
  db: Db,
  palaceId: string,
  events: TPalaceEvent[],
  knownRoute: string[] | null,
  readerIds: string[],
): Promise<ChangeBatch> {
  const touchesAccess = events.some((e) => e.entity === "member" || e.entity === "palace");
  const renumbers = events.some(mayRenumber);
  const [rows, route, readers] = await Promise.all([
    loadRows(db, palaceId, rowsWanted(events)),
    renumbers ? loadRoute(db, palaceId) : null,
    touchesAccess ? loadReaders(db, palaceId, readerIds) : null,
  ]);
  const changes: SharedChange[] = events.map((e) => {
    let row: SharedChange["row"] = null;
    if (e.entity === "palace") row = rows.palace;
    else if (e.entity !== "member" && e.entity !== "invite" && e.action !== "deleted") row = rows[e.entity].get(e.entityId) ?? null;
    return { type: "change", seq: e.seq, at: e.at, actorId: e.actorId, action: e.action, entity: e.entity, entityId: e.entityId, version: e.version, row };
  });
  if (route && !sameRoute(knownRoute, route)) {
    const last = changes.findLast(mayRenumber);
    if (last) last.route = route;
  }
  return { changes, route: route ?? knownRoute, readers: readers ?? (touchesAccess ? { visibility: "gone", roles: new Map() } : null) };
}

/** The palace's event head: the number of the last committed event. */
export async function readHead(db: Db, palaceId: string): Promise<number> {
  const [head] = await db.select({ seq: palaceEventHeads.seq }).from(palaceEventHeads).where(eq(palaceEventHeads.palaceId, palaceId));
  return head?.seq ?? 0;
}

/** Events after `after` up to `upTo` from the log, oldest first. */
export async function readLog(db: Db, palaceId: string, after: number, upTo: number): Promise<TPalaceEvent[]> {
  const rows = await db
    .select()
    .from(palaceEvents)
    .where(and(eq(palaceEvents.palaceId, palaceId), gt(palaceEvents.seq, after), lte(palaceEvents.seq, upTo)))
    .orderBy(asc(palaceEvents.seq));
  return rows.map((row) => ({
    palaceId: row.palaceId,
    seq: row.seq,
    action: row.action,
    entity: row.entity,
    entityId: row.entityId,
    version: row.version,
    actorId: row.actorId,
    at: row.createdAt.getTime(),
  }));
}
