// A new person signs up, builds a palace of two rooms joined by a door, adds and places a
// concept, and finds everything still there after a reload: the foundation's vertical slice.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { drawnFraction, launchBrowser, screenshot, waitForScene, withFailureShot } from "../helpers/browser";

async function listTexts(page: Page, name: string) {
  return page.getByRole("list", { name }).getByRole("listitem").allTextContents();
}

describe("building a palace", () => {
  let browser: Browser;
  const baseURL = inject("baseURL");
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it("signs up, creates a palace with two rooms, a door and a placed concept, and keeps them", async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await withFailureShot(page, "palace", async () => {
    await page.goto(`${baseURL}/sign-up`);
    await page.fill("#name", "Grace");
    await page.fill("#email", `grace-${Date.now()}@example.com`);
    await page.fill("#password", "short");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.locator(".form-error").textContent()).resolves.toMatch(/at least 8 characters/);
    await page.fill("#password", "a long enough passphrase");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL(`${baseURL}/palaces`);
    await page.getByText("No palaces yet").waitFor();

    await page.fill("#new-title", "Attention is all I need");
    await page.getByRole("button", { name: "Create palace" }).click();
    await page.waitForURL(/\/palaces\/[0-9a-f-]{36}$/);
    const palaceUrl = page.url();

    // First room: the form is open while the palace has none.
    await page.fill("#room-name", "Hall of Queries");
    await page.fill("#room-width", "8");
    await page.fill("#room-depth", "6");
    await page.getByRole("button", { name: "Add room" }).click();
    await page.getByRole("list", { name: "Rooms" }).getByText("Hall of Queries").waitFor();

    // Second room east of the first, with a door between them.
    await page.getByText("Add a room", { exact: true }).first().click();
    await page.fill("#room-name", "Hall of Keys");
    await page.selectOption("#room-side", "east");
    await page.getByRole("button", { name: "Add room" }).click();
    await page.getByRole("list", { name: "Doors" }).getByText("Hall of Queries ↔ Hall of Keys").waitFor();

    await page.fill("#concept-title", "Scaled dot-product attention");
    await page.selectOption("#concept-kind", "block");
    await page.getByRole("button", { name: "Add concept" }).click();
    await page.getByRole("list", { name: "Inbox" }).getByText("Scaled dot-product attention").waitFor();

    await page.getByRole("combobox", { name: "Room for Scaled dot-product attention" }).selectOption({ label: "Hall of Keys" });
    await page.getByRole("form", { name: "Place Scaled dot-product attention" }).getByRole("button", { name: "Place" }).click();
    await page.getByRole("list", { name: "Placed concepts in route order" }).getByText("Scaled dot-product attention").waitFor();
    await waitForScene(page, 1);

    // Notes are Markdown; raw HTML is dropped, so a script in them never runs.
    await page.getByRole("button", { name: "Edit concept" }).click();
    await page.locator("#edit-notes").waitFor({ state: "visible" });
    await page.waitForFunction(() => !(document.querySelector("#edit-notes") as HTMLTextAreaElement).disabled);
    await page.fill("#edit-notes", "softmax(**QK^T** / sqrt(d)) V <img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=1</script>");
    await page.fill("#edit-tags", "Transformer, attention");
    await page.getByRole("button", { name: "Save concept" }).click();
    await page.locator(".notes strong").getByText("QK^T").waitFor();
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();

    expect(await drawnFraction(page)).toBeGreaterThan(0.05);
    await screenshot(page, "palace-built");

    await page.reload();
    await waitForScene(page, 1);
    expect(page.url()).toBe(palaceUrl);
    expect(await listTexts(page, "Rooms")).toEqual([
      expect.stringContaining("Hall of Queries"),
      expect.stringContaining("Hall of Keys"),
    ]);
    expect(await listTexts(page, "Doors")).toEqual([expect.stringContaining("Hall of Queries ↔ Hall of Keys")]);
    const route = await listTexts(page, "Placed concepts in route order");
    expect(route).toEqual([expect.stringMatching(/^1.*Scaled dot-product attention.*Hall of Keys$/)]);
    const info = await page.evaluate(() => window.__engram!.info());
    expect(info.calls).toBeGreaterThan(5);

    await page.getByRole("button", { name: "Scaled dot-product attention" }).click();
    await page.locator(".notes strong").getByText("QK^T").waitFor();
    expect(await page.getByLabel("Tags").allTextContents()).toEqual([expect.stringMatching(/transformer\s*attention/)]);
    await screenshot(page, "palace-after-reload");

    await page.goto(`${baseURL}/palaces`);
    const card = page.getByRole("listitem").filter({ hasText: "Attention is all I need" });
    await expect(card.textContent()).resolves.toMatch(/2 rooms · 1 concept/);
    await screenshot(page, "my-palaces");
    });

    expect(errors).toEqual([]);
    await context.close();
  });
});
