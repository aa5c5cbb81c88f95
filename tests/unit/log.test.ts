import { afterEach, describe, expect, it } from "vitest";
import { log, setLogSink } from "~/server/log";

describe("log", () => {
  let restore: (() => void) | undefined;
  afterEach(() => restore?.());

  it("writes one JSON line per event and masks fields that can hold secrets, however deep", () => {
    const lines: string[] = [];
    restore = setLogSink((line) => lines.push(line));
    log.info("signed in", {
      user: { id: "u1", password: "hunter22hunter", newPassword: "x" },
      headers: { cookie: "better-auth.session_token=abc", authorization: "Bearer abc" },
      token: "t0k3n",
      list: [{ secret: "s" }],
    });
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]!);
    expect(entry).toMatchObject({
      level: "info",
      msg: "signed in",
      user: { id: "u1", password: "[redacted]", newPassword: "[redacted]" },
      headers: { cookie: "[redacted]", authorization: "[redacted]" },
      token: "[redacted]",
      list: [{ secret: "[redacted]" }],
    });
    expect(lines[0]).not.toMatch(/hunter22|abc|t0k3n/);
  });

  it("keeps a failed query's parameters out of logged errors", () => {
    const lines: string[] = [];
    restore = setLogSink((line) => lines.push(line));
    const error = new Error("Failed query: insert into accounts values ($1, $2)\nparams: someone,hunter22hunter");
    log.error("procedure failed", { error: new Error("wrapped", { cause: error }) });
    expect(lines[0]).toContain("params: [redacted]");
    expect(lines[0]).not.toContain("hunter22");
  });
});
