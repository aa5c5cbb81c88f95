// `npm run bench:scene`: how the 3D palace scales. Generates palaces (one room of 10, 100, 1,000
// and 5,000 concepts; 5 rooms and 200 rooms of 50 concepts), serves the built app, walks into a
// room in headless Chromium and reads from the renderer: draw calls and triangles per frame,
// median CPU time inside renderer.render(), and the time from navigation to the first frame.
// The same run measures the one-object-per-concept baseline, so the ratios are comparable.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { openDatabase } from "~/server/db/client";
import { users } from "~/server/db/schema";
import { insertPalaceGraph, type PalaceGraph } from "~/server/domain/palace/palace.graph";
import { ZConceptKind } from "~/server/domain/concept/concept.schema";
import { ZLocusShape } from "~/server/domain/locus/locus.schema";
import { ZRoomTheme } from "~/server/domain/room/room.schema";
import { launchBrowser } from "../helpers/browser";
import { serveApp } from "../helpers/serve";
import { writeSection } from "./section";

const COLORS = ["#d9a441", "#e07a5f", "#3d9970", "#4f7cc8", "#b56576", "#6d597a", "#2a9d8f", "#e9c46a"];
const OWNER = "bench-owner";

interface Case {
  label: string;
  palaceId: string;
  /** Where the walker stands, facing north into the room being measured. */
  stand: { x: number; z: number };
  renderer: "instanced" | "naive";
  /** The scene counts as fully drawn once a frame makes at least this many draw calls. */
  expectedCalls: number;
}

function concept(graph: PalaceGraph, roomId: string, i: number, x: number, z: number) {
  const id = crypto.randomUUID();
  const kind = ZConceptKind.options[i % ZConceptKind.options.length]!;
  graph.concepts.push({ id, palaceId: graph.palace.id, title: `Concept ${i + 1}: ${kind}`, kind, notes: "" });
  graph.loci.push({
    palaceId: graph.palace.id,
    conceptId: id,
    roomId,
    x,
    y: 0,
    z,
    rotationY: 0,
    shape: ZLocusShape.options[i % ZLocusShape.options.length]!,
    color: COLORS[i % COLORS.length]!,
    routeOrder: graph.loci.length + 1,
  });
  return id;
}

/** One 40 x 40 m hall holding `n` concepts on a grid, every tenth linked to the next. */
function oneRoom(n: number): PalaceGraph {
  const palaceId = crypto.randomUUID();
  const roomId = crypto.randomUUID();
  const graph: PalaceGraph = {
    palace: { id: palaceId, title: `Bench: one room of ${n}`, description: "", visibility: "public" },
    rooms: [{ id: roomId, palaceId, name: `Hall of ${n}`, gridX: 0, gridZ: 0, width: 40, depth: 40, height: 6, theme: "slate" }],
    doors: [],
    concepts: [],
    loci: [],
    links: [],
  };
  const side = Math.ceil(Math.sqrt(n));
  const step = 38 / side;
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push(concept(graph, roomId, i, 1 + step * (i % side) + step / 2, 1 + step * Math.floor(i / side) + step / 2));
  for (let i = 0; i + 1 < n; i += 10) graph.links.push({ palaceId, fromConceptId: ids[i]!, toConceptId: ids[i + 1]!, label: "next" });
  return graph;
}

/**
 * `count` rooms of 10 x 10 m, joined by doors, `perRoom` concepts in each: a grid in rows of 20,
 * or for 5 rooms a cross, so that standing in the middle room sees a door on every side in both
 * palaces and the comparison is about the palace's size alone.
 */
