// Real headless Chromium (Debian's) through playwright-core, plus the checks every 3D test
// needs: wait for the scene to draw, count non-background pixels, save a screenshot.
import fs from "node:fs";
import path from "node:path";
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from "playwright-core";
import { PNG } from "pngjs";
import { ensureChromium } from "../../scripts/ensure-chromium.mjs";

export const SCREENSHOT_DIR = path.resolve("test-results/screenshots");

const CHROMIUM_ARGS = [
  "--use-angle=swiftshader",
  "--enable-unsafe-swiftshader",
  "--no-sandbox",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

const chromiumPath = () => ensureChromium({ ...process.env, ENGRAM_NO_INSTALL: "1" });

export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    // The same lookup `npm test` ran first (which installed Chromium where it could); nothing
    // is installed from inside a test.
    executablePath: chromiumPath(),
    args: [...CHROMIUM_ARGS, ...extraArgs],
  });
}

/**
 * A browser with a profile on disk, as a person's is: Chromium treats the throwaway contexts
 * of `launchBrowser` as incognito, where apps cannot be installed.
 */
export function launchProfile(userDataDir: string, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    args: CHROMIUM_ARGS,
    ...options,
  });
}

export async function screenshot(page: Page, name: string): Promise<Buffer> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
}

/** Waits until the scene has rendered and its concept objects are in place. */
export async function waitForScene(page: Page, expectedLoci: number) {
  await page.waitForFunction(
    (n) => {
      const hooks = window.__engram;
      return !!hooks && hooks.frames > 1 && hooks.loci().length === n && hooks.info().calls > 0;
    },
    expectedLoci,
    { timeout: 60_000 },
  );
  // Titles are laid out by a worker and arrive a few frames later: wait for the picture to settle.
  await waitForStill(page);
}

/**
 * Waits until the canvas holds still: two captures in a row differ in under 0.05 % of their
 * pixels. Stands where a fixed pause would, so a slow machine waits longer and a fast one less.
 */
export async function waitForStill(page: Page, timeout = 60_000) {
  const until = Date.now() + timeout;
  let last = await canvasPixels(page);
  for (;;) {
    const next = await canvasPixels(page);
    if (pixelDifference(last, next) < 0.0005) return;
    if (Date.now() > until) throw new Error(`The canvas was still changing after ${timeout} ms.`);
    last = next;
  }
}

/**
 * Share of the canvas's pixels bright enough to be a lit floor, wall or object: the empty
 * scene (dark background and ground) scores 0, so a blank or failed canvas cannot pass.
 */
export async function drawnFraction(page: Page): Promise<number> {
  const canvas = page.locator("canvas").first();
  const png = PNG.sync.read(await canvas.screenshot());
  let drawn = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    const luminance = 0.299 * png.data[i]! + 0.587 * png.data[i + 1]! + 0.114 * png.data[i + 2]!;
    if (luminance > 80) drawn++;
  }
  return drawn / (png.width * png.height);
}

/** Runs a browser test body; on failure saves a screenshot of where it stopped, then rethrows. */
export async function withFailureShot<T>(page: Page, name: string, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    await screenshot(page, `failure-${name}`).catch(() => undefined);
    throw error;
  }
}

/** The canvas as decoded RGBA pixels. */
export async function canvasPixels(page: Page): Promise<PNG> {
  return PNG.sync.read(await page.locator("canvas").first().screenshot());
}

/** Share of pixels whose colour differs clearly between two captures of the same canvas. */
export function pixelDifference(a: PNG, b: PNG): number {
  if (a.width !== b.width || a.height !== b.height) return 1;
  let changed = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    const d = Math.abs(a.data[i]! - b.data[i]!) + Math.abs(a.data[i + 1]! - b.data[i + 1]!) + Math.abs(a.data[i + 2]! - b.data[i + 2]!);
    if (d > 40) changed++;
  }
  return changed / (a.width * a.height);
}

/** The passphrase every browser test signs up with. */
export const TEST_PASSPHRASE = "a long enough passphrase";

/** Signs a new person up through the form and waits for their palace list. */
export async function signUpInBrowser(page: Page, baseURL: string, name: string, email = `${name.toLowerCase()}-${Date.now()}@example.com`) {
  await page.goto(`${baseURL}/sign-up`);
  await page.fill("#name", name);
  await page.fill("#email", email);
  await page.fill("#password", TEST_PASSPHRASE);
  await page.getByRole("button", { name: "Create account" }).click();
  // Either the palace list opens, or the form says why not (and the test says it too).
  const refused = page.locator("form .form-error[role=alert]");
  const settled = () => undefined;
  await Promise.race([page.waitForURL(`${baseURL}/palaces`).then(settled, settled), refused.waitFor().then(settled, settled)]);
  if (!page.url().startsWith(`${baseURL}/palaces`)) {
    const why = await refused.textContent({ timeout: 1000 }).catch(() => "no message on the form");
    throw new Error(`Sign-up did not reach /palaces (${page.url()}): ${why}`);
  }
  return email;
}

/** From the palace list, makes a palace from the named template and waits for its scene. */
export async function palaceFromTemplate(page: Page, template: RegExp, expectedLoci: number) {
  await page.getByRole("button", { name: "New palace from template" }).click();
  const dialog = page.getByRole("dialog", { name: "New palace from template" });
  await dialog.getByRole("radio", { name: template }).check();
  await dialog.getByRole("button", { name: "Create from template" }).click();
  await page.waitForURL(/\/palaces\/[0-9a-f-]{36}$/);
  await waitForScene(page, expectedLoci);
}

/** Calls a tRPC procedure from inside the page, with its cookies, as the app's client does. */
export async function trpcCall<T>(page: Page, path: string, input: unknown, method: "GET" | "POST"): Promise<T> {
  return page.evaluate(
    async ({ path, input, method }) => {
      const body = JSON.stringify({ json: input });
      const res =
        method === "GET"
          ? await fetch(`/api/trpc/${path}?input=${encodeURIComponent(body)}`)
          : await fetch(`/api/trpc/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body });
      const json = await res.json();
      if (!res.ok) throw new Error(JSON.stringify(json));
      return json.result.data.json;
    },
    { path, input, method },
  ) as Promise<T>;
}
