// The open palace as plain data: rows by id, loaded from a snapshot and moved forward one change
// at a time, with the person's own unconfirmed edits laid on top. Pure functions only, so the
// same code runs in the page, in unit tests and in the Node benchmark.

/** The kinds of row a palace is made of, as the live stream names them. */
export const LIVE_ENTITIES = ["room", "door", "concept", "locus", "link"] as const;
export type LiveEntity = (typeof LIVE_ENTITIES)[number];

export interface LiveRow {
  id: string;
  version?: number;
  [field: string]: unknown;
}
type Row = LiveRow;

/** The rows of each kind, keyed by id, in the order they arrived. */
export type LiveTables<R extends LiveRowTypes = LiveRowTypes> = { [E in LiveEntity]: Record<string, R[E]> };

/** Row shapes per entity; the store is generic so the wire schema can change without this file. */
export type LiveRowTypes = { [E in LiveEntity]: Row } & { palace: Row };

export interface LiveSnapshot<R extends LiveRowTypes = LiveRowTypes> {
  seq: number;
  palace: R["palace"];
  rooms: R["room"][];
  doors: R["door"][];
  concepts: R["concept"][];
  loci: R["locus"][];
  links: R["link"][];
  /** False when only the rooms around where you enter came: the rest follows. */
  complete: boolean;
}

export interface LiveChange {
  seq: number;
  action: "added" | "changed" | "moved" | "deleted";
  entity: string;
  entityId: string;
  version: number | null;
  actorId: string | null;
  /** Commit time in ms, when the server says. */
  at?: number;
  /** The row as it is after the change, or null when it was deleted (or is not a palace row). */
  row: Row | null;
  /** Every locus id in route order, when the change renumbered the route. */
  route?: string[];
  /** The reader's own access after a change of membership. */
  access?: unknown;
}

/** An edit of my own, shown before the server confirms it. */
export interface Pending {
  token: number;
  entity: LiveEntity | "palace";
  id: string;
  /** The row to show, or null for a delete. */
  row: Row | null;
  /** The version the server gave it; until then null. The echo with this version retires it. */
  confirmedVersion: number | null;
}

export interface LiveData<R extends LiveRowTypes = LiveRowTypes> {
  seq: number;
  complete: boolean;
  /** What the server has said, change by change. */
  base: { palace: R["palace"] } & LiveTables<R>;
  pending: Pending[];
  /** `base` with `pending` laid over it: what every view shows. */
  view: { palace: R["palace"] } & LiveTables<R>;
}

/** Why the data cannot move forward without a fresh snapshot. */
export type Resync = { resync: string };

function isLiveEntity(entity: string): entity is LiveEntity {
  return (LIVE_ENTITIES as readonly string[]).includes(entity);
}

function byId<T extends Row>(rows: T[]): Record<string, T> {
  const out: Record<string, T> = {};
  for (const row of rows) out[row.id] = row;
  return out;
}

export function fromSnapshot<R extends LiveRowTypes>(snapshot: LiveSnapshot<R>): LiveData<R> {
  const base = {
    palace: snapshot.palace,
    room: byId(snapshot.rooms),
    door: byId(snapshot.doors),
    concept: byId(snapshot.concepts),
    locus: byId(snapshot.loci),
    link: byId(snapshot.links),
  } as LiveData<R>["base"];
  return { seq: snapshot.seq, complete: snapshot.complete, base, pending: [], view: base };
}

/**
 * A fresh snapshot replaces what the server said; my edits still waiting for an answer stay on
 * top, while those the snapshot already contains (its row is at their version or later) retire.
 */
export function rebase<R extends LiveRowTypes>(data: LiveData<R> | null, snapshot: LiveSnapshot<R>): LiveData<R> {
  const next = fromSnapshot(snapshot);
  if (!data) return next;
  const pending = data.pending.filter((p) => !settledBy(p, rowOf(next.base, p.entity, p.id)));
  return withView({ ...next, pending });
}

