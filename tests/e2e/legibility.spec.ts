// Can the labels of the 3D palace be read? In the demo palace's overview at desktop and phone
// size: every concept title draws at least 12 px tall, the labels that show cover one another by
// at most 5 % of their area, and each reads at a contrast of 4.5 or more against its halo, both
// by its colours and in the pixels drawn. Hovering a faded title brings it back, and walking,
// titles still face the walker after a quarter turn.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import type { PNG } from "pngjs";
import { contrastRatio, relativeLuminance } from "~/app/_scene/contrast";
import { overlapShare } from "~/app/_scene/loci/label-layout";
import type { LabelReport } from "~/app/_scene/loci/text-batch";
import { canvasPixels, drawnFraction, launchBrowser, screenshot, waitForScene, waitForStill, withFailureShot } from "../helpers/browser";

const DEMO = "/palaces/00000000-0000-4000-8000-00000000de70";
const CONCEPTS = 20;
const ROOMS = 5;

/** Waits until every title and room name is laid out, then for the picture to settle. */
async function labelsLaidOut(page: Page): Promise<LabelReport[]> {
  await page.waitForFunction(
    ([concepts, rooms]) => {
      const labels = window.__engram?.labels() ?? [];
      return labels.filter((l) => l.kind === "concept").length === concepts && labels.filter((l) => l.kind === "room").length === rooms && labels.every((l) => l.fontPx > 0);
    },
    [CONCEPTS, ROOMS],
    { timeout: 60_000 },
  );
  await waitForStill(page);
  return page.evaluate(() => window.__engram!.labels());
}

const hex = (c: string) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16)) as [number, number, number];
const near = (p: readonly number[], c: readonly number[], within: number) => Math.hypot(p[0]! - c[0]!, p[1]! - c[1]!, p[2]! - c[2]!) <= within;

