import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEnv } from "~/server/env";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "engram-env-"));

describe("configuration", () => {
  it("defaults to PGlite in a data folder and keeps a generated secret there", () => {
    const dir = tmp();
    const first = parseEnv({ PGLITE_DIR: path.join(dir, "pglite") });
    expect(first.DATABASE_URL).toBeUndefined();
    expect(first.PORT).toBe(3000);
    expect(first.BETTER_AUTH_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(fs.readFileSync(path.join(dir, "auth-secret"), "utf8")).toBe(first.BETTER_AUTH_SECRET);
    // The same secret on the next start, so sessions survive a restart.
    expect(parseEnv({ PGLITE_DIR: path.join(dir, "pglite") }).BETTER_AUTH_SECRET).toBe(first.BETTER_AUTH_SECRET);
  });

  it("names the variable at fault", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://nope" })).toThrow(/DATABASE_URL: DATABASE_URL must start with postgres/);
    expect(() => parseEnv({ PORT: "70000", PGLITE_DIR: path.join(tmp(), "p") })).toThrow(/PORT/);
    expect(() => parseEnv({ BETTER_AUTH_SECRET: "short" })).toThrow(/at least 32 characters/);
  });

  it("requires a shared secret in production with a PostgreSQL server", () => {
    expect(() => parseEnv({ NODE_ENV: "production", DATABASE_URL: "postgres://db/engram" })).toThrow(/BETTER_AUTH_SECRET is required/);
    const ok = parseEnv({ NODE_ENV: "production", DATABASE_URL: "postgres://db/engram", BETTER_AUTH_SECRET: "x".repeat(40) });
    expect(ok.DATABASE_URL).toBe("postgres://db/engram");
  });

  it("treats an empty DATABASE_URL as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", PGLITE_DIR: path.join(tmp(), "p") }).DATABASE_URL).toBeUndefined();
  });
});

const base = { NODE_ENV: "test", BETTER_AUTH_SECRET: "x".repeat(32) } as const;

describe("TRUST_PROXY", () => {
  it("is off unless set to 1", () => {
    expect(parseEnv({ ...base }).TRUST_PROXY).toBe(false);
    expect(parseEnv({ ...base, TRUST_PROXY: "0" }).TRUST_PROXY).toBe(false);
    expect(parseEnv({ ...base, TRUST_PROXY: "1" }).TRUST_PROXY).toBe(true);
  });

  it("refuses anything else with a sentence naming the variable", () => {
    expect(() => parseEnv({ ...base, TRUST_PROXY: "yes" })).toThrow(/TRUST_PROXY: TRUST_PROXY must be 1/);
  });
});