function rowOf<R extends LiveRowTypes>(tables: LiveData<R>["base"], entity: LiveEntity | "palace", id: string): Row | undefined {
  if (entity === "palace") return tables.palace.id === id ? tables.palace : undefined;
  return tables[entity][id];
}

/** A confirmed edit is settled once the server's row has reached its version (or is gone). */
function settledBy(p: Pending, row: Row | undefined): boolean {
  if (p.confirmedVersion === null) return false;
  if (p.row === null) return row === undefined;
  return row !== undefined && (row.version ?? 0) >= p.confirmedVersion;
}

/** Rows that cannot stand without another row: removing the owner removes them too. */
function cascade<R extends LiveRowTypes>(tables: LiveData<R>["base"], entity: LiveEntity, id: string): LiveData<R>["base"] {
  const drop = <E extends LiveEntity>(kind: E, gone: (row: R[E]) => boolean) => {
    const rows = tables[kind];
    if (!Object.values(rows).some(gone)) return;
    tables = { ...tables, [kind]: Object.fromEntries((Object.entries(rows) as [string, R[E]][]).filter(([, r]) => !gone(r))) as (typeof tables)[typeof kind] };
  };
  const field = (row: Row, key: string) => row[key];
  if (entity === "room") {
    drop("door", (d) => field(d, "roomAId") === id || field(d, "roomBId") === id);
    drop("locus", (l) => field(l, "roomId") === id);
  }
  if (entity === "concept") {
    drop("locus", (l) => field(l, "conceptId") === id);
    drop("link", (l) => field(l, "fromConceptId") === id || field(l, "toConceptId") === id);
  }
  return tables;
}

function put<R extends LiveRowTypes>(tables: LiveData<R>["base"], entity: LiveEntity | "palace", id: string, row: Row | null): LiveData<R>["base"] {
  if (entity === "palace") {
    // Access is the viewer's own and never travels in a change: keep what the snapshot said.
    return row ? { ...tables, palace: { ...tables.palace, ...row } } : tables;
  }
  const rows = tables[entity];
  if (row === null) {
    if (!(id in rows)) return tables;
    const { [id]: _gone, ...rest } = rows;
    return cascade({ ...tables, [entity]: rest }, entity, id);
  }
  return { ...tables, [entity]: { ...rows, [id]: row } };
}

/**
 * A field no two rows of a kind share: a concept is placed once. A new row of mine still waiting
 * for its answer has no server id yet, so when the stream's echo comes first it is known by this.
 */
const UNIQUE_FIELD: Partial<Record<LiveEntity, string>> = { locus: "conceptId" };

/** My new row the server's own copy already shows (the echo came before the answer). */
function echoedNew<R extends LiveRowTypes>(shown: LiveData<R>["base"], p: Pending): boolean {
  if (p.entity === "palace" || p.confirmedVersion !== null || p.row === null) return false;
  const rows: Record<string, Row> = shown[p.entity];
  const field = UNIQUE_FIELD[p.entity];
  if (!field || p.id in rows) return false;
  const value = p.row[field];
  return Object.values(rows).some((row) => row[field] === value);
}

function withView<R extends LiveRowTypes>(data: LiveData<R>): LiveData<R> {
  let view = data.base;
  for (const p of data.pending) {
    // Checked against what shows so far, so an unplace of mine still pending is taken into account.
    if (!echoedNew(view, p)) view = put(view, p.entity, p.id, p.row);
  }
  return { ...data, view };
}

/**
 * Moves the data forward by one change from the stream. Rows are read after their event
 * committed, so a change may bring a row the snapshot already had, or an older read than one
 * applied before: the newer version stays. Answers the data unchanged for a change already
 * seen, and a resync when it cannot be applied faithfully: a gap in the numbers, a change to a
 * row it does not know, or an event version past the next one (an edit it never heard of).
 */
