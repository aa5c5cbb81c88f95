// `npm run bench:live` (issue 11): the live palace against the way pages followed a palace before.
// Two app instances on PostgreSQL (in a child process, tests/bench/live-instances.ts, so their CPU
// is measured apart from the clients'), a public palace of 1,000 concepts in 20 rooms, and
// clients running the page's own live store (createLivePalace + the tRPC transport) in Node over
// server-sent events, half on each instance. One editor renames a concept 5 times a second;
// halfway, instance 2's LISTEN connection and its clients' connections are cut. Then the
// snapshot: its size, its throughput from the per-instance cache against palace.get, and 200
// anonymous readers at once. Prints a table and writes it to BENCHMARKS.md between live markers.
import { type ChildProcess, fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { createTRPCClient, httpLink } from "@trpc/client";
import superjson from "superjson";
import { type Database, openDatabase } from "~/server/db/client";
import { eq } from "drizzle-orm";
import { palaceEventHeads, palaceMembers } from "~/server/db/schema";
import { insertPalaceGraph, type PalaceGraph } from "~/server/domain/palace/palace.graph";
import type { TLiveItem } from "~/server/realtime/live.schema";
import type { AppRouter } from "~/server/trpc/root";
import { createLivePalace, type LivePalace } from "~/app/_stores/live-palace/live-palace.store";
import { type LiveTrpcClient, trpcLiveTransport } from "~/app/_stores/live-palace/trpc-transport";
import postgres from "postgres";
import { subscribe } from "../helpers/sse";
import { writeSection } from "./section";

const SERVER = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const CLIENTS = 20;
const RATE = 5;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const SMALL_SECONDS = Number(process.env.BENCH_SMALL_SECONDS ?? Math.min(20, SECONDS));
const BEFORE_SECONDS = Number(process.env.BENCH_BEFORE_SECONDS ?? 10);
const READERS = 200;
const THROUGHPUT_SECONDS = Number(process.env.BENCH_THROUGHPUT_SECONDS ?? 5);
const ROOMS = 20;
const PER_ROOM = 50;

/** The previous round's run (2026-12-03 09:02 UTC, load average 30+), kept beside today's figures. */
const LAST_ROUND = {
  big: "| last round, live store (5 edits/s, instance 2 cut halfway), 09:02 UTC at load 30+ | 20 | 300 | 249 | 761 | 2653 | 461 B | 30.9 | 0 / 0 / 0 | 0 |",
  throughput: "20.2/s from the cache (6.3× palace.get's 3.2/s); 32/s as 304",
  crowd: "55 answered: p50 8794 ms, p99 8885 ms; 145 refused with 429, p99 2672 ms; tRPC's 429 without Retry-After",
};

const TARGET = { p95Ms: 150, bytesPerEdit: 2048, cpuRatio: 1.5, throughput: 10, readersP99Ms: 1000 };

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function until(check: () => boolean, ms: number, what: string) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The app instances' process, driven by numbered messages. */
function instancesProcess(url: string) {
  // BENCH_CPU_PROF=<dir>: the instances' process writes a CPU profile there (node --cpu-prof).
  const profile = process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child: ChildProcess = fork(path.resolve("tests/bench/live-instances.ts"), [url], { execArgv: ["--conditions=react-server", "--import", "tsx", ...profile], stdio: "inherit" });
  let next = 0;
  const waiting = new Map<number, (reply: Record<string, unknown>) => void>();
  let onReady: (urls: string[]) => void;
  const ready = new Promise<string[]>((r) => (onReady = r));
  child.on("message", (message: Record<string, unknown>) => {
    if (message.ready) return onReady(message.urls as string[]);
    waiting.get(message.id as number)?.(message);
    waiting.delete(message.id as number);
  });
  const ask = (cmd: string, extra: Record<string, unknown> = {}) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const id = next++;
      waiting.set(id, (reply) => (reply.error ? reject(new Error(JSON.stringify(reply.error))) : resolve(reply)));
      child.send({ id, cmd, ...extra });
    });
  return {
    ready,
    ask,
    /** CPU seconds the instances' process has used so far. */
    async cpu() {
      const { usage } = (await ask("cpu")) as { usage: NodeJS.CpuUsage };
      return (usage.user + usage.system) / 1e6;
    },
    async signUp(name: string) {
      return (await ask("signUp", { name })).user as { id: string; cookie: string };
    },
  };
}

