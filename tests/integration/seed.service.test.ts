// The demo seed at start-up: written once, with every drawn diagram stored as its concept's
// picture, and a no-op on every later start; a visitor's copy keeps the pictures.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/server/db/client";
import { DEMO_PALACE_ID } from "~/server/domain/palace/palace.schema";
import { pictureResponse } from "~/server/domain/picture/picture.response";
import { demoPalace } from "~/server/seed/demo-palace";
import { seedDemo } from "~/server/seed/seed.service";
import { testDatabases } from "../helpers/databases";
import { anonymous, signUp } from "../helpers/world";

describe.each(testDatabases)("demo seed on $name", (target) => {
  let database: Database & { drop(): Promise<void> };
  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(() => database.drop());

  it("seeds the demo once, hanging a picture on every concept that draws a diagram", async () => {
    expect(await seedDemo(database.db)).toBe(true);
    expect(await seedDemo(database.db)).toBe(false);
    const scene = await anonymous(database).palace.get({ id: DEMO_PALACE_ID });
    expect(scene.rooms).toHaveLength(demoPalace.rooms.length);
    const pictured = scene.concepts.filter((c) => c.picture).map((c) => c.title).sort();
    expect(pictured).toEqual(demoPalace.concepts.filter((c) => c.diagram).map((c) => c.title).sort());
    for (const c of scene.concepts.filter((x) => x.picture)) {
      const response = await pictureResponse(database.db, { userId: null }, { conceptId: c.id, hash: c.picture!.hash, size: "thumb" }, null);
      expect(response.status, c.title).toBe(200);
      expect(response.headers.get("content-type")).toBe("image/webp");
    }
  });

  it("copies the demo's pictures into a visitor's duplicate", async () => {
    const { caller } = await signUp(database, "Copier");
    const copy = await caller.palace.duplicate({ id: DEMO_PALACE_ID, title: "My CNN notes" });
    const scene = await caller.palace.get({ id: copy.id });
    const original = await anonymous(database).palace.get({ id: DEMO_PALACE_ID });
    const hashes = (s: typeof scene) => s.concepts.flatMap((c) => (c.picture ? [`${c.title}:${c.picture.hash}`] : [])).sort();
    expect(hashes(scene)).toEqual(hashes(original));
    expect(hashes(scene).length).toBeGreaterThanOrEqual(demoPalace.rooms.length);
  });
});
