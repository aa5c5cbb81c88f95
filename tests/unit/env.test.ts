import { describe, expect, it } from "vitest";
import { parseEnv } from "~/server/env";

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
