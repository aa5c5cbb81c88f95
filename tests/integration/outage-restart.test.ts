// A real PostgreSQL stopped for 3 s under a steady write load (tests/helpers/outage.ts): every
// call fails fast with the outage sentence, the app answers again soon after the server is
// back, and no acknowledged write is lost. `npm run bench:outage` records the same figures.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_UNAVAILABLE_MESSAGE } from "~/server/domain/db-errors";
import { type Cluster, type OutageResult, postgresBinDir, runOutage, startCluster } from "../helpers/outage";

const bin = postgresBinDir();

describe.skipIf(!bin)("PostgreSQL stopped for 3 s and started again (skipped: no PostgreSQL server binaries under /usr/lib/postgresql)", () => {
  let cluster: Cluster;
  let result: OutageResult;
  beforeAll(async () => {
    cluster = await startCluster(bin!);
    result = await runOutage(cluster);
  }, 120_000);
  afterAll(() => cluster?.destroy());

  it("fails every call made during the outage within 5 s, as a 503 with the outage sentence", () => {
    expect(result.failed.length).toBeGreaterThan(0);
    expect(result.unclear.map((c) => `${c.status} ${c.message}`)).toEqual([]);
    expect(result.failed.every((c) => c.message === DATABASE_UNAVAILABLE_MESSAGE)).toBe(true);
    expect(result.longestFailureMs).toBeLessThan(5000);
  });

  it("answers successfully within 3 s of PostgreSQL being back", () => {
    expect(result.recoveryMs).toBeLessThan(3000);
  });

  it("keeps every acknowledged write", () => {
    expect(result.acked).toBeGreaterThan(0);
    expect(result.ackedMissing).toBe(0);
    expect(result.found).toBeGreaterThanOrEqual(result.acked);
  });
});