function manyRooms(count: number, perRoom: number): PalaceGraph {
  const palaceId = crypto.randomUUID();
  const graph: PalaceGraph = {
    palace: { id: palaceId, title: `Bench: ${count} rooms`, description: "", visibility: "public" },
    rooms: [],
    doors: [],
    concepts: [],
    loci: [],
    links: [],
  };
  const cols = count === 5 ? 3 : 20;
  const cells = count === 5 ? [1, 3, 4, 5, 7] : Array.from({ length: count }, (_, i) => i);
  const byCell = new Map<number, PalaceGraph["rooms"][number]>();
  let n = 0;
  for (let r = 0; r < count; r++) {
    const id = crypto.randomUUID();
    const cellIndex = cells[r]!;
    const gridX = (cellIndex % cols) * 10;
    const gridZ = Math.floor(cellIndex / cols) * 10;
    graph.rooms.push({ id, palaceId, name: `Room ${r + 1}`, gridX, gridZ, width: 10, depth: 10, height: 4, theme: ZRoomTheme.options[r % 6]! });
    for (let i = 0; i < perRoom; i++) concept(graph, id, n++, 1.2 + (i % 7) * 1.25, 1.2 + Math.floor(i / 7) * 1.1);
    byCell.set(cellIndex, graph.rooms.at(-1)!);
    const west = cellIndex % cols > 0 ? byCell.get(cellIndex - 1) : undefined;
    const north = byCell.get(cellIndex - cols);
    for (const [other, position] of [
      [west, gridZ + 5],
      [north, gridX + 5],
    ] as const) {
      if (!other) continue;
      const [roomAId, roomBId] = [other.id, id].sort() as [string, string];
      graph.doors.push({ palaceId, roomAId, roomBId, position, width: 1.4 });
    }
  }
  return graph;
}

