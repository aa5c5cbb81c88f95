// Times importing a 5 MB Freeplane map (~50,000 nodes) and a 5 MB Markdown outline through the
// path the import dialog takes: the tRPC procedure, base64 in, palace written in one
// transaction, on PGlite (the database `npm start` opens) and on PostgreSQL when
// TEST_DATABASE_URL names a server. Each import runs in a child process of its own, so the
// peak memory reported is that import's alone. Prints a table and writes it to BENCHMARKS.md.
// `--as-before` stores this run's figures as the "before" rows of later runs.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createAuth } from "~/server/auth";
import { createBus } from "~/server/realtime/bus";
import { createCaller } from "~/server/trpc/root";
import { testDatabases } from "../helpers/databases";
import { bigFreeplaneMap, bigMarkdownOutline } from "../helpers/big-maps";
import { commitOf, writeSection } from "./section";

const MB = 1024 * 1024;
const LIMIT_MS = 5000;
const BEFORE_FILE = path.resolve("tests/bench/import-before.json");

const FILES = {
  "Freeplane map": { fileName: "big.mm", make: bigFreeplaneMap },
  "Markdown outline": { fileName: "big.md", make: bigMarkdownOutline },
} as const;
type FileName = keyof typeof FILES;

/** One import's figures. */
interface Row {
  file: FileName;
  database: "pglite" | "postgres";
  bytes: number;
  items: number;
  concepts: number;
  rooms: number;
  links: number;
  /** From the call to the procedure until it answered with the written palace. */
  wallMs: number;
  /** This process's CPU time over the same span; PGlite's work included, PostgreSQL's not. */
  cpuMs: number;
  peakRssMb: number;
}

interface Run {
  date: string;
  commit: string;
  rows: Row[];
}

/** Runs one import in this process and prints its figures as JSON on the last line. */
async function measureOne(file: FileName, databaseName: Row["database"]) {
  const target = testDatabases.find((d) => d.name === databaseName);
  if (!target) throw new Error(`No ${databaseName} database: set TEST_DATABASE_URL for PostgreSQL.`);
  const database = await target.open();
  try {
    const auth = createAuth({ db: database.db, secret: "bench-secret-bench-secret-bench-secret!", baseURL: "http://localhost:3999" });
    const signed = await auth.api.signUpEmail({ body: { email: "bench@example.com", password: "correct horse battery", name: "Bench" } });
    const caller = createCaller({ db: database.db, bus: createBus(database), user: { id: signed.user.id, name: signed.user.name, email: signed.user.email } });
    const { fileName, make } = FILES[file];
    const text = make();
    const bytes = Buffer.from(text);
    const items = fileName.endsWith(".mm") ? (text.match(/<node[\s>]/g) ?? []).length : (text.match(/^\s*- /gm) ?? []).length;
    const data = bytes.toString("base64");
    global.gc?.();
    const start = performance.now();
    const cpu0 = process.cpuUsage();
    const palace = await caller.transfer.import({ fileName, data });
    const wallMs = performance.now() - start;
    const used = process.cpuUsage(cpu0);
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    const scene = await caller.palace.get({ id: palace.id });
    const row: Row = {
      file,
      database: databaseName,
      bytes: bytes.length,
      items,
      concepts: palace.conceptCount,
      rooms: palace.roomCount,
      links: scene.links.length,
      wallMs,
      cpuMs: (used.user + used.system) / 1000,
      peakRssMb,
    };
    console.log(JSON.stringify(row));
  } finally {
    await database.drop();
  }
}

/** Each import in a child process of its own, one after another. */
function measureAll(): Row[] {
  const script = fileURLToPath(import.meta.url);
  const rows: Row[] = [];
  for (const database of testDatabases.map((d) => d.name)) {
    for (const file of Object.keys(FILES) as FileName[]) {
      const out = execFileSync(process.execPath, [...process.execArgv, "--expose-gc", script, "--one", file, database], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
        maxBuffer: 64 * MB,
      });
      const row = JSON.parse(out.trim().split("\n").at(-1)!) as Row;
      console.log(`${row.file} on ${row.database}: ${row.wallMs.toFixed(0)} ms wall, ${row.cpuMs.toFixed(0)} ms CPU, peak RSS ${row.peakRssMb.toFixed(0)} MB`);
      rows.push(row);
    }
  }
  return rows;
}

const fmt = (n: number) => Math.round(n).toLocaleString("en");

function table(before: Run | null, after: Run): string {
  const lines = [
    "| file | database | run | size | nodes / items | concepts | rooms | links | until the palace exists, wall (ms) | CPU of this process (ms) | within 5 s | peak RSS (MB) |",
    "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: | ---: |",
  ];
  for (const row of after.rows) {
    const old = before?.rows.find((r) => r.file === row.file && r.database === row.database);
    // On PGlite the database runs in this process, so its CPU time is the cost of the import;
    // on PostgreSQL the server's share is not in it, and the wall time is what counts.
    const figure = (r: Row) => (r.database === "pglite" ? r.cpuMs : r.wallMs);
    for (const [label, r] of [...(old ? [["before", old] as const] : []), ["after", row] as const]) {
      lines.push(
        `| ${r.file} | ${r.database === "pglite" ? "PGlite" : "PostgreSQL"} | ${label} | ${(r.bytes / MB).toFixed(2)} MB | ${fmt(r.items)} | ${fmt(r.concepts)} | ${r.rooms} | ${fmt(r.links)} | ${fmt(r.wallMs)} | ${fmt(r.cpuMs)} | ${figure(r) <= LIMIT_MS ? "yes" : "no"} | ${fmt(r.peakRssMb)} |`,
      );
    }
  }
  return lines.join("\n");
}

function write(before: Run | null, after: Run) {
  writeSection(
    "import",
    `## Mind-map import: \`npm run bench:import\`

The import dialog's path, timed from the call to the \`transfer.import\` procedure until it answers with the written palace (base64 decode, parse, plan, validation, one transaction). Each import runs in a process of its own, so the peak RSS is that import's high-water mark; on PGlite the database runs in that process too. The 5 s target is met when the CPU time (PGlite, where the database's work is in the process) or the wall time (PostgreSQL, a server of its own) is within 5 s.
${before ? `\n"Before": run of ${before.date} UTC on commit ${before.commit}, before issue 13's import work (rows inserted 500 to a statement, every concept's room found by a scan). "After": run of ${after.date} UTC on commit ${after.commit}.\n` : ""}
${table(before, after)}

Wall time is what a person waited on this machine, which ran other work too (load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores at the end of the run). Node ${process.version}.`,
  );
}

async function main() {
  const one = process.argv.indexOf("--one");
  if (one >= 0) {
    await measureOne(process.argv[one + 1] as FileName, process.argv[one + 2] as Row["database"]);
    return;
  }
  const run: Run = { date: new Date().toISOString().slice(0, 16).replace("T", " "), commit: commitOf(), rows: measureAll() };
  if (process.argv.includes("--as-before")) {
    fs.writeFileSync(BEFORE_FILE, `${JSON.stringify(run, null, 2)}\n`);
    console.log(`Stored as the "before" figures in ${path.relative(process.cwd(), BEFORE_FILE)}.`);
    return;
  }
  const before = fs.existsSync(BEFORE_FILE) ? (JSON.parse(fs.readFileSync(BEFORE_FILE, "utf8")) as Run) : null;
  write(before, run);
  console.log(table(before, run));
  const worst = Math.max(...run.rows.map((r) => (r.database === "pglite" ? r.cpuMs : r.wallMs)));
  if (worst > LIMIT_MS) process.exitCode = 1;
}

await main();
