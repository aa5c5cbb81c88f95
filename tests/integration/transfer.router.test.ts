import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/server/db/client";
import { exportResponse } from "~/server/domain/transfer/export.response";
import { exportPalace } from "~/server/domain/transfer/transfer.service";
import { ZExportFormat } from "~/server/domain/transfer/transfer.schema";
import * as pictures from "~/server/domain/picture/picture.service";
import { pictureResponse } from "~/server/domain/picture/picture.response";
import { bombPng, gifOf, jpegWithExif, pngOf } from "../helpers/pictures";
import { testDatabases } from "../helpers/databases";
import { type Caller, anonymous, palaceWithTwoRooms, rejectionOf, signUp } from "../helpers/world";

const NOW = new Date("2026-11-28T12:00:00Z");

/** A template palace with an inbox concept, a hand-placed raised concept, extra links and two pictures. */
async function furnishedPalace(caller: Caller, database: Database, userId: string) {
  const palace = await caller.template.create({ templateId: "knowledge-distillation" });
  const scene = await caller.palace.get({ id: palace.id });
  const inbox = await caller.concept.create({
    palaceId: palace.id,
    title: "Quantisation-aware distillation",
    kind: "technique",
    tags: ["Compression", "int8"],
    notes: "Line one\n\n**bold** and\ta tab",
    sourceUrl: "https://example.com/qad",
  });
  const raised = await caller.concept.create({ palaceId: palace.id, title: "Raised lamp" });
  await caller.locus.place({ conceptId: raised.id, roomId: scene.rooms[1]!.id, x: 5, y: 1.25, z: 5, rotationY: 1.5, shape: "lamp", color: "#123ABC" });
  await caller.link.create({ fromConceptId: inbox.id, toConceptId: raised.id, label: "shines on" });
  // One picture on a placed concept and one on the inbox concept, from two source types.
  const actor = { userId };
  await pictures.put(database.db, actor, { conceptId: raised.id, version: raised.version, bytes: await pngOf(1600, 900, { r: 200, g: 40, b: 40 }) });
  await pictures.put(database.db, actor, { conceptId: inbox.id, version: inbox.version, bytes: await jpegWithExif(300, 200, { r: 30, g: 90, b: 200 }) });
  return palace;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");
const strip = (body: string) => body.replace(/"exportedAt": "[^"]+"/, "");

describe.each(testDatabases)("export and import on $name", (target) => {
  let database: Database & { drop(): Promise<void> };
  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(() => database.drop());

  it("imports an Engram JSON export as an identical palace", async () => {
    const { caller, user } = await signUp(database, "Ada");
    const palace = await furnishedPalace(caller, database, user.id);
    const first = await exportPalace(database.db, { userId: user.id }, palace.id, "engram", NOW);
    expect(JSON.parse(first.body)).toMatchObject({ format: "engram-palace", version: 1, exportedAt: NOW.toISOString() });

    const imported = await caller.transfer.import({ format: "engram", fileName: first.fileName, data: b64(first.body) });
    const exported = JSON.parse(first.body) as { palace: { rooms: unknown[]; concepts: unknown[] } };
    expect(imported).toMatchObject({
      title: palace.title,
      role: "owner",
      visibility: "private",
      roomCount: exported.palace.rooms.length,
      conceptCount: exported.palace.concepts.length,
    });
    expect(imported.id).not.toBe(palace.id);
    const second = await exportPalace(database.db, { userId: user.id }, imported.id, "engram", NOW);
    expect(strip(second.body)).toBe(strip(first.body));

    // The scenes match too, apart from ids, versions and timestamps.
    const shape = async (id: string) => {
      const scene = await caller.palace.get({ id });
      const room = new Map(scene.rooms.map((r) => [r.id, r.name]));
      const concept = new Map(scene.concepts.map((c) => [c.id, c.title]));
      return {
        rooms: scene.rooms.map(({ name, gridX, gridZ, width, depth, height, theme }) => ({ name, gridX, gridZ, width, depth, height, theme })).sort((a, b) => a.name.localeCompare(b.name)),
        doors: scene.doors.map((d) => [[room.get(d.roomAId), room.get(d.roomBId)].sort(), d.position, d.width]).sort(),
        concepts: scene.concepts.map(({ title, kind, tags, sourceUrl, picture }) => ({ title, kind, tags, sourceUrl, picture })).sort((a, b) => a.title.localeCompare(b.title)),
        loci: scene.loci
          .map((l) => ({ concept: concept.get(l.conceptId), room: room.get(l.roomId), x: l.x, y: l.y, z: l.z, rotationY: l.rotationY, shape: l.shape, color: l.color, routeOrder: l.routeOrder }))
          .sort((a, b) => a.routeOrder - b.routeOrder),
        links: scene.links.map((l) => [concept.get(l.fromConceptId), concept.get(l.toConceptId), l.label]).sort(),
      };
    };
    const [a, b] = [await shape(palace.id), await shape(imported.id)];
    expect(b).toEqual(a);
    expect(a.loci.some((l) => l.y === 1.25)).toBe(true);

    // The pictures came through byte for byte: same hash, same served bytes, at both sizes.
    const withPictures = a.concepts.filter((c) => c.picture);
    // The template's own diagrams come along with the two pictures added here.
    expect(withPictures.map((c) => c.title)).toEqual(expect.arrayContaining(["Quantisation-aware distillation", "Raised lamp"]));
    expect(withPictures.length).toBeGreaterThan(2);
    const file = JSON.parse(first.body) as { palace: { concepts: { title: string; picture?: { type: string; sha256: string; data: string } }[] } };
    const inFile = file.palace.concepts.filter((c) => c.picture);
    expect(inFile.map((c) => c.picture!.type)).toEqual(withPictures.map(() => "image/webp"));
    const scenes = [await caller.palace.get({ id: palace.id }), await caller.palace.get({ id: imported.id })];
    for (const title of ["Raised lamp", "Quantisation-aware distillation"]) {
      const [from, to] = scenes.map((s) => s.concepts.find((c) => c.title === title)!);
      expect(inFile.find((c) => c.title === title)!.picture!.sha256).toBe(from!.picture!.hash);
      for (const size of ["display", "thumb"]) {
        const bytes = await Promise.all(
          [from!, to!].map(async (c) => Buffer.from(await (await pictureResponse(database.db, { userId: user.id }, { conceptId: c.id, hash: c.picture!.hash, size }, null)).arrayBuffer())),
        );
        expect(bytes[0]!.length).toBeGreaterThan(100);
        expect(bytes[1]!.equals(bytes[0]!), `${title} ${size}`).toBe(true);
      }
    }
    const markdown = await exportPalace(database.db, { userId: user.id }, palace.id, "markdown", NOW);
    expect(markdown.body).toMatch(/_Picture: 1024 × 576 px, kept in Engram and in its JSON export\._/);
  });

  it("serves every format as a download to readers only", async () => {
    const { caller, user } = await signUp(database, "Bo");
    const palace = await furnishedPalace(caller, database, user.id);
    const stranger = await signUp(database, "Stranger");
    for (const format of ZExportFormat.options) {
      const res = await exportResponse(database.db, { userId: user.id }, palace.id, format, NOW);
      expect(res.status, format).toBe(200);
      expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="knowledge-distillation\./);
      expect(res.headers.get("cache-control")).toBe("private, no-store");
      expect((await res.text()).length).toBeGreaterThan(1000);
      for (const actor of [{ userId: stranger.user.id }, { userId: null }]) {
        const refused = await exportResponse(database.db, actor, palace.id, format);
        expect(refused.status).toBe(404);
        expect(await refused.text()).toBe("Palace was not found.\n");
      }
    }
    const bad = await exportResponse(database.db, { userId: user.id }, palace.id, "pdf");
    expect(bad.status).toBe(400);
    expect(await bad.text()).toBe(`Unknown export format "pdf". Choose one of: ${ZExportFormat.options.join(", ")}.\n`);
    expect((await exportResponse(database.db, { userId: user.id }, "not-an-id", "anki")).status).toBe(404);

    await caller.palace.update({ id: palace.id, version: palace.version, visibility: "public" });
    const visitor = await exportResponse(database.db, { userId: null }, palace.id, "markdown");
    expect(visitor.status).toBe(200);
    expect(await visitor.text()).toMatch(/^# Knowledge distillation\n/);
  });

  it("refuses broken Engram files with a sentence naming the problem, writing nothing", async () => {
    const { caller, user } = await signUp(database, "Cy");
    const owner = await signUp(database, "Di");
    const palace = await furnishedPalace(owner.caller, database, owner.user.id);
    const good = (await exportPalace(database.db, { userId: owner.user.id }, palace.id, "engram", NOW)).body;
    const pictured = (f: any) => f.palace.concepts.find((c: any) => c.title === "Raised lamp");
    const junkPicture = Buffer.concat([Buffer.from("RIFF\0\0\0\0WEBPVP8 "), Buffer.alloc(300, 7)]).toString("base64");
    const gif = (await gifOf(20, 20, { r: 1, g: 2, b: 3 })).toString("base64");
    const bomb = bombPng(20_000).toString("base64");
    const edit = (change: (file: any) => void) => {
      const file = JSON.parse(good);
      change(file);
      return JSON.stringify(file);
    };
    const cases: [string, RegExp][] = [
      [good.slice(0, good.length / 2), /not valid JSON, so it may be cut short or damaged/],
      ["", /The file is empty/],
      [edit((f) => (f.format = "something-else")), /not an Engram palace file/],
      [edit((f) => (f.version = 2)), /written by a newer Engram/],
      [edit((f) => (f.palace.concepts[2].title = "  ")), /Concept 3, title: Title cannot be empty/],
      [edit((f) => (f.palace.concepts[4].kind = "spell")), new RegExp(`Concept 5 \\(“${escapeRegExp(JSON.parse(good).palace.concepts[4].title)}”\\), kind: `)],
      [edit((f) => (f.palace.rooms[1].width = 2)), /Room 2 \(“Hall of Soft Targets”\), width: Width must be at least 3/],
      [edit((f) => (f.palace.concepts[0].place.x = 99)), /stands outside/],
      [edit((f) => (f.palace.doors[0].position = 100)), /is not on their shared wall/],
      [edit((f) => f.palace.links.push({ from: "concept-1", to: "concept-999", label: "" })), /names an unknown concept/],
      [edit((f) => (pictured(f).picture.type = "image/gif")), /Concept \d+ \(“Raised lamp”\), picture\.type: Picture type must be image\/png, image\/jpeg or image\/webp/],
      [edit((f) => (pictured(f).picture.data = "not base64!")), /picture\.data: Picture data must be base64 text/],
      [edit((f) => ((pictured(f).picture.data = junkPicture), delete pictured(f).picture.sha256)), /“Raised lamp”\), picture: The picture could not be decoded/],
      [edit((f) => ((pictured(f).picture.data = gif), delete pictured(f).picture.sha256)), /“Raised lamp”\), picture: That file is not a PNG, JPEG or WebP picture/],
      [edit((f) => ((pictured(f).picture.data = bomb), delete pictured(f).picture.sha256, (pictured(f).picture.type = "image/png"))), /picture: The picture is too large to decode: 20000 × 20000 pixels/],
      [edit((f) => (pictured(f).picture.sha256 = "0".repeat(64))), /“Raised lamp”\), picture: the data does not match its sha256/],
      [edit((f) => (pictured(f).picture.type = "image/png")), /picture: the file says image\/png but the data is image\/webp/],
    ];
    for (const [text, message] of cases) {
      const error = await rejectionOf(caller.transfer.import({ format: "engram", data: b64(text) }));
      expect({ code: error.code, message: error.message }).toEqual({ code: "BAD_REQUEST", message: expect.stringMatching(message) });
    }
    const tooBig = await rejectionOf(caller.transfer.import({ format: "engram", data: b64("x".repeat(5 * 1024 * 1024 + 1)) }));
    expect(tooBig.message).toMatch(/larger than 5 MB/);
    expect(await caller.palace.list()).toEqual([]);
    expect(user.id).toBeTruthy();
  });

  it("requires signing in to import", async () => {
    const error = await rejectionOf(anonymous(database).transfer.import({ format: "engram", data: b64("{}") }));
    expect(error.code).toBe("UNAUTHORIZED");
  });

  it("exports an empty palace in every format", async () => {
    const { owner, palace } = await palaceWithTwoRooms(database);
    for (const format of ["engram", "markdown", "canvas", "anki"] as const) {
      const file = await exportPalace(database.db, { userId: owner.user.id }, palace.id, format, NOW);
      expect(file.body.length).toBeGreaterThan(0);
    }
  });
});
