import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/server/db/client";
import { pictureResponse } from "~/server/domain/picture/picture.response";
import { templates } from "~/server/seed/templates";
import { testDatabases } from "../helpers/databases";
import { anonymous, signUp } from "../helpers/world";

describe.each(testDatabases)("template router on $name", (target) => {
  let database: Database & { drop(): Promise<void> };
  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(() => database.drop());

  it("lists every template with its size and rooms", async () => {
    const { caller } = await signUp(database, "Ada");
    const list = await caller.template.list();
    expect(list.map((t) => t.id)).toEqual(templates.map((t) => t.id));
    for (const t of list) {
      expect(t.roomCount).toBeGreaterThanOrEqual(3);
      expect(t.conceptCount).toBeGreaterThanOrEqual(20);
      expect(t.roomNames).toHaveLength(t.roomCount);
      expect(t.description.length).toBeGreaterThan(0);
    }
  });

  it.each(templates.map((t) => t.id))("creates a private palace owned by the caller from %s", async (templateId) => {
    const { caller, user } = await signUp(database, "Builder");
    const seed = templates.find((t) => t.id === templateId)!.palace;
    const created = await caller.template.create({ templateId });
    expect(created).toMatchObject({
      title: seed.title,
      ownerId: user.id,
      role: "owner",
      visibility: "private",
      roomCount: seed.rooms.length,
      conceptCount: seed.concepts.length,
    });
    const scene = await caller.palace.get({ id: created.id });
    expect(scene.rooms.map((r) => r.name).sort()).toEqual(seed.rooms.map((r) => r.name).sort());
    expect(scene.doors).toHaveLength(seed.doors.length);
    expect(scene.links).toHaveLength(seed.links.length);
    const byId = new Map(scene.concepts.map((c) => [c.id, c.title]));
    const route = [...scene.loci].sort((a, b) => a.routeOrder - b.routeOrder).map((l) => byId.get(l.conceptId));
    expect(route).toEqual(seed.concepts.map((c) => c.title));
    // Every diagram written in the template arrives as the picture of its concept.
    const pictured = scene.concepts.filter((c) => c.picture).map((c) => c.title).sort();
    expect(pictured).toEqual(seed.concepts.filter((c) => c.diagram).map((c) => c.title).sort());
    const drawn = scene.concepts.find((c) => c.picture)!;
    const response = await pictureResponse(database.db, { userId: user.id }, { conceptId: drawn.id, hash: drawn.picture!.hash, size: "display" }, null);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/webp");
    expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(1000);
  });

  it("uses the title given, and each copy is a separate palace", async () => {
    const { caller } = await signUp(database, "Cy");
    const a = await caller.template.create({ templateId: "transformer-anatomy", title: "  My transformer notes " });
    const b = await caller.template.create({ templateId: "transformer-anatomy" });
    expect(a.title).toBe("My transformer notes");
    expect(b.id).not.toBe(a.id);
    expect((await caller.palace.list()).map((p) => p.id).sort()).toEqual([a.id, b.id].sort());
  });

  it("keeps the palace private to its creator", async () => {
    const owner = await signUp(database, "Di");
    const stranger = await signUp(database, "Ed");
    const created = await owner.caller.template.create({ templateId: "debugging-walk" });
    await expect(stranger.caller.palace.get({ id: created.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await stranger.caller.palace.list()).toEqual([]);
  });

  it("refuses an unknown template and a bad title, writing nothing", async () => {
    const { caller } = await signUp(database, "Flo");
    await expect(caller.template.create({ templateId: "no-such-template" })).rejects.toThrow("Template was not found.");
    await expect(caller.template.create({ templateId: "debugging-walk", title: "   " })).rejects.toThrow(
      /title: Title cannot be empty/,
    );
    expect(await caller.palace.list()).toEqual([]);
  });

  it("requires signing in", async () => {
    const visitor = anonymous(database);
    for (const call of [visitor.template.list(), visitor.template.create({ templateId: "debugging-walk" })]) {
      await expect(call).rejects.toSatisfy((e) => e instanceof TRPCError && e.code === "UNAUTHORIZED");
    }
  });
});
