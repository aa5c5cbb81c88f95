// A new person starts from a template instead of an empty palace: picks one in the dialog on
// My palaces, gets a furnished private copy, and downloads it in every export format.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { templates } from "~/server/seed/templates";
import { drawnFraction, launchBrowser, screenshot, signUpInBrowser, waitForScene, withFailureShot } from "../helpers/browser";

const transformer = templates.find((t) => t.id === "transformer-anatomy")!.palace;

describe("new palace from template", () => {
  let browser: Browser;
  const baseURL = inject("baseURL");
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it("lists the templates, creates a retitled copy and opens it furnished", async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await withFailureShot(page, "template", async () => {
      await signUpInBrowser(page, baseURL, "Tess");

      await page.getByRole("button", { name: "New palace from template" }).click();
      const dialog = page.getByRole("dialog", { name: "New palace from template" });
      await dialog.getByText("Why is my network not learning? A debugging walk").waitFor();
      expect(await dialog.getByRole("radio").count()).toBeGreaterThanOrEqual(5);
      await dialog.getByRole("radio", { name: /^Transformer anatomy/ }).check();
      await screenshot(page, "template-dialog");

      await dialog.getByLabel("Title (optional)").fill("My transformer walk");
      await dialog.getByRole("button", { name: "Create from template" }).click();
      await page.waitForURL(/\/palaces\/[0-9a-f-]{36}$/);
      await waitForScene(page, transformer.concepts.length);
      await page.getByRole("heading", { name: "My transformer walk" }).first().waitFor();
      const rooms = await page.getByRole("list", { name: "Rooms" }).getByRole("listitem").allTextContents();
      expect(rooms.join(" ")).toContain("Chamber of Attention");
      expect(await drawnFraction(page)).toBeGreaterThan(0.05);
      await screenshot(page, "template-palace");

      // The template's diagrams came with the copy: walking into the Chamber of Attention
      // (x 10–20, z 0–10) brings its pictures into view.
      await page.keyboard.press("b");
      await page.getByRole("button", { name: "Overview (B)" }).waitFor();
      await page.evaluate(() => window.__engram!.teleport({ x: 15, z: 6, heading: 0 }));
      await page.waitForFunction(() => window.__engram!.pictures().length > 0, null, { timeout: 30_000 });
      expect(await drawnFraction(page)).toBeGreaterThan(0.05);
      await screenshot(page, "template-pictures");
      await page.keyboard.press("b");

      // Take it away: the download menu serves each format as a file.
      await page.getByText("Download…").click();
      const formats = page.getByRole("list", { name: "Download formats" });
      await formats.waitFor();
      await screenshot(page, "download-menu");
      for (const [label, name, start] of [
        ["Markdown outline", "my-transformer-walk.md", "# My transformer walk\n"],
        ["Engram JSON", "my-transformer-walk.engram.json", '{\n  "format": "engram-palace"'],
        ["Anki deck (text)", "my-transformer-walk.anki.txt", "#separator:tab\n"],
        ["JSON Canvas", "my-transformer-walk.canvas", '{\n  "nodes"'],
      ] as const) {
        const [download] = await Promise.all([page.waitForEvent("download"), formats.getByRole("link", { name: label }).click()]);
        expect(download.suggestedFilename()).toBe(name);
        const stream = await download.createReadStream();
        const chunks: Buffer[] = [];
        for await (const chunk of stream) chunks.push(chunk as Buffer);
        expect(Buffer.concat(chunks).toString("utf8").startsWith(start), label).toBe(true);
      }

      await page.goto(`${baseURL}/palaces`);
      await page.getByRole("link", { name: "My transformer walk" }).waitFor();
      expect(await page.getByText(`${transformer.rooms.length} rooms · ${transformer.concepts.length} concepts`).count()).toBe(1);
      expect(errors).toEqual([]);
    });
    await context.close();
  });
});
