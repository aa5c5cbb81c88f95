// `npm run bench:api`: how many requests the built app serves and how fast, against a bare
// node:http + postgres.js server sending the same SQL. Serves the built app on a fresh
// PostgreSQL database, signs a person up, seeds a palace of 1,000 concepts in 20 rooms, then for
// each mix (palace.get, locus.move, concept.update, all three together) drives 200 connections
// with autocannon: closed loop for the throughput at saturation, then a fixed rate of half of it
// for latency and errors. Prints a table and writes it to BENCHMARKS.md between the api markers.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import superjson from "superjson";
import { createAuth } from "~/server/auth";
import type { Db } from "~/server/db/client";
import * as schema from "~/server/db/schema";
import { concepts, loci } from "~/server/db/schema";
import { insertPalaceGraph, type PalaceGraph } from "~/server/domain/palace/palace.graph";
import { createBus } from "~/server/realtime/bus";
import { createCaller } from "~/server/trpc/root";
import { freePort, serveApp } from "../helpers/serve";
import { writeSection } from "./section";
import type { Param, RawPlan, Statement } from "./api-raw-server";

const SERVER = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const CONNECTIONS = 200;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const SATURATION_REQUESTS = 2 * CONNECTIONS;
const ROOMS = 20;
const PER_ROOM = 50;
const ROOM_SIZE = 20;
const TARGET_P99_MS = 250;
const TARGET_RATIO = 3;
const SECRET = randomBytes(32).toString("base64url");

type Mix = "palace.get" | "locus.move" | "concept.update" | "mixed";
const MIXES: Mix[] = ["palace.get", "locus.move", "concept.update", "mixed"];

interface Target {
  name: "app" | "raw";
  baseURL: string;
  /** Path of a procedure on this target. */
  path(procedure: Exclude<Mix, "mixed">): string;
  headers: Record<string, string>;
}

/** Rows the writes take turns on: one request at a time per row, so versions never collide. */
interface Row {
  id: string;
  version: number;
  roomId?: string;
}

function withDatabase(url: string, name: string) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

function palaceGraph(): PalaceGraph {
  const palaceId = crypto.randomUUID();
  const graph: PalaceGraph = {
    palace: { id: palaceId, title: "Load benchmark", description: "", visibility: "private" },
    rooms: [],
    doors: [],
    concepts: [],
    loci: [],
    links: [],
  };
  for (let r = 0; r < ROOMS; r++) {
    graph.rooms.push({ id: crypto.randomUUID(), palaceId, name: `Room ${r + 1}`, gridX: (r % 5) * ROOM_SIZE, gridZ: Math.floor(r / 5) * ROOM_SIZE, width: ROOM_SIZE, depth: ROOM_SIZE, height: 4 });
  }
  for (let i = 0; i < ROOMS * PER_ROOM; i++) {
    const id = crypto.randomUUID();
    const room = graph.rooms[i % ROOMS]!;
    const slot = Math.floor(i / ROOMS);
    graph.concepts.push({ id, palaceId, title: `Concept ${i + 1}`, notes: `Notes on concept ${i + 1}. `.repeat(12), tags: ["bench"] });
    graph.loci.push({ palaceId, conceptId: id, roomId: room.id, x: 1 + (slot % 9) * 2, y: 0, z: 1 + Math.floor(slot / 9) * 2, color: "#c9a227", routeOrder: i + 1 });
    if (i % 4 === 3) graph.links.push({ palaceId, fromConceptId: graph.concepts[i - 1]!.id, toConceptId: id, label: "next" });
  }
  return graph;
}

/**
 * A Drizzle database like the app's (same schema and casing) that records every statement with
 * its parameters and whether it ran inside a transaction.
 */
function capturingDb(client: postgres.Sql) {
  const statements: Statement[] = [];
  let depth = 0;
  let recording = false;
  const wrapped = new Proxy(client, {
    get(target, key, receiver) {
      if (key !== "begin") return Reflect.get(target, key, receiver);
      return (callback: (tx: postgres.TransactionSql) => Promise<unknown>) =>
        target.begin(async (tx) => {
          depth++;
          try {
            return await callback(tx);
          } finally {
            depth--;
          }
        });
    },
  });
  const db = drizzle({
    client: wrapped,
    schema,
    casing: "snake_case",
    logger: { logQuery: (query, params) => recording && statements.push({ sql: query, params, inTransaction: depth > 0 }) },
  }) as unknown as Db;
  return {
    db,
    async record(call: () => Promise<unknown>) {
      statements.length = 0;
      recording = true;
      try {
        await call();
      } finally {
        recording = false;
      }
      return statements.splice(0);
    },
  };
}

