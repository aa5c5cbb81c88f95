// `npm run bench:outage`: stops a real PostgreSQL for 3 s under a steady write load and records
// how the app behaves (tests/helpers/outage.ts; tests/integration/outage-restart.test.ts asserts
// the same figures). Prints them and writes them to BENCHMARKS.md between the outage markers.
import os from "node:os";
import { DATABASE_UNAVAILABLE_MESSAGE } from "~/server/domain/db-errors";
import { postgresBinDir, runOutage, startCluster } from "../helpers/outage";
import { writeSection } from "./section";

const bin = postgresBinDir();
if (!bin) {
  console.error("No PostgreSQL server binaries under /usr/lib/postgresql: nothing to measure.");
  process.exit(1);
}
const cluster = await startCluster(bin);
try {
  const r = await runOutage(cluster);
  const ok = r.calls.length - r.failed.length;
  const checks: [string, boolean, string][] = [
    ["each failing request fails within 5 s", r.longestFailureMs < 5000, `longest ${r.longestFailureMs} ms`],
    ["every failure is a 503 with the outage sentence", r.failed.length > 0 && r.unclear.length === 0, `${r.failed.length - r.unclear.length} of ${r.failed.length}`],
    ["a request succeeds within 3 s of PostgreSQL being back", r.recoveryMs < 3000, `${r.recoveryMs} ms`],
    ["every acknowledged write is in the database", r.ackedMissing === 0, `${r.acked} acknowledged, ${r.found} found, ${r.ackedMissing} missing`],
  ];
  const table = ["| check | met | measured |", "| --- | --- | --- |", ...checks.map(([what, met, measured]) => `| ${what} | ${met ? "yes" : "no"} | ${measured} |`)].join("\n");
  const statuses = [...new Set(r.failed.map((c) => c.status))].join(", ") || "none";
  const section = [
    "## Database outage: `npm run bench:outage`",
    "",
    `Run on ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC, ${os.cpus().length} shared CPU cores, Node ${process.version}. ` +
      `A throwaway PostgreSQL cluster (initdb + pg_ctl on a free port) behind the app's database client and tRPC HTTP handler (session lookup included); ` +
      `4 workers each send concept.create every 20 ms; PostgreSQL is stopped (\`pg_ctl stop -m fast\`) and started again after ${(r.outageMs / 1000).toFixed(1)} s.`,
    "",
    `Requests: ${r.calls.length} (${ok} answered 200, ${r.failed.length} failed with status ${statuses}). ` +
      `Failure message: "${DATABASE_UNAVAILABLE_MESSAGE}"`,
    "",
    table,
    "",
  ].join("\n");
  console.log(`\n${table}\n`);
  writeSection("outage", section);
  if (checks.some(([, met]) => !met)) process.exitCode = 1;
} finally {
  await cluster.destroy();
}
