// Oversized bodies are refused with 413 before tRPC or better-auth parse them, whether their
// size is declared up front or only shows while they stream in.
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "~/server/db/client";
import { AUTH_BODY_LIMIT, IMPORT_BODY_LIMIT, TRPC_BODY_LIMIT, trpcBodyLimit, withBodyLimit } from "~/server/security/body-limit";
import { handleTrpcRequest } from "~/server/trpc/http";
import { testDatabases } from "../helpers/databases";
import { busFor, signUp } from "../helpers/world";

const ORIGIN = "http://localhost:3999";

/** A body that only reveals its size as it streams, as a chunked upload does. */
function streamOf(bytes: number, chunk = 64 * 1024): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      const size = Math.min(chunk, bytes - sent);
      controller.enqueue(new Uint8Array(size).fill(0x61));
      sent += size;
    },
  });
}

describe.each(testDatabases)("body limits on $name", (target) => {
  let database: Database & { drop(): Promise<void> };
  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(() => database.drop());

  async function trpcHandler() {
    const { user } = await signUp(database, "Uploader");
    const createContext = vi.fn(async () => ({ db: database.db, bus: busFor(database), user }));
    return { createContext, handler: withBodyLimit(TRPC_BODY_LIMIT, (req: Request) => handleTrpcRequest(req, createContext)) };
  }

  const createPalace = (description: string) =>
    JSON.stringify(superjson.serialize({ title: "Big", description }));

  it("accepts a tRPC call just under 1 MB and refuses one over it, declared by Content-Length, unparsed", async () => {
    const { handler, createContext } = await trpcHandler();
    const over = await handler(
      new Request(`${ORIGIN}/api/trpc/palace.create`, { method: "POST", headers: { "content-type": "application/json" }, body: "x".repeat(TRPC_BODY_LIMIT + 1) }),
    );
    expect(over.status).toBe(413);
    expect(await over.json()).toEqual({ error: { code: "PAYLOAD_TOO_LARGE", message: "The request is too large: at most 1 MB is accepted here." } });
    expect(createContext).not.toHaveBeenCalled();

    // A normal call still goes through the limiter untouched.
    const ok = await handler(
      new Request(`${ORIGIN}/api/trpc/palace.create`, { method: "POST", headers: { "content-type": "application/json" }, body: createPalace("fits") }),
    );
    expect(ok.status).toBe(200);
    expect(createContext).toHaveBeenCalledTimes(1);
  });

  it("lets imports carry up to 8 MB (a 5 MB file in base64, or a planned palace) and nothing else", async () => {
    const { user } = await signUp(database, "Importer");
    const createContext = vi.fn(async () => ({ db: database.db, bus: busFor(database), user }));
    const handler = withBodyLimit(trpcBodyLimit, (req: Request) => handleTrpcRequest(req, createContext));
    const post = (path: string, body: string) =>
      handler(new Request(`${ORIGIN}/api/trpc/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body }));

    // A 3 MB Markdown file (200 concepts with long notes) is 4 MB of base64: over the general
    // limit, under the import one.
    const notes = `# Big notes\n\n${Array.from({ length: 200 }, (_, i) => `- Concept ${i}\n  ${"note text ".repeat(1700)}\n`).join("")}`;
    const body = JSON.stringify(superjson.serialize({ fileName: "big.md", data: Buffer.from(notes).toString("base64") }));
    expect(body.length).toBeGreaterThan(TRPC_BODY_LIMIT * 4);
    const imported = await post("transfer.import", body);
    expect(imported.status, await imported.clone().text()).toBe(200);
    expect(createContext).toHaveBeenCalledTimes(1);

    // The same size to any other procedure, or batched with one, is refused unparsed.
    for (const path of ["palace.create", "transfer.import,palace.create?batch=1", "transfer.import%2Cpalace.create?batch=1"]) {
      const res = await post(path, body);
      expect({ path, status: res.status }).toEqual({ path, status: 413 });
    }
    const over = await post("transfer.importPlanned", "x".repeat(IMPORT_BODY_LIMIT + 1));
    expect(over.status).toBe(413);
    expect((await over.json()).error.message).toBe("The request is too large: at most 8 MB is accepted here.");
    expect(createContext).toHaveBeenCalledTimes(1);
  });

  it("refuses a streamed body without Content-Length once it passes the limit", async () => {
    const { handler, createContext } = await trpcHandler();
    const res = await handler(
      new Request(`${ORIGIN}/api/trpc/palace.create`, { method: "POST", body: streamOf(5 * TRPC_BODY_LIMIT), duplex: "half" } as RequestInit),
    );
    expect(res.status).toBe(413);
    expect(createContext).not.toHaveBeenCalled();
  });

  it("refuses an auth request over 64 KB with a sentence, before better-auth sees it", async () => {
    const seen = vi.fn(async () => new Response("parsed"));
    const handler = withBodyLimit(AUTH_BODY_LIMIT, seen);
    const huge = JSON.stringify({ email: "a@example.com", password: "p".repeat(AUTH_BODY_LIMIT) });
    const res = await handler(new Request(`${ORIGIN}/api/auth/sign-in/email`, { method: "POST", body: huge }));
    expect(res.status).toBe(413);
    expect((await res.json()).error.message).toBe("The request is too large: at most 64 KB is accepted here.");
    expect(seen).not.toHaveBeenCalled();
    const small = await handler(new Request(`${ORIGIN}/api/auth/sign-in/email`, { method: "POST", body: "{}" }));
    expect(await small.text()).toBe("parsed");
  });
});
