import { describe, expect, it } from "vitest";
import { ZCreateConceptInput } from "~/server/domain/concept/concept.schema";
import { ZCreateLinkInput } from "~/server/domain/link/link.schema";
import { ZCreateRoomInput } from "~/server/domain/room/room.schema";
import { seedToGraph } from "~/server/seed/seed.logic";
import { templates } from "~/server/seed/templates";
import { loopSpots } from "~/server/seed/templates/template-kit";

const palace = { id: "11111111-1111-4111-8111-111111111111", title: "T", description: "", visibility: "private" as const };

const words = (s: string) => s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
// The picture cue and the number to keep are extra lines under the notes proper.
const body = (notes: string) => notes.replace(/^\*\*(Picture|Number):\*\*.*$/gm, "");

describe("loopSpots", () => {
  it("spaces concepts evenly around the room, clear of the walls, starting at a corner", () => {
    const spots = loopSpots(10, 10, 4);
    expect(spots).toEqual([
      { x: 1.8, z: 1.8 },
      { x: 8.2, z: 1.8 },
      { x: 8.2, z: 8.2 },
      { x: 1.8, z: 8.2 },
    ]);
    for (const s of loopSpots(10, 8, 9)) {
      expect(s.x).toBeGreaterThanOrEqual(1.8);
      expect(s.x).toBeLessThanOrEqual(8.2);
      expect(s.z).toBeGreaterThanOrEqual(1.8);
      expect(s.z).toBeLessThanOrEqual(6.2);
    }
  });
});

describe("the starter templates", () => {
  it("are at least five, with distinct ids and titles", () => {
    expect(templates.length).toBeGreaterThanOrEqual(5);
    expect(new Set(templates.map((t) => t.id)).size).toBe(templates.length);
    expect(new Set(templates.map((t) => t.palace.title)).size).toBe(templates.length);
  });

  describe.each(templates)("$id", ({ palace: seed }) => {
    const graph = seedToGraph(seed, palace);

    it("has at least three valid rooms, every one reachable through doors from the first", () => {
      expect(seed.rooms.length).toBeGreaterThanOrEqual(3);
      for (const { key: _key, ...room } of seed.rooms) {
        expect(ZCreateRoomInput.safeParse({ ...room, palaceId: palace.id }).error?.issues, room.name).toBeUndefined();
      }
      const seen = new Set([seed.rooms[0]!.key]);
      for (let grew = true; grew; ) {
        grew = false;
        for (const d of seed.doors) {
          for (const [from, to] of [[d.a, d.b], [d.b, d.a]] as const) {
            if (seen.has(from) && !seen.has(to)) grew = seen.add(to).size > 0;
          }
        }
      }
      expect([...seen].sort()).toEqual(seed.rooms.map((r) => r.key).sort());
    });

    it("has at least twenty placed concepts, each valid with notes of 60 to 120 words", () => {
      expect(seed.concepts.length).toBeGreaterThanOrEqual(20);
      expect(graph.loci).toHaveLength(seed.concepts.length);
      for (const c of seed.concepts) {
        const parsed = ZCreateConceptInput.safeParse({
          palaceId: palace.id,
          title: c.title,
          kind: c.kind,
          tags: c.tags,
          notes: c.notes,
          sourceUrl: c.sourceUrl ?? null,
        });
        expect(parsed.error?.issues, c.key).toBeUndefined();
        expect(words(body(c.notes)), `${c.key} notes word count`).toBeGreaterThanOrEqual(60);
        expect(words(body(c.notes)), `${c.key} notes word count`).toBeLessThanOrEqual(120);
      }
      const titles = seed.concepts.map((c) => c.title.toLowerCase());
      expect(new Set(titles).size).toBe(titles.length);
    });

    it("puts at least three concepts in every room, none crowding another", () => {
      for (const room of graph.rooms) {
        const here = graph.loci.filter((l) => l.roomId === room.id);
        expect(here.length, room.name).toBeGreaterThanOrEqual(3);
        here.forEach((a, i) =>
          here.slice(i + 1).forEach((b) => expect(Math.hypot(a.x - b.x, a.z - b.z), room.name).toBeGreaterThanOrEqual(1.2)),
        );
      }
    });

    it("has a route 1..n that finishes one room before entering the next", () => {
      expect(graph.loci.map((l) => l.routeOrder)).toEqual(graph.loci.map((_, i) => i + 1));
      const order = graph.loci.map((l) => l.roomId).filter((r, i, all) => all[i - 1] !== r);
      expect(new Set(order).size).toBe(order.length);
    });

    it("links resolve to its own concepts, at least one per concept on average, without repeats", () => {
      expect(graph.links.length).toBeGreaterThanOrEqual(seed.concepts.length * 0.75);
      const ids = new Set(graph.concepts.map((c) => c.id));
      for (const l of graph.links) {
        expect(ids.has(l.fromConceptId) && ids.has(l.toConceptId)).toBe(true);
        expect(l.fromConceptId).not.toBe(l.toConceptId);
        const { palaceId: _p, id: _id, ...input } = l;
        expect(ZCreateLinkInput.safeParse(input).error?.issues).toBeUndefined();
      }
      const pairs = graph.links.map((l) => [l.fromConceptId, l.toConceptId].sort().join(">"));
      expect(new Set(pairs).size).toBe(pairs.length);
      const linked = new Set(graph.links.flatMap((l) => [l.fromConceptId, l.toConceptId]));
      const lonely = graph.concepts.filter((c) => !linked.has(c.id)).map((c) => c.title);
      expect(lonely).toEqual([]);
    });
  });
});