/** Replaces the captured values that belong to the request (ids, versions, positions) with slots. */
function template(statements: Statement[], values: Record<string, unknown>): Statement[] {
  const used = new Set<string>();
  const result = statements.map((s) => ({
    ...s,
    params: s.params.map((p): Param => {
      if (typeof p === "string" && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/.test(p)) return { $: "now" };
      for (const [slot, value] of Object.entries(values)) {
        if (p === value) {
          used.add(slot);
          return { $: slot };
        }
      }
      return p;
    }),
  }));
  const missing = Object.keys(values).filter((slot) => !used.has(slot));
  if (missing.length) throw new Error(`Captured statements never used ${missing.join(", ")}: the template would not fill them.`);
  return result;
}

function trpcInput(input: unknown) {
  return encodeURIComponent(JSON.stringify(superjson.serialize(input)));
}

function randomSpot() {
  return { x: 1 + Math.round(Math.random() * (ROOM_SIZE - 2) * 100) / 100, z: 1 + Math.round(Math.random() * (ROOM_SIZE - 2) * 100) / 100 };
}

function requestsFor(target: Target, mix: Mix, palaceId: string, lociRows: Row[], conceptRows: Row[]): autocannon.Request[] {
  const getPath = target.name === "app" ? `${target.path("palace.get")}?input=${trpcInput({ id: palaceId })}` : target.path("palace.get");
  const setups = {
    "palace.get": () => ({ method: "GET" as const, path: getPath }),
    "locus.move": (context: Record<string, unknown>) => {
      const row = lociRows.shift()!;
      context.row = row;
      context.pool = lociRows;
      return { method: "POST" as const, path: target.path("locus.move"), body: JSON.stringify(superjson.serialize({ id: row.id, version: row.version, roomId: row.roomId, ...randomSpot() })) };
    },
    "concept.update": (context: Record<string, unknown>) => {
      const row = conceptRows.shift()!;
      context.row = row;
      context.pool = conceptRows;
      return { method: "POST" as const, path: target.path("concept.update"), body: JSON.stringify(superjson.serialize({ id: row.id, version: row.version, title: `Concept edited ${randomBytes(3).toString("hex")}` })) };
    },
  };
  return [
    {
      setupRequest: (req, context) => {
        const kind: Exclude<Mix, "mixed"> = mix !== "mixed" ? mix : (["palace.get", "palace.get", "locus.move", "concept.update"] as const)[Math.floor(Math.random() * 4)]!;
        return { ...req, headers: { ...target.headers, "content-type": "application/json" }, ...setups[kind](context as Record<string, unknown>) };
      },
      // A written row goes back to the end of its queue with the version it now has; a refused
      // one keeps its version. A row whose request timed out is not reused (its version is unknown).
      onResponse: (status, _body, context) => {
        const { row, pool } = context as { row?: Row; pool?: Row[] };
        if (!row || !pool) return;
        if (status >= 200 && status < 300) row.version++;
        pool.push(row);
      },
    },
  ];
}

async function rowsOf(db: Db, palaceId: string) {
  const lociRows = await db.select({ id: loci.id, version: loci.version, roomId: loci.roomId }).from(loci).where(eq(loci.palaceId, palaceId));
  const conceptRows = await db.select({ id: concepts.id, version: concepts.version }).from(concepts).where(eq(concepts.palaceId, palaceId));
  const shuffle = <T>(a: T[]) => a.sort(() => Math.random() - 0.5);
  return { lociRows: shuffle(lociRows as Row[]), conceptRows: shuffle(conceptRows) };
}

interface Measured {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  requests: number;
}

function summarise(result: autocannon.Result): Measured {
  const ok = result["2xx"];
  return {
    rps: ok / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.non2xx + result.errors,
    requests: result.requests.total,
  };
}

/**
 * Closed loop (no rate): a fixed number of requests, as fast as 200 connections get them
 * answered, so that a slow mix (a 1,000-concept palace.get) is measured as fully as a fast one
 * instead of timing out inside a fixed window. With a rate: `SECONDS` at that rate.
 */
async function drive(target: Target, mix: Mix, db: Db, palaceId: string, rate?: number, amount = SATURATION_REQUESTS): Promise<Measured> {
  const { lociRows, conceptRows } = await rowsOf(db, palaceId);
  const requests = requestsFor(target, mix, palaceId, lociRows, conceptRows);
  if (!rate) {
    return summarise(await autocannon({ url: target.baseURL, connections: CONNECTIONS, amount, timeout: 120, requests }));
  }
  return driveAtRate(target, requests, rate);
}

/**
 * A fixed request rate spread evenly over each second. autocannon's own rate limit lets every
 * connection send its share at the start of each second, so a rate of 20 req/s would arrive
 * as one burst of 20 and measure queueing rather than the server. Here the rate is split over
 * up to 20 autocannon instances started evenly across the first second, each at its own share
 * of the rate, and every response's latency is collected from all of them.
 */
