// Pure helpers of the live contract: the snapshot's wire form (tables of values, references by
// row index) both ways, and the first part of a progressive load (a room and its neighbours).
import {
  CONCEPT_COLUMNS,
  DOOR_COLUMNS,
  LINK_COLUMNS,
  LOCUS_COLUMNS,
  ROOM_COLUMNS,
  type TPalaceSnapshot,
  type TSnapshotWire,
} from "./live.schema";

function indexOf(rows: readonly { id: string }[]): Map<string, number> {
  return new Map(rows.map((row, i) => [row.id, i]));
}

function refTo(index: Map<string, number>, id: string, what: string): number {
  const at = index.get(id);
  if (at === undefined) throw new Error(`The snapshot refers to a ${what} it does not hold (${id}).`);
  return at;
}

/**
 * Every reference must point at a row of the same snapshot: `focusSnapshot` drops the doors,
 * loci and links that reach outside its part for exactly this reason.
 */
export function encodeSnapshot(s: TPalaceSnapshot): TSnapshotWire {
  const rooms = indexOf(s.rooms);
  const concepts = indexOf(s.concepts);
  return {
    format: 1,
    seq: s.seq,
    complete: s.complete,
    palace: s.palace,
    rooms: { columns: [...ROOM_COLUMNS], rows: s.rooms.map((r) => [r.id, r.name, r.gridX, r.gridZ, r.width, r.depth, r.height, r.theme, r.version]) },
    doors: {
      columns: [...DOOR_COLUMNS],
      rows: s.doors.map((d) => [d.id, refTo(rooms, d.roomAId, "room"), refTo(rooms, d.roomBId, "room"), d.position, d.width]),
    },
    concepts: {
      columns: [...CONCEPT_COLUMNS],
      rows: s.concepts.map((c) => [c.id, c.title, c.kind, c.tags, c.sourceUrl, c.version, c.notesExcerpt, c.notesLength, c.picture]),
    },
    loci: {
      columns: [...LOCUS_COLUMNS],
      rows: s.loci.map((l) => [
        l.id,
        refTo(concepts, l.conceptId, "concept"),
        refTo(rooms, l.roomId, "room"),
        l.x,
        l.y,
        l.z,
        l.rotationY,
        l.shape,
        l.color,
        l.routeOrder,
        l.version,
      ]),
    },
    links: {
      columns: [...LINK_COLUMNS],
      rows: s.links.map((l) => [l.id, refTo(concepts, l.fromConceptId, "concept"), refTo(concepts, l.toConceptId, "concept"), l.label, l.version]),
    },
  };
}

function idAt(rows: readonly [string, ...unknown[]][], at: number, what: string): string {
  const row = rows[at];
  if (!row) throw new Error(`The snapshot refers to ${what} number ${at}, which it does not hold.`);
  return row[0];
}

/** The wire form (already checked with ZSnapshotWire) back into rows with string ids. */
export function decodeSnapshot(w: TSnapshotWire): TPalaceSnapshot {
  const rooms = w.rooms.rows;
  const concepts = w.concepts.rows;
  return {
    seq: w.seq,
    complete: w.complete,
    palace: w.palace,
    rooms: rooms.map(([id, name, gridX, gridZ, width, depth, height, theme, version]) => ({ id, name, gridX, gridZ, width, depth, height, theme, version })),
    doors: w.doors.rows.map(([id, a, b, position, width]) => ({ id, roomAId: idAt(rooms, a, "room"), roomBId: idAt(rooms, b, "room"), position, width })),
    concepts: concepts.map(([id, title, kind, tags, sourceUrl, version, notesExcerpt, notesLength, picture]) => ({
      id,
      title,
      kind,
      tags,
      sourceUrl,
      version,
      notesExcerpt,
      notesLength,
      picture,
    })),
    loci: w.loci.rows.map(([id, concept, room, x, y, z, rotationY, shape, color, routeOrder, version]) => ({
      id,
      conceptId: idAt(concepts, concept, "concept"),
      roomId: idAt(rooms, room, "room"),
      x,
      y,
      z,
      rotationY,
      shape,
      color,
      routeOrder,
      version,
    })),
    links: w.links.rows.map(([id, from, to, label, version]) => ({
      id,
      fromConceptId: idAt(concepts, from, "concept"),
      toConceptId: idAt(concepts, to, "concept"),
      label,
      version,
    })),
  };
}

/**
 * The first part of a progressive load: the room someone enters, the rooms one door away, the
 * doors between them, the concepts placed there and the links among those. An unknown room
 * gives the whole palace.
 */
export function focusSnapshot(s: TPalaceSnapshot, roomId: string): TPalaceSnapshot {
  if (!s.rooms.some((r) => r.id === roomId)) return s;
  const near = new Set([roomId]);
  for (const d of s.doors) {
    if (d.roomAId === roomId) near.add(d.roomBId);
    if (d.roomBId === roomId) near.add(d.roomAId);
  }
  const loci = s.loci.filter((l) => near.has(l.roomId));
  const placed = new Set(loci.map((l) => l.conceptId));
  return {
    ...s,
    complete: false,
    rooms: s.rooms.filter((r) => near.has(r.id)),
    doors: s.doors.filter((d) => near.has(d.roomAId) && near.has(d.roomBId)),
    concepts: s.concepts.filter((c) => placed.has(c.id)),
    loci,
    links: s.links.filter((l) => placed.has(l.fromConceptId) && placed.has(l.toConceptId)),
  };
}
