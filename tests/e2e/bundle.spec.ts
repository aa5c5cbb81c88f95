// The 3D code is its own chunk: pages without a palace download no three.js at all.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, waitForScene } from "../helpers/browser";

/** Loads a page and tells whether any script it fetched contains three.js's renderer. */
async function loadsThree(page: Page, url: string, ready: () => Promise<void>) {
  const scripts: Promise<string>[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() === "script") scripts.push(response.text().catch(() => ""));
  });
  await page.goto(url);
  await ready();
  const bodies = await Promise.all(scripts);
  expect(bodies.length).toBeGreaterThan(0);
  return bodies.some((body) => body.includes("WebGLRenderer"));
}

describe("bundle split", () => {
  let browser: Browser;
  const baseURL = inject("baseURL");
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it("keeps three.js off the landing and sign-in pages and loads it on a palace", async () => {
    for (const path of ["/", "/sign-in"]) {
      const page = await browser.newPage();
      expect(await loadsThree(page, `${baseURL}${path}`, () => page.waitForLoadState("networkidle").catch(() => undefined))).toBe(false);
      await page.close();
    }
    const page = await browser.newPage();
    expect(await loadsThree(page, `${baseURL}/palaces/00000000-0000-4000-8000-00000000de70`, () => waitForScene(page, 20))).toBe(true);
    await page.close();
  });
});
