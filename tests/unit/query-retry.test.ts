// Queries are retried on failures that may pass (a dropped connection, a server error), never on
// refusals: a stranger's palace page answered 404 only after three seconds of retries.
import { TRPCClientError } from "@trpc/client";
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { shouldRetry } from "~/app/_trpc/query-client";

describe("query retries", () => {
  it("never retries a refusal, whether it comes from the router in process or over HTTP", () => {
    for (const code of ["NOT_FOUND", "FORBIDDEN", "UNAUTHORIZED", "BAD_REQUEST", "CONFLICT", "TOO_MANY_REQUESTS"] as const) {
      expect(shouldRetry(0, new TRPCError({ code, message: "No." }))).toBe(false);
    }
    const overHttp = new TRPCClientError("Palace was not found.", { result: { error: { message: "Palace was not found.", code: -32004, data: { code: "NOT_FOUND", httpStatus: 404 } } } });
    expect(shouldRetry(0, overHttp)).toBe(false);
  });

  it("retries twice what may pass the next time", () => {
    const crash = new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "Boom." });
    expect([0, 1, 2].map((n) => shouldRetry(n, crash))).toEqual([true, true, false]);
    expect(shouldRetry(0, new TypeError("Failed to fetch"))).toBe(true);
    expect(shouldRetry(0, null)).toBe(true);
  });
});
