// Stored XSS: markup, event handlers, javascript: URLs, SVG and markdown link tricks saved in a
// person's name, a palace's title and description, a room's name, a concept's title, tags and
// notes come back as literal text; no script runs, no handler or javascript: link reaches the DOM.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, screenshot, waitForScene, withFailureShot } from "../helpers/browser";

const NAME = '<img src=x onerror="window.__xss=1">';
const PALACE = "<script>window.__xss=1</script>";
const ROOM = "<svg onload=window.__xss=1>";
const CONCEPT = '"><iframe src=javascript:window.__xss=1>';
const TAG = "<svg/onload=window.__xss=1>";
const NOTES = [
  "[click me](javascript:window.__xss=1)",
  "![x](javascript:window.__xss=1)",
  '<a href="javascript:window.__xss=1">raw link</a>',
  "<details open ontoggle=window.__xss=1>toggle</details>",
  "[data](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==)",
].join("\n\n");

async function trpcPost<T>(page: Page, path: string, input: unknown): Promise<T> {
  return page.evaluate(
    async ({ path, input }) => {
      const res = await fetch(`/api/trpc/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ json: input }) });
      const json = await res.json();
      if (!res.ok) throw new Error(JSON.stringify(json));
      return json.result.data.json;
    },
    { path, input },
  ) as Promise<T>;
}

describe("stored XSS", () => {
  let browser: Browser;
  const baseURL = inject("baseURL");
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it("shows every payload as text and runs none of them", async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await withFailureShot(page, "xss", async () => {
      await page.goto(`${baseURL}/sign-up`);
      await page.fill("#name", NAME);
      await page.fill("#email", `xss-${Date.now()}@example.com`);
      await page.fill("#password", "a long enough passphrase");
      await page.getByRole("button", { name: "Create account" }).click();
      await page.waitForURL(`${baseURL}/palaces`);

      const palace = await trpcPost<{ id: string }>(page, "palace.create", { title: PALACE, description: NOTES });
      const room = await trpcPost<{ id: string }>(page, "room.create", { palaceId: palace.id, name: ROOM, gridX: 0, gridZ: 0, width: 8, depth: 8 });
      // Tags refuse markup outright; the other fields keep it as text.
      await expect(trpcPost(page, "concept.create", { palaceId: palace.id, title: CONCEPT, tags: [TAG], notes: NOTES })).rejects.toThrow(/Tags cannot contain/);
      const concept = await trpcPost<{ id: string }>(page, "concept.create", { palaceId: palace.id, title: CONCEPT, tags: ["svg-onload"], notes: NOTES });
      await trpcPost(page, "locus.place", { conceptId: concept.id, roomId: room.id, x: 4, z: 4 });

      await page.goto(`${baseURL}/palaces/${palace.id}`);
      await waitForScene(page, 1);
      await page.getByRole("button", { name: CONCEPT }).click();
      await page.locator("#concept-card-title").waitFor();
      await screenshot(page, "xss-palace");

      const main = page.locator("main");
      const text = (await main.textContent()) ?? "";
      for (const payload of [NAME, PALACE, ROOM, CONCEPT]) expect(text).toContain(payload);
      expect(text).toContain("svg-onload");
      await expect(page.locator("#concept-card-title").textContent()).resolves.toBe(CONCEPT);

      const found = await page.evaluate(() => ({
        ran: (window as unknown as { __xss?: number }).__xss ?? null,
        handlers: document.querySelectorAll("main [onerror], main [onload], main [ontoggle], main iframe, main svg script").length,
        scriptsInMain: document.querySelectorAll("main script").length,
        badLinks: [...document.querySelectorAll("main a[href], main img[src]")]
          .map((e) => e.getAttribute("href") ?? e.getAttribute("src") ?? "")
          .filter((u) => /^\s*(javascript|data):/i.test(u)),
      }));
      expect(found).toEqual({ ran: null, handlers: 0, scriptsInMain: 0, badLinks: [] });
      expect(dialogs).toEqual([]);
    });
    await page.close();
  });
});
