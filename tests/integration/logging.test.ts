// Structured request logs: one JSON line per API call with its request id, errors tied to the
// same id, and no password, token or cookie anywhere in what is written.
import superjson from "superjson";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/server/db/client";
import { setLogSink, withRequestLog } from "~/server/log";
import { PEER_ADDRESS_HEADER } from "~/server/security/peer-address";
import { handleTrpcRequest } from "~/server/trpc/http";
import { testDatabases } from "../helpers/databases";
import { busFor, makeAuth } from "../helpers/world";

const ORIGIN = "http://localhost:3999";
const PASSWORD = "purple elephants dance at noon";
const WRONG = "orange giraffes sleep at dawn";

interface Line {
  level: string;
  msg: string;
  requestId?: string;
  [key: string]: unknown;
}

describe.each(testDatabases)("request logs on $name", (target) => {
  let database: Database & { drop(): Promise<void> };
  let lines: string[] = [];
  let restore: () => void;
  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(() => database.drop());
  afterEach(() => restore?.());

  function capture() {
    lines = [];
    restore = setLogSink((line) => lines.push(line));
  }
  const parsed = () => lines.map((l) => JSON.parse(l) as Line);

  it("logs sign-up and failed sign-in with method, path, status, duration and id, and never the password", async () => {
    const auth = makeAuth(database);
    const handler = withRequestLog("auth", (req) => auth.handler(req));
    const email = `logged-${crypto.randomUUID().slice(0, 8)}@example.com`;
    const post = (path: string, body: object, requestId?: string) =>
      handler(
        new Request(`${ORIGIN}/api/auth${path}?next=/palaces`, {
          method: "POST",
          headers: { origin: ORIGIN, "content-type": "application/json", [PEER_ADDRESS_HEADER]: "10.9.8.7", ...(requestId ? { "x-request-id": requestId } : {}) },
          body: JSON.stringify(body),
        }),
      );

    capture();
    const signUp = await post("/sign-up/email", { email, password: PASSWORD, name: "Logged" }, "trace-sign-up-1");
    const token = ((await signUp.json()) as { token: string }).token;
    const failed = await post("/sign-in/email", { email, password: WRONG });
    expect(signUp.headers.get("x-request-id")).toBe("trace-sign-up-1");
    const generated = failed.headers.get("x-request-id");
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);

    const all = parsed();
    const requests = all.filter((l) => l.msg === "request");
    expect(requests).toEqual([
      expect.objectContaining({ level: "info", route: "auth", requestId: "trace-sign-up-1", method: "POST", path: "/api/auth/sign-up/email", status: 200, durationMs: expect.any(Number) }),
      expect.objectContaining({ level: "warn", route: "auth", requestId: generated, method: "POST", path: "/api/auth/sign-in/email", status: 401 }),
    ]);
    // better-auth's own complaint about the wrong password is ours too, under the same id.
    expect(all.filter((l) => l.msg.startsWith("better-auth:") && l.requestId === generated).length).toBeGreaterThan(0);

    const text = lines.join("\n");
    for (const secret of [PASSWORD, WRONG, token]) expect(text).not.toContain(secret);
    // Query strings are not logged: they can carry tokens.
    expect(text).not.toContain("next=");
  });

  it("replaces a request id that could smuggle text into the log", async () => {
    const handler = withRequestLog("auth", async () => new Response("ok"));
    capture();
    const res = await handler(new Request(`${ORIGIN}/api/auth/ok`, { headers: { "x-request-id": 'x" , "level": "error' } }));
    const id = res.headers.get("x-request-id")!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(parsed()).toEqual([expect.objectContaining({ requestId: id, status: 200 })]);
  });

  it("logs a refused tRPC call and its request line under one id", async () => {
    const handler = withRequestLog("trpc", (req) => handleTrpcRequest(req, async () => ({ db: database.db, bus: busFor(database), user: null })));
    const input = encodeURIComponent(JSON.stringify(superjson.serialize({ id: crypto.randomUUID() })));
    capture();
    const res = await handler(new Request(`${ORIGIN}/api/trpc/palace.get?input=${input}`, { headers: { "x-request-id": "trace-trpc-1" } }));
    expect(res.status).toBe(404);
    expect(res.headers.get("x-request-id")).toBe("trace-trpc-1");
    expect(parsed()).toEqual([
      expect.objectContaining({ level: "warn", msg: "procedure refused", requestId: "trace-trpc-1", procedure: "palace.get", code: "NOT_FOUND" }),
      expect.objectContaining({ level: "warn", msg: "request", route: "trpc", requestId: "trace-trpc-1", method: "GET", path: "/api/trpc/palace.get", status: 404 }),
    ]);
  });

  it("answers a handler that throws with a plain 500 and logs the error with its id", async () => {
    const handler = withRequestLog("trpc", async () => {
      throw new Error("connection reset by peer");
    });
    capture();
    const res = await handler(new Request(`${ORIGIN}/api/trpc/palace.list`, { headers: { "x-request-id": "trace-crash" } }));
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: "Something went wrong on our side. Please try again.", requestId: "trace-crash" });
    const [failure] = parsed();
    expect(failure).toMatchObject({ level: "error", msg: "request failed", requestId: "trace-crash", error: { message: "connection reset by peer" } });
  });
});
