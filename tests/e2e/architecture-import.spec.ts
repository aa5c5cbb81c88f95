// Importing a neural-network model through the UI: oversized and broken models are refused with
// a sentence, a cancelled import leaves nothing, a 100 MB ONNX file is read and planned in a
// worker with a progress bar while the page keeps answering, then walked as a palace; a Keras
// JSON file is planned the same way and a non-model .json still imports as text.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { drawnFraction, launchBrowser, screenshot, signUpInBrowser, waitForScene, withFailureShot } from "../helpers/browser";
import { tinyResNet, writeOnnx } from "../helpers/onnx-writer";

const MB = 1024 * 1024;

interface Watch {
  /** Every distinct state of the progress bar seen, with when it was seen. */
  samples: { t: number; value: number | null; text: string }[];
  /** Time between consecutive animation frames and timer ticks, with the label shown then. */
  gaps: { t: number; gap: number; text: string }[];
  stop: boolean;
  /** When the answer to transfer.importPlanned arrived: after it, the palace page loads. */
  savedAt?: number;
}

declare global {
  interface Window {
    __importWatch?: Watch;
  }
}

/**
 * Starts recording, inside the page, the progress bar's states and how long the main thread
 * went without running a frame or a 10 ms timer: a parse on the main thread would show as a gap.
 */