async function driveAtRate(target: Target, requests: autocannon.Request[], rate: number): Promise<Measured> {
  const slices = Math.max(1, Math.min(20, Math.floor(rate)));
  const latencies: number[] = [];
  let ok = 0;
  let errors = 0;
  const started = performance.now();
  const runs = Array.from({ length: slices }, async (_, i) => {
    await new Promise((r) => setTimeout(r, (1000 * i) / slices));
    const share = Math.floor(rate / slices) + (i < rate % slices ? 1 : 0);
    return new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        { url: target.baseURL, connections: Math.max(1, Math.ceil(CONNECTIONS / slices)), overallRate: share, duration: SECONDS, timeout: 10, requests },
        (error, result) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(result)),
      );
      instance.on("response", (_client, status, _bytes, time) => {
        latencies.push(time);
        if (status >= 200 && status < 300) ok++;
        else errors++;
      });
      instance.on("reqError", () => errors++);
    });
  });
  // Timeouts and socket errors arrive as reqError, counted above.
  await Promise.all(runs);
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { rps: ok / seconds, p50: Math.round(at(0.5)), p99: Math.round(at(0.99)), errors, requests: latencies.length + errors };
}

async function waitFor(url: string, child: ChildProcess) {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error("The raw server exited early.");
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error("The raw server did not start.");
}

