// palace.get must cost the same number of SQL statements for a small and a large palace:
// no query per room, concept or locus.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/server/db/client";
import { insertPalaceGraph, type PalaceGraph } from "~/server/domain/palace/palace.graph";
import { testDatabases } from "../helpers/databases";
import { callerFor, signUp } from "../helpers/world";

/** A palace of `conceptCount` concepts over `roomCount` rooms, every other one placed, written in one go. */
function graphOf(conceptCount: number, roomCount: number): PalaceGraph {
  const palaceId = crypto.randomUUID();
  const graph: PalaceGraph = {
    palace: { id: palaceId, title: `Palace of ${conceptCount}`, description: "", visibility: "private" },
    rooms: [],
    doors: [],
    concepts: [],
    loci: [],
    links: [],
  };
  for (let r = 0; r < roomCount; r++) {
    graph.rooms.push({ id: crypto.randomUUID(), palaceId, name: `Room ${r}`, gridX: r * 40, gridZ: 0, width: 40, depth: 40, height: 4 });
  }
  for (let i = 0; i < conceptCount; i++) {
    const id = crypto.randomUUID();
    graph.concepts.push({ id, palaceId, title: `Concept ${i}`, notes: "n".repeat(400) });
    if (i % 2 === 0) {
      graph.loci.push({
        palaceId,
        conceptId: id,
        roomId: graph.rooms[i % roomCount]!.id,
        x: 1 + (i % 37),
        z: 1 + ((i >> 5) % 37),
        color: "#c9a227",
        routeOrder: graph.loci.length + 1,
      });
    }
  }
  for (let i = 0; i + 1 < conceptCount; i += 7) {
    graph.links.push({ palaceId, fromConceptId: graph.concepts[i]!.id, toConceptId: graph.concepts[i + 1]!.id, label: "next" });
  }
  return graph;
}

describe.each(testDatabases)("palace.get query count on $name", (target) => {
  let database: Database & { drop(): Promise<void> };
  let counting = false;
  const statements: string[] = [];
  beforeAll(async () => {
    database = await target.open({ onQuery: (sql) => counting && statements.push(sql) });
  });
  afterAll(() => database.drop());

  async function countGet(conceptCount: number, roomCount: number) {
    const { user } = await signUp(database, `Builder ${conceptCount}`);
    const graph = graphOf(conceptCount, roomCount);
    await database.db.transaction((tx) => insertPalaceGraph(tx, user.id, graph));
    const caller = callerFor(database, user);
    statements.length = 0;
    counting = true;
    const scene = await caller.palace.get({ id: graph.palace.id });
    counting = false;
    expect(scene.concepts).toHaveLength(conceptCount);
    expect(scene.loci).toHaveLength(Math.ceil(conceptCount / 2));
    return statements.length;
  }

  it("uses the same small number of statements for 10 and 1,000 concepts", async () => {
    const small = await countGet(10, 2);
    const large = await countGet(1000, 20);
    expect(small).toBeLessThanOrEqual(3);
    expect(large).toBe(small);
  });
});
