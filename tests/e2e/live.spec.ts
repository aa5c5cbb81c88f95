// Two people on one palace, each page holding the palace in its live store: a rename reaches the
// other page as a change (no snapshot fetched again) and re-renders only the titles; walking and
// someone else walking leave the scene's React tree alone; an edit refused as stale goes back
// with the server's sentence; a visitor whose access ends is told and leaves.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { templates } from "~/server/seed/templates";
import { drawnFraction, launchBrowser, palaceFromTemplate, screenshot, signUpInBrowser, waitForScene, withFailureShot } from "../helpers/browser";

// Every concept of the optimisers template stands in a room.
const LOCI = templates.find((t) => t.id === "optimisers-and-schedules")!.palace.concepts.length;
const SNAPSHOT_REQUEST = /palace\.get|palace\.snapshot|\/api\/palaces\/[^/]+\/snapshot/;

const routeList = (page: Page) => page.getByRole("list", { name: "Placed concepts in route order" });
const commits = (page: Page) => page.evaluate(() => window.__engram!.commits());
const delta = (after: Record<string, number>, before: Record<string, number>, part: string) => (after[part] ?? 0) - (before[part] ?? 0);

/**
 * Holds a key for a number of drawn frames, as a person walking does: software WebGL on a busy
 * machine may draw only a few frames a second, and each frame moves the walker a step.
 */
async function hold(page: Page, key: string, frames: number) {
  // A page in the background draws no frames.
  await page.bringToFront();
  const start = await page.evaluate(() => window.__engram!.frames);
  await page.keyboard.down(key);
  await page.waitForFunction((target) => window.__engram!.frames >= target, start + frames, { timeout: 60_000 });
  await page.keyboard.up(key);
}