function benchGraph(): PalaceGraph {
  const palaceId = crypto.randomUUID();
  const graph: PalaceGraph = { palace: { id: palaceId, title: "Live benchmark", description: "", visibility: "public" }, rooms: [], doors: [], concepts: [], loci: [], links: [] };
  for (let r = 0; r < ROOMS; r++) {
    graph.rooms.push({ id: crypto.randomUUID(), palaceId, name: `Room ${r + 1}`, gridX: (r % 5) * 20, gridZ: Math.floor(r / 5) * 20, width: 20, depth: 20, height: 4 });
  }
  for (let i = 0; i < ROOMS * PER_ROOM; i++) {
    const id = crypto.randomUUID();
    const slot = Math.floor(i / ROOMS);
    graph.concepts.push({ id, palaceId, title: `Concept ${i + 1}`, notes: `Notes on concept ${i + 1}. `.repeat(12), tags: ["bench"] });
    graph.loci.push({ palaceId, conceptId: id, roomId: graph.rooms[i % ROOMS]!.id, x: 1 + (slot % 9) * 2, y: 0, z: 1 + Math.floor(slot / 9) * 2, color: "#c9a227", routeOrder: i + 1 });
    if (i % 4 === 3) graph.links.push({ palaceId, fromConceptId: graph.concepts[i - 1]!.id, toConceptId: id, label: "next" });
  }
  return graph;
}

const trpcClient = (url: string, cookie?: string) =>
  createTRPCClient<AppRouter>({ links: [httpLink({ url, transformer: superjson, headers: () => (cookie ? { cookie } : {}) })] });

interface LiveClient {
  instance: 1 | 2;
  palace: LivePalace;
  applied: { seq: number; delay: number }[];
  bytes: number;
  close(): void;
}

/** The page's own store and transport; only the SSE reader is Node's (no EventSource in Node 20). */
async function liveClient(url: string, instance: 1 | 2, cookie: string, palaceId: string): Promise<LiveClient> {
  const trpc = trpcClient(url, cookie);
  const client: LiveClient = { instance, applied: [], bytes: 0 } as unknown as LiveClient;
  const subscriptions: { close(): void }[] = [];
  const shaped: LiveTrpcClient = {
    palace: {
      snapshot: { query: (input) => trpc.palace.snapshot.query(input) },
      live: {
        subscribe(input, handlers) {
          const sub = subscribe<TLiveItem>(`${url}/palace.live`, input, {
            cookie,
            onData: (data, id) => handlers.onData({ id: id ?? "", data }),
            // Like tRPC's subscription link in a browser: a dropped connection is reopened by the
            // SSE reader itself (resuming after the last event id); only a refusal is an error.
            onError: (error) => {
              if (error instanceof Error && error.message.startsWith("Subscription")) handlers.onError(error);
            },
            onBytes: (n) => (client.bytes += n),
          });
          subscriptions.push(sub);
          return { unsubscribe: () => sub.close() };
        },
      },
    },
  };
  client.palace = createLivePalace({
    transport: trpcLiveTransport(shaped, { presence: false }),
    palaceId,
    onChange: (change) => client.applied.push({ seq: change.seq, delay: Date.now() - (change.at ?? Date.now()) }),
  });
  await client.palace.ready;
  client.close = () => {
    client.palace.close();
    for (const s of subscriptions) s.close();
  };
  return client;
}

