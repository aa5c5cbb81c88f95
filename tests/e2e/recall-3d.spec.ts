// Walking is recalling: the recall walk opens in the 3D palace, the walker goes from stop to
// stop (room by room, through the doors), each stop's title is covered until Space reveals it,
// 1-4 grade it, lights out darkens the palace but for the stop, M paints memory, a miss comes
// back before the summary, and the worded walk is one remembered choice away.
import type { Browser, Page } from "playwright-core";
import type { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_PALACE_ID } from "~/server/domain/palace/palace.schema";
import { canvasPixels, launchBrowser, screenshot, signUpInBrowser, trpcCall, waitForStill, withFailureShot } from "../helpers/browser";

interface WalkStop {
  conceptId: string;
  cue: string;
  roomName: string;
  concept: { title: string };
}

/** Mean luminance (0-255) of the canvas inside and outside a square around a point (canvas pixels). */
function luminance(png: PNG, cx: number, cy: number, half: number) {
  let inside = 0;
  let insideN = 0;
  let outside = 0;
  let outsideN = 0;
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      const i = (y * png.width + x) * 4;
      const l = 0.299 * png.data[i]! + 0.587 * png.data[i + 1]! + 0.114 * png.data[i + 2]!;
      if (Math.abs(x - cx) <= half && Math.abs(y - cy) <= half) {
        inside += l;
        insideN++;
      } else {
        outside += l;
        outsideN++;
      }
    }
  }
  return { inside: inside / insideN, outside: outside / outsideN };
}

/** Waits until the walker stands at the current stop and the picture has settled. */
async function arrive(page: Page, roomName: string) {
  await expect.poll(() => page.getByTestId("current-room").textContent(), { timeout: 30_000 }).toBe(roomName);
  await page.waitForFunction(() => window.__engram?.arrived() === true, undefined, { timeout: 30_000 });
}

/** Starts sampling the walker's pose on every animation frame. */
async function recordPoses(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __poses: { x: number; z: number }[]; __posesFrom: { x: number; z: number }; __posesOn: boolean };
    w.__posesFrom = window.__engram!.pose();
    w.__poses = [];
    w.__posesOn = true;
    const sample = () => {
      if (!w.__posesOn) return;
      const { x, z } = window.__engram!.pose();
      w.__poses.push({ x, z });
      requestAnimationFrame(sample);
    };
    requestAnimationFrame(sample);
  });
}

async function stopRecording(page: Page) {
  return page.evaluate(() => {
    const w = window as unknown as { __poses: { x: number; z: number }[]; __posesFrom: { x: number; z: number }; __posesOn: boolean };
    w.__posesOn = false;
    return { from: w.__posesFrom, to: window.__engram!.pose(), frames: w.__poses };
  });
}

async function atStop(page: Page, position: number, count: number, stop: WalkStop) {
  await page.locator(".recall-progress").getByText(`${position} of ${count} `, { exact: false }).waitFor();
  await page.getByTestId("recall-hidden").waitFor();
  await expect(page.locator("#recall-cue").textContent()).resolves.toContain(stop.cue);
  // Covered in the scene too: a cloth over the title, and its title nowhere on the page.
  await page.waitForFunction(() => window.__engram?.count("recall-cover") === 1);
}

