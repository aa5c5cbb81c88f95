// `npm run bench:bundle`: the JavaScript each page of the built app makes the browser download
// (gzipped) and whether three.js is part of it, measured in headless Chromium
// (tests/helpers/bundle.ts). Prints a table and writes it to BENCHMARKS.md between the bundle
// markers. Target: pages without a 3D scene stay under 170 KB and never load three.js.
import fs from "node:fs";
import type { Page } from "playwright-core";
import os from "node:os";
import path from "node:path";
import { launchBrowser, waitForScene } from "../helpers/browser";
import { DEMO_PALACE, kb, NON_3D_BUDGET_BYTES, PAGES, type PageWeight, signUpIn, weighPage } from "../helpers/bundle";
import { serveApp } from "../helpers/serve";
import { writeSection } from "./section";

async function waitForDrawn(page: Page) {
  await page.waitForFunction(() => !!window.__engram && window.__engram.frames > 1 && window.__engram.info().calls > 0, undefined, { timeout: 120_000 });
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "engram-bundle-"));
const served = await serveApp(
  { PGLITE_DIR: path.join(dataDir, "pglite"), DATABASE_URL: "", BETTER_AUTH_SECRET: "", ENGRAM_TEST_HOOKS: "1" },
  path.join(dataDir, "server.log"),
);
const browser = await launchBrowser();
try {
  const visitor = await browser.newContext();
  const member = await browser.newContext();
  await signUpIn(member, served.baseURL);
  const weights: (PageWeight & { scene: boolean })[] = [];
  for (const { path: page, scene, signedIn } of PAGES) {
    // The palace waits for its 20 stops to settle; the recall walk covers its stop, so it waits
    // for the scene to have drawn.
    const settle = page === DEMO_PALACE ? (p: Page) => waitForScene(p, 20) : (p: Page) => waitForDrawn(p);
    const weight = await weighPage(signedIn ? member : visitor, served.baseURL, page, scene ? settle : undefined);
    weights.push({ ...weight, scene });
    console.log(`${page.padEnd(58)} initial ${kb(weight.initialGzipBytes).padStart(9)} gzip, all ${kb(weight.gzipBytes).padStart(9)}  three.js: ${weight.three ? "yes" : "no"}`);
  }
  const withinBudget = (w: PageWeight & { scene: boolean }) => w.scene || (w.initialGzipBytes < NON_3D_BUDGET_BYTES && !w.three);
  const table = [
    "| page | 3D scene | initial JS gzip (scripts) | all JS until idle, gzip (scripts) | all JS uncompressed | three.js | within target |",
    "| --- | --- | ---: | ---: | ---: | --- | --- |",
    ...weights.map(
      (w) =>
        `| \`${w.path.replace(/00000000-0000-4000-8000-00000000de70/, "<demo>")}\` | ${w.scene ? "yes" : "no"} | ${kb(w.initialGzipBytes)} (${w.initialScripts}) | ${kb(w.gzipBytes)} (${w.scripts}) | ${kb(w.rawBytes)} | ${w.three ? "yes" : "no"} | ${w.scene ? "n/a" : withinBudget(w) ? "yes" : "no"} |`,
    ),
  ].join("\n");
  const nonScene = weights.filter((w) => !w.scene);
  const heaviest = nonScene.reduce((a, b) => (b.initialGzipBytes > a.initialGzipBytes ? b : a));
  const met = nonScene.every(withinBudget);
  const section = [
    "## Bundle: `npm run bench:bundle`",
    "",
    `Run on ${new Date().toISOString().slice(0, 10)} against the production build, in headless Chromium: every script the page downloads from navigation until the network is idle after the load event, ` +
      "each body gzipped with node:zlib (default level) and summed. *Initial* is the scripts the page's HTML names: what must arrive before the page hydrates and is interactive; " +
      "*all* adds what loads afterwards (charts and the Markdown renderer on demand, routes Next.js prefetches for visible links). \"three.js\" means one of the scripts contains `WebGLRenderer`. " +
      "Signed-in pages are loaded with a new account; `<demo>` is the public demo palace. The target applies to the initial JavaScript; three.js must not load at all.",
    "",
    table,
    "",
    "| target | met | measured |",
    "| --- | --- | --- |",
    `| pages without a 3D scene under ${kb(NON_3D_BUDGET_BYTES)} gzip, no three.js | ${met ? "yes" : "no"} | heaviest: \`${heaviest.path.replace(/00000000-0000-4000-8000-00000000de70/, "<demo>")}\` ${kb(heaviest.initialGzipBytes)} initial; three.js on ${nonScene.filter((w) => w.three).length} of them |`,
    "",
  ].join("\n");
  console.log(`\n${table}\n`);
  writeSection("bundle", section);
  if (!met) process.exitCode = 1;
} finally {
  await browser.close();
  await served.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
