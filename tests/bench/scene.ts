// `npm run bench:scene`: how the 3D palace scales. Generates palaces (one room of 10, 100, 1,000
// and 5,000 concepts; 5 rooms and 200 rooms of 50 concepts), serves the built app and reads from
// the renderer in headless Chromium: draw calls and triangles per frame, CPU time inside
// renderer.render() walking and in the overview, and the time from navigation to the first frame.
// The same run measures the one-object-per-concept baseline, so the ratios are comparable.
//
// Render times swing with whatever else the shared machine is doing, so pages that are compared
// are open side by side and sampled in interleaved rounds (the others frozen meanwhile): a busy
// spell slows every side of a ratio alike. Each figure is the median of every sampled frame.
// `--as-before` stores this run's figures as the "before" column of later runs.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, CDPSession, Page } from "playwright-core";
import { openDatabase } from "~/server/db/client";
import { users } from "~/server/db/schema";
import { insertPalaceGraph, type PalaceGraph } from "~/server/domain/palace/palace.graph";
import { ZConceptKind } from "~/server/domain/concept/concept.schema";
import { ZLocusShape } from "~/server/domain/locus/locus.schema";
import { ZRoomTheme } from "~/server/domain/room/room.schema";
import { launchBrowser } from "../helpers/browser";
import { serveApp } from "../helpers/serve";
import { commitOf, writeSection } from "./section";

const COLORS = ["#d9a441", "#e07a5f", "#3d9970", "#4f7cc8", "#b56576", "#6d597a", "#2a9d8f", "#e9c46a"];
const OWNER = "bench-owner";
const BEFORE_FILE = path.resolve("tests/bench/scene-before.json");
/**
 * Interleaved rounds per group, and frames timed per page in each round. A machine drawing a
 * frame every few seconds (software WebGL behind a busy CPU) cannot time 180 frames a page in
 * reasonable time: `--rounds` and `--frames` take fewer, and the table says how many (n).
 */
const ROUNDS = Number(argument("--rounds") ?? 6);
const FRAMES_PER_ROUND = Number(argument("--frames") ?? 30);
/** Fresh loads per palace for the first-frame figures. */
const LOADS = 3;

interface Case {
  label: string;
  palaceId: string;
  /** "walk": standing at `stand`, facing north into the measured room; "overview": from above. */
  mode: "walk" | "overview";
  stand?: { x: number; z: number };
  renderer: "instanced" | "naive";
  /** Rooms in the palace: the whole palace is in once the overview draws this many. */
  rooms: number;
  /** The scene counts as drawn once a frame makes at least this many draw calls. */
  expectedCalls: number;
  /** The baseline draws a frame in ~0.2 s: fewer frames per round keep its rounds short. */
  framesPerRound?: number;
  /**
   * Frames drawn before timing starts in each round (5 unless set). Software WebGL takes seconds
   * to draw a whole plan from above, so the overview settles on one and times two a round.
   */
  settleFrames?: number;
}

interface Stats {
  median: number;
  q1: number;
  q3: number;
  trimmedMean: number;
  n: number;
}

interface Row {
  label: string;
  calls: number;
  triangles: number;
  render: Stats;
  firstFrameMs: number;
}

interface FirstFrame {
  /** Server's first byte of the page (navigation start = 0). */
  serverMs: number;
  /** The page's HTML (with the palace's data in it) fully received. */
  htmlMs: number;
  htmlKB: number;
  /** Every script the page loaded before its first frame, downloaded. */
  scriptsMs: number;
  domContentLoadedMs: number;
  /** Main-thread time in long tasks (over 50 ms) before the first frame: parsing, hydration, building the scene. */
  longTasksMs: number;
  /** renderer.render() of the first frame starts, after the scene is built. */
  renderStartMs: number;
  firstFrameMs: number;
  /** Every room of the palace is in the scene: a big palace streams in after its first frame. */
  wholeMs: number;
  /** The longest main-thread task after the first frame until the whole palace is in (0: none over 50 ms). */
  longestTaskAfterMs: number;
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

function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => {
    const i = (s.length - 1) * q;
    const lo = Math.floor(i);
    return s[lo]! + (s[Math.min(lo + 1, s.length - 1)]! - s[lo]!) * (i - lo);
  };
  const cut = Math.floor(s.length * 0.1);
  const kept = s.slice(cut, s.length - cut);
  return { median: at(0.5), q1: at(0.25), q3: at(0.75), trimmedMean: kept.reduce((a, b) => a + b, 0) / Math.max(1, kept.length), n: s.length };
}

