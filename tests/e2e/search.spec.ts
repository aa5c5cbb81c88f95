// Search from the palace page: "/" focuses the box, typing finds concepts by title and notes
// with their room, and choosing one in walk mode walks there and opens its card. A result from
// another palace opens that palace with the concept selected and the walker in front of it.
import { templates } from "~/server/seed/templates";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchBrowser, palaceFromTemplate, screenshot, signUpInBrowser, waitForStill, withFailureShot } from "../helpers/browser";

// Every concept of the optimisers template stands in a room.
const OPTIMISERS_STOPS = templates.find((t) => t.id === "optimisers-and-schedules")!.palace.concepts.length;

describe("searching a palace", () => {
  let browser: Browser;
  const baseURL = inject("baseURL");
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it("finds a concept with / and walks to it", async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await withFailureShot(page, "search", async () => {
      await signUpInBrowser(page, baseURL, "Sam");
      await palaceFromTemplate(page, /^Optimisers and learning-rate schedules/, OPTIMISERS_STOPS);

      await page.keyboard.press("b");
      await page.getByRole("button", { name: "Overview (B)" }).waitFor();
      await page.keyboard.press("/");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("palace-search");
      await page.keyboard.type("valleys");
      const results = page.getByRole("list", { name: "Search results" });
      const hit = results.getByRole("button", { name: /Ill-conditioning and saddle points · Foundations of Descent/ });
      await hit.waitFor();
      expect(await results.locator("mark").first().textContent()).toBe("valley");
      await screenshot(page, "search-results");

      await page.fill("#palace-search", "nesterov");
      const nesterov = results.getByRole("button", { name: /Nesterov accelerated gradient · Gallery of Momentum and Adaptivity/ });
      await nesterov.click();
      await expect.poll(() => page.locator("#concept-card-title").textContent()).toBe("Nesterov accelerated gradient");
      await page.waitForFunction(() => document.querySelector("[data-testid=current-room]")?.textContent === "Gallery of Momentum and Adaptivity", null, { timeout: 15_000 });
      await page.waitForFunction(() => window.__engram!.arrived(), null, { timeout: 30_000 });
      await waitForStill(page);
      await screenshot(page, "search-walked");
      const templateUrl = page.url();

      // From a second (empty) palace, a result in the first opens it at that concept.
      await page.goto(`${baseURL}/palaces`);
      await page.fill("#new-title", "Scratch palace");
      await page.getByRole("button", { name: "Create palace" }).click();
      await page.waitForURL((url) => /\/palaces\/[0-9a-f-]{36}$/.test(url.href) && url.href !== templateUrl);
      await page.getByRole("checkbox", { name: "All palaces I can read" }).check();
      await page.fill("#palace-search", "nesterov");
      // Public palaces are readable too, and other tests' copies of this template may be public:
      // the hit wanted is the one in my own copy, told apart by where it leads.
      const templatePath = new URL(templateUrl).pathname;
      const elsewhere = results
        .getByRole("link", { name: /Nesterov accelerated gradient · Optimisers and learning-rate schedules · Gallery of Momentum and Adaptivity/ })
        .and(page.locator(`a[href^="${templatePath}?concept="]`));
      const href = await elsewhere.getAttribute("href");
      const conceptId = /\?concept=([0-9a-f-]{36})$/.exec(href ?? "")?.[1];
      expect(href).toBe(`${templatePath}?concept=${conceptId}`);
      await elsewhere.click();
      await page.waitForURL(`${templateUrl}?concept=${conceptId}`);
      await expect.poll(() => page.locator("#concept-card-title").textContent(), { timeout: 30_000 }).toBe("Nesterov accelerated gradient");
      await page.waitForFunction(() => document.querySelector("[data-testid=current-room]")?.textContent === "Gallery of Momentum and Adaptivity", null, { timeout: 30_000 });
      await page.waitForFunction(() => window.__engram?.arrived() === true, null, { timeout: 15_000 });
      // Walking, in the concept's room: the same place the "walks to it" search above reached.
      await page.getByRole("button", { name: "Overview (B)" }).waitFor();
      await page.getByRole("button", { name: "Outline" }).click();
      await expect.poll(() => page.locator(".outline li.selected .outline-concept").first().textContent()).toMatch(/Nesterov accelerated gradient/);
      await page.getByRole("button", { name: "3D view" }).click();
      await page.waitForFunction(() => window.__engram?.arrived() === true, null, { timeout: 30_000 });
      await waitForStill(page);
      await screenshot(page, "search-other-palace");
      expect(errors).toEqual([]);
    });
    await context.close();
  });
});