async function measure(page: Page, baseURL: string, c: Case) {
  const query = c.renderer === "naive" ? "?renderer=naive" : "";
  await page.goto(`${baseURL}/palaces/${c.palaceId}${query}`, { waitUntil: "commit" });
  await page.waitForFunction(() => (window.__engram?.frames ?? 0) > 1, null, { timeout: 300_000 });
  const firstFrameMs = await page.evaluate(() => window.__engram!.firstFrameAt!);
  await page.keyboard.press("b");
  await page.evaluate((stand) => window.__engram!.teleport({ ...stand, heading: 0 }), c.stand);
  // Let every title finish its layout (one text per concept in the baseline suspends the scene
  // until all are ready), then measure 20 frames from the same spot: walking mode renders every
  // frame, and a fixed view keeps the baseline and the instanced scene comparable.
  await page.waitForFunction((n) => window.__engram!.info().calls >= n, c.expectedCalls, { timeout: 600_000, polling: 500 });
  await page.waitForTimeout(3000);
  await page.evaluate(() => window.__engram!.renderTimes.splice(0));
  const start = await page.evaluate(() => window.__engram!.frames);
  await page.waitForFunction((target) => window.__engram!.frames >= target, start + 20, { timeout: 600_000 });
  return page.evaluate(() => {
    const times = [...window.__engram!.renderTimes].sort((a, b) => a - b);
    const info = window.__engram!.info();
    return { calls: info.calls, triangles: info.triangles, medianRenderMs: times[Math.floor(times.length / 2)] ?? NaN, frames: times.length };
  }).then((r) => ({ ...r, firstFrameMs }));
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "engram-bench-scene-"));
  const database = await openDatabase({ kind: "pglite", dataDir: path.join(dir, "pglite") });
  await database.migrate();
  await database.db.insert(users).values({ id: OWNER, name: "Bench", email: "bench@engram.invalid" });
  const cases: Case[] = [];
  for (const n of [10, 100, 1000, 5000]) {
    const graph = oneRoom(n);
    await database.db.transaction((tx) => insertPalaceGraph(tx, OWNER, graph));
    cases.push({ label: `1 room, ${n} concepts`, palaceId: graph.palace.id, stand: { x: 20, z: 39 }, renderer: "instanced", expectedCalls: 10 });
    if (n === 100 || n === 1000) {
      cases.push({ label: `1 room, ${n} concepts (one object per concept)`, palaceId: graph.palace.id, stand: { x: 20, z: 39 }, renderer: "naive", expectedCalls: 2 * n });
    }
  }
  for (const count of [5, 200]) {
    const graph = manyRooms(count, 50);
    await database.db.transaction((tx) => insertPalaceGraph(tx, OWNER, graph));
    // Stand in a room with neighbours on every side it has (the middle of the plan).
    const middle = graph.rooms[count === 5 ? 2 : 110]!;
    cases.push({ label: `${count} rooms x 50 concepts`, palaceId: graph.palace.id, stand: { x: middle.gridX + 5, z: middle.gridZ + 9 }, renderer: "instanced", expectedCalls: 10 });
  }
  await database.close();

  const served = await serveApp({ PGLITE_DIR: path.join(dir, "pglite"), DATABASE_URL: "", ENGRAM_TEST_HOOKS: "1" }, path.join(dir, "server.log"));
  const browser = await launchBrowser();
  const rows: { label: string; calls: number; triangles: number; medianRenderMs: number; firstFrameMs: number; frames: number }[] = [];
  try {
    for (const c of cases) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      const result = await measure(page, served.baseURL, c);
      await page.close();
      rows.push({ label: c.label, ...result });
      console.log(`${c.label}: ${result.calls} draw calls, ${result.triangles} triangles, ${result.medianRenderMs.toFixed(2)} ms render, first frame ${result.firstFrameMs.toFixed(0)} ms`);
    }
  } finally {
    await browser.close();
    await served.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }

  const get = (label: string) => rows.find((r) => r.label === label)!;
  const r100 = get("1 room, 100 concepts");
  const r1000 = get("1 room, 1000 concepts");
  const r5000 = get("1 room, 5000 concepts");
  const naive1000 = get("1 room, 1000 concepts (one object per concept)");
  const five = get("5 rooms x 50 concepts");
  const many = get("200 rooms x 50 concepts");
  const checks = [
    [`draw calls at 1,000 concepts <= 20`, r1000.calls <= 20, `${r1000.calls}`],
    [`same draw calls at 100, 1,000 and 5,000`, r100.calls === r1000.calls && r1000.calls === r5000.calls, `${r100.calls} / ${r1000.calls} / ${r5000.calls}`],
    [`render CPU at 1,000 within 2x of 100`, r1000.medianRenderMs <= 2 * r100.medianRenderMs, `${(r1000.medianRenderMs / r100.medianRenderMs).toFixed(2)}x`],
    [`200 rooms within 1.5x of 5 rooms per frame`, many.medianRenderMs <= 1.5 * five.medianRenderMs, `${(many.medianRenderMs / five.medianRenderMs).toFixed(2)}x render CPU, ${many.calls} vs ${five.calls} draw calls`],
    [`baseline needs over 2,000 draw calls at 1,000`, naive1000.calls > 2000, `${naive1000.calls} (${(naive1000.calls / r1000.calls).toFixed(0)}x the instanced scene)`],
  ] as const;

  const table = [
    "| palace | draw calls / frame | triangles | median CPU in render() | navigation to first frame | frames sampled |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
    ...rows.map((r) => `| ${r.label} | ${r.calls} | ${r.triangles.toLocaleString("en-US")} | ${r.medianRenderMs.toFixed(2)} ms | ${r.firstFrameMs.toFixed(0)} ms | ${r.frames} |`),
    "",
    "| target | met | measured |",
    "| --- | --- | --- |",
    ...checks.map(([name, ok, value]) => `| ${name} | ${ok ? "yes" : "**no**"} | ${value} |`),
  ].join("\n");
  console.log(`\n${table}`);

  writeSection(
    "scene",
    [
      "## Scene (issue 3): `npm run bench:scene`",
      "",
      `Run on ${new Date().toISOString().slice(0, 10)}, headless Chromium with SwiftShader (software WebGL), 1280 x 800, walking mode standing at the edge of the measured room and looking into it. ` +
        "CPU time is measured around `renderer.render()` on the page's main thread. Ratios come from one run; absolute times depend on the (shared, 2-core) machine.",
      "",
      table,
    ].join("\n"),
  );
  if (checks.some(([, ok]) => !ok)) process.exitCode = 1;
}

await main();
