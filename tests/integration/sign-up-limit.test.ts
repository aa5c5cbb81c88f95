// New accounts per address: a fixed window of a minute, so a steady trickle of sign-ups from one
// address keeps getting in while a burst past the ceiling waits for the window's end.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/server/db/client";
import { countSignUp, SIGN_UP_WINDOW_MS, SIGN_UPS_PER_WINDOW } from "~/server/security/sign-in-limit";
import { testDatabases } from "../helpers/databases";

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: { statusCode?: number; headers?: Headers | Record<string, string> }) => e,
  );

describe.each(testDatabases)("sign-up limit on $name", (target) => {
  let database: Database & { drop(): Promise<void> };
  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(() => database?.drop());

  it("lets the ceiling in, refuses the next with a wait, and opens again when the window ends", async () => {
    const start = 1_000_000_000;
    for (let i = 0; i < SIGN_UPS_PER_WINDOW; i++) expect(await refusal(countSignUp(database.db, "203.0.113.7", start + i * 1000))).toBeNull();
    const refused = await refusal(countSignUp(database.db, "203.0.113.7", start + 20_000));
    expect(refused?.statusCode).toBe(429);
    // Another address is not held by this one's count.
    expect(await refusal(countSignUp(database.db, "203.0.113.8", start + 20_000))).toBeNull();
    // The window started with the first try, not the last: it ends a minute after it.
    expect(await refusal(countSignUp(database.db, "203.0.113.7", start + SIGN_UP_WINDOW_MS + 1))).toBeNull();
  });

  it("keeps letting in a steady trickle, one a little under a minute after the other", async () => {
    const start = 2_000_000_000;
    for (let i = 0; i < SIGN_UPS_PER_WINDOW * 3; i++) {
      expect(await refusal(countSignUp(database.db, "198.51.100.4", start + i * 50_000))).toBeNull();
    }
  });
});
