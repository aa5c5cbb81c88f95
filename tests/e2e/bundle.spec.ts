// The 3D code is its own chunk: pages without a palace download no three.js at all, and stay
// within the JavaScript budget (tests/helpers/bundle.ts measures what the browser fetched).
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, BrowserContext } from "playwright-core";
import { launchBrowser, waitForScene } from "../helpers/browser";
import { DEMO_PALACE, kb, NON_3D_BUDGET_BYTES, PAGES, signUpIn, weighPage } from "../helpers/bundle";

describe("bundle split", () => {
  let browser: Browser;
  let visitor: BrowserContext;
  let member: BrowserContext;
  const baseURL = inject("baseURL");
  beforeAll(async () => {
    browser = await launchBrowser();
    visitor = await browser.newContext();
    member = await browser.newContext();
    await signUpIn(member, baseURL);
  });
  afterAll(() => browser?.close());

  it(`keeps every page without a 3D scene under ${kb(NON_3D_BUDGET_BYTES)} of gzipped JavaScript before it is interactive, and free of three.js`, async () => {
    const over: string[] = [];
    for (const { path, signedIn } of PAGES.filter((p) => !p.scene)) {
      const weight = await weighPage(signedIn ? member : visitor, baseURL, path);
      expect(weight.scripts, path).toBeGreaterThan(0);
      if (weight.three || weight.initialGzipBytes >= NON_3D_BUDGET_BYTES) over.push(`${path}: ${kb(weight.initialGzipBytes)}${weight.three ? " with three.js" : ""}`);
    }
    expect(over).toEqual([]);
  });

  it("loads three.js on a palace", async () => {
    const weight = await weighPage(visitor, baseURL, DEMO_PALACE, (page) => waitForScene(page, 20));
    expect(weight.three).toBe(true);
  });
});
