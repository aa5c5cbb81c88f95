// Recall on the train: the app installs, Due today and a kept recall walk open without a
// connection, five grades made offline reach the server exactly once when it returns, a new
// deployment is offered and taken, and signing out leaves nothing on the device.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_PALACE_ID } from "~/server/domain/palace/palace.schema";
import { launchProfile, screenshot, signUpInBrowser, trpcCall, withFailureShot } from "../helpers/browser";

interface Stats {
  totals: { reviews: number };
}

const reviewsOf = async (page: Page, palaceId: string) => (await trpcCall<Stats>(page, "recall.stats", { palaceId }, "GET")).totals.reviews;

/**
 * What the device keeps of a person: kept pages and pictures, waiting grades, choices. The
 * app's own scripts (engram-static) are the same for everyone and may stay.
 */
async function deviceData(page: Page) {
  return page.evaluate(async () => ({
    caches: (await caches.keys()).filter((n) => n.startsWith("engram-") && n !== "engram-static"),
    databases: (await indexedDB.databases()).map((d) => d.name),
    keys: Object.keys(localStorage).filter((k) => k.startsWith("engram-")),
  }));
}

async function gradeStops(page: Page, count: number) {
  for (let i = 1; i <= count; i++) {
    await page.locator(".recall-progress").getByText(`${i} of `, { exact: false }).waitFor();
    await page.locator("[data-testid=recall-hidden]").waitFor();
    await page.keyboard.press("Space");
    await page.getByTestId("recall-title").waitFor();
    await page.keyboard.press(i === 2 ? "1" : "3");
  }
}

describe("offline recall", () => {
  let context: BrowserContext;
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "engram-profile-"));
  const baseURL = inject("baseURL");
  beforeAll(async () => {
    context = await launchProfile(profile, { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  });
  afterAll(async () => {
    await context?.close();
    fs.rmSync(profile, { recursive: true, force: true });
  });

  it("installs, walks and grades offline, syncs once, updates on request, and wipes the device at sign-out", async () => {
    const page = await context.newPage();
    await withFailureShot(page, "offline", async () => {
      await signUpInBrowser(page, baseURL, "Noor");
      const copy = await trpcCall<{ id: string }>(page, "palace.duplicate", { id: DEMO_PALACE_ID, title: "Train palace" }, "POST");

      await page.goto(`${baseURL}/today`);
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
      // Due today keeps the due palace's walk: the page says so once the worker has it.
      await expect.poll(() => page.getByTestId("offline-kept").textContent(), { timeout: 60_000 }).toContain("1 walk");
      await page.waitForFunction(async () => Boolean(await caches.match("/today", { ignoreVary: true })));

      // Installable as Chromium judges it, with a manifest that has no errors.
      const cdp = await context.newCDPSession(page);
      const manifest = (await cdp.send("Page.getAppManifest")) as { errors: unknown[]; url: string };
      expect(manifest.url).toContain("/manifest.webmanifest");
      expect(manifest.errors).toEqual([]);
      const installability = (await cdp.send("Page.getInstallabilityErrors")) as { installabilityErrors: unknown[] };
      expect(installability.installabilityErrors).toEqual([]);
      // A session left attached makes Chromium drop the offline emulation at the next reload.
      await cdp.detach();

      await context.setOffline(true);
      await page.reload();
      await page.getByRole("heading", { name: "Due today" }).waitFor();
      await expect.poll(() => page.getByTestId("offline-banner").textContent()).toBe("Offline · 0 grades waiting");
      await screenshot(page, "offline-today");

      await page.getByRole("listitem").filter({ hasText: "Train palace" }).getByRole("link", { name: "Walk what is due" }).click();
      await page.waitForURL(`${baseURL}/palaces/${copy.id}/recall?due=1`);
      await gradeStops(page, 5);
      await expect.poll(() => page.getByTestId("offline-banner").textContent()).toBe("Offline · 5 grades waiting");
      await screenshot(page, "offline-walk-graded");

      await context.setOffline(false);
      await expect.poll(() => page.getByTestId("offline-banner").textContent(), { timeout: 30_000 }).toBe("Synced · every grade is saved");
      await screenshot(page, "offline-synced");
      expect(await reviewsOf(page, copy.id)).toBe(5);
      expect((await deviceData(page)).databases).toContain("engram-offline");

      // A new deployment: the page offers it, and taking it moves the page onto it.
      const scriptOf = () => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? "");
      expect(await scriptOf()).not.toContain("v=next-deployment");
      const res = await page.request.post(`${baseURL}/api/test/app-version`, { data: { version: "next-deployment" } });
      expect(res.ok()).toBe(true);
      await page.goto(`${baseURL}/today`);
      const prompt = page.getByRole("alert").filter({ hasText: "A new version of Engram is ready." });
      await prompt.waitFor({ timeout: 60_000 });
      await screenshot(page, "offline-update-prompt");
      await Promise.all([page.waitForEvent("load"), prompt.getByRole("button", { name: "Reload to update" }).click()]);
      await expect.poll(scriptOf, { timeout: 30_000 }).toContain("v=next-deployment");

      // Sign-out leaves nothing of Noor's readable on the device.
      expect((await deviceData(page)).caches.length).toBeGreaterThan(0);
      // On a phone the header's links are behind its menu.
      await page.getByRole("button", { name: "Menu" }).click();
      await page.getByRole("button", { name: "Sign out" }).click();
      await page.waitForURL(`${baseURL}/`);
      await expect.poll(() => deviceData(page)).toEqual({ caches: [], databases: [], keys: [] });
    });
  });
});
