// Building in a palace: place a concept, drag it, move it to another room, undo and redo, and
// find after a reload exactly what was left; link two concepts and see the link from both ends.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, screenshot, signUpInBrowser, waitForScene, withFailureShot } from "../helpers/browser";

const TITLE = "Gradient clipping";

async function roomOfConcept(page: Page) {
  const row = page.getByRole("list", { name: "Placed concepts in route order" }).getByRole("listitem").filter({ hasText: TITLE });
  if ((await row.count()) === 0) return "inbox";
  return (await row.locator(".room-tag").textContent())?.trim();
}

/** The concept's stored placement, read back through the API the page itself uses. */
async function storedLocus(page: Page) {
  const id = page.url().split("/").at(-1)!;
  return page.evaluate(async (palaceId) => {
    const input = encodeURIComponent(JSON.stringify({ json: { id: palaceId } }));
    const body = await (await fetch(`/api/trpc/palace.get?input=${input}`)).json();
    return body.result.data.json.loci[0] as { x: number; z: number; version: number } | undefined;
  }, id);
}

describe("building a palace", () => {
  let browser: Browser;
  const baseURL = inject("baseURL");
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it("places, drags, moves, undoes and redoes, and keeps what was left after a reload", async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await withFailureShot(page, "build", async () => {
      await signUpInBrowser(page, baseURL, "Builder");
      await page.fill("#new-title", "Training tricks");
      await page.getByRole("button", { name: "Create palace" }).click();
      await page.waitForURL(/\/palaces\/[0-9a-f-]{36}$/);

      await page.fill("#room-name", "Atrium");
      await page.fill("#room-width", "10");
      await page.getByRole("button", { name: "Add room" }).click();
      await page.getByRole("list", { name: "Rooms" }).getByText("Atrium").waitFor();
      await page.getByText("Add a room", { exact: true }).first().click();
      await page.fill("#room-name", "Annex");
      await page.getByRole("button", { name: "Add room" }).click();
      await page.getByRole("list", { name: "Doors" }).getByText("Atrium ↔ Annex").waitFor();

      for (const title of [TITLE, "Exploding gradients"]) {
        await page.fill("#concept-title", title);
        await page.getByRole("button", { name: "Add concept" }).click();
        await page.getByRole("list", { name: "Inbox" }).getByText(title).waitFor();
      }
      await page.getByRole("form", { name: `Place ${TITLE}` }).getByRole("button", { name: "Place" }).click();
      await expect.poll(() => roomOfConcept(page)).toBe("Atrium");
      await waitForScene(page, 1);

      // Drag the object from its spot by the north-west corner to the middle of the Atrium.
      const placedAt = await storedLocus(page);
      expect(placedAt).toMatchObject({ x: 1, z: 1 });
      const { from, to } = await page.evaluate(() => {
        const hooks = window.__engram!;
        return { from: hooks.project(1, 0.45, 1), to: hooks.project(5, 0, 4) };
      });
      await screenshot(page, "build-before-drag");
      await page.mouse.move(from.x, from.y);
      await page.mouse.down();
      for (let i = 1; i <= 8; i++) await page.mouse.move(from.x + ((to.x - from.x) * i) / 8, from.y + ((to.y - from.y) * i) / 8);
      await page.mouse.up();
      await expect.poll(async () => (await storedLocus(page))?.version, { timeout: 20_000 }).toBe(2);
      const dragged = (await storedLocus(page))!;
      expect(dragged.x).toBeCloseTo(5, 0);
      expect(dragged.z).toBeCloseTo(4, 0);
      await waitForScene(page, 1);
      await screenshot(page, "build-after-drag");

      // Moving to the Annex through the card, then undo / redo with the keyboard.
      await page.getByRole("button", { name: TITLE }).first().click();
      await page.selectOption("#locus-room", { label: "Annex" });
      await expect.poll(() => roomOfConcept(page)).toBe("Annex");
      await page.locator("body").click({ position: { x: 5, y: 200 } });
      await page.keyboard.press("Control+z");
      await expect.poll(() => roomOfConcept(page)).toBe("Atrium");
      await page.keyboard.press("Control+Shift+z");
      await expect.poll(() => roomOfConcept(page)).toBe("Annex");
      await page.getByRole("button", { name: "Undo" }).click();
      await expect.poll(() => roomOfConcept(page)).toBe("Atrium");

      await page.reload();
      await waitForScene(page, 1);
      expect(await roomOfConcept(page)).toBe("Atrium");

      // Undo reaches back before the reload? No: history is per session, so it starts empty.
      await expect(page.getByRole("button", { name: "Undo" }).isDisabled()).resolves.toBe(true);

      // Back to the inbox and undo it: the concept stands where it stood.
      await page.getByRole("button", { name: TITLE }).first().click();
      await page.getByRole("button", { name: "Back to inbox" }).click();
      await expect.poll(() => roomOfConcept(page)).toBe("inbox");
      await page.getByRole("button", { name: "Undo" }).click();
      await expect.poll(() => roomOfConcept(page)).toBe("Atrium");

      // A link made from one card shows in both.
      await page.selectOption("#link-to", { label: "Exploding gradients" });
      await page.fill("#link-label", "prevents");
      await page.getByRole("button", { name: "Link", exact: true }).click();
      await page.getByRole("list", { name: "Links" }).getByText("Exploding gradients").waitFor();
      await page.getByRole("list", { name: "Links" }).getByRole("button", { name: "Exploding gradients", exact: true }).click();
      await expect.poll(() => page.locator("#concept-card-title").textContent()).toBe("Exploding gradients");
      await expect(page.getByRole("list", { name: "Links" }).textContent()).resolves.toMatch(/←\s*Gradient clipping\s*prevents/);
      await screenshot(page, "build-link");
    });
    expect(errors).toEqual([]);
    await page.close();
  });
});
