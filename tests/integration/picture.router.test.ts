// Pictures on concepts through the real upload and download handlers and the tRPC router, on
// each test database: what is stored (WebP at two sizes, oriented, without EXIF), what is
// refused (wrong types, damaged files, bombs, oversized bodies) and who may do what.
import { createHash } from "node:crypto";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Database } from "~/server/db/client";
import { conceptPictures, concepts, palaceEvents } from "~/server/db/schema";
import type { Actor } from "~/server/domain/access";
import { pictureResponse, uploadHandler } from "~/server/domain/picture/picture.response";
import { pictureUploadUrl, pictureUrl, type TPictureResult } from "~/server/domain/picture/picture.schema";
import { testDatabases } from "../helpers/databases";
import { bombPng, gifOf, jpegWithExif, meanColour, pngOf, SVG, truncatedJpeg, webpOf } from "../helpers/pictures";
import { addMember, anonymous, palaceWithTwoRooms, placeConcept, rejectionOf, signUp } from "../helpers/world";

const ORIGIN = "http://localhost:3999";
const RED = { r: 220, g: 30, b: 40 };
const BLUE = { r: 20, g: 60, b: 230 };

describe.each(testDatabases)("concept pictures on $name", (target) => {
  let database: Database & { drop(): Promise<void> };
  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(() => database.drop());

  const upload = (actor: Actor, conceptId: string, version: number | string, body: Uint8Array | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) =>
    uploadHandler(async () => ({ db: database.db, actor }))(
      new Request(`${ORIGIN}${pictureUploadUrl(conceptId, version as number)}`, {
        method: "POST",
        body: body instanceof ReadableStream ? body : new Uint8Array(body),
        headers,
        duplex: "half",
      } as RequestInit),
    );
  const download = (actor: Actor, conceptId: string, hash: string, size: string, ifNoneMatch: string | null = null) =>
    pictureResponse(database.db, actor, { conceptId, hash, size }, ifNoneMatch);

  async function world() {
    const w = await palaceWithTwoRooms(database);
    const { concept } = await placeConcept(w.owner.caller, w.palace.id, w.roomA.id, "Loss spike at step 40k");
    return { ...w, concept, actor: { userId: w.owner.user.id } };
  }
  const versionOf = async (id: string) => (await database.db.select({ v: concepts.version }).from(concepts).where(eq(concepts.id, id)))[0]!.v;
  const storedCount = async (conceptId: string) => (await database.db.select().from(conceptPictures).where(eq(conceptPictures.conceptId, conceptId))).length;

  it("stores an upload as WebP at display and thumbnail size, bumps the concept and tells live viewers", async () => {
    const { owner, palace, concept, actor } = await world();
    const started = performance.now();
    const res = await upload(actor, concept.id, concept.version, await pngOf(2000, 1000, RED), { "content-type": "image/png" });
    const decodeMs = performance.now() - started;
    expect(res.status).toBe(200);
    const result = (await res.json()) as TPictureResult;
    expect(result).toMatchObject({ conceptId: concept.id, version: concept.version + 1, picture: { width: 1024, height: 512, thumbWidth: 256, thumbHeight: 128 } });
    console.info(`2000×1000 PNG upload decoded and stored in ${decodeMs.toFixed(0)} ms`);

    const scene = await owner.caller.palace.get({ id: palace.id });
    const summary = scene.concepts.find((c) => c.id === concept.id)!;
    expect(summary.picture).toEqual(result.picture);
    expect(summary.version).toBe(concept.version + 1);
    const events = await database.db.select().from(palaceEvents).where(eq(palaceEvents.palaceId, palace.id));
    expect(events.at(-1)).toMatchObject({ action: "changed", entity: "concept", entityId: concept.id, version: concept.version + 1 });

    const hash = result.picture!.hash;
    for (const [size, width, height] of [["display", 1024, 512], ["thumb", 256, 128]] as const) {
      const got = await download(actor, concept.id, hash, size);
      expect(got.status).toBe(200);
      expect(got.headers.get("content-type")).toBe("image/webp");
      expect(got.headers.get("cache-control")).toBe("private, max-age=31536000, immutable");
      expect(got.headers.get("x-content-type-options")).toBe("nosniff");
      const etag = got.headers.get("etag")!;
      expect(etag).toBe(`"${hash}-${size}"`);
      const bytes = Buffer.from(await got.arrayBuffer());
      const meta = await sharp(bytes).metadata();
      expect({ format: meta.format, width: meta.width, height: meta.height }).toEqual({ format: "webp", width, height });
      const colour = await meanColour(bytes);
      expect(Math.abs(colour.r - RED.r) + Math.abs(colour.g - RED.g) + Math.abs(colour.b - RED.b)).toBeLessThan(30);
      if (size === "display") expect(createHashHex(bytes)).toBe(hash);
      const again = await download(actor, concept.id, hash, size, etag);
      expect(again.status).toBe(304);
    }
    expect(pictureUrl(concept.id, hash, "thumb")).toBe(`/api/pictures/${concept.id}/${hash}/thumb`);
  });

  it("turns a JPEG upright and strips its EXIF and GPS; keeps a small WebP small", async () => {
    const { concept, actor } = await world();
    const original = await jpegWithExif(400, 200, BLUE);
    expect((await sharp(original).metadata()).exif?.includes("EngramCam")).toBe(true);
    const res = await upload(actor, concept.id, concept.version, original);
    const result = (await res.json()) as TPictureResult;
    // EXIF orientation 6 means the camera was turned: the stored picture is portrait.
    expect(result.picture).toMatchObject({ width: 200, height: 400 });
    const bytes = Buffer.from(await (await download(actor, concept.id, result.picture!.hash, "display")).arrayBuffer());
    const meta = await sharp(bytes).metadata();
    expect({ exif: meta.exif, xmp: meta.xmp, icc: meta.icc, orientation: meta.orientation }).toEqual({ exif: undefined, xmp: undefined, icc: undefined, orientation: undefined });
    expect(bytes.includes("EngramCam")).toBe(false);
    expect(bytes.includes("Secret Model")).toBe(false);

    const small = await upload(actor, concept.id, result.version, await webpOf(120, 80, RED));
    expect(((await small.json()) as TPictureResult).picture).toMatchObject({ width: 120, height: 80, thumbWidth: 120, thumbHeight: 80 });
  });

  it("refuses other types, damaged files, bombs and oversized bodies, writing nothing", async () => {
    const { concept, actor } = await world();
    const png = await pngOf(64, 64, RED);
    const cases: [string, Buffer | Uint8Array, number, RegExp][] = [
      ["a GIF", await gifOf(32, 32, RED), 400, /^That file is not a PNG, JPEG or WebP picture\.$/],
      ["an SVG", SVG, 400, /^That file is not a PNG, JPEG or WebP picture\.$/],
      ["a GIF named .png", Buffer.concat([await gifOf(8, 8, RED)]), 400, /not a PNG, JPEG or WebP/],
      ["a PNG signature then junk", Buffer.concat([png.subarray(0, 8), Buffer.from("definitely not image data".repeat(20))]), 400, /could not be decoded/],
      ["half a JPEG", await truncatedJpeg(), 400, /could not be decoded/],
      ["a PNG with its pixels cut off", png.subarray(0, png.length - 40), 400, /could not be decoded/],
      ["a 20000 × 20000 bomb", bombPng(20_000), 400, /^The picture is too large to decode: 20000 × 20000 pixels is more than the 40 megapixels Engram accepts\.$/],
      ["an empty body", new Uint8Array(0), 400, /empty/],
      ["a body over 5 MB", new Uint8Array(5 * 1024 * 1024 + 1), 413, /^The picture is larger than 5 MB\.$/],
    ];
    for (const [what, body, status, message] of cases) {
      const started = performance.now();
      const res = await upload(actor, concept.id, concept.version, body);
      expect(res.status, what).toBe(status);
      expect(((await res.json()) as { error: { message: string } }).error.message, what).toMatch(message);
      // A bomb is refused from its header, long before its pixels would be decoded.
      if (what.includes("bomb")) expect(performance.now() - started).toBeLessThan(2000);
    }
    expect(bombPng(20_000).length).toBeLessThan(100_000);

    // A streamed body with no Content-Length is cut off at the limit too.
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new Uint8Array(1024 * 1024));
      },
    });
    const streamed = await upload(actor, concept.id, concept.version, stream);
    expect(streamed.status).toBe(413);

    expect(await storedCount(concept.id)).toBe(0);
    expect(await versionOf(concept.id)).toBe(concept.version);
  });

  it("checks who is asking: editors upload, readers download, strangers learn nothing", async () => {
    const { owner, palace, concept, actor } = await world();
    const [viewer, editor, stranger] = await Promise.all(["Viewer", "Editor", "Stranger"].map((n) => signUp(database, n)));
    await addMember(database, palace.id, viewer!.user.id, "viewer");
    await addMember(database, palace.id, editor!.user.id, "editor");
    const png = await pngOf(50, 50, RED);

    const refusals: [Actor, number, RegExp][] = [
      [{ userId: null }, 401, /Sign in/],
      [{ userId: stranger!.user.id }, 404, /^Concept was not found\.$/],
      [{ userId: viewer!.user.id }, 403, /can view this palace but not change it/],
    ];
    for (const [who, status, message] of refusals) {
      const res = await upload(who, concept.id, concept.version, png);
      expect(res.status).toBe(status);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(message);
    }
    const missing = await upload(actor, crypto.randomUUID(), 1, png);
    expect(missing.status).toBe(404);
    expect(await storedCount(concept.id)).toBe(0);

    const stale = await upload({ userId: editor!.user.id }, concept.id, concept.version + 3, png);
    expect(stale.status).toBe(409);
    expect((await upload({ userId: editor!.user.id }, concept.id, "none", png)).status).toBe(400);

    const ok = await upload({ userId: editor!.user.id }, concept.id, concept.version, png);
    expect(ok.status).toBe(200);
    const { picture } = (await ok.json()) as TPictureResult;
    const hash = picture!.hash;

    for (const who of [actor, { userId: viewer!.user.id }, { userId: editor!.user.id }]) {
      expect((await download(who, concept.id, hash, "thumb")).status).toBe(200);
    }
    // The stranger and the signed-out visitor get exactly what a concept that does not exist gets.
    const nowhere = await download(actor, crypto.randomUUID(), hash, "thumb");
    const nowhereBody = await nowhere.text();
    for (const who of [{ userId: null }, { userId: stranger!.user.id }]) {
      for (const size of ["display", "thumb"]) {
        const res = await download(who, concept.id, hash, size);
        expect(res.status).toBe(404);
        expect(await res.text()).toBe(nowhereBody);
        // Even with a matching ETag there is no 304 to confirm the picture exists.
        expect((await download(who, concept.id, hash, size, `"${hash}-${size}"`)).status).toBe(404);
      }
    }
    expect(nowhere.status).toBe(404);
    expect((await download(actor, concept.id, "0".repeat(64), "display")).status).toBe(404);
    expect((await download(actor, concept.id, hash, "original")).status).toBe(404);
    expect((await download(actor, "not-an-id", hash, "thumb")).status).toBe(404);

    // A public palace's pictures are for everyone.
    const current = await owner.caller.palace.get({ id: palace.id });
    await owner.caller.palace.update({ id: palace.id, version: current.palace.version, visibility: "public" });
    expect((await download({ userId: null }, concept.id, hash, "display")).status).toBe(200);
    expect((await upload({ userId: stranger!.user.id }, concept.id, 2, png)).status).toBe(403);
  });

  it("replaces and removes a picture through picture.delete, and goes with its concept", async () => {
    const { owner, palace, roomA, concept, actor } = await world();
    const first = (await (await upload(actor, concept.id, concept.version, await pngOf(300, 300, RED))).json()) as TPictureResult;
    const second = (await (await upload(actor, concept.id, first.version, await pngOf(300, 300, BLUE))).json()) as TPictureResult;
    expect(second.picture!.hash).not.toBe(first.picture!.hash);
    expect(second.version).toBe(first.version + 1);
    expect((await download(actor, concept.id, first.picture!.hash, "display")).status).toBe(404);
    expect((await download(actor, concept.id, second.picture!.hash, "display")).status).toBe(200);

    const viewer = await signUp(database, "Viewer");
    await addMember(database, palace.id, viewer.user.id, "viewer");
    expect((await rejectionOf(viewer.caller.picture.delete({ conceptId: concept.id, version: second.version }))).code).toBe("FORBIDDEN");
    expect((await rejectionOf(anonymous(database).picture.delete({ conceptId: concept.id, version: second.version }))).code).toBe("UNAUTHORIZED");
    expect((await rejectionOf(owner.caller.picture.delete({ conceptId: concept.id, version: first.version }))).code).toBe("CONFLICT");

    const removed = await owner.caller.picture.delete({ conceptId: concept.id, version: second.version });
    expect(removed).toEqual({ conceptId: concept.id, version: second.version + 1, picture: null });
    expect((await download(actor, concept.id, second.picture!.hash, "display")).status).toBe(404);
    const again = await rejectionOf(owner.caller.picture.delete({ conceptId: concept.id, version: removed.version }));
    expect({ code: again.code, message: again.message }).toEqual({ code: "NOT_FOUND", message: "The concept's picture was not found." });
    expect((await owner.caller.palace.get({ id: palace.id })).concepts.find((c) => c.id === concept.id)!.picture).toBeNull();

    // A duplicated palace copies the picture; deleting the concept takes its picture along.
    const other = await placeConcept(owner.caller, palace.id, roomA.id, "Attention map", { x: 5, z: 5 });
    const hung = (await (await upload(actor, other.concept.id, other.concept.version, await pngOf(80, 40, RED))).json()) as TPictureResult;
    const copy = await owner.caller.palace.duplicate({ id: palace.id });
    const copied = (await owner.caller.palace.get({ id: copy.id })).concepts.find((c) => c.title === "Attention map")!;
    expect(copied.picture).toEqual(hung.picture);
    expect((await download(actor, copied.id, hung.picture!.hash, "display")).status).toBe(200);
    await owner.caller.concept.delete({ id: other.concept.id, version: hung.version });
    expect(await storedCount(other.concept.id)).toBe(0);
  });
});

function createHashHex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}
