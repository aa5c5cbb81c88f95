// palace.get must cost the same number of SQL statements for a small and a large palace:
// no query per room, concept or locus.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/server/db/client";
import { testDatabases } from "../helpers/databases";
import { signUp } from "../helpers/world";

describe.each(testDatabases)("palace.get query count on $name", (target) => {
  let database: Database & { drop(): Promise<void> };
  let counting = false;
  const statements: string[] = [];
  beforeAll(async () => {
    database = await target.open({ onQuery: (sql) => counting && statements.push(sql) });
  });
  afterAll(() => database.drop());

  async function palaceOf(conceptCount: number, roomCount: number) {
    const { caller } = await signUp(database, `Builder ${conceptCount}`);
    const palace = await caller.palace.create({ title: `Palace of ${conceptCount}` });
    const rooms = [];
    for (let i = 0; i < roomCount; i++) {
      rooms.push(await caller.room.create({ palaceId: palace.id, name: `Room ${i}`, gridX: i * 10, gridZ: 0, width: 10, depth: 10 }));
    }
    for (let i = 0; i < conceptCount; i++) {
      const concept = await caller.concept.create({ palaceId: palace.id, title: `Concept ${i}`, notes: "n".repeat(400) });
      if (i % 2 === 0) {
        const room = rooms[i % roomCount]!;
        await caller.locus.place({ conceptId: concept.id, roomId: room.id, x: 1 + (i % 8), z: 1 + ((i >> 3) % 8) });
      }
    }
    return { caller, palace };
  }

  async function countGet(conceptCount: number, roomCount: number) {
    const { caller, palace } = await palaceOf(conceptCount, roomCount);
    statements.length = 0;
    counting = true;
    const scene = await caller.palace.get({ id: palace.id });
    counting = false;
    expect(scene.concepts).toHaveLength(conceptCount);
    return statements.length;
  }

  it("uses the same small number of statements for 10 and 120 concepts", async () => {
    const small = await countGet(10, 2);
    const large = await countGet(120, 6);
    expect(small).toBeLessThanOrEqual(3);
    expect(large).toBe(small);
  });
});