/** Loads a case's page and reads where the time to its first frame went, and how the rest followed. */
async function load(page: Page, baseURL: string, c: Case): Promise<FirstFrame> {
  const query = c.renderer === "naive" ? "?renderer=naive" : "";
  await page.goto(`${baseURL}/palaces/${c.palaceId}${query}`, { waitUntil: "commit", timeout: 300_000 });
  await page.waitForFunction(() => (window.__engram?.frames ?? 0) > 1 && window.__engram!.firstFrameAt !== null, null, { timeout: 300_000, polling: 50 });
  // Polled from inside the page, so the moment is the page's own clock and not the poll's.
  await page.evaluate(async (rooms) => {
    const w = window as unknown as { __wholeAt?: number };
    while (window.__engram!.rooms().length < rooms) await new Promise((r) => setTimeout(r, 20));
    w.__wholeAt = performance.now();
  }, c.rooms);
  return page.evaluate(async () => {
    const hooks = window.__engram!;
    const firstFrameMs = hooks.firstFrameAt!;
    const wholeMs = (window as unknown as { __wholeAt: number }).__wholeAt;
    const renderStartMs = firstFrameMs - (hooks.renderTimes[0] ?? 0);
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
    const scripts = (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).filter((r) => r.initiatorType === "script" && r.responseEnd <= firstFrameMs);
    const longTasks = await new Promise<PerformanceEntry[]>((resolve) => {
      const observer = new PerformanceObserver((list) => {
        observer.disconnect();
        resolve(list.getEntries());
      });
      observer.observe({ type: "longtask", buffered: true });
      setTimeout(() => resolve([]), 1000);
    });
    const after = longTasks.filter((t) => t.startTime + t.duration > firstFrameMs && t.startTime < wholeMs);
    return {
      serverMs: nav.responseStart,
      htmlMs: nav.responseEnd,
      htmlKB: nav.decodedBodySize / 1024,
      scriptsMs: Math.max(0, ...scripts.map((r) => r.responseEnd)),
      domContentLoadedMs: nav.domContentLoadedEventEnd,
      longTasksMs: longTasks.filter((t) => t.startTime < firstFrameMs).reduce((sum, t) => sum + t.duration, 0),
      renderStartMs,
      firstFrameMs,
      wholeMs,
      longestTaskAfterMs: Math.max(0, ...after.map((t) => t.duration)),
    };
  });
}

