// Times what drawing the seeded diagrams adds to start-up and to "New palace from template":
// the demo seed before (rows only) and after (rows plus rendered pictures), on a fresh
// in-memory PGlite, and each template copied twice (the second copy reuses the rendered bytes).
import os from "node:os";
import { openDatabase } from "~/server/db/client";
import { users } from "~/server/db/schema";
import { insertPalaceGraph } from "~/server/domain/palace/palace.graph";
import * as templatesService from "~/server/domain/template/template.service";
import { demoPalace } from "~/server/seed/demo-palace";
import { seedToGraph } from "~/server/seed/seed.logic";
import { seedDemo } from "~/server/seed/seed.service";
import { templates } from "~/server/seed/templates";
import { writeSection } from "./section";

const since = (t: number) => performance.now() - t;
const fresh = async () => {
  const database = await openDatabase({ kind: "pglite" });
  await database.migrate();
  return database;
};

/** The demo's rows alone, as the seed wrote them before it drew diagrams. */
async function seedRowsOnly() {
  const before = await fresh();
  const t = performance.now();
  await before.db.insert(users).values({ id: "bench-demo", name: "Demo", email: "demo@bench.invalid", emailVerified: true });
  const graph = seedToGraph(demoPalace, { id: crypto.randomUUID(), title: demoPalace.title, description: demoPalace.description, visibility: "public" });
  await before.db.transaction((tx) => insertPalaceGraph(tx, "bench-demo", graph));
  const ms = since(t);
  await before.close();
  return ms;
}
// The first run in a process also warms PGlite up; the second is the one compared.
await seedRowsOnly();
const rowsOnly = await seedRowsOnly();
let t = 0;

const after = await fresh();
await after.db.insert(users).values({ id: "warm-up", name: "Warm", email: "warm@bench.invalid", emailVerified: true });
t = performance.now();
await seedDemo(after.db);
const withPictures = since(t);
t = performance.now();
await seedDemo(after.db);
const restart = since(t);

await after.db.insert(users).values({ id: "bench-user", name: "Bench", email: "bench@bench.invalid", emailVerified: true });
const actor = { userId: "bench-user" };
const copies: string[] = [];
for (const { id, palace } of templates) {
  t = performance.now();
  await templatesService.create(after.db, actor, { templateId: id });
  const cold = since(t);
  t = performance.now();
  await templatesService.create(after.db, actor, { templateId: id });
  const warm = since(t);
  const drawn = palace.concepts.filter((c) => c.diagram).length;
  copies.push(`| ${id} | ${palace.concepts.length} | ${drawn} | ${cold.toFixed(0)} | ${warm.toFixed(0)} |`);
}
await after.close();

const demoDrawn = demoPalace.concepts.filter((c) => c.diagram).length;
const table = [
  "| start-up step | ms |",
  "| --- | ---: |",
  `| demo seed, rows only (before diagrams) | ${rowsOnly.toFixed(0)} |`,
  `| demo seed, rows + ${demoDrawn} rendered diagrams | ${withPictures.toFixed(0)} |`,
  `| later start-ups (demo already there) | ${restart.toFixed(0)} |`,
  "",
  "| template copied | concepts | diagrams | first copy in a process (ms) | later copies (ms) |",
  "| --- | ---: | ---: | ---: | ---: |",
  ...copies,
].join("\n");
console.log(table);

writeSection(
  "seed",
  `## Seeded diagrams: \`npm run bench:seed\`

Run on ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC, Node ${process.version}, ${os.cpus().length} shared CPU cores (load average ${os.loadavg()[0]!.toFixed(1)} during the run), in-memory PGlite. Single runs: the cold figures can only happen once per process. The demo palace and the templates draw their diagrams as SVG in the source; sharp renders each once per process straight to a 1024-pixel WebP, which then takes the import path (every pixel decoded, thumbnail made, hashed), and keeps the bytes, so only the first seed or copy pays for drawing. The demo seed runs only on a database that has never had it; every later start-up skips it.

${table}`,
);
