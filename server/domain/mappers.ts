// Row-to-DTO mappers: services return these plain objects, never raw rows.
import type { concepts, doors, links, loci, rooms } from "../db/schema";
import type { TConcept } from "./concept/concept.schema";
import type { TDoor } from "./door/door.schema";
import type { TLink } from "./link/link.schema";
import type { TLocus } from "./locus/locus.schema";
import type { TRoom } from "./room/room.schema";

export const toRoom = (r: typeof rooms.$inferSelect): TRoom => ({
  id: r.id,
  palaceId: r.palaceId,
  name: r.name,
  gridX: r.gridX,
  gridZ: r.gridZ,
  width: r.width,
  depth: r.depth,
  height: r.height,
  theme: r.theme,
  version: r.version,
});

export const toDoor = (d: typeof doors.$inferSelect): TDoor => ({
  id: d.id,
  palaceId: d.palaceId,
  roomAId: d.roomAId,
  roomBId: d.roomBId,
  position: d.position,
  width: d.width,
});

export const toConcept = (c: Omit<typeof concepts.$inferSelect, "searchVector">): TConcept => ({
  id: c.id,
  palaceId: c.palaceId,
  title: c.title,
  notes: c.notes,
  kind: c.kind,
  tags: c.tags,
  sourceUrl: c.sourceUrl,
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
  version: c.version,
});

export const toLocus = (l: typeof loci.$inferSelect): TLocus => ({
  id: l.id,
  palaceId: l.palaceId,
  conceptId: l.conceptId,
  roomId: l.roomId,
  x: l.x,
  y: l.y,
  z: l.z,
  rotationY: l.rotationY,
  shape: l.shape,
  color: l.color,
  routeOrder: l.routeOrder,
  version: l.version,
});

export const toLink = (l: typeof links.$inferSelect): TLink => ({
  id: l.id,
  palaceId: l.palaceId,
  fromConceptId: l.fromConceptId,
  toConceptId: l.toConceptId,
  label: l.label,
  version: l.version,
});