/** Waits until the scene stops changing: enough draw calls and the same triangle count for 1 s. */
async function settle(page: Page, c: Case) {
  await page.waitForFunction((n) => window.__engram!.info().calls >= n, c.expectedCalls, { timeout: 300_000, polling: 500 });
  // No named functions inside evaluated code: tsx would wrap them in a helper the page lacks.
  await page.evaluate(async () => {
    let last = -1;
    let since = performance.now();
    while (performance.now() - since < 1000) {
      const triangles = window.__engram!.info().triangles;
      if (triangles !== last) {
        last = triangles;
        since = performance.now();
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  });
}

/**
 * Times `frames` frames. Walking renders every frame; the overview draws on demand, so there the
 * page nudges the orbit camera in and out by a wheel step each frame, which asks for one.
 */
async function sampleFrames(page: Page, c: Case, frames: number): Promise<number[]> {
  return page.evaluate(
    async ({ frames, overview, settle }) => {
      const hooks = window.__engram!;
      const canvas = document.querySelector("canvas")!;
      let flip = 1;
      const settled = hooks.frames + settle;
      let timing = false;
      while (!timing || hooks.renderTimes.length < frames) {
        if (!timing && hooks.frames >= settled) {
          hooks.renderTimes.splice(0);
          timing = true;
        }
        if (overview) {
          flip = -flip;
          canvas.dispatchEvent(new WheelEvent("wheel", { deltaY: flip, bubbles: true, cancelable: true }));
        } else {
          // The scene draws on demand: a standing walker is asked for each timed frame.
          hooks.invalidate();
        }
        await new Promise((r) => requestAnimationFrame(r));
      }
      return hooks.renderTimes.slice(0, frames);
    },
    { frames, overview: c.mode === "overview", settle: c.settleFrames ?? 5 },
  );
}

async function freeze(session: CDPSession, frozen: boolean) {
  await session.send("Page.setWebLifecycleState", { state: frozen ? "frozen" : "active" });
}

/** Opens every case of a group, then times their frames in interleaved rounds. */
async function measureGroup(browser: Browser, baseURL: string, group: Case[]): Promise<Row[]> {
  const open: { c: Case; page: Page; session: CDPSession; firstFrameMs: number; samples: number[] }[] = [];
  for (const c of group) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const session = await page.context().newCDPSession(page);
    try {
      const first = await load(page, baseURL, c);
      if (c.mode === "walk") {
        await page.keyboard.press("b");
        await page.evaluate((stand) => window.__engram!.teleport({ ...stand, heading: 0 }), c.stand!);
      }
      await settle(page, c);
      await freeze(session, true);
      open.push({ c, page, session, firstFrameMs: first.firstFrameMs, samples: [] });
    } catch (error) {
      // A busy machine can keep a page from settling: that case goes unmeasured, the rest still count.
      console.log(`${c.label}: not measured (${(error as Error).message.split("\n")[0]})`);
      await page.close();
    }
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const o of open) {
      await freeze(o.session, false);
      const started = performance.now();
      o.samples.push(...(await sampleFrames(o.page, o.c, o.c.framesPerRound ?? FRAMES_PER_ROUND)));
      console.log(`  ${o.c.label}, round ${round + 1}/${ROUNDS}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
      await freeze(o.session, true);
    }
  }
  const rows: Row[] = [];
  for (const o of open) {
    await freeze(o.session, false);
    const info = await o.page.evaluate(() => window.__engram!.info());
    await o.page.close();
    rows.push({ label: o.c.label, calls: info.calls, triangles: info.triangles, render: stats(o.samples), firstFrameMs: o.firstFrameMs });
    const r = rows.at(-1)!;
    console.log(`${r.label}: ${r.calls} draw calls, ${r.triangles} triangles, render median ${r.render.median.toFixed(2)} ms (IQR ${r.render.q1.toFixed(2)}–${r.render.q3.toFixed(2)}, n=${r.render.n})`);
  }
  return rows;
}

/** Fresh loads of each case in turn, `LOADS` times; each figure is the median of its loads. */
async function measureFirstFrames(browser: Browser, baseURL: string, cases: Case[]): Promise<Map<string, FirstFrame>> {
  const loads = new Map<string, FirstFrame[]>(cases.map((c) => [c.label, []]));
  for (let i = 0; i < LOADS; i++) {
    for (const c of cases) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      // `--profile DIR`: a CPU profile of the page's main thread during each load, for DevTools.
      const profileDir = argument("--profile");
      const cdp = profileDir ? await page.context().newCDPSession(page) : null;
      if (cdp) {
        await cdp.send("Profiler.enable");
        await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
        await cdp.send("Profiler.start");
      }
      const first = await load(page, baseURL, c);
      if (cdp && profileDir) {
        const { profile } = await cdp.send("Profiler.stop");
        fs.mkdirSync(profileDir, { recursive: true });
        fs.writeFileSync(path.join(profileDir, `${c.rooms}-rooms-${i + 1}.cpuprofile`), JSON.stringify(profile));
        const resources = await page.evaluate(() =>
          performance.getEntriesByType("resource").map((r) => {
            const t = r as PerformanceResourceTiming;
            return { name: t.name, start: Math.round(t.startTime), responseStart: Math.round(t.responseStart), end: Math.round(t.responseEnd), bytes: t.encodedBodySize };
          }),
        );
        fs.writeFileSync(path.join(profileDir, `${c.rooms}-rooms-${i + 1}.resources.json`), JSON.stringify({ first, resources }, null, 1));
      }
      await page.close();
      loads.get(c.label)!.push(first);
      console.log(
        `${c.label}: first frame ${first.firstFrameMs.toFixed(0)} ms (server ${first.serverMs.toFixed(0)}, HTML ${first.htmlMs.toFixed(0)}, DOMContentLoaded ${first.domContentLoadedMs.toFixed(0)}, ` +
          `render starts ${first.renderStartMs.toFixed(0)}); whole palace in at ${first.wholeMs.toFixed(0)} ms, longest task after the first frame ${first.longestTaskAfterMs.toFixed(0)} ms`,
      );
    }
  }
  const median = (xs: number[]) => stats(xs).median;
  return new Map(
    [...loads].map(([label, runs]) => {
      const keys = Object.keys(runs[0]!) as (keyof FirstFrame)[];
      return [label, Object.fromEntries(keys.map((k) => [k, median(runs.map((r) => r[k]))])) as unknown as FirstFrame];
    }),
  );
}

/** One run's figures, as stored for "before" (`--as-before`) or to report several runs together (`--save FILE`, then `--report FILE...`). */
interface Result {
  date: string;
  commit: string;
  rows: Row[];
  firstFrames: [string, FirstFrame][];
  /** Interleaved rounds, and frames per page in each. */
  sampling: { rounds: number; frames: number };
}

/**
 * The "before" run may be older than some figures (issue 3's run timed the render median and
 * the first frame only): what it lacks is shown as "–".
 */
type Before = Omit<Result, "rows" | "firstFrames" | "sampling"> & {
  rows: (Omit<Row, "render"> & { render: Partial<Stats> & { median: number } })[];
  firstFrames: [string, Partial<FirstFrame> & { firstFrameMs: number }][];
};

async function main() {
  const asBefore = process.argv.includes("--as-before");
  // A quick look while working on the page: the first frames alone, printed and written nowhere.
  const firstFramesOnly = process.argv.includes("--first-frames");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "engram-bench-scene-"));
  const database = await openDatabase({ kind: "pglite", dataDir: path.join(dir, "pglite") });
  await database.migrate();
  await database.db.insert(users).values({ id: OWNER, name: "Bench", email: "bench@engram.invalid" });
  // `--many-rooms`: only the palaces of 5 and 200 rooms (issue 11's targets), not the single halls.
  const manyRoomsOnly = process.argv.includes("--many-rooms");
  const oneRoomCases: Case[] = [];
  for (const n of manyRoomsOnly ? [] : [10, 100, 1000, 5000]) {
    const graph = oneRoom(n);
    await database.db.transaction((tx) => insertPalaceGraph(tx, OWNER, graph));
    oneRoomCases.push({ label: `1 room, ${n} concepts`, palaceId: graph.palace.id, mode: "walk", stand: { x: 20, z: 39 }, renderer: "instanced", rooms: 1, expectedCalls: 10 });
    if (n === 100 || n === 1000) {
      oneRoomCases.push({
        label: `1 room, ${n} concepts (one object per concept)`,
        palaceId: graph.palace.id,
        mode: "walk",
        stand: { x: 20, z: 39 },
        renderer: "naive",
        rooms: 1,
        expectedCalls: 2 * n,
        framesPerRound: n === 1000 ? Math.min(10, FRAMES_PER_ROUND) : FRAMES_PER_ROUND,
      });
    }
  }
  const walkCases: Case[] = [];
  const overviewCases: Case[] = [];
  for (const count of [5, 200]) {
    const graph = manyRooms(count, 50);
    await database.db.transaction((tx) => insertPalaceGraph(tx, OWNER, graph));
    // Stand in a room with neighbours on every side it has (the middle of the plan).
    const middle = graph.rooms[count === 5 ? 2 : 110]!;
    const label = `${count} rooms x 50 concepts`;
    walkCases.push({ label, palaceId: graph.palace.id, mode: "walk", stand: { x: middle.gridX + 5, z: middle.gridZ + 9 }, renderer: "instanced", rooms: count, expectedCalls: 10 });
    overviewCases.push({ label: `${label}, overview`, palaceId: graph.palace.id, mode: "overview", renderer: "instanced", rooms: count, expectedCalls: 10, framesPerRound: 2, settleFrames: 1 });
  }
  await database.close();

  const served = await serveApp({ PGLITE_DIR: path.join(dir, "pglite"), DATABASE_URL: "", ENGRAM_TEST_HOOKS: "1" }, path.join(dir, "server.log"));
  const browser = await launchBrowser();
  const rows: Row[] = [];
  let firstFrames: Map<string, FirstFrame>;
  try {
    // The server's first answers are slower (cold caches, JIT): one throwaway load first.
    // Closed after: left open, it would keep drawing and share the software renderer with every measured page.
    const warmUp = await browser.newPage();
    await load(warmUp, served.baseURL, walkCases[0]!);
    await warmUp.close();
    firstFrames = await measureFirstFrames(browser, served.baseURL, walkCases);
    if (!firstFramesOnly) for (const group of [walkCases, overviewCases, oneRoomCases].filter((g) => g.length > 0)) rows.push(...(await measureGroup(browser, served.baseURL, group)));
  } finally {
    await browser.close();
    await served.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }

  if (firstFramesOnly) return;
  const result: Result = { date: new Date().toISOString().slice(0, 16).replace("T", " "), commit: commitOf(), rows, firstFrames: [...firstFrames], sampling: { rounds: ROUNDS, frames: FRAMES_PER_ROUND } };
  if (asBefore) {
    fs.writeFileSync(BEFORE_FILE, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`Stored as the "before" figures in ${path.relative(process.cwd(), BEFORE_FILE)}.`);
    return;
  }
  const save = argument("--save");
  if (save) fs.writeFileSync(save, `${JSON.stringify(result, null, 2)}\n`);
  report([result]);
}

function argument(name: string) {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

/** The targets, measured in one run: [name, met, what was measured]. */
function checksOf(run: Result | Before): (readonly [string, boolean | null, string])[] {
  const get = (label: string) => run.rows.find((r) => r.label === label);
  const r100 = get("1 room, 100 concepts");
  const r1000 = get("1 room, 1000 concepts");
  const r5000 = get("1 room, 5000 concepts");
  const naive1000 = get("1 room, 1000 concepts (one object per concept)");
  const five = get("5 rooms x 50 concepts");
  const many = get("200 rooms x 50 concepts");
  const fiveOverview = get("5 rooms x 50 concepts, overview");
  const manyOverview = get("200 rooms x 50 concepts, overview");
  const manyFirst = new Map<string, { firstFrameMs: number }>(run.firstFrames).get("200 rooms x 50 concepts");
  const ratio = (a: { render: { median: number } }, b: { render: { median: number } }) => a.render.median / b.render.median;
  /** A target over cases a busy machine (or a `--many-rooms` run) may have left unmeasured: no verdict then. */
  const check = <T extends unknown[]>(
    name: string,
    cases: [...T],
    ok: (...c: { [K in keyof T]: NonNullable<T[K]> }) => boolean,
    value: (...c: { [K in keyof T]: NonNullable<T[K]> }) => string,
  ): readonly [string, boolean | null, string] => {
    if (cases.some((c) => c === undefined)) return [name, null, "not in this run"] as const;
    const present = cases as { [K in keyof T]: NonNullable<T[K]> };
    return [name, ok(...present), value(...present)] as const;
  };
  return [
    check(`draw calls at 1,000 concepts <= 20`, [r1000], (a) => a.calls <= 20, (a) => `${a.calls}`),
    check(`same draw calls at 100, 1,000 and 5,000`, [r100, r1000, r5000], (a, b, c) => a.calls === b.calls && b.calls === c.calls, (a, b, c) => `${a.calls} / ${b.calls} / ${c.calls}`),
    check(`render CPU at 1,000 within 2x of 100`, [r1000, r100], (a, b) => ratio(a, b) <= 2, (a, b) => `${ratio(a, b).toFixed(2)}x`),
    check(`200 rooms within 1.5x of 5 rooms per frame, walking`, [many, five], (a, b) => ratio(a, b) <= 1.5, (a, b) => `${ratio(a, b).toFixed(2)}x render CPU, ${a.calls} vs ${b.calls} draw calls`),
    check(`draw calls in the overview of 200 rooms <= 40`, [manyOverview, fiveOverview], (a) => a.calls <= 40, (a, b) => `${a.calls} (5 rooms: ${b.calls}); render CPU ${ratio(a, b).toFixed(2)}x the 5-room overview`),
    check(`first frame of 200 rooms x 50 concepts <= 3 s`, [manyFirst], (a) => a.firstFrameMs <= 3000, (a) => `${(a.firstFrameMs / 1000).toFixed(2)} s`),
    check(`baseline needs over 2,000 draw calls at 1,000`, [naive1000, r1000], (a) => a.calls > 2000, (a, b) => `${a.calls} (${(a.calls / b.calls).toFixed(0)}x the instanced scene)`),
  ];
}

/** Prints the figures of one or more runs and writes them, with the "before" run, to BENCHMARKS.md. */
function report(runs: Result[]) {
  const before = fs.existsSync(BEFORE_FILE) ? (JSON.parse(fs.readFileSync(BEFORE_FILE, "utf8")) as Before) : null;
  const last = runs.at(-1)!;
  const ms = (x: number) => `${x.toFixed(2)} ms`;
  const was = (x: number | undefined, format: (v: number) => string) => (x === undefined ? "–" : format(x));
  const labels = [...new Set(runs.flatMap((run) => run.rows.map((r) => r.label)))];
  // three.js counts the overview's text batches (instanced, no instance limit) as infinite
  // triangles, which JSON stores as null: not a count to print.
  const triangles = (v: number | null) => (v === null || !Number.isFinite(v) ? "not counted" : v.toLocaleString("en-US"));
  const rowOf = <T extends Result | Before>(run: T | null, label: string): T["rows"][number] | undefined => run?.rows.find((r) => r.label === label);
  /** How far the runs' medians lie from their middle: ±(max - min) / (max + min). */
  const spread = (xs: number[]) => (xs.length < 2 ? "–" : `±${((100 * (Math.max(...xs) - Math.min(...xs))) / (Math.max(...xs) + Math.min(...xs))).toFixed(0)} %`);
  const frameTable = [
    `| palace | draw calls / frame (before) | triangles (before) | render() median, IQR: ${runs.map((_, i) => `run ${i + 1}`).join(" / ")} | runs agree within | before: median |`,
    "| --- | ---: | ---: | ---: | ---: | ---: |",
    ...labels.map((label) => {
      const r = rowOf(last, label) ?? runs.map((run) => rowOf(run, label)).find(Boolean)!;
      const b = rowOf(before, label);
      const measured = runs.map((run) => rowOf(run, label));
      return (
        `| ${label} | ${r.calls} (${was(b?.calls, String)}) | ${triangles(r.triangles)} (${was(b?.triangles, triangles)}) | ` +
        `${measured.map((m) => (m ? `${ms(m.render.median)} (${m.render.q1.toFixed(2)}–${m.render.q3.toFixed(2)}, n=${m.render.n})` : "not measured")).join(" / ")} | ` +
        `${spread(measured.flatMap((m) => (m ? [m.render.median] : [])))} | ${was(b?.render.median, ms)} |`
      );
    }),
  ];
  const firstTable = [
    "| palace | run | server's first byte | HTML received (size) | scripts loaded | DOMContentLoaded | long tasks before the first frame | render() starts | **first frame** | whole palace in | longest task after the first frame |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...last.firstFrames.flatMap(([label]) => {
      const at = (v: number | undefined) => (v === undefined ? "–" : `${v.toFixed(0)} ms`);
      const line = (tag: string, x: Partial<FirstFrame> & { firstFrameMs: number }) =>
        `| ${label} | ${tag} | ${at(x.serverMs)} | ${at(x.htmlMs)}${x.htmlKB === undefined ? "" : ` (${x.htmlKB.toFixed(0)} KB)`} | ${at(x.scriptsMs)} | ${at(x.domContentLoadedMs)} | ${at(x.longTasksMs)} | ${at(x.renderStartMs)} | **${at(x.firstFrameMs)}** | ${at(x.wholeMs)} | ${at(x.longestTaskAfterMs)} |`;
      const b = before && new Map(before.firstFrames).get(label);
      return [...(b ? [line("before", b)] : []), ...runs.map((run, i) => line(`run ${i + 1}`, new Map(run.firstFrames).get(label)!))];
    }),
  ];
  const checks = runs.map(checksOf);
  const checkTable = [
    `| target | ${runs.map((_, i) => `run ${i + 1}`).join(" | ")} |${before ? " before |" : ""}`,
    `| --- | ${runs.map(() => "---").join(" | ")} |${before ? " --- |" : ""}`,
    ...checks[0]!.map(([name], t) => {
      const cell = ([, ok, value]: readonly [string, boolean | null, string]) => (ok === null ? value : `${ok ? "met" : "**not met**"}: ${value}`);
      return `| ${name} | ${checks.map((c) => cell(c[t]!)).join(" | ")} |${before ? ` ${cell(checksOf(before)[t]!)} |` : ""}`;
    }),
  ];
  console.log(`\n${frameTable.join("\n")}\n\n${firstTable.join("\n")}\n\n${checkTable.join("\n")}`);

  writeSection(
    "scene",
    [
      "## Scene (issues 3 and 11): `npm run bench:scene`",
      "",
      `${runs.length === 1 ? "Run" : `${runs.length} runs`} on ${runs.map((r) => `${r.date} UTC`).join(", ")} (commit ${last.commit}), headless Chromium with SwiftShader (software WebGL), 1280 x 800, on a shared 2-core machine.` +
        (before ? ` "Before": the run of ${before.date} UTC on commit ${before.commit}, before issue 11's scene work.` : ""),
      "",
      `**Per frame.** Walking: standing at the edge of the measured room, looking into it. Overview: the default camera above the whole plan, nudged by a wheel step each frame. ` +
        `CPU time inside \`renderer.render()\` on the page's main thread, ${last.sampling.rounds} interleaved rounds of ${last.sampling.frames} frames per page (10 for the slowest baseline, 2 for the overviews, which software WebGL draws in seconds), pages that are compared open together and the others frozen while one is timed; ` +
        "median and interquartile range of all frames (the clock ticks in 0.1 ms).",
      "",
      ...frameTable,
      "",
      `**Navigation to first frame**, median of ${LOADS} fresh loads each (times from navigation start). The page draws the room you enter and its neighbours first; ` +
        "the rest of the palace is fetched after that frame, and \"whole palace in\" is when the overview holds every room. The last column is the longest main-thread task in between (a frame cannot be drawn during it).",
      "",
      ...firstTable,
      "",
      ...checkTable,
    ].join("\n"),
  );
  if (checks.some((c) => c.some(([, ok]) => ok === false))) process.exitCode = 1;
}

const reportOf = process.argv.indexOf("--report");
if (reportOf >= 0) report(process.argv.slice(reportOf + 1).map((file) => JSON.parse(fs.readFileSync(file, "utf8")) as Result));
else await main();
