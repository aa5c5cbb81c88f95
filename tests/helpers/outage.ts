// A real PostgreSQL outage: a throwaway cluster of our own (initdb + pg_ctl on a free port, run
// as the postgres user because PostgreSQL refuses root), the app's database client and HTTP
// handler in front of it, a steady write load, and the server stopped for a few seconds and
// started again. The integration test asserts on what this measures; `npm run bench:outage`
// records it in BENCHMARKS.md.
import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import postgres from "postgres";
import superjson from "superjson";
import { createAuth } from "~/server/auth";
import { type Database, openDatabase } from "~/server/db/client";
import { DATABASE_UNAVAILABLE_MESSAGE } from "~/server/domain/db-errors";
import { createBus } from "~/server/realtime/bus";
import { contextFactory } from "~/server/trpc/context";
import { setLogSink } from "~/server/log";
import { handleTrpcRequest } from "~/server/trpc/http";
import { freePort } from "./serve";

/** The folder holding initdb and pg_ctl, or null when no PostgreSQL server is installed. */
export function postgresBinDir(): string | null {
  const root = "/usr/lib/postgresql";
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) {
    const bin = path.join(root, version, "bin");
    if (fs.existsSync(path.join(bin, "initdb")) && fs.existsSync(path.join(bin, "pg_ctl"))) return bin;
  }
  return null;
}

const isRoot = process.getuid?.() === 0;

const run = promisify(execFile);

/**
 * Runs a PostgreSQL binary as the postgres user when we are root, as ourselves otherwise.
 * Asynchronously: the load keeps running while the server stops and starts.
 */
