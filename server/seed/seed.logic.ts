// Turns a palace written as data (SeedPalace) into rows with fresh ids, checking the same
// rules the services enforce: doors on shared walls, concepts inside their rooms.
import type { PalaceGraph } from "../domain/palace/palace.graph";
import { DOOR_WIDTH } from "../domain/door/door.schema";
import { doorFits, pointInRoom, rectsOverlap, sharedWall } from "../domain/room/room.logic";
import type { SeedPalace } from "./seed.types";

export function seedToGraph(
  seed: SeedPalace,
  palace: PalaceGraph["palace"],
  newId: () => string = () => crypto.randomUUID(),
): PalaceGraph {
  const palaceId = palace.id;
  const roomIds = new Map<string, string>();
  const rooms = seed.rooms.map((r) => {
    if (roomIds.has(r.key)) throw new Error(`Room key "${r.key}" appears twice.`);
    const id = newId();
    roomIds.set(r.key, id);
    const { key: _key, ...fields } = r;
    return { ...fields, id, palaceId };
  });
  seed.rooms.forEach((a, i) =>
    seed.rooms.slice(i + 1).forEach((b) => {
      if (rectsOverlap(a, b)) throw new Error(`Rooms "${a.name}" and "${b.name}" overlap.`);
    }),
  );
  const seedRooms = new Map(seed.rooms.map((r) => [r.key, r]));
  const roomByKey = (key: string) => {
    const room = seedRooms.get(key);
    if (!room) throw new Error(`Unknown room "${key}".`);
    return room;
  };

  const doors = seed.doors.map((d) => {
    const a = roomByKey(d.a);
    const b = roomByKey(d.b);
    const wall = sharedWall(a, b);
    const width = d.width ?? DOOR_WIDTH;
    if (!wall || !doorFits(wall, d.position, width)) {
      throw new Error(`The door between "${a.name}" and "${b.name}" is not on their shared wall.`);
    }
    const [roomAId, roomBId] = [roomIds.get(d.a)!, roomIds.get(d.b)!].sort() as [string, string];
    return { id: newId(), palaceId, roomAId, roomBId, position: d.position, width };
  });

  const conceptIds = new Map<string, string>();
  const concepts: PalaceGraph["concepts"] = [];
  const loci: PalaceGraph["loci"] = [];
  for (const c of seed.concepts) {
    if (conceptIds.has(c.key)) throw new Error(`Concept key "${c.key}" appears twice.`);
    const id = newId();
    conceptIds.set(c.key, id);
    concepts.push({
      id,
      palaceId,
      title: c.title,
      kind: c.kind,
      tags: c.tags,
      notes: c.notes,
      sourceUrl: c.sourceUrl ?? null,
    });
    if (c.place) {
      const room = roomByKey(c.place.room);
      if (!pointInRoom(room, c.place.x, c.place.y ?? 0, c.place.z)) {
        throw new Error(`"${c.title}" stands outside "${room.name}".`);
      }
      loci.push({
        id: newId(),
        palaceId,
        conceptId: id,
        roomId: roomIds.get(c.place.room)!,
        x: c.place.x,
        y: c.place.y ?? 0,
        z: c.place.z,
        rotationY: c.place.rotationY ?? 0,
        shape: c.place.shape,
        color: c.place.color.toLowerCase(),
        routeOrder: loci.length + 1,
      });
    }
  }

  const links = seed.links.map((l) => {
    const fromConceptId = conceptIds.get(l.from);
    const toConceptId = conceptIds.get(l.to);
    if (!fromConceptId || !toConceptId) throw new Error(`Link ${l.from} -> ${l.to} names an unknown concept.`);
    return { id: newId(), palaceId, fromConceptId, toConceptId, label: l.label };
  });

  return { palace, rooms, doors, concepts, loci, links };
}
