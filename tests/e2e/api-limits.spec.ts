// The served app's API limits: not behind a trusted proxy X-Forwarded-For is whatever the
// client writes, so the sign-in limit counts the TCP peer instead; production cookies are
// Secure; oversized bodies get 413; every answer carries its request id.
import { randomInt } from "node:crypto";
import http from "node:http";
import { describe, expect, inject, it } from "vitest";

const baseURL = inject("baseURL");

/**
 * A failed sign-in sent from a chosen loopback address (all of 127/8 reaches this machine), so
 * the server sees distinct peers without a proxy; resolves with the status code.
 */
function failedSignInFrom(localAddress: string, forwardedFor: string): Promise<number> {
  const port = Number(new URL(baseURL).port);
  const body = JSON.stringify({ email: `nobody-${crypto.randomUUID().slice(0, 8)}@example.com`, password: "not this one" });
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        localAddress,
        method: "POST",
        path: "/api/auth/sign-in/email",
        headers: { origin: baseURL, "content-type": "application/json", "x-forwarded-for": forwardedFor, "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

function post(path: string, body: object) {
  const headers: Record<string, string> = { origin: baseURL, "content-type": "application/json" };
  return fetch(`${baseURL}/api/auth${path}`, { method: "POST", headers, body: JSON.stringify(body) });
}

const forged = () => `203.0.113.${randomInt(1, 255)}`;

describe("API limits on the served app", () => {
  it("reports the app and database state on /api/health, with a request id", async () => {
    const res = await fetch(`${baseURL}/api/health`, { headers: { "x-request-id": "e2e-health" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toBe("e2e-health");
    expect(await res.json()).toEqual({ status: "ok", database: { kind: "pglite", status: "up", latencyMs: expect.any(Number) } });
  });

  it("refuses oversized bodies with 413 and says why, and echoes the request id", async () => {
    const trpc = await fetch(`${baseURL}/api/trpc/palace.create`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-request-id": "e2e-too-big" },
      body: "x".repeat(2 * 1024 * 1024),
    });
    expect(trpc.status).toBe(413);
    expect(trpc.headers.get("x-request-id")).toBe("e2e-too-big");
    expect(await trpc.json()).toMatchObject({ error: { message: "The request is too large: at most 1 MB is accepted here." } });

    const auth = await post("/sign-in/email", { email: "big@example.com", password: "p".repeat(100 * 1024) });
    expect(auth.status).toBe(413);
    expect(auth.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("sets HttpOnly, SameSite=Lax, Secure session cookies in production", async () => {
    const res = await post("/sign-up/email", {
      email: `cookie-${crypto.randomUUID().slice(0, 8)}@example.com`,
      password: "a long enough passphrase",
      name: "Cookie",
    });
    expect(res.status).toBe(200);
    const session = res.headers.getSetCookie().find((line) => line.startsWith("__Secure-better-auth.session_token="));
    expect(session).toMatch(/; Secure/i);
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
  });

  it("refuses the fourth failed sign-in from one address even when every request forges X-Forwarded-For", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push(await failedSignInFrom("127.0.0.2", forged()));
    expect(statuses).toEqual([401, 401, 401, 429]);
    // Another address is counted on its own: the limit is per peer, not one shared bucket.
    expect(await failedSignInFrom("127.0.0.3", forged())).toBe(401);
  });
});