/** Labels that show, lie wholly on the canvas and are not covered by the page's own panels. */
async function unobstructed(page: Page, labels: LabelReport[]): Promise<LabelReport[]> {
  const clear = await page.evaluate((boxes) => {
    const canvas = document.querySelector("canvas")!;
    const r = canvas.getBoundingClientRect();
    return boxes.map((b) => {
      if (b.x0 < r.left || b.y0 < r.top || b.x1 > r.right || b.y1 > r.bottom) return false;
      const points = [
        [b.x0 + 1, b.y0 + 1],
        [b.x1 - 1, b.y0 + 1],
        [b.x0 + 1, b.y1 - 1],
        [b.x1 - 1, b.y1 - 1],
        [(b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2],
      ];
      return points.every(([x, y]) => document.elementFromPoint(x!, y!) === canvas);
    });
  }, labels);
  return labels.filter((_, i) => clear[i]);
}

/**
 * Within a label's box on the captured canvas: how many pixels are the label's colour and how
 * many its halo's, and the contrast between the average of each.
 */
function pixelContrast(png: PNG, canvasBox: { x: number; y: number }, label: LabelReport) {
  const text = hex(label.color);
  const halo = hex(label.outlineColor!);
  const sums = { text: [0, 0, 0], halo: [0, 0, 0] };
  const counts = { text: 0, halo: 0 };
  for (let y = Math.ceil(label.y0 - canvasBox.y); y < Math.floor(label.y1 - canvasBox.y); y++)
    for (let x = Math.ceil(label.x0 - canvasBox.x); x < Math.floor(label.x1 - canvasBox.x); x++) {
      const i = (y * png.width + x) * 4;
      const p = [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
      for (const kind of ["text", "halo"] as const) {
        if (!near(p, kind === "text" ? text : halo, 48)) continue;
        counts[kind]++;
        sums[kind] = sums[kind].map((s, k) => s + p[k]!);
      }
    }
  const mean = (kind: "text" | "halo") => sums[kind].map((s) => Math.round(s / Math.max(1, counts[kind]))) as [number, number, number];
  return { textPixels: counts.text, haloPixels: counts.halo, ratio: contrastRatio(mean("text"), mean("halo")), text: mean("text"), halo: mean("halo") };
}

async function checkLegibility(page: Page, name: string) {
  const labels = await labelsLaidOut(page);
  expect(await drawnFraction(page)).toBeGreaterThan(0.1);
  await screenshot(page, `legibility-${name}`);

  // Every concept title at least 12 px tall on screen at the default zoom, shown or faded.
  const titles = labels.filter((l) => l.kind === "concept");
  for (const t of titles) expect(t.fontPx, t.text).toBeGreaterThanOrEqual(12);
  for (const r of labels.filter((l) => l.kind === "room")) expect(r.fontPx, r.text).toBeGreaterThanOrEqual(12);

  // The labels that show barely overlap; decluttering fades some titles, not all of them.
  const shown = labels.filter((l) => l.shown && l.onScreen);
  expect(overlapShare(shown)).toBeLessThanOrEqual(0.05);
  expect(shown.filter((l) => l.kind === "concept").length).toBeGreaterThanOrEqual(5);

  // Contrast by colour: each label against its halo.
  for (const l of labels) {
    expect(l.outlineColor, l.text).not.toBeNull();
    expect(contrastRatio(l.color, l.outlineColor!), l.text).toBeGreaterThanOrEqual(4.5);
  }

  // Contrast in the pixels: each label in full view has its letters and its halo drawn in their
  // own colours (batched text once drew lighter than asked), at 4.5 or more between them.
  const png = await canvasPixels(page);
  const canvasBox = (await page.locator("canvas").first().boundingBox())!;
  const sampled = await unobstructed(
    page,
    shown.filter((l) => l.opacity === 1),
  );
  expect(sampled.length).toBeGreaterThanOrEqual(5);
  for (const l of sampled) {
    const measured = pixelContrast(png, canvasBox, l);
    expect(measured.textPixels, `${l.text}: letters drawn`).toBeGreaterThan(8);
    expect(measured.haloPixels, `${l.text}: halo drawn`).toBeGreaterThan(8);
    expect(measured.ratio, `${l.text}: ${JSON.stringify(measured)}`).toBeGreaterThanOrEqual(4.5);
    expect(relativeLuminance(measured.text)).toBeGreaterThan(relativeLuminance(measured.halo));
  }
  return labels;
}

describe("legible labels in the 3D palace", () => {
  let browser: Browser;
  const baseURL = inject("baseURL");
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it("reads at desktop size: large enough, not overlapping, in contrast; a hovered title comes forward", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await withFailureShot(page, "legibility-desktop", async () => {
      await page.goto(`${baseURL}${DEMO}`);
      await waitForScene(page, CONCEPTS);
      const labels = await checkLegibility(page, "desktop-1280x800");

      // Pointing at a faded title in the route list brings it to the front.
      const faded = labels.find((l) => l.kind === "concept" && l.onScreen && !l.shown);
      if (faded) {
        const item = page.getByRole("list", { name: "Placed concepts in route order" }).getByRole("button", { name: faded.text, exact: true });
        await item.hover();
        await page.waitForFunction((key) => window.__engram!.labels().find((l) => l.key === key)?.shown === true, faded.key, { timeout: 30_000 });
        await waitForStill(page);
        await screenshot(page, "legibility-desktop-spotlit");
        const now = await page.evaluate(() => window.__engram!.labels());
        expect(overlapShare(now.filter((l) => l.shown && l.onScreen))).toBeLessThanOrEqual(0.05);
        // Leaving it, the layout settles without overlap again (the title may keep its place).
        await page.mouse.move(5, 400);
        await waitForStill(page);
        const after = await page.evaluate(() => window.__engram!.labels());
        expect(overlapShare(after.filter((l) => l.shown && l.onScreen))).toBeLessThanOrEqual(0.05);
      }

      // Walking: a title seen from its side after a quarter turn still faces the walker.
      await page.keyboard.press("b");
      await page.getByRole("button", { name: "Overview (B)" }).waitFor();
      // In the Hall of Convolutions, facing north, then turned a quarter to the west.
      for (const heading of [0, Math.PI / 2]) {
        await page.evaluate((h) => window.__engram!.teleport({ x: 13, z: 7, heading: h }), heading);
        await page.waitForFunction(() => window.__engram!.arrived());
        await waitForStill(page);
        await screenshot(page, `legibility-walk-heading-${heading === 0 ? "north" : "west"}`);
        const inView = (await page.evaluate(() => window.__engram!.labels())).filter((l) => l.kind === "concept" && l.onScreen && l.shown && l.opacity === 1);
        const png = await canvasPixels(page);
        const canvasBox = (await page.locator("canvas").first().boundingBox())!;
        const readable = (await unobstructed(page, inView)).filter((l) => {
          const m = pixelContrast(png, canvasBox, l);
          return m.textPixels > 8 && m.haloPixels > 8 && m.ratio >= 4.5;
        });
        expect(readable.length, `heading ${heading}`).toBeGreaterThanOrEqual(1);
      }
    });
    expect(errors).toEqual([]);
    await page.close();
  }, 300_000);

  it("reads on a phone (390 × 844, touch)", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await withFailureShot(page, "legibility-phone", async () => {
      await page.goto(`${baseURL}${DEMO}`);
      await waitForScene(page, CONCEPTS);
      await checkLegibility(page, "phone-390x844");
    });
    expect(errors).toEqual([]);
    await context.close();
  }, 300_000);
});
