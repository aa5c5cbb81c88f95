// Writes sent by a browser from another site are refused with 403 before anything runs, on the
// tRPC endpoint and on picture uploads, as the auth routes already refuse them; the app's own
// pages, scripts without a browser, and reads from anywhere go through.
import superjson from "superjson";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/server/db/client";
import { conceptPictures, palaces } from "~/server/db/schema";
import { pictureUploadUrl } from "~/server/domain/picture/picture.schema";
import { uploadHandler } from "~/server/domain/picture/picture.response";
import { CROSS_SITE_MESSAGE } from "~/server/security/same-origin";
import { handleTrpcRequest } from "~/server/trpc/http";
import { testDatabases } from "../helpers/databases";
import { pngOf } from "../helpers/pictures";
import { busFor, signUp } from "../helpers/world";

const APP = "http://localhost:3999";

type Headers = Record<string, string>;
const FROM_OTHER_SITES: [string, Headers][] = [
  ["Sec-Fetch-Site: cross-site", { "sec-fetch-site": "cross-site", origin: "https://evil.example" }],
  ["Sec-Fetch-Site: same-site (a sibling subdomain)", { "sec-fetch-site": "same-site", origin: "http://other.localhost:3999" }],
  ["an Origin of another site, without Sec-Fetch-Site", { origin: "https://evil.example" }],
  ["an Origin on another port, without Sec-Fetch-Site", { origin: "http://localhost:4000" }],
  ["Origin: null, without Sec-Fetch-Site", { origin: "null" }],
];
const FROM_HERE: [string, Headers][] = [
  ["the app's own page", { "sec-fetch-site": "same-origin", origin: APP }],
  ["an older browser on the app's own page", { origin: APP }],
  ["behind a proxy that names the public host", { origin: "https://engram.example", host: "127.0.0.1:3000", "x-forwarded-host": "engram.example" }],
  ["a script without a browser", {}],
];

describe.each(testDatabases)("cross-site writes on $name", (target) => {
  let database: Database & { drop(): Promise<void> };
  let world: Awaited<ReturnType<typeof signUp>>;
  beforeAll(async () => {
    database = await target.open();
    world = await signUp(database, "Owner");
  });
  afterAll(async () => {
    await busFor(database).close();
    await database.drop();
  });

  const trpc = (path: string, init: { method?: string; body?: string; headers: Headers }) =>
    handleTrpcRequest(
      new Request(`${APP}/api/trpc/${path}`, { method: init.method ?? "POST", headers: { "content-type": "application/json", ...init.headers }, body: init.body }),
      async () => ({ db: database.db, bus: busFor(database), user: world.user }),
    );
  const createPalace = (title: string, headers: Headers) => trpc("palace.create", { body: JSON.stringify(superjson.serialize({ title })), headers });
  const palacesTitled = (title: string) => database.db.select().from(palaces).where(eq(palaces.title, title));

  it.each(FROM_OTHER_SITES)("refuses a tRPC mutation sent with %s, writing nothing", async (_name, headers) => {
    const title = `Forged ${crypto.randomUUID()}`;
    const response = await createPalace(title, headers);
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: { code: "FORBIDDEN", message: CROSS_SITE_MESSAGE } });
    expect(await palacesTitled(title)).toEqual([]);
  });

  it.each(FROM_HERE)("accepts a tRPC mutation from %s", async (_name, headers) => {
    const title = `Mine ${crypto.randomUUID()}`;
    const response = await createPalace(title, headers);
    expect(response.status).toBe(200);
    expect(await palacesTitled(title)).toHaveLength(1);
  });

  it("lets reads through from anywhere: another site cannot see their answers", async () => {
    const response = await trpc("palace.list", { method: "GET", headers: { "sec-fetch-site": "cross-site", origin: "https://evil.example" } });
    expect(response.status).toBe(200);
  });

  it("refuses a cross-site picture upload and takes one from the app's page", async () => {
    const palace = await world.caller.palace.create({ title: "Pictures" });
    const concept = await world.caller.concept.create({ palaceId: palace.id, title: "Framed" });
    const bytes = await pngOf(8, 8, { r: 1, g: 2, b: 3 });
    const upload = (headers: Headers) =>
      uploadHandler(async () => ({ db: database.db, actor: { userId: world.user.id } }))(
        new Request(`${APP}${pictureUploadUrl(concept.id, concept.version)}`, { method: "POST", body: new Uint8Array(bytes), headers }),
      );
    const forged = await upload({ "sec-fetch-site": "cross-site", origin: "https://evil.example" });
    expect(forged.status).toBe(403);
    expect(await database.db.select().from(conceptPictures).where(eq(conceptPictures.conceptId, concept.id))).toEqual([]);
    const own = await upload({ "sec-fetch-site": "same-origin", origin: APP });
    expect(own.status).toBe(200);
    expect(await database.db.select().from(conceptPictures).where(eq(conceptPictures.conceptId, concept.id))).toHaveLength(1);
  });
});
