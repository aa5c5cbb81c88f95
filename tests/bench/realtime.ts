// Realtime benchmark: two app instances on one PostgreSQL, 20 clients subscribed to a palace
// (half on each instance), one editor committing edits on instance 1. Measures the delay from
// each commit to its arrival at every client, across a forced drop of instance 2's
// connections halfway, and checks that every client got every event once and in order.
// Prints a table and writes it to BENCHMARKS.md between the realtime markers.
import os from "node:os";
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import type { LiveItem } from "~/server/realtime/live";
import { type Instance, startInstance } from "../helpers/instances";
import { subscribe, type SseSubscription } from "../helpers/sse";
import { writeSection } from "./section";

const SERVER = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const CLIENTS = 20;
const EDITS = Number(process.env.BENCH_EDITS ?? 600);
const TARGET_P95_MS = 250;

function percentile(sorted: number[], p: number): number {
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

interface Client {
  instance: 1 | 2;
  seqs: number[];
  delays: number[];
  sub: SseSubscription;
}

async function main() {
  const name = `engram_bench_${randomBytes(4).toString("hex")}`;
  const admin = postgres(SERVER, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  const instances: Instance[] = [];
  try {
    const one = await startInstance(url.toString());
    await one.database.migrate();
    const two = await startInstance(url.toString());
    instances.push(one, two);

    const editor = await one.signUp("Editor");
    const api = one.client(editor.cookie);
    const palace = await api.palace.create.mutate({ title: "Benchmark palace" });
    const { token } = await api.invite.create.mutate({ palaceId: palace.id, role: "viewer" });
    let concept = await api.concept.create.mutate({ palaceId: palace.id, title: "Edited concept" });

    const clients: Client[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const instance = i % 2 === 0 ? one : two;
      const viewer = await instance.signUp(`Viewer${i}`);
      await instance.client(viewer.cookie).invite.accept.mutate({ token });
      const client = { instance: instance === one ? 1 : 2, seqs: [], delays: [] } as unknown as Client;
      client.sub = subscribe<LiveItem>(`${instance.url}/live.watch`, { palaceId: palace.id }, {
        cookie: viewer.cookie,
        onData: (item) => {
          if (item.type !== "event") return;
          client.seqs.push(item.seq);
          client.delays.push(Date.now() - item.at);
        },
      });
      clients.push(client);
    }
    await Promise.all(clients.map((c) => c.sub.connected));

    const firstSeq = (await api.activity.list.query({ palaceId: palace.id, limit: 1 }))[0]!.seq + 1;
    const started = Date.now();
    for (let i = 0; i < EDITS; i++) {
      if (i === Math.floor(EDITS / 2)) two.dropConnections();
      concept = await api.concept.update.mutate({ id: concept.id, version: concept.version, title: `Edited concept ${i}` });
    }
    const editSeconds = (Date.now() - started) / 1000;
    const lastSeq = firstSeq + EDITS - 1;
    await until(() => clients.every((c) => c.seqs.at(-1) === lastSeq), 30_000, "every client to receive the last edit");
    for (const c of clients) c.sub.close();

    const expected = Array.from({ length: EDITS }, (_, i) => firstSeq + i);
    const lost = clients.reduce((n, c) => {
      const got = new Set(c.seqs);
      return n + expected.filter((s) => !got.has(s)).length;
    }, 0);
    const duplicated = clients.reduce((n, c) => n + (c.seqs.length - new Set(c.seqs).size), 0);
    const outOfOrder = clients.filter((c) => c.seqs.some((s, i) => i > 0 && s <= c.seqs[i - 1]!)).length;
    const reconnected = clients.filter((c) => c.sub.reconnects > 0).length;

    // Only the benchmark's edits count: the stream also carried the viewers joining.
    const row = (label: string, group: Client[]) => {
      const d = group
        .flatMap((c) => c.delays.filter((_, i) => c.seqs[i]! >= firstSeq && c.seqs[i]! <= lastSeq))
        .sort((a, b) => a - b);
      return { label, clients: group.length, deliveries: d.length, p50: percentile(d, 50), p95: percentile(d, 95), max: d.at(-1)! };
    };
    const ms = (n: number) => n.toFixed(1);
    const rows = [
      row("same instance as the editor", clients.filter((c) => c.instance === 1)),
      row("other instance (dropped halfway)", clients.filter((c) => c.instance === 2)),
      row("all clients", clients),
    ];
    const all = rows.at(-1)!;
    const table = [
      "| clients | subscribed on | deliveries | p50 ms | p95 ms | max ms |",
      "| ---: | --- | ---: | ---: | ---: | ---: |",
      ...rows.map((r) => `| ${r.clients} | ${r.label} | ${r.deliveries} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.max)} |`),
    ].join("\n");
    const verdict = all.p95 < TARGET_P95_MS && lost === 0 && duplicated === 0 && outOfOrder === 0;
    const summary = [
      `${EDITS} edits (concept.update over HTTP on instance 1, one after another, ${(EDITS / editSeconds).toFixed(0)} edits/s), ` +
        `${CLIENTS} clients subscribed over server-sent events, ${reconnected} of them cut off and reconnected after edit ${Math.floor(EDITS / 2)}.`,
      `Delay: from the event's commit-time clock (clock_timestamp() in the transaction) to its arrival at the client.`,
      `Lost: ${lost} · duplicated: ${duplicated} · out of order: ${outOfOrder} · target p95 < ${TARGET_P95_MS} ms: ${verdict ? "met" : "NOT met"}.`,
      `Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${os.cpus().length} CPU cores (${os.cpus()[0]?.model.trim() ?? "unknown"}), PostgreSQL at ${url.host}, Node ${process.version}.`,
    ].join("\n");
    console.log(`\n${table}\n\n${summary}\n`);

    writeSection("realtime", `## Realtime (issue 5)\n\nRun with \`npm run bench:realtime\`.\n\n${table}\n\n${summary}\n`);
    if (!verdict) process.exitCode = 1;
  } finally {
    for (const instance of instances) await instance.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