describe("the live palace", () => {
  let browser: Browser;
  let ownerContext: BrowserContext;
  let visitorContext: BrowserContext;
  let owner: Page;
  let visitor: Page;
  let palaceUrl: string;
  const snapshotRequests: string[] = [];
  const errors: string[] = [];
  const baseURL = inject("baseURL");

  beforeAll(async () => {
    browser = await launchBrowser();
    ownerContext = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    visitorContext = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    owner = await ownerContext.newPage();
    owner.on("pageerror", (e) => errors.push(e.message));
    await signUpInBrowser(owner, baseURL, "Olga");
    await palaceFromTemplate(owner, /^Optimisers and learning-rate schedules/, LOCI);
    palaceUrl = owner.url();
    await owner.selectOption("#palace-visibility", "public");
    await owner.locator("#palace-visibility:not([disabled])").waitFor();

    visitor = await visitorContext.newPage();
    visitor.on("pageerror", (e) => errors.push(e.message));
    visitor.on("request", (r) => {
      if (SNAPSHOT_REQUEST.test(r.url())) snapshotRequests.push(r.url());
    });
    await signUpInBrowser(visitor, baseURL, "Vera");
    await visitor.goto(palaceUrl);
    await waitForScene(visitor, LOCI);
  });
  afterAll(() => browser?.close());

  it("loads the entrance room first and the rest after, then follows a rename without fetching the palace again", async () => {
    await withFailureShot(visitor, "live-rename", async () => {
      // The first snapshot was the entrance room and its neighbours; the second, the rest.
      expect(snapshotRequests).toHaveLength(2);
      expect(snapshotRequests[0]).toContain("focusRoomId");
      const before = await commits(visitor);
      const loaded = snapshotRequests.length;
      const first = (await routeList(owner).getByRole("listitem").first().getByRole("button").first().textContent())!.trim();

      await routeList(owner).getByRole("button", { name: first, exact: true }).click();
      await owner.getByRole("button", { name: "Edit concept" }).click();
      await owner.fill("#edit-title", "Renamed live");
      const saved = Date.now();
      await owner.getByRole("button", { name: "Save concept" }).click();
      // My own page shows it before the server answers, and fetches no palace either.
      await routeList(owner).getByText("Renamed live").waitFor();

      await routeList(visitor).getByText("Renamed live").waitFor({ timeout: 10_000 });
      const seenAfterMs = Date.now() - saved;
      await visitor.waitForFunction((n) => (window.__engram!.commits().labels ?? 0) > n, before.labels ?? 0);
      const after = await commits(visitor);
      await screenshot(visitor, "live-rename-visitor");
      expect(await drawnFraction(visitor)).toBeGreaterThan(0.02);

      expect(snapshotRequests.length - loaded).toBe(0);
      // Only the titles show a title: rooms, objects, threads and pictures did not render again.
      for (const part of ["room", "loci", "threads", "pictures"]) expect({ part, commits: delta(after, before, part) }).toEqual({ part, commits: 0 });
      expect(delta(after, before, "labels")).toBeGreaterThan(0);
      console.log(`[live] the visitor saw the rename ${seenAfterMs} ms after save; commits ${JSON.stringify(Object.fromEntries(Object.keys(after).map((k) => [k, delta(after, before, k)])))}`);
    });
  });

  it("leaves the scene's React tree alone while someone else walks and while I walk", async () => {
    await withFailureShot(visitor, "live-walk", async () => {
      const before = await commits(visitor);
      await owner.keyboard.press("b");
      await owner.getByRole("button", { name: "Overview (B)" }).waitFor();
      await visitor.waitForFunction(() => window.__engram!.avatars().length === 1, null, { timeout: 20_000 });
      await hold(owner, "KeyW", 15);
      await hold(owner, "KeyQ", 5);
      await hold(owner, "KeyW", 10);
      const othersWalked = await commits(visitor);
      for (const part of ["canvas", "room", "loci", "labels", "threads", "pictures"]) {
        expect({ part, commits: delta(othersWalked, before, part) }).toEqual({ part, commits: 0 });
      }
      await owner.keyboard.press("b");

      await visitor.keyboard.press("b");
      await visitor.getByRole("button", { name: "Overview (B)" }).waitFor();
      await visitor.waitForFunction(() => window.__engram!.arrived(), null, { timeout: 30_000 });
      const walking = await commits(visitor);
      const start = await visitor.evaluate(() => window.__engram!.pose());
      await hold(visitor, "KeyS", 12);
      await hold(visitor, "KeyE", 5);
      await hold(visitor, "KeyS", 8);
      const end = await visitor.evaluate(() => window.__engram!.pose());
      expect(Math.hypot(end.x - start.x, end.z - start.z)).toBeGreaterThan(0.3);
      const walked = await commits(visitor);
      await screenshot(visitor, "live-walking");
      // Walking into another room draws its neighbours (one commit); a step alone draws nothing new.
      expect(delta(walked, walking, "canvas")).toBeLessThanOrEqual(1);
      expect(delta(walked, walking, "room")).toBe(0);
      expect(delta(walked, walking, "threads")).toBeLessThanOrEqual(1);
      console.log(
        `[live] commits while another walked ${JSON.stringify(Object.fromEntries(Object.keys(othersWalked).map((k) => [k, delta(othersWalked, before, k)])))}; while I walked ${JSON.stringify(Object.fromEntries(Object.keys(walked).map((k) => [k, delta(walked, walking, k)])))}`,
      );
      await visitor.keyboard.press("b");
    });
    // Software WebGL on a busy machine draws a few frames a second, and each held key waits for frames.
  }, 420_000);

  it("takes back my edit refused as stale, with the server's sentence", async () => {
    const second = await ownerContext.newPage();
    await withFailureShot(owner, "live-refused", async () => {
      // One tab in front at a time, as for a person: a tab in the background draws no frames,
      // and clicking waits for frames to see that the target holds still.
      await second.goto(palaceUrl);
      await second.bringToFront();
      await waitForScene(second, LOCI);
      await owner.bringToFront();
      await routeList(owner).getByRole("button", { name: "Renamed live", exact: true }).click();
      await owner.getByRole("button", { name: "Edit concept" }).click();
      await owner.fill("#edit-title", "Mine, too late");
      // Every title the card shows from now on, in order.
      await owner.evaluate(() => {
        const seen: string[] = [];
        (window as { __titles?: string[] }).__titles = seen;
        const heading = document.querySelector("#concept-card-title")!;
        new MutationObserver(() => seen.push(heading.textContent ?? "")).observe(heading, { childList: true, characterData: true, subtree: true });
      });

      await second.bringToFront();
      await routeList(second).getByRole("button", { name: "Renamed live", exact: true }).click();
      await second.getByRole("button", { name: "Edit concept" }).click();
      await second.fill("#edit-title", "Theirs, first");
      await second.getByRole("button", { name: "Save concept" }).click();
      await owner.bringToFront();
      await routeList(owner).getByText("Theirs, first").waitFor();

      await owner.getByRole("button", { name: "Save concept" }).click();
      await owner.locator(".toast-error").getByText(/changed by someone else/).waitFor();
      await owner.getByRole("region", { name: "The saved version" }).waitFor();
      const titles = await owner.evaluate(() => (window as { __titles?: string[] }).__titles ?? []);
      expect(titles).toContain("Mine, too late");
      expect(titles.at(-1)).toBe("Theirs, first");
      expect(await routeList(owner).getByText("Mine, too late").count()).toBe(0);
      await screenshot(owner, "live-refused");
    });
    await second.close();
  });

  it("tells a visitor whose access ends, and takes them to their palaces", async () => {
    await withFailureShot(visitor, "live-access-removed", async () => {
      await owner.bringToFront();
      await owner.selectOption("#palace-visibility", "private");
      await visitor.bringToFront();
      await visitor.waitForURL(`${baseURL}/palaces`, { timeout: 15_000 });
      await visitor.locator(".toast-error").getByText("you no longer have access").waitFor();
      await screenshot(visitor, "live-access-removed");
      expect(errors).toEqual([]);
    });
  });
});