/** The editor: renames one concept RATE times a second for `seconds`; returns the event numbers. */
async function edit(api: ReturnType<typeof trpcClient>, conceptId: string, seconds: number, halfway?: () => Promise<void>) {
  let concept = await api.concept.get.query({ id: conceptId });
  const count = Math.round(seconds * RATE);
  const started = Date.now();
  for (let i = 0; i < count; i++) {
    if (halfway && i === Math.floor(count / 2)) await halfway();
    const due = started + (i * 1000) / RATE;
    if (Date.now() < due) await sleep(due - Date.now());
    concept = await api.concept.update.mutate({ id: concept.id, version: concept.version, title: `Edited ${i} ${randomBytes(3).toString("hex")}` });
  }
  return { count, seconds: (Date.now() - started) / 1000, last: concept };
}

async function headSeq(db: Database["db"], palaceId: string): Promise<number> {
  const [head] = await db.select({ seq: palaceEventHeads.seq }).from(palaceEventHeads).where(eq(palaceEventHeads.palaceId, palaceId));
  return head?.seq ?? 0;
}

interface LiveRun {
  clients: number;
  edits: number;
  p50: number;
  p95: number;
  max: number;
  bytesPerClientPerEdit: number;
  cpuMsPerEdit: number;
  lost: number;
  duplicated: number;
  outOfOrder: number;
  resyncs: number;
}

async function liveRun(
  count: number,
  seconds: number,
  ctx: { urls: string[]; viewers: { cookie: string }[]; palaceId: string; conceptId: string; api: ReturnType<typeof trpcClient>; db: Database["db"]; server: ReturnType<typeof instancesProcess> },
  halfway?: () => Promise<void>,
): Promise<LiveRun> {
  const clients: LiveClient[] = [];
  for (let i = 0; i < count; i++) {
    const instance = i % 2 === 0 ? 1 : 2;
    clients.push(await liveClient(ctx.urls[instance - 1]!, instance, ctx.viewers[i]!.cookie, ctx.palaceId));
  }
  const first = (await headSeq(ctx.db, ctx.palaceId)) + 1;
  for (const c of clients) c.bytes = 0;
  const cpuBefore = await ctx.server.cpu();
  const { count: edits } = await edit(ctx.api, ctx.conceptId, seconds, halfway);
  const last = first + edits - 1;
  await until(() => clients.every((c) => (c.palace.store.getState().data?.seq ?? 0) >= last), 30_000, "every client's store to hold the last edit");
  const cpu = (await ctx.server.cpu()) - cpuBefore;
  const bytes = clients.reduce((n, c) => n + c.bytes, 0);
  for (const c of clients) c.close();

  const expected = Array.from({ length: edits }, (_, i) => first + i);
  let lost = 0;
  let duplicated = 0;
  let outOfOrder = 0;
  const delays: number[] = [];
  for (const c of clients) {
    const seqs = c.applied.map((a) => a.seq).filter((s) => s >= first && s <= last);
    const got = new Set(seqs);
    lost += expected.filter((s) => !got.has(s)).length;
    duplicated += seqs.length - got.size;
    outOfOrder += seqs.filter((s, i) => i > 0 && s <= seqs[i - 1]!).length;
    for (const a of c.applied) if (a.seq >= first && a.seq <= last) delays.push(a.delay);
  }
  return {
    clients: count,
    edits,
    p50: percentile(delays, 50),
    p95: percentile(delays, 95),
    max: Math.max(...delays),
    bytesPerClientPerEdit: bytes / count / edits,
    cpuMsPerEdit: (cpu * 1000) / edits,
    lost,
    duplicated,
    outOfOrder,
    resyncs: clients.reduce((n, c) => n + c.palace.store.getState().resyncs, 0),
  };
}

