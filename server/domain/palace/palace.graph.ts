// A whole palace as plain rows with ids already assigned: the unit that duplicate, the demo
// seed and (later) imports write in one transaction.
import type { Db } from "../../db/client";
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

const CHUNK = 500;

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

/** Writes the graph for `ownerId`, who becomes its owner member. Call inside a transaction. */
export async function insertPalaceGraph(tx: Db, ownerId: string, graph: PalaceGraph) {
  const [palace] = await tx
    .insert(palaces)
    .values({ ...graph.palace, ownerId })
    .returning();
  await tx.insert(palaceMembers).values({ palaceId: graph.palace.id, userId: ownerId, role: "owner" });
  await insertChunked(graph.rooms, (c) => tx.insert(rooms).values(c));
  await insertChunked(graph.doors, (c) => tx.insert(doors).values(c));
  await insertChunked(graph.concepts, (c) => tx.insert(concepts).values(c));
  await insertChunked(graph.loci, (c) => tx.insert(loci).values(c));
  await insertChunked(graph.links, (c) => tx.insert(links).values(c));
  // A picture can weigh a megabyte, so they go a few at a time rather than 500 to a statement.
  const pictures = graph.pictures ?? [];
  for (let i = 0; i < pictures.length; i += 8) await tx.insert(conceptPictures).values(pictures.slice(i, i + 8));
  return palace!;
}

/** Gives every row of a loaded palace a new id, keeping references consistent. */
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
    doors: source.doors.map((d) => ({ ...d, id: undefined, palaceId, ...pair(d.roomAId, d.roomBId), createdAt: undefined })),
    concepts: source.concepts.map((c) => ({ ...c, id: map(c.id), palaceId, version: 1, createdAt: undefined, updatedAt: undefined })),
    loci: source.loci.map((l) => ({
      ...l,
      id: undefined,
      palaceId,
      conceptId: map(l.conceptId),
      roomId: map(l.roomId),
      version: 1,
      createdAt: undefined,
      updatedAt: undefined,
    })),
    links: source.links.map((l) => ({
      ...l,
      id: undefined,
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