export function applyChange<R extends LiveRowTypes>(data: LiveData<R>, change: LiveChange): LiveData<R> | Resync {
  if (change.seq <= data.seq) return data;
  if (change.seq !== data.seq + 1) return { resync: `missed changes ${data.seq + 1}–${change.seq - 1}` };
  let base = data.base;
  if (change.access) base = { ...base, palace: { ...base.palace, access: change.access } };
  if (change.entity === "palace" || isLiveEntity(change.entity)) {
    const entity = change.entity;
    const known = rowOf(base, entity, change.entityId);
    if (change.action === "deleted" || change.row === null) {
      if (change.action !== "deleted") return { resync: `${change.entity} ${change.entityId} came without its row` };
      // A room or concept takes its doors, loci and links with it; their own deletes come first.
      base = put(base, entity, change.entityId, null);
    } else if (!known && change.action !== "added" && data.complete) {
      return { resync: `${change.entity} ${change.entityId} is not known here` };
    } else if (known && change.version !== null && known.version !== undefined && change.version > known.version + 1) {
      return { resync: `${change.entity} ${change.entityId} went from version ${known.version} to ${change.version}` };
    } else if (known || change.action === "added") {
      const newer = !known || known.version === undefined || (change.row.version ?? 0) > known.version;
      if (newer) base = put(base, entity, change.entityId, change.row);
    }
  }
  // Part of the palace not loaded yet is left to the full snapshot.
  if (change.route) base = renumber(base, change.route);
  return retire({ ...data, seq: change.seq, base }, change);
}

/** The route after a change, as locus ids in order: each locus takes its place as routeOrder. */
function renumber<R extends LiveRowTypes>(tables: LiveData<R>["base"], route: string[]): LiveData<R>["base"] {
  let loci: Record<string, R["locus"]> | null = null;
  route.forEach((id, i) => {
    const locus = tables.locus[id];
    if (!locus || locus.routeOrder === i + 1) return;
    loci ??= { ...tables.locus };
    loci[id] = { ...locus, routeOrder: i + 1 };
  });
  return loci ? { ...tables, locus: loci } : tables;
}

/** My edits this change settles leave the overlay; the view is rebuilt once. */
function retire<R extends LiveRowTypes>(data: LiveData<R>, change: LiveChange): LiveData<R> {
  if (data.pending.length === 0 || (change.entity !== "palace" && !isLiveEntity(change.entity))) return withView(data);
  const entity = change.entity;
  const row = rowOf(data.base, entity, change.entityId);
  const pending = data.pending.filter((p) => !(p.entity === entity && p.id === change.entityId && echoes(p, change, row)));
  return withView({ ...data, pending });
}

function echoes(p: Pending, change: LiveChange, row: Row | undefined): boolean {
  if (p.confirmedVersion !== null) return settledBy(p, row);
  // Not answered yet: an echo of a delete settles a delete; anything else waits for the answer.
  return p.row === null && change.action === "deleted";
}

/** Shows my edit at once. */
export function addPending<R extends LiveRowTypes>(data: LiveData<R>, pending: Omit<Pending, "confirmedVersion">): LiveData<R> {
  return withView({ ...data, pending: [...data.pending, { ...pending, confirmedVersion: null }] });
}

/**
 * The server accepted my edit: keep showing it until the stream's echo (or a snapshot) carries
 * that version, so the view never steps back to the old row in between. A row in the answer
 * replaces the guess.
 */
export function confirmPending<R extends LiveRowTypes>(data: LiveData<R>, token: number, version: number | null, row?: Row | null): LiveData<R> {
  const pending = data.pending.flatMap((p) => {
    if (p.token !== token) return [p];
    const shown = row === undefined ? p.row : row;
    // A new row gets its id from the server: the guess is kept under the real id from now on.
    const confirmed = { ...p, id: shown?.id ?? p.id, row: shown, confirmedVersion: version ?? shown?.version ?? 0 };
    return settledBy(confirmed, rowOf(data.base, p.entity, confirmed.id)) ? [] : [confirmed];
  });
  return withView({ ...data, pending });
}

/** The server refused my edit: the view goes back to what the server says. */
export function dropPending<R extends LiveRowTypes>(data: LiveData<R>, token: number): LiveData<R> {
  const pending = data.pending.filter((p) => p.token !== token);
  return pending.length === data.pending.length ? data : withView({ ...data, pending });
}
