// Error responses a framework writes by itself get the strict policy when they carry none;
// responses that set their own policy, and successful ones, are left as they are.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installErrorResponsePolicy } from "~/server/security/error-csp";
import { API_CONTENT_SECURITY_POLICY } from "~/server/security/headers";

describe("error responses without a Content-Security-Policy", () => {
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    installErrorResponsePolicy();
    server = http.createServer((req, res) => {
      if (req.url === "/implicit-404") {
        // As a static file server does: status and body, no explicit writeHead.
        res.statusCode = 404;
        res.end("Not Found");
      } else if (req.url === "/explicit-500") {
        res.writeHead(500, { "content-type": "text/plain" });
        res.end("broken");
      } else if (req.url === "/redirect") {
        res.writeHead(308, { location: "/ok" });
        res.end();
      } else if (req.url === "/own-policy-404") {
        res.writeHead(404, { "content-security-policy": "default-src 'self'" });
        res.end();
      } else {
        res.end("fine");
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("adds the strict policy to a 404 written with implicit headers, a 500 written with writeHead and a redirect", async () => {
    for (const path of ["/implicit-404", "/explicit-500"]) {
      const res = await fetch(`${base}${path}`);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.headers.get("content-security-policy")).toBe(API_CONTENT_SECURITY_POLICY);
    }
    const redirect = await fetch(`${base}/redirect`, { redirect: "manual" });
    expect(redirect.status).toBe(308);
    expect(redirect.headers.get("content-security-policy")).toBe(API_CONTENT_SECURITY_POLICY);
  });

  it("keeps a policy the response set itself, and leaves successful responses alone", async () => {
    expect((await fetch(`${base}/own-policy-404`)).headers.get("content-security-policy")).toBe("default-src 'self'");
    expect((await fetch(`${base}/ok`)).headers.get("content-security-policy")).toBeNull();
  });
});