describe("recall walk in 3D", () => {
  let browser: Browser;
  const baseURL = inject("baseURL");
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it("walks stop to stop with lights out, grades from the keyboard and walks a miss again before the summary", async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 760 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await withFailureShot(page, "recall-3d", async () => {
      await signUpInBrowser(page, baseURL, "Lin");
      const copy = await trpcCall<{ id: string }>(page, "palace.duplicate", { id: DEMO_PALACE_ID, title: "Lights out palace" }, "POST");
      const walk = await trpcCall<{ stops: WalkStop[] }>(page, "recall.walk", { palaceId: copy.id, dueOnly: true }, "GET");
      const stops = walk.stops;
      const count = stops.length;
      expect(count).toBe(20);
      // The walk crosses rooms, so the walker has doors to go through.
      expect(new Set(stops.map((s) => s.roomName)).size).toBeGreaterThan(1);

      // The main button opens the walk, and it opens in 3D.
      await page.goto(`${baseURL}/palaces/${copy.id}`);
      await page.getByRole("link", { name: "Recall walk" }).click();
      await page.waitForURL(`${baseURL}/palaces/${copy.id}/recall`);
      await page.locator("canvas").waitFor();
      await atStop(page, 1, count, stops[0]!);
      await arrive(page, stops[0]!.roomName);
      expect(await page.locator("main").textContent()).not.toContain(stops[0]!.concept.title);
      await waitForStill(page);
      const lightsOn = await canvasPixels(page);
      await screenshot(page, "recall-3d-covered");

      // Lights out: the palace goes dark but for the stop being recalled.
      await page.keyboard.press("l");
      await page.waitForFunction(() => window.__engram?.lit() != null);
      await waitForStill(page);
      const dark = await canvasPixels(page);
      await screenshot(page, "recall-3d-lights-out");
      const spot = await page.evaluate(() => {
        const [x, y, z] = window.__engram!.lit()!;
        const p = window.__engram!.project(x, y, z);
        const box = document.querySelector("canvas")!.getBoundingClientRect();
        return { x: p.x - box.left, y: p.y - box.top };
      });
      const before = luminance(lightsOn, spot.x, spot.y, 90);
      const after = luminance(dark, spot.x, spot.y, 90);
      console.log(`lights on: stop ${before.inside.toFixed(1)}, rest ${before.outside.toFixed(1)}; lights out: stop ${after.inside.toFixed(1)}, rest ${after.outside.toFixed(1)}`);
      // The room around is far darker than with the lights on…
      expect(after.outside).toBeLessThan(before.outside * 0.45);
      // …while the stop itself stays lit, standing out of the dark.
      expect(after.inside).toBeGreaterThan(after.outside * 2);
      expect(after.inside).toBeGreaterThan(before.inside * 0.4);
      const firstSpot = await page.evaluate(() => window.__engram!.lit());

      // Memory painting stays one key away, and goes again with the same key.
      await page.keyboard.press("m");
      await page.locator(".memory-legend").waitFor();
      await page.keyboard.press("m");
      await page.locator(".memory-legend").waitFor({ state: "detached" });

      // Space reveals: the cloth comes off and the title shows; 1 is a miss.
      await page.keyboard.press("Space");
      await expect(page.getByTestId("recall-title").textContent()).resolves.toBe(stops[0]!.concept.title);
      await page.waitForFunction(() => window.__engram?.count("recall-cover") === 0);
      await screenshot(page, "recall-3d-revealed");
      await page.keyboard.press("1");

      // Every other stop: the walker walks there (into its room), then Space and 3. From the
      // seventh on, the system asks for reduced motion: each move is then a cut, the walker is
      // never seen between two stops (every frame's pose is at one or the other).
      for (let i = 1; i < count; i++) {
        await atStop(page, i + 1, count + 1, stops[i]!);
        await arrive(page, stops[i]!.roomName);
        if (i === 5) {
          await waitForStill(page);
          await screenshot(page, "recall-3d-lights-out-later");
        }
        await page.keyboard.press("Space");
        await expect(page.getByTestId("recall-title").textContent()).resolves.toBe(stops[i]!.concept.title);
        if (i === 5) await page.emulateMedia({ reducedMotion: "reduce" });
        if (i === 6) await recordPoses(page);
        await page.keyboard.press("3");
        if (i === 6) {
          await atStop(page, i + 2, count + 1, stops[i + 1]!);
          await arrive(page, stops[i + 1]!.roomName);
          const { from, to, frames } = await stopRecording(page);
          expect(frames.length).toBeGreaterThan(0);
          const near = (p: { x: number; z: number }, q: { x: number; z: number }) => Math.hypot(p.x - q.x, p.z - q.z) < 0.05;
          expect(Math.hypot(from.x - to.x, from.z - to.z)).toBeGreaterThan(0.5);
          expect(frames.filter((p) => !near(p, from) && !near(p, to))).toEqual([]);
        }
      }

      // The miss comes back before the summary: the walker goes back to it, covered again.
      await atStop(page, count + 1, count + 1, stops[0]!);
      await page.getByTestId("recall-again").waitFor();
      await arrive(page, stops[0]!.roomName);
      expect(await page.evaluate(() => window.__engram!.lit())).toEqual(firstSpot);
      await waitForStill(page);
      await screenshot(page, "recall-3d-walked-again");
      await page.keyboard.press("Space");
      await expect(page.getByTestId("recall-title").textContent()).resolves.toBe(stops[0]!.concept.title);
      await page.keyboard.press("3");

      await page.getByRole("heading", { name: "Walk complete" }).waitFor();
      await expect(page.locator(".recall-summary-lead").textContent()).resolves.toMatch(
        /You walked 20 stops in .+ and recalled 19 of 20 \(95%\) at the first try\. 1 missed one came back when walked again\./,
      );
      await screenshot(page, "recall-3d-summary");
      // Twenty-one grades were kept: the miss and its second walk both count.
      const stats = await trpcCall<{ totals: { reviews: number } }>(page, "recall.stats", { palaceId: copy.id }, "GET");
      expect(stats.totals.reviews).toBe(21);
    });
    expect(errors).toEqual([]);
    await context.close();
  }, 400_000);

  it("switches to the worded walk mid-walk, keeps the place, and remembers the choice", async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 760 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await withFailureShot(page, "recall-3d-words", async () => {
      await page.goto(`${baseURL}/palaces/${DEMO_PALACE_ID}/recall`);
      await page.locator("canvas").waitFor();
      await page.getByTestId("recall-hidden").waitFor();
      await page.keyboard.press("Space");
      await page.getByTestId("recall-title").waitFor();
      await page.keyboard.press("3");
      await page.locator(".recall-progress").getByText("2 of 20 ", { exact: false }).waitFor();

      await page.getByRole("button", { name: "Walk in words" }).click();
      await page.locator("canvas").waitFor({ state: "detached" });
      await page.locator(".recall-progress").getByText("2 of 20 ", { exact: false }).waitFor();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("recall-cue");
      await screenshot(page, "recall-3d-switched-to-words");

      // The choice holds: the next walk opens in words.
      await page.reload();
      await page.locator(".recall-progress").getByText("1 of 20 ", { exact: false }).waitFor();
      expect(await page.locator("canvas").count()).toBe(0);
      await page.getByRole("button", { name: "Walk in the 3D palace" }).click();
      await page.locator("canvas").waitFor();
      await page.locator(".recall-progress").getByText("1 of 20 ", { exact: false }).waitFor();
      await page.reload();
      await page.locator("canvas").waitFor();
    });
    expect(errors).toEqual([]);
    await context.close();
  }, 300_000);
});