/** Before: every client follows the live stream with ids only and fetches the whole palace on each event, as pages did. */
async function beforeRun(ctx: { urls: string[]; viewers: { cookie: string }[]; palaceId: string; conceptId: string; api: ReturnType<typeof trpcClient>; db: Database["db"]; server: ReturnType<typeof instancesProcess> }) {
  const first = (await headSeq(ctx.db, ctx.palaceId)) + 1;
  const delays: number[] = [];
  let bytes = 0;
  let done = 0;
  const subs = ctx.viewers.slice(0, CLIENTS).map((viewer, i) => {
    const url = ctx.urls[i % 2]!;
    let inFlight: Promise<void> | null = null;
    let again = false;
    const refetch = (at: number) => {
      if (inFlight) {
        again = true;
        return;
      }
      inFlight = (async () => {
        const response = await fetch(`${url}/palace.get?input=${encodeURIComponent(JSON.stringify(superjson.serialize({ id: ctx.palaceId })))}`, { headers: { cookie: viewer.cookie } });
        bytes += (await response.arrayBuffer()).byteLength;
        delays.push(Date.now() - at);
        done++;
      })().finally(() => {
        inFlight = null;
        if (again) {
          again = false;
          refetch(at);
        }
      });
    };
    return subscribe<{ type: string; seq: number; at: number }>(`${url}/live.watch`, { palaceId: ctx.palaceId }, {
      cookie: viewer.cookie,
      onData: (item) => {
        if (item.type === "event" && item.seq >= first) refetch(item.at);
      },
    });
  });
  await Promise.all(subs.map((s) => s.connected));
  const cpuBefore = await ctx.server.cpu();
  let concept = await ctx.api.concept.get.query({ id: ctx.conceptId });
  const edits = BEFORE_SECONDS;
  for (let i = 0; i < edits; i++) {
    const started = Date.now();
    concept = await ctx.api.concept.update.mutate({ id: concept.id, version: concept.version, title: `Before ${i}` });
    await sleep(Math.max(0, 1000 - (Date.now() - started)));
  }
  // Each client refetches at least once per burst of events; wait until the queues are empty.
  await until(() => done >= CLIENTS && subs.length > 0, 120_000, "the refetches to finish");
  await sleep(500);
  const cpu = (await ctx.server.cpu()) - cpuBefore;
  for (const s of subs) s.close();
  return { edits, p50: percentile(delays, 50), p95: percentile(delays, 95), bytesPerClientPerEdit: bytes / CLIENTS / edits, cpuMsPerEdit: (cpu * 1000) / edits };
}

/** One GET over node:http, the body read as it comes (never decompressed): the server's cost, not the client's. */
function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; bytes: number; retryAfter: string | null }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers, agent }, (response) => {
      let bytes = 0;
      response.on("data", (chunk: Buffer) => (bytes += chunk.byteLength));
      const retryAfter = response.headers["retry-after"] ?? null;
      response.on("end", () => resolve({ status: response.statusCode ?? 0, bytes, retryAfter }));
      response.on("error", reject);
    });
    request.on("error", reject);
  });
}
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/** Requests completed per second by `concurrency` callers in a closed loop. */
async function throughput(request: () => Promise<{ status: number }>, concurrency: number, seconds: number, okStatus = 200) {
  const end = Date.now() + seconds * 1000;
  let completed = 0;
  let failed = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < end) {
        const { status } = await request();
        if (status === okStatus) completed++;
        else failed++;
      }
    }),
  );
  return { perSecond: completed / seconds, failed };
}

async function crowd(request: () => Promise<{ status: number; retryAfter: string | null }>) {
  const times: { status: number; ms: number; retryAfter: string | null }[] = [];
  await Promise.all(
    Array.from({ length: READERS }, async () => {
      const started = performance.now();
      const { status, retryAfter } = await request();
      times.push({ status, retryAfter, ms: performance.now() - started });
    }),
  );
  const ok = times.filter((t) => t.status === 200).map((t) => t.ms);
  const refused = times.filter((t) => t.status === 429 && Number(t.retryAfter) >= 1).map((t) => t.ms);
  return { ok: ok.length, refused: refused.length, other: times.length - ok.length - refused.length, p50: percentile(ok, 50), p99: percentile(ok, 99), refusedP99: percentile(refused, 99) };
}

