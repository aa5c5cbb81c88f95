// axe-core on the main pages: no serious or critical accessibility violations.
import { AxeBuilder } from "@axe-core/playwright";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, waitForScene } from "../helpers/browser";

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`);
}

describe("accessibility", () => {
  let browser: Browser;
  const baseURL = inject("baseURL");
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it("finds no serious violations on the landing page, the palace list and a palace", async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await page.goto(baseURL);
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto(`${baseURL}/sign-up`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.fill("#name", "Axe");
    await page.fill("#email", `axe-${Date.now()}@example.com`);
    await page.fill("#password", "a long enough passphrase");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL(`${baseURL}/palaces`);
    await page.fill("#new-title", "Accessible palace");
    await page.getByRole("button", { name: "Create palace" }).click();
    await page.waitForURL(/\/palaces\/[0-9a-f-]{36}$/);
    await page.goto(`${baseURL}/palaces`);
    await page.getByRole("link", { name: "Accessible palace" }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto(`${baseURL}/palaces/00000000-0000-4000-8000-00000000de70`);
    await waitForScene(page, 20);
    await page.getByRole("button", { name: "Batch normalisation" }).click();
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});