async function main() {
  const name = `engram_api_${randomBytes(4).toString("hex")}`;
  const admin = postgres(SERVER, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = withDatabase(SERVER, name);
  const client = postgres(url, { max: 4, onnotice: () => {} });
  const logFile = path.resolve("test-results/bench-api-server.log");
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  let raw: ChildProcess | undefined;
  let app: Awaited<ReturnType<typeof serveApp>> | undefined;
  try {
    // The app migrates the new database as it starts.
    app = await serveApp({ DATABASE_URL: url, BETTER_AUTH_SECRET: SECRET }, logFile);
    const signUp = await fetch(`${app.baseURL}/api/auth/sign-up/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: app.baseURL },
      body: JSON.stringify({ email: `bench-${name}@example.com`, password: "correct horse battery", name: "Bench" }),
    });
    if (!signUp.ok) throw new Error(`Sign-up failed: ${signUp.status} ${await signUp.text()}`);
    const cookie = signUp.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const userId = ((await signUp.json()) as { user: { id: string; name: string; email: string } }).user;

    const capture = capturingDb(client);
    const graph = palaceGraph();
    await capture.db.transaction((tx) => insertPalaceGraph(tx, userId.id, graph));
    const palaceId = graph.palace.id;

    // One call of each procedure through the app's own routers, recorded statement by statement.
    const caller = createCaller({ db: capture.db, bus: createBus({ listen: async () => async () => {} }), user: userId });
    const auth = createAuth({ db: capture.db, secret: SECRET, baseURL: app.baseURL, secureCookies: true });
    const session = await capture.record(async () => {
      if (!(await auth.api.getSession({ headers: new Headers({ cookie }) }))) throw new Error("The session cookie was not accepted.");
    });
    const get = await capture.record(() => caller.palace.get({ id: palaceId }));
    // Distinctive values, so that each captured parameter is recognised for what it is.
    const [sample] = await capture.db.update(loci).set({ version: 7_000_001 }).where(eq(loci.conceptId, graph.concepts[0]!.id)).returning();
    const moveStatements = await capture.record(() => caller.locus.move({ id: sample!.id, version: 7_000_001, roomId: sample!.roomId, x: 3.125, z: 4.375 }));
    await capture.db.update(concepts).set({ version: 7_000_001 }).where(eq(concepts.id, graph.concepts[1]!.id));
    const updateStatements = await capture.record(() => caller.concept.update({ id: graph.concepts[1]!.id, version: 7_000_001, title: "Captured title 7" }));
    const move = template(moveStatements, { id: sample!.id, roomId: sample!.roomId, version: 7_000_001, nextVersion: 7_000_002, x: 3.125, z: 4.375 });
    const update = template(updateStatements, { id: graph.concepts[1]!.id, version: 7_000_001, nextVersion: 7_000_002, title: "Captured title 7" });

    const rawPort = await freePort();
    const planFile = path.resolve("test-results/bench-api-raw-plan.json");
    const plan: RawPlan = { databaseUrl: url, maxConnections: 10, get, move, update };
    fs.writeFileSync(planFile, JSON.stringify(plan, null, 1));
    raw = spawn(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), path.resolve("tests/bench/api-raw-server.ts"), planFile], {
      env: { ...process.env, PORT: String(rawPort) },
      stdio: ["ignore", "ignore", "inherit"],
    });
    const rawURL = `http://127.0.0.1:${rawPort}`;
    await waitFor(rawURL, raw);

    const targets: Target[] = [
      { name: "app", baseURL: app.baseURL, path: (p) => `/api/trpc/${p}`, headers: { cookie } },
      { name: "raw", baseURL: rawURL, path: (p) => `/${p}`, headers: {} },
    ];
    const results: Record<string, { saturation: Measured; fixed: Measured; rate: number }> = {};
    for (const target of targets) {
      await drive(target, "mixed", capture.db, palaceId, undefined, CONNECTIONS);
      for (const mix of MIXES) {
        const saturation = await drive(target, mix, capture.db, palaceId);
        const rate = Math.max(1, Math.round(saturation.rps / 2));
        const fixed = await drive(target, mix, capture.db, palaceId, rate);
        results[`${target.name} ${mix}`] = { saturation, fixed, rate };
        console.log(
          `${target.name.padEnd(4)} ${mix.padEnd(15)} saturation ${saturation.rps.toFixed(0)} req/s (errors ${saturation.errors}) · ` +
            `at ${rate} req/s: p50 ${fixed.p50} ms, p99 ${fixed.p99} ms, errors ${fixed.errors}/${fixed.requests}`,
        );
      }
    }

    const n = (v: number) => v.toLocaleString("en-US", { maximumFractionDigits: 0 });
    const statementCounts: Record<Exclude<Mix, "mixed">, number> = { "palace.get": get.length, "locus.move": move.length, "concept.update": update.length };
    const rows = MIXES.flatMap((mix) =>
      (["app", "raw"] as const).map((t) => {
        const r = results[`${t} ${mix}`]!;
        const statements = mix === "mixed" ? "" : `${statementCounts[mix] + (t === "app" ? session.length : 0)}`;
        return `| ${mix} | ${t === "app" ? "app (next start)" : "raw node:http"} | ${statements} | ${n(r.saturation.rps)} | ${r.rate} | ${r.fixed.p50} | ${r.fixed.p99} | ${r.fixed.errors} / ${n(r.fixed.requests)} |`;
      }),
    );
    const table = [
      "| mix | server | SQL statements / request | saturation req/s | fixed rate req/s | p50 ms | p99 ms | errors at fixed rate |",
      "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
      ...rows,
    ].join("\n");
    const targetRows = MIXES.flatMap((mix) => {
      const a = results[`app ${mix}`]!;
      const r = results[`raw ${mix}`]!;
      const ratio = r.saturation.rps / a.saturation.rps;
      return [
        `| ${mix}: p99 < ${TARGET_P99_MS} ms at 50% of saturation, no errors | ${a.fixed.p99 < TARGET_P99_MS && a.fixed.errors === 0 ? "yes" : "no"} | p99 ${a.fixed.p99} ms, ${a.fixed.errors} errors |`,
        `| ${mix}: app within ${TARGET_RATIO}x of raw throughput | ${ratio <= TARGET_RATIO ? "yes" : "no"} | raw / app = ${ratio.toFixed(2)}x |`,
      ];
    });
    const targetTable = ["| target | met | measured |", "| --- | --- | --- |", ...targetRows].join("\n");
    const machine = `${os.cpus().length} shared CPU cores (${os.cpus()[0]?.model.trim() ?? "unknown"}), autocannon on the same machine as the servers and PostgreSQL, Node ${process.version}`;
    const section = [
      "## API under load: `npm run bench:api`",
      "",
      `Run on ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC, ${machine}. A palace of ${ROOMS * PER_ROOM} concepts in ${ROOMS} rooms, one signed-in owner; ` +
        `${CONNECTIONS} connections; each mix first sends ${SATURATION_REQUESTS} requests closed-loop (saturation: successful requests per second until the last is answered), then runs ${SECONDS} s at a fixed rate of half that, spread evenly over each second (up to 20 autocannon instances started across the first second, each at its share of the rate; autocannon's own \`overallRate\` alone sends each second's requests in one burst). ` +
        `"mixed" is half palace.get, a quarter each of locus.move and concept.update. Writes take rows in turn with their current version, so none is refused as stale. ` +
        `The raw server is node:http with postgres.js (pool of 10, as the app's) sending the very statements the procedures sent, captured from them, with no Next.js, tRPC, validation or session lookup; ` +
        `the app's count includes its ${session.length} statement(s) reading the session. Errors are non-2xx answers, socket errors and timeouts.`,
      "",
      table,
      "",
      targetTable,
      "",
    ].join("\n");
    console.log(`\n${table}\n\n${targetTable}\n`);
    writeSection("api", section);
  } finally {
    raw?.kill("SIGTERM");
    await app?.stop();
    await client.end({ timeout: 5 });
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