async function main() {
  const name = `engram_bench_${randomBytes(4).toString("hex")}`;
  const admin = postgres(SERVER, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  const server = instancesProcess(url.toString());
  let database: Database | null = null;
  try {
    const urls = await server.ready;
    database = await openDatabase({ kind: "postgres", url: url.toString(), maxConnections: 2 });
    const db = database.db;
    const editor = await server.signUp("Editor");
    const graph = benchGraph();
    await db.transaction((tx) => insertPalaceGraph(tx, editor.id, graph));
    const palaceId = graph.palace.id;
    const viewers: { id: string; cookie: string }[] = [];
    for (let i = 0; i < CLIENTS; i++) viewers.push(await server.signUp(`Viewer${i}`));
    await db.insert(palaceMembers).values(viewers.map((v) => ({ palaceId, userId: v.id, role: "viewer" as const })));
    const api = trpcClient(urls[0]!, editor.cookie);
    const conceptId = graph.concepts[500]!.id;
    const ctx = { urls, viewers, palaceId, conceptId, api, db, server };

    // Live: 2 clients, then 20 with instance 2 cut off halfway.
    const small = await liveRun(2, SMALL_SECONDS, ctx);
    const big = await liveRun(CLIENTS, SECONDS, ctx, async () => {
      await server.ask("dropListen");
      await server.ask("dropConnections");
    });
    const before = await beforeRun(ctx);

    // Snapshot: sizes, throughput against palace.get, 200 anonymous readers.
    const open = urls[2]!;
    const getUrl = (base: string) => `${base}/palace.get?input=${encodeURIComponent(JSON.stringify(superjson.serialize({ id: palaceId })))}`;
    const snapUrl = (base: string) => `${base}/api/palaces/${palaceId}/snapshot`;
    // Anonymous readers of the public palace on the instance without read limits, so both
    // paths pay the same session check (none) and only the reads differ.
    const getBytes = (await get(getUrl(open))).bytes;
    const [identity, br, gzip] = [(await get(snapUrl(open))).bytes, (await get(snapUrl(open), { "accept-encoding": "br" })).bytes, (await get(snapUrl(open), { "accept-encoding": "gzip" })).bytes];
    const getTput = await throughput(() => get(getUrl(open)), 8, THROUGHPUT_SECONDS);
    const snapTput = await throughput(() => get(snapUrl(open), { "accept-encoding": "br" }), 8, THROUGHPUT_SECONDS);
    const etag = (await fetch(snapUrl(open))).headers.get("etag")!;
    const notModified = await throughput(() => get(snapUrl(open), { "if-none-match": etag }), 8, THROUGHPUT_SECONDS, 304);
    const crowdBefore = await crowd(() => get(getUrl(open)));
    const crowdAfter = await crowd(() => get(snapUrl(urls[0]!), { "accept-encoding": "br" }));

    const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : "–");
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    const cpuRatio = big.cpuMsPerEdit / small.cpuMsPerEdit;
    const tputRatio = snapTput.perSecond / getTput.perSecond;
    const verdicts = {
      p95: big.p95 <= TARGET.p95Ms,
      bytes: big.bytesPerClientPerEdit <= TARGET.bytesPerEdit,
      cpu: cpuRatio <= TARGET.cpuRatio,
      exact: big.lost + big.duplicated + big.outOfOrder + small.lost + small.duplicated + small.outOfOrder === 0,
      snapshot: identity <= 250 * 1024,
      throughput: tputRatio >= TARGET.throughput,
      crowd: crowdAfter.p99 <= TARGET.readersP99Ms && crowdAfter.refusedP99 <= TARGET.readersP99Ms && crowdAfter.other === 0,
    };
    const met = (ok: boolean) => (ok ? "met" : "NOT met");
    const liveTable = [
      "| path | clients | edits | p50 ms | p95 ms | max ms | bytes per client per edit | server CPU ms per edit | lost / dup / out of order | resyncs |",
      "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |",
      `| before: ids-only stream + palace.get per event (1 edit/s) | ${CLIENTS} | ${before.edits} | ${ms(before.p50)} | ${ms(before.p95)} | – | ${kb(before.bytesPerClientPerEdit)} | ${before.cpuMsPerEdit.toFixed(0)} | – | – |`,
      LAST_ROUND.big,
      ...[small, big].map(
        (r) =>
          `| live store, rows in changes (${RATE} edits/s${r === big ? ", instance 2 cut halfway" : ""}) | ${r.clients} | ${r.edits} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.max)} | ${r.bytesPerClientPerEdit.toFixed(0)} B | ${r.cpuMsPerEdit.toFixed(1)} | ${r.lost} / ${r.duplicated} / ${r.outOfOrder} | ${r.resyncs} |`,
      ),
    ].join("\n");
    const snapshotTable = [
      "| snapshot | before (palace.get) | last round (snapshot route, 09:02 UTC) | after (snapshot route) |",
      "| --- | ---: | ---: | ---: |",
      `| bytes, 1,000 concepts / 20 rooms | ${kb(getBytes)} (superjson, as served) | 226.0 KB JSON, 64.4 KB br | ${kb(identity)} JSON, ${kb(br)} br, ${kb(gzip)} gzip |`,
      `| throughput, 8 anonymous callers, ${THROUGHPUT_SECONDS} s | ${getTput.perSecond.toFixed(1)}/s | ${LAST_ROUND.throughput} | ${snapTput.perSecond.toFixed(1)}/s from the cache (${tputRatio.toFixed(1)}×); ${notModified.perSecond.toFixed(0)}/s as 304 |`,
      `| ${READERS} anonymous readers at once | p50 ${ms(crowdBefore.p50)} ms, p99 ${ms(crowdBefore.p99)} ms (${crowdBefore.ok} answered) | ${LAST_ROUND.crowd} | ${crowdAfter.ok} answered: p50 ${ms(crowdAfter.p50)} ms, p99 ${ms(crowdAfter.p99)} ms; ${crowdAfter.refused} refused with 429 (Retry-After), p99 ${ms(crowdAfter.refusedP99)} ms |`,
    ].join("\n");
    const summary = [
      `Delay: from the event's commit clock (clock_timestamp() in the writing transaction) to the change applied in the client's store (createLivePalace, onChange). ` +
        `Before: to the palace.get answer that follows the event. Server CPU: the instances' process (both instances), user + system, over the run, per edit.`,
      `Targets: p95 ≤ ${TARGET.p95Ms} ms ${met(verdicts.p95)} · bytes per client per edit ≤ 2 KB ${met(verdicts.bytes)} · CPU per edit with ${CLIENTS} clients ≤ ${TARGET.cpuRatio}× with 2 (${cpuRatio.toFixed(2)}×) ${met(verdicts.cpu)} · nothing lost, duplicated or out of order ${met(verdicts.exact)} · ` +
        `snapshot ≤ 250 KB ${met(verdicts.snapshot)} · throughput ≥ ${TARGET.throughput}× ${met(verdicts.throughput)} · ${READERS} readers p99 ≤ 1 s or a fast 429 ${met(verdicts.crowd)}.`,
      `Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${os.cpus().length} CPU cores (${os.cpus()[0]?.model.trim() ?? "unknown"}, load average ${os.loadavg()[0]!.toFixed(1)} at the end), PostgreSQL at ${url.host}, Node ${process.version}.`,
    ].join("\n");
    console.log(`\n${liveTable}\n\n${snapshotTable}\n\n${summary}\n`);
    writeSection("live", `## Live palace (issue 11)\n\nRun with \`npm run bench:live\`.\n\n${liveTable}\n\n${snapshotTable}\n\n${summary}\n`);
    if (!Object.values(verdicts).every(Boolean)) process.exitCode = 1;
  } finally {
    agent.destroy();
    await server.ask("close").catch(() => undefined);
    await database?.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
