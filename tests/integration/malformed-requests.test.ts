// Requests the tRPC endpoint cannot read (broken or deeply nested JSON, superjson metadata that
// names bogus transformations, bodies of null, odd content types, over-long batches) are refused
// with a plain sentence, never with what the parser said internally, and do no work.
import superjson from "superjson";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/server/db/client";
import { concepts } from "~/server/db/schema";
import { MAX_BATCH_SIZE } from "~/server/domain/common.schema";
import { handleTrpcRequest } from "~/server/trpc/http";
import { testDatabases } from "../helpers/databases";
import { busFor, signUp } from "../helpers/world";

const ORIGIN = "http://localhost:3999";
const deepArray = (n: number) => "[".repeat(n) + "]".repeat(n);
const deepObject = (n: number) => '{"a":'.repeat(n) + "1" + "}".repeat(n);

// Each was answered with an internal message before: the parser's or tRPC's own words.
const MALFORMED: [string, { path: string; method?: "GET" | "POST"; body?: string; type?: string }][] = [
  ["a body of null", { path: "palace.create", body: "null" }],
  ["a batch whose input is null", { path: "palace.create?batch=1", body: '{"0":null}' }],
  ["a batch whose input is not an object", { path: "palace.create?batch=1", body: "null" }],
  ["broken JSON", { path: "palace.create", body: "{" }],
  ["broken JSON in the query string", { path: "palace.get?input=%7B", method: "GET" }],
  ["deeply nested JSON", { path: "palace.create", body: `{"json":${deepObject(100_000)}}` }],
  ["deeply nested superjson metadata", { path: "palace.create", body: `{"json":{"title":"x"},"meta":{"values":${deepArray(100_000)}}}` }],
  ["a regular expression that does not compile", { path: "palace.create", body: '{"json":{"title":"/(/"},"meta":{"values":{"title":["regexp"]}}}' }],
  ["an unknown transformation", { path: "palace.create", body: '{"json":{"title":"x"},"meta":{"values":{"title":[["regexp","/(/"]]}}}' }],
  ["a custom transformation that does not exist", { path: "palace.create", body: '{"json":{"title":"x"},"meta":{"values":{"title":["custom","nope"]}}}' }],
  ["a map that is not one", { path: "palace.create", body: '{"json":{"title":"x"},"meta":{"values":{"title":["map"]}}}' }],
  ["a bigint that is not one", { path: "palace.create", body: '{"json":{"title":"zz"},"meta":{"values":{"title":["bigint"]}}}' }],
  ["a __proto__ path", { path: "palace.create", body: '{"json":{"title":"x"},"meta":{"referentialEqualities":{"__proto__":["title"]}}}' }],
  ["a path that is not URL-encoded properly", { path: "palace.get%E0%A4%A?input=1", method: "GET" }],
  ["an unknown procedure", { path: "nope.nope", body: "{}" }],
  ["a form instead of JSON", { path: "palace.create", body: "a=b", type: "application/x-www-form-urlencoded" }],
  ["a broken multipart body", { path: "palace.create", body: "--x\r\n", type: "multipart/form-data; boundary=x" }],
];

const INTERNAL = /stack|destructure|regular expression|transformation|Iterator|BigInt|__proto__|JSON at position|needs to be an object|No procedure|content-type|FormData|URL-encoding|Unexpected|property/i;

describe.each(testDatabases)("malformed tRPC requests on $name", (target) => {
  let database: Database & { drop(): Promise<void> };
  let user: Awaited<ReturnType<typeof signUp>>["user"];
  let caller: Awaited<ReturnType<typeof signUp>>["caller"];
  beforeAll(async () => {
    database = await target.open();
    ({ user, caller } = await signUp(database, "Prober"));
  });
  afterAll(async () => {
    await busFor(database).close();
    await database.drop();
  });

  const send = (path: string, init: { method?: "GET" | "POST"; body?: string; type?: string } = {}) =>
    handleTrpcRequest(
      new Request(`${ORIGIN}/api/trpc/${path}`, {
        method: init.method ?? "POST",
        headers: { "content-type": init.type ?? "application/json" },
        body: init.body,
      }),
      async () => ({ db: database.db, bus: busFor(database), user }),
    );

  /** Every error message in a tRPC reply, batched or not. */
  async function messagesOf(response: Response): Promise<string[]> {
    const body = (await response.json()) as unknown;
    const replies = Array.isArray(body) ? body : [body];
    return replies.map((r) => superjson.deserialize<{ message: string }>((r as { error: Parameters<typeof superjson.deserialize>[0] }).error).message);
  }

  it.each(MALFORMED)("answers %s with a 4xx and a plain sentence", async (_name, request) => {
    const response = await send(request.path, request);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    const messages = await messagesOf(response);
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) {
      expect(message).toMatch(/^[A-Z][^{}\n]*\.$/);
      expect(message).not.toMatch(INTERNAL);
    }
  });

  it("keeps the sentences it wrote itself: a validation message and a domain error", async () => {
    const invalid = await send("palace.create", { body: JSON.stringify(superjson.serialize({ title: "   " })) });
    expect(invalid.status).toBe(400);
    expect(await messagesOf(invalid)).toEqual(["title: Title cannot be empty."]);
    const missing = await send("palace.get?input=" + encodeURIComponent(JSON.stringify(superjson.serialize({ id: crypto.randomUUID() }))), { method: "GET" });
    expect(missing.status).toBe(404);
    expect(await messagesOf(missing)).toEqual(["Palace was not found."]);
  });

  it(`runs a batch of ${MAX_BATCH_SIZE} calls and refuses a longer one before any call runs`, async () => {
    const palace = await caller.palace.create({ title: "Batch target" });
    const batch = (n: number) =>
      send(`${Array(n).fill("concept.create").join(",")}?batch=1`, {
        body: JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [i, superjson.serialize({ palaceId: palace.id, title: `C${i}` })]))),
      });
    const count = async () => (await database.db.select({ id: concepts.id }).from(concepts).where(eq(concepts.palaceId, palace.id))).length;

    const refused = await batch(1_000);
    expect(refused.status).toBe(400);
    expect(new Set(await messagesOf(refused))).toEqual(new Set([`A request may carry at most ${MAX_BATCH_SIZE} calls.`]));
    expect(await count()).toBe(0);
    expect((await batch(MAX_BATCH_SIZE + 1)).status).toBe(400);
    expect(await count()).toBe(0);

    const accepted = await batch(MAX_BATCH_SIZE);
    expect(accepted.status).toBe(200);
    expect(await count()).toBe(MAX_BATCH_SIZE);
  });
});
