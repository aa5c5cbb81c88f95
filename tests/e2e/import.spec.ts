// Importing notes through the UI: a broken file is refused with a sentence and nothing made,
// then a Markdown outline becomes a palace whose rooms and concepts can be walked.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import path from "node:path";
import type { Browser } from "playwright-core";
import { drawnFraction, launchBrowser, screenshot, signUpInBrowser, waitForScene, waitForStill, withFailureShot } from "../helpers/browser";

describe("importing a file", () => {
  let browser: Browser;
  const baseURL = inject("baseURL");
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it("refuses a broken file, then imports a Markdown outline and walks it", async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await withFailureShot(page, "import", async () => {
      await signUpInBrowser(page, baseURL, "Ivo");

      await page.getByRole("button", { name: "Import a file" }).click();
      const dialog = page.getByRole("dialog", { name: "Import a file" });
      await dialog.locator("#import-file").setInputFiles({
        name: "broken.canvas",
        mimeType: "application/json",
        buffer: Buffer.from('{"nodes": [{"id": "a", "type": "text", "x": 0, "y": 0, "width": 10, "height": 10, "text": "ok"}], "edges": [{"id": "e1", "fromNode": "a", "toNode": "gone"}]}'),
      });
      await dialog.getByRole("button", { name: "Import" }).click();
      await dialog.getByRole("alert").getByText("Edge 1 (“e1”) points to node “gone”, which the canvas does not have.").waitFor();
      await screenshot(page, "import-refused");

      await dialog.locator("#import-file").setInputFiles(path.resolve("tests/fixtures/import/optimisers.md"));
      await dialog.getByRole("button", { name: "Import" }).click();
      await page.waitForURL(/\/palaces\/[0-9a-f-]{36}$/);
      await waitForScene(page, 6);
      await page.getByRole("heading", { name: "Optimisers" }).first().waitFor();
      const rooms = await page.getByRole("list", { name: "Rooms" }).getByRole("listitem").allTextContents();
      expect(rooms.join(" ")).toMatch(/Momentum methods.*Adaptive methods/);
      expect(await drawnFraction(page)).toBeGreaterThan(0.05);
      await screenshot(page, "import-palace");

      // Walk the route: B to walk, then N goes to each stop in order and opens its card.
      await page.keyboard.press("b");
      await page.getByRole("button", { name: "Overview (B)" }).waitFor();
      for (const title of ["SGD with momentum", "Nesterov momentum"]) {
        await page.keyboard.press("n");
        await expect.poll(() => page.locator("#concept-card-title").textContent()).toBe(title);
      }
      await waitForStill(page);
      await screenshot(page, "import-walk");

      await page.goto(`${baseURL}/palaces`);
      expect(await page.getByRole("link", { name: "Optimisers" }).count()).toBeGreaterThan(0);
      expect(errors).toEqual([]);
    });
    await context.close();
  });

  for (const width of [1400, 390]) {
    it(`shows what a mind-map import mended, then opens the palace (${width} px wide)`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 860 }, hasTouch: width < 500, isMobile: width < 500 });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await withFailureShot(page, `import-report-${width}`, async () => {
        await signUpInBrowser(page, baseURL, `Mia${width}`);
        await page.getByRole("button", { name: "Import a file" }).click();
        const dialog = page.getByRole("dialog", { name: "Import a file" });

        await dialog.locator("#import-file").setInputFiles({ name: "empty.mm", mimeType: "application/xml", buffer: Buffer.alloc(0) });
        await dialog.getByRole("button", { name: "Import" }).click();
        await dialog.getByRole("alert").getByText("The file is empty.", { exact: true }).waitFor();

        await dialog.locator("#import-file").setInputFiles(path.resolve("tests/fixtures/import/rich.mm"));
        await dialog.getByRole("button", { name: "Import" }).click();
        const report = page.getByRole("dialog", { name: "Imported “Vision & language”" });
        await report.waitFor();
        const lines = await report.getByRole("list", { name: "Import report" }).getByRole("listitem").allTextContents();
        expect(lines).toContain("Node “Vision & language › Models › vit diagram” (ID_picture) holds only an image, so it was titled from the image's file name.");
        expect(lines).toHaveLength(5);
        // Long node paths wrap: nothing on the page scrolls sideways, phone included.
        const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(sideways).toBeLessThanOrEqual(0);
        const box = (await report.boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(width);
        await screenshot(page, `import-report-${width}`);

        await report.getByRole("button", { name: "Open the palace" }).click();
        await page.waitForURL(/\/palaces\/[0-9a-f-]{36}$/);
        await waitForScene(page, 7);
        expect(await drawnFraction(page)).toBeGreaterThan(0.05);
        expect(errors).toEqual([]);
      });
      await context.close();
    });
  }
});