function startWatch(page: Page) {
  return page.evaluate(() => {
    const watch: Watch = { samples: [], gaps: [], stop: false };
    window.__importWatch = watch;
    const observe = (last: { t: number }) => {
      const now = performance.now();
      const bar = document.querySelector<HTMLProgressElement>(".import-progress progress");
      const text = document.getElementById("import-progress-label")?.textContent ?? "";
      watch.gaps.push({ t: now, gap: now - last.t, text });
      last.t = now;
      if (bar) {
        const value = bar.hasAttribute("value") ? bar.value : null;
        const previous = watch.samples.at(-1);
        if (!previous || previous.value !== value || previous.text !== text) watch.samples.push({ t: now, value, text });
      }
    };
    const frame = { t: performance.now() };
    const tick = () => {
      observe(frame);
      if (!watch.stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    const timer = { t: performance.now() };
    const interval = setInterval(() => (watch.stop ? clearInterval(interval) : observe(timer)), 10);
  });
}

async function stopWatch(page: Page): Promise<Watch> {
  return page.evaluate(() => {
    const watch = window.__importWatch!;
    watch.stop = true;
    const saved = performance.getEntriesByType("resource").find((e) => e.name.includes("/api/trpc/transfer.importPlanned"));
    watch.savedAt = (saved as PerformanceResourceTiming | undefined)?.responseEnd;
    return watch;
  });
}

describe("importing a model architecture", () => {
  let browser: Browser;
  let dir: string;
  let bigModel: string;
  const baseURL = inject("baseURL");
  beforeAll(async () => {
    browser = await launchBrowser();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "engram-models-"));
    // A small graph (three identical residual blocks) with one 100 MB initializer, as exported
    // models carry their weights: the reader must skip them without stalling the page.
    const graph = tinyResNet(3);
    graph.initializers!.find((w) => w.name === "fc.weight")!.fill = 100 * MB;
    bigModel = path.join(dir, "resnet-100mb.onnx");
    fs.writeFileSync(bigModel, writeOnnx(graph));
  });
  afterAll(async () => {
    await browser?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("reads a 100 MB ONNX file in a worker with a progress bar, keeps the page responsive, and walks the palace", async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    await withFailureShot(page, "architecture-import", async () => {
      await signUpInBrowser(page, baseURL, "Yann");

      await page.getByRole("button", { name: "Import a file" }).click();
      const dialog = page.getByRole("dialog", { name: "Import a file" });
      await dialog.getByText("Neural-network models").waitFor();
      expect(await dialog.locator("#import-file").getAttribute("accept")).toMatch(/\.onnx.*\.keras/);
      const input = dialog.locator("#import-file");
      const importButton = dialog.getByRole("button", { name: "Import" });

      // Over the limit: refused before a byte is read (the file is sparse on disk).
      const huge = path.join(dir, "huge.onnx");
      fs.closeSync(fs.openSync(huge, "w"));
      fs.truncateSync(huge, 256 * MB + 1);
      await input.setInputFiles(huge);
      await importButton.click();
      await dialog.getByRole("alert").getByText("The file is larger than 256 MB, the most Engram reads for a model.").waitFor();

      // A damaged model: the worker's sentence, and no palace.
      await input.setInputFiles({ name: "broken.onnx", mimeType: "application/octet-stream", buffer: Buffer.alloc(2048, 0xff) });
      await importButton.click();
      await dialog.getByRole("alert").getByText(/^The ONNX file is damaged or cut short/).waitFor();
      await screenshot(page, "architecture-refused");

      // Cancel mid-way: the worker is terminated, or (on a machine slow enough that reading is
      // over by the click) the save in flight is aborted; a save that had already committed is
      // named, with an offer to delete it. Either way no palace is left and none opens.
      await input.setInputFiles(bigModel);
      await importButton.click();
      // Cancel the moment reading shows, before anything slower (a screenshot on a busy machine
      // can take longer than the whole read).
      await dialog.getByRole("progressbar", { name: /^Reading resnet-100mb\.onnx… \d+%$/ }).waitFor();
      await dialog.getByRole("button", { name: "Cancel" }).click();
      await page.waitForFunction(() => {
        const open = document.querySelector<HTMLDialogElement>("dialog[aria-labelledby=import-title]");
        return !open?.open || !!open.querySelector(".import-committed");
      });
      const deleteCommitted = dialog.getByRole("button", { name: "Delete it" });
      if (await deleteCommitted.isVisible()) {
        await dialog.getByText(/^“resnet 100mb” was already saved when Cancel reached the server/).waitFor();
        await deleteCommitted.click();
        await dialog.waitFor({ state: "hidden" });
      }
      expect(page.url()).toBe(`${baseURL}/palaces`);
      // What the server holds, not what the page last drew.
      await page.reload();
      await page.getByRole("button", { name: "Import a file" }).waitFor();
      expect(await page.getByRole("link", { name: "resnet 100mb" }).count()).toBe(0);

      // The real import, watched from inside the page.
      await page.getByRole("button", { name: "Import a file" }).click();
      await input.setInputFiles(bigModel);
      await startWatch(page);
      const started = Date.now();
      await importButton.click();
      await page.waitForURL(/\/palaces\/[0-9a-f-]{36}$/, { timeout: 120_000 });
      const importMs = Date.now() - started;
      const watch = await stopWatch(page);

      const phases = [...new Set(watch.samples.map((s) => s.text.replace(/ \d+%$/, "")))];
      const values = [...new Set(watch.samples.filter((s) => s.value !== null).map((s) => s.value))];
      // The import runs from the click until the server's answer arrives; after that the palace
      // page itself loads (three.js and all), which is navigation, not the import. A gap counts
      // when it began before the answer.
      expect(watch.savedAt).toBeGreaterThan(0);
      const during = watch.gaps.filter((g) => g.t - g.gap <= watch.savedAt!);
      const parsing = during.filter((g) => /^(Reading|Decoding|Planning)/.test(g.text));
      const longest = (gaps: Watch["gaps"]) => Math.round(Math.max(...gaps.map((g) => g.gap)));
      const firstAt = (prefix: string) => watch.samples.find((s) => s.text.startsWith(prefix))?.t;
      const report = {
        importMs,
        readMs: Math.round((firstAt("Decoding") ?? NaN) - (firstAt("Reading") ?? NaN)),
        decodeAndPlanMs: Math.round((firstAt("Saving") ?? NaN) - (firstAt("Decoding") ?? NaN)),
        phases,
        distinctValues: values.length,
        longestGapDuringImportMs: longest(during),
        longestGapWhileWorkerParsesMs: longest(parsing),
        ticksDuringImport: during.length,
        longestGaps: [...during]
          .sort((a, b) => b.gap - a.gap)
          .slice(0, 3)
          .map((g) => `${Math.round(g.gap)} ms at ${Math.round(g.t - during[0]!.t)} ms (${g.text || "before the bar"})`),
      };
      console.log("100 MB ONNX import:", JSON.stringify(report));
      // Steps show in order; one that lasts less than a frame may never be painted.
      const order = ["Reading resnet-100mb.onnx…", "Decoding graph…", "Planning rooms…", "Saving palace…"];
      expect(phases.map((p) => order.indexOf(p))).toEqual([...phases.map((p) => order.indexOf(p))].sort());
      expect(phases).toEqual(expect.arrayContaining(["Reading resnet-100mb.onnx…", "Saving palace…"]));
      expect(phases.every((p) => order.includes(p))).toBe(true);
      expect(values.length).toBeGreaterThanOrEqual(2);
      expect(values.some((v) => v! > 0 && v! < 1)).toBe(true);
      expect(parsing.length).toBeGreaterThan(10);
      expect(report.longestGapWhileWorkerParsesMs).toBeLessThan(500);
      expect(report.longestGapDuringImportMs).toBeLessThan(500);

      // The palace: the stem, the three residual blocks folded into one room, the head. Each
      // ReLU after a conv is fused into it, so the ten layers make eight stops.
      await waitForScene(page, 8);
      await page.getByRole("heading", { name: "resnet 100mb" }).first().waitFor();
      const rooms = await page.getByRole("list", { name: "Rooms" }).getByRole("listitem").allTextContents();
      expect(rooms).toHaveLength(3);
      expect(rooms.join(" | ")).toMatch(/layer1.*×\s?3/);
      expect(await page.evaluate(() => window.__engram!.rooms().length)).toBe(3);
      expect(await drawnFraction(page)).toBeGreaterThan(0.05);
      await screenshot(page, "architecture-palace");

      // Walk the route: the data flow, first the stem's convolution, then its activation.
      await page.keyboard.press("b");
      await page.getByRole("button", { name: "Overview (B)" }).waitFor();
      const titles: string[] = [];
      for (let i = 0; i < 4; i++) {
        await page.keyboard.press("n");
        await expect.poll(() => page.locator("#concept-card-title").textContent()).not.toBe(titles.at(-1) ?? null);
        titles.push((await page.locator("#concept-card-title").textContent()) ?? "");
      }
      expect(titles[0]).toMatch(/^Conv 7×7/);
      expect(titles).toHaveLength(new Set(titles).size);
      await page.waitForFunction(() => window.__engram!.arrived(), null, { timeout: 60_000 });
      await expect.poll(() => drawnFraction(page), { timeout: 30_000 }).toBeGreaterThan(0.05);
      await screenshot(page, "architecture-walk");

      // A .json file is shown to the worker first: a Keras model is planned there, anything else
      // (here a JSON Canvas saved as .json) goes to the server as a text import.
      for (const [file, title, concepts] of [
        [path.resolve("tests/fixtures/models/mnist_cnn.json"), "mnist_cnn", 6],
        [{ name: "board.json", mimeType: "application/json", buffer: fs.readFileSync("tests/fixtures/import/board.canvas") }, "board", 5],
      ] as const) {
        await page.goto(`${baseURL}/palaces`);
        await page.getByRole("button", { name: "Import a file" }).click();
        await input.setInputFiles(file);
        await importButton.click();
        await page.waitForURL(/\/palaces\/[0-9a-f-]{36}$/);
        await page.getByRole("heading", { name: title }).first().waitFor();
        await waitForScene(page, concepts);
      }

      await page.goto(`${baseURL}/palaces`);
      for (const title of ["resnet 100mb", "mnist_cnn", "board"]) expect(await page.getByRole("link", { name: title }).count()).toBe(1);
      expect(errors).toEqual([]);
    });
    await context.close();
  });
});