async function asPostgres(bin: string, args: string[]): Promise<void> {
  if (!isRoot) {
    await run(bin, args);
    return;
  }
  const quoted = [bin, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(" ");
  await run("su", ["postgres", "-s", "/bin/sh", "-c", quoted]);
}

export interface Cluster {
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

export async function startCluster(bin: string): Promise<Cluster> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "engram-pg-"));
  if (isRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString());
    fs.chownSync(dir, uid, gid);
  }
  const data = path.join(dir, "data");
  const port = await freePort();
  await asPostgres(path.join(bin, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8"]);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const ctl = path.join(bin, "pg_ctl");
  const start = () => asPostgres(ctl, ["start", "-D", data, "-w", "-t", "30", "-l", path.join(dir, "log"), "-o", options]);
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    // Fast shutdown: open sessions are cut off, as when a database fails over or restarts.
    stop: () => asPostgres(ctl, ["stop", "-D", data, "-m", "fast", "-w"]),
    start,
    async destroy() {
      // Fails when the server is already stopped, which is as good.
      await asPostgres(ctl, ["stop", "-D", data, "-m", "immediate", "-w"]).catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface CallRecord {
  procedure: string;
  startedAt: number;
  ms: number;
  status: number;
  message: string;
}

export interface OutageResult {
  calls: CallRecord[];
  /** Calls that failed, with any status. */
  failed: CallRecord[];
  /** Failed calls that were not a 503 carrying the outage sentence. */
  unclear: CallRecord[];
  longestFailureMs: number;
  /** From the moment PostgreSQL accepted connections again to the first successful answer. */
  recoveryMs: number;
  outageMs: number;
  /** When PostgreSQL was stopped and when it was back, on the calls' clock. */
  stoppedAt: number;
  backAt: number;
  acked: number;
  found: number;
  ackedMissing: number;
}

const SECRET = "outage-secret-outage-secret-outage-secret!";
const ORIGIN = "http://localhost:3999";

export async function runOutage(
  cluster: Cluster,
  options: { workers?: number; outageMs?: number; intervalMs?: number; logFile?: string } = {},
): Promise<OutageResult> {
  const { workers = 4, outageMs = 3000, intervalMs = 20, logFile = path.resolve("test-results/outage-server.log") } = options;
  // The app's log (every refused call, with its cause) goes to a file to read afterwards.
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const logStream = fs.createWriteStream(logFile);
  const restoreLog = setLogSink((line) => logStream.write(`${line}\n`));
  const admin = postgres(cluster.url, { max: 1, onnotice: () => {} });
  await admin.unsafe("create database engram");
  await admin.end();
  const url = cluster.url.replace(/\/postgres$/, "/engram");
  const database: Database = await openDatabase({ kind: "postgres", url });
  try {
    await database.migrate();
    const auth = createAuth({ db: database.db, secret: SECRET, baseURL: ORIGIN });
    const signUp = await auth.api.signUpEmail({ body: { email: "outage@example.com", password: "correct horse battery", name: "Outage" }, asResponse: true });
    const cookie = signUp.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const context = contextFactory({ db: database.db, bus: createBus(database), auth });

    // Every call goes through the app's HTTP handler, session lookup included.
    const calls: CallRecord[] = [];
    async function call(procedure: string, input: unknown, method: "GET" | "POST" = "POST") {
      const startedAt = Date.now();
      const encoded = JSON.stringify(superjson.serialize(input));
      const req =
        method === "GET"
          ? new Request(`${ORIGIN}/api/trpc/${procedure}?input=${encodeURIComponent(encoded)}`, { headers: { cookie } })
          : new Request(`${ORIGIN}/api/trpc/${procedure}`, { method, headers: { "content-type": "application/json", cookie }, body: encoded });
      const res = await handleTrpcRequest(req, () => context(req.headers));
      const body = (await res.json()) as { result?: { data: unknown }; error?: { json: { message: string } } };
      const record = { procedure, startedAt, ms: Date.now() - startedAt, status: res.status, message: body.error?.json.message ?? "" };
      calls.push(record);
      return { ...record, data: body.result ? superjson.deserialize(body.result.data as never) : undefined };
    }

    const created = await call("palace.create", { title: "Outage palace" });
    if (created.status !== 200) throw new Error(`palace.create failed: ${created.status} ${created.message}`);
    const palaceId = (created.data as { id: string }).id;

    const acked = new Set<string>();
    let running = true;
    let n = 0;
    const worker = async () => {
      while (running) {
        const title = `Concept ${++n}`;
        const result = await call("concept.create", { palaceId, title });
        if (result.status === 200) acked.add(title);
        await new Promise((r) => setTimeout(r, intervalMs));
      }
    };
    const load = Array.from({ length: workers }, worker);

    await new Promise((r) => setTimeout(r, 1000));
    const stoppedAt = Date.now();
    await cluster.stop();
    await new Promise((r) => setTimeout(r, Math.max(0, outageMs - (Date.now() - stoppedAt))));
    await cluster.start();
    const backAt = Date.now();
    // The first request sent after the server is back that answers 200.
    let recoveredAt = 0;
    while (!recoveredAt && Date.now() - backAt < 30_000) {
      const probe = await call("palace.get", { id: palaceId }, "GET");
      if (probe.status === 200) recoveredAt = Date.now();
      else await new Promise((r) => setTimeout(r, 10));
    }
    await new Promise((r) => setTimeout(r, 1000));
    running = false;
    await Promise.all(load);

    const rows = await database.db.query.concepts.findMany({ columns: { title: true }, where: (c, { eq }) => eq(c.palaceId, palaceId) });
    const titles = new Set(rows.map((r) => r.title));
    const failed = calls.filter((c) => c.status !== 200);
    return {
      calls,
      failed,
      unclear: failed.filter((c) => c.status !== 503 || c.message !== DATABASE_UNAVAILABLE_MESSAGE),
      longestFailureMs: Math.max(0, ...failed.map((c) => c.ms)),
      recoveryMs: recoveredAt ? recoveredAt - backAt : Number.POSITIVE_INFINITY,
      outageMs: backAt - stoppedAt,
      stoppedAt,
      backAt,
      acked: acked.size,
      found: titles.size,
      ackedMissing: [...acked].filter((t) => !titles.has(t)).length,
    };
  } finally {
    await database.close();
    restoreLog();
    logStream.end();
  }
}
