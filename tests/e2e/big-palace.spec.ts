// A palace of 200 rooms seen from above: imported through the dialog like anyone's file, it
// draws its first frame and then stays within a few dozen draw calls (rooms, names and titles
// batched), with pixels on the canvas. How long the first frame takes goes to bench:scene.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { ZLocusShape } from "~/server/domain/locus/locus.schema";
import { ZRoomTheme } from "~/server/domain/room/room.schema";
import { drawnFraction, launchBrowser, screenshot, signUpInBrowser, withFailureShot } from "../helpers/browser";

const COLS = 20;
const ROOMS = 200;
const PER_ROOM = 10;
const COLOURS = ["#d9a441", "#e07a5f", "#3d9970", "#4f7cc8", "#b56576", "#6d597a"];

/** 200 rooms of 10 x 10 m in rows of 20, each joined to its west and north neighbours. */
function bigPalaceFile() {
  const rooms = Array.from({ length: ROOMS }, (_, i) => ({
    key: `r${i}`,
    name: `Room ${i + 1}`,
    gridX: (i % COLS) * 10,
    gridZ: Math.floor(i / COLS) * 10,
    width: 10,
    depth: 10,
    height: 4,
    theme: ZRoomTheme.options[i % ZRoomTheme.options.length]!,
  }));
  const doors = rooms.flatMap((room, i) => [
    ...(i % COLS > 0 ? [{ a: `r${i - 1}`, b: room.key, position: room.gridZ + 5, width: 1.4 }] : []),
    ...(i >= COLS ? [{ a: `r${i - COLS}`, b: room.key, position: room.gridX + 5, width: 1.4 }] : []),
  ]);
  const concepts = rooms.flatMap((room, r) =>
    Array.from({ length: PER_ROOM }, (_, i) => ({
      key: `c${r}-${i}`,
      title: `Concept ${r * PER_ROOM + i + 1}`,
      kind: "layer",
      tags: [],
      notes: "",
      place: {
        room: room.key,
        x: 1.5 + (i % 5) * 1.75,
        z: 1.5 + Math.floor(i / 5) * 1.6,
        shape: ZLocusShape.options[i % ZLocusShape.options.length]!,
        color: COLOURS[i % COLOURS.length]!,
      },
    })),
  );
  return { format: "engram-palace", version: 1, palace: { title: "Two hundred rooms", description: "", rooms, doors, concepts, links: [] } };
}

/** Waits until a frame has been drawn and no new frame has changed the picture for a second. */
async function waitUntilDrawn(page: Page) {
  await page.waitForFunction(() => window.__engram?.firstFrameAt != null && window.__engram.frames > 1, null, { timeout: 120_000 });
  await page.waitForFunction(
    () => {
      const w = window as unknown as { __lastDraw?: { triangles: number; at: number } };
      const triangles = window.__engram!.info().triangles;
      if (w.__lastDraw?.triangles !== triangles) w.__lastDraw = { triangles, at: performance.now() };
      return performance.now() - w.__lastDraw.at > 1000;
    },
    null,
    { timeout: 120_000, polling: 200 },
  );
}

describe("a palace of 200 rooms", () => {
  let browser: Browser;
  const baseURL = inject("baseURL");
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it("draws its overview in at most 40 draw calls, with pixels on the canvas", { timeout: 600_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await withFailureShot(page, "big-palace", async () => {
      await signUpInBrowser(page, baseURL, "Vitruvius");
      await page.getByRole("button", { name: "Import a file" }).click();
      const dialog = page.getByRole("dialog", { name: "Import a file" });
      await dialog.locator("#import-file").setInputFiles({
        name: "two-hundred-rooms.engram.json",
        mimeType: "application/json",
        buffer: Buffer.from(JSON.stringify(bigPalaceFile())),
      });
      await dialog.getByRole("button", { name: "Import" }).click();
      await page.waitForURL(/\/palaces\/[0-9a-f-]{36}$/, { waitUntil: "commit", timeout: 120_000 });

      // Load the page afresh, as someone opening the palace would.
      await page.reload({ waitUntil: "commit", timeout: 120_000 });
      // The entrance room and its neighbours come first; the rest follows the first frame.
      await page.waitForFunction(() => window.__engram?.firstFrameAt != null, null, { timeout: 120_000 });
      await page.waitForFunction((n) => window.__engram!.rooms().length === n, ROOMS, { timeout: 120_000 });
      await waitUntilDrawn(page);
      expect(await page.evaluate(() => window.__engram!.rooms().length)).toBe(ROOMS);
      expect(await page.evaluate(() => window.__engram!.loci().length)).toBe(ROOMS * PER_ROOM);
      const info = await page.evaluate(() => window.__engram!.info());
      expect(info.calls).toBeGreaterThan(0);
      expect(info.calls).toBeLessThanOrEqual(40);
      expect(await drawnFraction(page)).toBeGreaterThan(0.1);
      await screenshot(page, "big-palace-overview");

      // Walking into a room in the middle draws only the few rooms in view, as few calls again.
      await page.keyboard.press("b");
      await page.evaluate(() => window.__engram!.teleport({ x: 105, z: 59, heading: 0 }));
      await page.waitForFunction(() => document.querySelector("[data-testid=current-room]")?.textContent === "Room 111", null, { timeout: 60_000 });
      await waitUntilDrawn(page);
      expect((await page.evaluate(() => window.__engram!.info())).calls).toBeLessThanOrEqual(40);
      expect(await drawnFraction(page)).toBeGreaterThan(0.1);
      await screenshot(page, "big-palace-walk");
      expect(errors).toEqual([]);
    });
    await context.close();
  });
});
