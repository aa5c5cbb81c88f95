// Signed out: the landing page leads to the public demo palace, which draws in 3D.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { demoPalace } from "~/server/seed/demo-palace";
import { drawnFraction, launchBrowser, screenshot, waitForScene } from "../helpers/browser";

describe("demo palace, signed out", () => {
  let browser: Browser;
  const baseURL = inject("baseURL");
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it("opens from the landing page and draws every room and concept", async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    const failed: string[] = [];
    page.on("requestfailed", (r) => failed.push(r.url()));

    await page.goto(baseURL);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toMatch(/Remember machine learning/);
    await screenshot(page, "landing");

    await page.getByRole("link", { name: "Walk the demo palace" }).click();
    await page.waitForURL(/\/palaces\//);
    await waitForScene(page, 20);

    const info = await page.evaluate(() => window.__engram!.info());
    expect(info.calls).toBeGreaterThan(20);
    expect(info.triangles).toBeGreaterThan(1000);
    const rooms = await page.evaluate(() => window.__engram!.rooms().length);
    expect(rooms).toBe(demoPalace.rooms.length);

    expect(await drawnFraction(page)).toBeGreaterThan(0.15);
    // The diagrams drawn at seed time hang in the rooms as pictures.
    await page.waitForFunction(() => window.__engram!.pictures().length > 0, null, { timeout: 30_000 });
    await screenshot(page, "demo-overview");
    await expect(page.getByRole("list", { name: "Rooms" }).getByRole("listitem").count()).resolves.toBe(demoPalace.rooms.length);
    // A visitor reads but does not get editing controls.
    await expect(page.getByRole("button", { name: "Add room" }).count()).resolves.toBe(0);

    await page.getByRole("button", { name: "ResNet residual block" }).click();
    await expect(page.locator("#concept-card-title").textContent()).resolves.toBe("ResNet residual block");
    await page.getByRole("list", { name: "Links" }).waitFor();
    await screenshot(page, "demo-palace");

    expect(errors).toEqual([]);
    // Nothing may be fetched from outside: fonts and code come from this server.
    expect(failed.filter((u) => !u.startsWith(baseURL))).toEqual([]);
    await page.close();
  });

  it("answers a private or unknown palace with the not-found page", async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${baseURL}/palaces/00000000-0000-4000-8000-000000000000`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Nothing here" }).count()).resolves.toBe(1);
    await page.close();
  });
});
