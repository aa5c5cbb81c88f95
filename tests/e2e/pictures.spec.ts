// A picture on a concept, end to end: refused files are explained in the card, a real one is
// uploaded there, shows in the card and the outline with the concept's title as alt text, and
// hangs beside the concept in 3D where its colour can be found on the canvas near the locus.
import { templates } from "~/server/seed/templates";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import sharp from "sharp";
import { canvasPixels, launchBrowser, palaceFromTemplate, screenshot, signUpInBrowser, trpcCall, waitForScene, waitForStill, withFailureShot } from "../helpers/browser";

// Every concept of the optimisers template stands in a room.
const OPTIMISERS_STOPS = templates.find((t) => t.id === "optimisers-and-schedules")!.palace.concepts.length;

const TITLE = "Nesterov accelerated gradient";
/** A colour nothing else in the palace uses. */
const MAGENTA = { r: 255, g: 0, b: 220 };

describe("pictures on concepts", () => {
  let browser: Browser;
  const baseURL = inject("baseURL");
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it("uploads a picture through the card and shows it in the card, the outline and the 3D view", async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await withFailureShot(page, "pictures", async () => {
      await signUpInBrowser(page, baseURL, "Pia");
      await palaceFromTemplate(page, /^Optimisers and learning-rate schedules/, OPTIMISERS_STOPS);
      // The template hangs its own diagrams; this test follows the picture of one concept.
      const palaceId = page.url().split("/").at(-1)!;
      const scene = await trpcCall<{ concepts: { id: string; title: string }[] }>(page, "palace.get", { id: palaceId }, "GET");
      const conceptId = scene.concepts.find((c) => c.title === TITLE)!.id;
      const ours = () => page.evaluate((id) => window.__engram!.pictures().filter((p) => p.conceptId === id), conceptId);
      expect(await ours()).toEqual([]);

      // Walk up to the concept; its card opens.
      await page.keyboard.press("b");
      await page.getByRole("button", { name: "Overview (B)" }).waitFor();
      await page.fill("#palace-search", "nesterov");
      await page.getByRole("list", { name: "Search results" }).getByRole("button", { name: new RegExp(TITLE) }).click();
      await expect.poll(() => page.locator("#concept-card-title").textContent()).toBe(TITLE);
      await page.waitForFunction(() => window.__engram?.arrived() === true, null, { timeout: 15_000 });

      const card = page.locator(".concept-card");
      await card.getByText("PNG, JPEG or WebP, up to 5 MB.").waitFor();
      const fileInput = card.locator('input[type="file"]');

      // Refused in the browser before anything is sent, each with its sentence.
      const gif = await sharp({ create: { width: 8, height: 8, channels: 3, background: MAGENTA } }).gif().toBuffer();
      await fileInput.setInputFiles({ name: "loss.gif", mimeType: "image/gif", buffer: gif });
      await expect.poll(() => card.getByRole("alert").textContent()).toBe("That file is not a PNG, JPEG or WebP picture.");
      await fileInput.setInputFiles({ name: "huge.png", mimeType: "image/png", buffer: Buffer.alloc(5 * 1024 * 1024 + 1) });
      await expect.poll(() => card.getByRole("alert").textContent()).toBe("The picture is larger than 5 MB.");
      // Refused by the server: the name and type say PNG, the bytes are not a picture.
      await fileInput.setInputFiles({ name: "fake.png", mimeType: "image/png", buffer: Buffer.from("this is text, not a picture ".repeat(10)) });
      await expect.poll(() => card.getByRole("alert").textContent()).toBe("That file is not a PNG, JPEG or WebP picture.");
      expect(await card.locator("img").count()).toBe(0);

      const png = await sharp({ create: { width: 600, height: 400, channels: 3, background: MAGENTA } }).png().toBuffer();
      const started = Date.now();
      await fileInput.setInputFiles({ name: "loss-curve.png", mimeType: "image/png", buffer: png });
      const img = card.getByRole("img", { name: TITLE });
      await img.waitFor();
      await page.waitForFunction(() => document.querySelector<HTMLImageElement>(".concept-picture img")?.naturalWidth === 600);
      console.info(`upload to picture shown in the card: ${Date.now() - started} ms`);
      expect(await img.evaluate((el: HTMLImageElement) => ({ loading: el.loading, width: el.getAttribute("width"), height: el.getAttribute("height"), src: el.getAttribute("src") }))).toMatchObject({
        loading: "lazy",
        width: "600",
        height: "400",
        src: expect.stringMatching(/^\/api\/pictures\/[0-9a-f-]{36}\/[0-9a-f]{64}\/display$/),
      });
      expect(await card.getByRole("alert").count()).toBe(0);
      await card.getByText("Replace picture").waitFor();

      // In 3D: loaded at display size this close, hung beside the concept, drawn in its colour.
      await page.waitForFunction((id) => window.__engram!.pictures().some((p) => p.conceptId === id && p.level === "display"), conceptId, { timeout: 20_000 });
      // The frame stands beside its concept on the viewer's side, so where it is depends on where
      // the camera came to rest: read it only once the view is still.
      await page.waitForFunction(() => window.__engram!.arrived());
      await waitForStill(page);
      const [hung] = await ours();
      const at = await page.evaluate(([x, y, z]) => window.__engram!.project(x, y, z), hung!.position);
      const shot = await canvasPixels(page);
      const box = await page.locator("canvas").first().boundingBox();
      const cx = Math.round(at.x - box!.x);
      const cy = Math.round(at.y - box!.y);
      let magenta = 0;
      for (let y = Math.max(0, cy - 60); y < Math.min(shot.height, cy + 60); y++) {
        for (let x = Math.max(0, cx - 80); x < Math.min(shot.width, cx + 80); x++) {
          const i = (y * shot.width + x) * 4;
          const [r, g, b] = [shot.data[i]!, shot.data[i + 1]!, shot.data[i + 2]!];
          if (r > 200 && g < 60 && b > 170) magenta++;
        }
      }
      const info = await page.evaluate(() => window.__engram!.info());
      console.info(`picture on canvas: ${magenta} magenta pixels near (${cx}, ${cy}); ${info.calls} draw calls, ${info.textures} textures`);
      expect(magenta).toBeGreaterThan(400);
      await img.scrollIntoViewIfNeeded();
      await screenshot(page, "pictures-3d-and-card");

      // The outline shows the thumbnail, with the title as alt text.
      await page.getByRole("button", { name: "Outline" }).click();
      const thumb = page.getByTestId("palace-outline").getByRole("img", { name: TITLE });
      await thumb.waitFor();
      expect(await thumb.getAttribute("src")).toMatch(/\/thumb$/);
      expect(await thumb.getAttribute("loading")).toBe("lazy");
      await thumb.scrollIntoViewIfNeeded();
      await page.waitForFunction(() => document.querySelector<HTMLImageElement>(".outline-picture")?.naturalWidth === 256);
      await screenshot(page, "pictures-outline");
      await page.getByRole("button", { name: "3D view" }).click();

      // Removing it takes it off the card and out of the scene.
      await card.getByRole("button", { name: "Remove picture" }).click();
      await card.getByText("Add picture").waitFor();
      expect(await card.locator("img").count()).toBe(0);
      await page.waitForFunction((id) => !window.__engram?.pictures().some((p) => p.conceptId === id), conceptId, { timeout: 15_000 });
      expect(errors).toEqual([]);
    });
    await context.close();
  });

  it("keeps a room of 200 pictures to the nearest few loaded, with a bounded number of draw calls", async () => {
    // The room comes in as an Engram file: 200 concepts on a grid, each with its own small picture.
    const concepts = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const colour = { r: (i * 37) % 256, g: (i * 91) % 256, b: (i * 53) % 256 };
        const data = (await sharp({ create: { width: 64, height: 48, channels: 3, background: colour } }).webp().toBuffer()).toString("base64");
        return {
          key: `c${i}`,
          title: `Figure ${i + 1}`,
          kind: "paper",
          tags: [],
          notes: "",
          picture: { type: "image/webp", data },
          place: { room: "gallery", x: 1.5 + (i % 20) * 1.8, z: 1.5 + Math.floor(i / 20) * 3.6, shape: "pedestal", color: "#8899aa" },
        };
      }),
    );
    const file = {
      format: "engram-palace",
      version: 1,
      palace: {
        title: "Gallery of figures",
        description: "",
        rooms: [{ key: "gallery", name: "Gallery", gridX: 0, gridZ: 0, width: 38, depth: 38, height: 4, theme: "ivory" }],
        doors: [],
        concepts,
        links: [],
      },
    };
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await withFailureShot(page, "pictures-gallery", async () => {
      await signUpInBrowser(page, baseURL, "Gil");
      await page.getByRole("button", { name: "Import a file" }).click();
      const dialog = page.getByRole("dialog", { name: "Import a file" });
      await dialog.locator("#import-file").setInputFiles({ name: "gallery.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(file)) });
      await dialog.getByRole("button", { name: "Import" }).click();
      await page.waitForURL(/\/palaces\/[0-9a-f-]{36}$/, { timeout: 60_000 });
      await waitForScene(page, 200);

      // Walk into the middle of the gallery and let the pictures around arrive.
      await page.keyboard.press("b");
      await page.getByRole("button", { name: "Overview (B)" }).waitFor();
      await page.evaluate(() => window.__engram!.teleport({ x: 19, z: 19, heading: 0 }));
      await page.waitForFunction(() => window.__engram!.pictures().length === 24, null, { timeout: 30_000 });
      await waitForStill(page);
      const measured = await page.evaluate(async () => {
        const hooks = window.__engram!;
        hooks.renderTimes.length = 0;
        // The scene draws on demand; ask for a frame on every display refresh for 2 s.
        const until = performance.now() + 2000;
        while (performance.now() < until) {
          hooks.invalidate();
          await new Promise((r) => requestAnimationFrame(r));
        }
        const times = [...hooks.renderTimes].sort((a, b) => a - b);
        return { info: hooks.info(), pictures: hooks.pictures(), frames: times.length, median: times[Math.floor(times.length / 2)] ?? 0 };
      });
      console.info(
        `200-picture room: ${measured.pictures.length} loaded (${measured.pictures.filter((p) => p.level === "display").length} at display size), ` +
          `${measured.info.calls} draw calls, ${measured.info.textures} textures, ${measured.frames} frames in 2 s, median render ${measured.median.toFixed(2)} ms`,
      );
      expect(measured.pictures.length).toBe(24);
      expect(measured.info.textures).toBeLessThanOrEqual(24 + 8);
      // The room, its 200 concepts and titles, and at most one call per loaded picture.
      expect(measured.info.calls).toBeLessThanOrEqual(20 + 24);
      await screenshot(page, "pictures-gallery-200");
      expect(errors).toEqual([]);
    });
    await context.close();
  });
});
