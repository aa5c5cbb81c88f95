import { describe, expect, it } from "vitest";
import { ZColor } from "~/server/domain/common.schema";
import { ZCreateConceptInput } from "~/server/domain/concept/concept.schema";
import { ZCreateLinkInput } from "~/server/domain/link/link.schema";
import { doorFits, pointInRoom, rectsOverlap, sharedWall } from "~/server/domain/room/room.logic";
import { ZCreateRoomInput } from "~/server/domain/room/room.schema";
import { demoPalace } from "~/server/seed/demo-palace";
import { seedToGraph } from "~/server/seed/seed.logic";
import type { SeedPalace } from "~/server/seed/seed.types";

const palace = { id: "11111111-1111-4111-8111-111111111111", title: "T", description: "", visibility: "public" as const };

/** Deterministic ids so failures are readable and ordering is predictable. */
function counter() {
  let n = 0;
  return () => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`;
}

/** A valid two-room palace; each refusal test breaks exactly one thing in a copy of it. */
function tinyPalace(): SeedPalace {
  return {
    title: "Tiny",
    description: "",
    rooms: [
      { key: "a", name: "Room A", gridX: 0, gridZ: 0, width: 8, depth: 8, height: 3.5, theme: "sandstone" },
      { key: "b", name: "Room B", gridX: 8, gridZ: 0, width: 6, depth: 8, height: 3.5, theme: "slate" },
    ],
    doors: [{ a: "a", b: "b", position: 4 }],
    concepts: [
      { key: "one", title: "One", kind: "other", tags: [], notes: "n", place: { room: "a", x: 2, z: 2, shape: "cube", color: "#AABBCC" } },
      { key: "two", title: "Two", kind: "other", tags: [], notes: "n" },
      { key: "three", title: "Three", kind: "other", tags: [], notes: "n", place: { room: "b", x: 3, z: 3, shape: "book", color: "#123456" } },
    ],
    links: [{ from: "one", to: "two", label: "leads to" }],
  };
}

describe("the demo palace", () => {
  const graph = seedToGraph(demoPalace, palace);

  it("converts without error into rows of the given palace", () => {
    expect(graph.palace).toBe(palace);
    for (const rows of [graph.rooms, graph.doors, graph.concepts, graph.loci, graph.links]) {
      for (const row of rows) expect(row.palaceId).toBe(palace.id);
    }
  });

  it("has at least three rooms, none overlapping, each a valid room", () => {
    expect(demoPalace.rooms.length).toBeGreaterThanOrEqual(3);
    demoPalace.rooms.forEach((a, i) =>
      demoPalace.rooms.slice(i + 1).forEach((b) => expect(rectsOverlap(a, b), `${a.key} / ${b.key}`).toBe(false)),
    );
    for (const { key: _key, ...room } of demoPalace.rooms) {
      expect(ZCreateRoomInput.safeParse({ ...room, palaceId: palace.id }).success, room.name).toBe(true);
    }
  });

  it("has at least fifteen concepts, each with notes and each valid for the concept form", () => {
    expect(demoPalace.concepts.length).toBeGreaterThanOrEqual(15);
    expect(new Set(demoPalace.concepts.map((c) => c.key)).size).toBe(demoPalace.concepts.length);
    for (const c of demoPalace.concepts) {
      expect(c.notes.trim().length, c.key).toBeGreaterThan(0);
      const parsed = ZCreateConceptInput.safeParse({
        palaceId: palace.id,
        title: c.title,
        kind: c.kind,
        tags: c.tags,
        notes: c.notes,
        sourceUrl: c.sourceUrl ?? null,
      });
      expect(parsed.error?.issues, c.key).toBeUndefined();
    }
  });

  it("joins only existing rooms through doors that fit on their shared walls", () => {
    const roomIds = new Set(graph.rooms.map((r) => r.id));
    expect(graph.doors.length).toBe(demoPalace.doors.length);
    for (const d of graph.doors) {
      expect(roomIds.has(d.roomAId)).toBe(true);
      expect(roomIds.has(d.roomBId)).toBe(true);
      expect(d.roomAId < d.roomBId).toBe(true);
      const a = graph.rooms.find((r) => r.id === d.roomAId)!;
      const b = graph.rooms.find((r) => r.id === d.roomBId)!;
      const wall = sharedWall(a, b);
      expect(wall).not.toBeNull();
      expect(doorFits(wall!, d.position, d.width)).toBe(true);
    }
  });

  it("lets a visitor walk from the entrance to every room", () => {
    const seen = new Set([demoPalace.rooms[0]!.key]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const d of demoPalace.doors) {
        for (const [from, to] of [[d.a, d.b], [d.b, d.a]] as const) {
          if (seen.has(from) && !seen.has(to)) {
            seen.add(to);
            grew = true;
          }
        }
      }
    }
    expect([...seen].sort()).toEqual(demoPalace.rooms.map((r) => r.key).sort());
  });

  it("numbers the route 1..n over the placed concepts, each inside its room", () => {
    const placed = demoPalace.concepts.filter((c) => c.place);
    expect(graph.loci.map((l) => l.routeOrder)).toEqual(placed.map((_, i) => i + 1));
    for (const l of graph.loci) {
      const room = graph.rooms.find((r) => r.id === l.roomId)!;
      expect(room).toBeDefined();
      expect(pointInRoom(room, l.x, l.y ?? 0, l.z)).toBe(true);
      expect(ZColor.parse(l.color)).toBe(l.color);
      expect(graph.concepts.some((c) => c.id === l.conceptId)).toBe(true);
    }
  });

  it("links only concepts it holds, never one to itself", () => {
    const conceptIds = new Set(graph.concepts.map((c) => c.id));
    expect(graph.links.length).toBe(demoPalace.links.length);
    for (const l of graph.links) {
      expect(conceptIds.has(l.fromConceptId)).toBe(true);
      expect(conceptIds.has(l.toConceptId)).toBe(true);
      const { palaceId: _palaceId, id: _id, ...input } = l;
      expect(ZCreateLinkInput.safeParse(input).success).toBe(true);
    }
    const pairs = graph.links.map((l) => `${l.fromConceptId}>${l.toConceptId}`);
    expect(new Set(pairs).size).toBe(pairs.length);
  });

  it("gives every row a fresh id on each conversion", () => {
    const again = seedToGraph(demoPalace, palace);
    expect(again.rooms.map((r) => r.id)).not.toEqual(graph.rooms.map((r) => r.id));
    const ids = [...graph.rooms, ...graph.concepts].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("seedToGraph", () => {
  it("converts a small palace, keeping references and lowering colours", () => {
    const graph = seedToGraph(tinyPalace(), palace, counter());
    const [a, b] = graph.rooms;
    expect(graph.rooms.map((r) => r.name)).toEqual(["Room A", "Room B"]);
    const fromCounter = expect.stringMatching(/^00000000-0000-4000-8000-/) as unknown;
    expect(graph.doors).toEqual([{ id: fromCounter, palaceId: palace.id, roomAId: a!.id, roomBId: b!.id, position: 4, width: 1.4 }]);
    expect(graph.concepts.map((c) => c.title)).toEqual(["One", "Two", "Three"]);
    expect(graph.loci).toHaveLength(2);
    expect(graph.loci[0]).toMatchObject({ conceptId: graph.concepts[0]!.id, roomId: a!.id, color: "#aabbcc", routeOrder: 1 });
    expect(graph.loci[1]).toMatchObject({ conceptId: graph.concepts[2]!.id, roomId: b!.id, routeOrder: 2 });
    expect(graph.links).toEqual([
      { id: fromCounter, palaceId: palace.id, fromConceptId: graph.concepts[0]!.id, toConceptId: graph.concepts[1]!.id, label: "leads to" },
    ]);
    // Every row's id comes from the given maker, so none is left to the database, and none repeats.
    const ids = [...graph.rooms, ...graph.doors, ...graph.concepts, ...graph.loci, ...graph.links].map((r) => r.id);
    expect(ids.every((id) => typeof id === "string" && id.startsWith("00000000-"))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("throws on overlapping rooms", () => {
    const seed = tinyPalace();
    seed.rooms[1] = { ...seed.rooms[1]!, gridX: 7 };
    expect(() => seedToGraph(seed, palace)).toThrow(/"Room A" and "Room B" overlap/);
  });

  it("throws on a door between rooms that do not touch", () => {
    const seed = tinyPalace();
    seed.rooms[1] = { ...seed.rooms[1]!, gridX: 9 };
    expect(() => seedToGraph(seed, palace)).toThrow(/door between "Room A" and "Room B" is not on their shared wall/);
  });

  it("throws on a door that does not fit on the shared wall", () => {
    const seed = tinyPalace();
    seed.doors[0] = { ...seed.doors[0]!, position: 7.5 };
    expect(() => seedToGraph(seed, palace)).toThrow(/not on their shared wall/);
  });

  it("throws on a door to an unknown room", () => {
    const seed = tinyPalace();
    seed.doors[0] = { ...seed.doors[0]!, b: "cellar" };
    expect(() => seedToGraph(seed, palace)).toThrow(/Unknown room "cellar"/);
  });

  it("throws on a concept placed outside its room", () => {
    const seed = tinyPalace();
    seed.concepts[2] = { ...seed.concepts[2]!, place: { ...seed.concepts[2]!.place!, x: 6 } };
    expect(() => seedToGraph(seed, palace)).toThrow(/"Three" stands outside "Room B"/);
  });

  it("throws on a concept placed in an unknown room", () => {
    const seed = tinyPalace();
    seed.concepts[0] = { ...seed.concepts[0]!, place: { ...seed.concepts[0]!.place!, room: "attic" } };
    expect(() => seedToGraph(seed, palace)).toThrow(/Unknown room "attic"/);
  });

  it("throws on a link to an unknown key", () => {
    const seed = tinyPalace();
    seed.links.push({ from: "one", to: "nowhere", label: "" });
    expect(() => seedToGraph(seed, palace)).toThrow(/one -> nowhere names an unknown concept/);
  });

  it("throws on a link from an unknown key", () => {
    const seed = tinyPalace();
    seed.links.push({ from: "ghost", to: "one", label: "" });
    expect(() => seedToGraph(seed, palace)).toThrow(/ghost -> one names an unknown concept/);
  });

  it("throws on a repeated room or concept key", () => {
    const rooms = tinyPalace();
    rooms.rooms.push({ ...rooms.rooms[0]!, gridX: 40 });
    expect(() => seedToGraph(rooms, palace)).toThrow(/Room key "a" appears twice/);
    const concepts = tinyPalace();
    concepts.concepts.push({ ...concepts.concepts[1]! });
    expect(() => seedToGraph(concepts, palace)).toThrow(/Concept key "two" appears twice/);
  });
});
