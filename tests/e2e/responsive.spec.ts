// Every page at phone, tablet and desktop sizes: nothing scrolls sideways, the header's links
// can be reached (through the menu on a phone), axe finds nothing serious, and a screenshot of
// each is saved to be looked at. On a phone the palace panel is a bottom sheet, the walk's
// touch controls keep clear of each other, and the minimap folds away.
import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_PALACE_ID } from "~/server/domain/palace/palace.schema";
import { launchBrowser, screenshot, signUpInBrowser, trpcCall, waitForScene, withFailureShot } from "../helpers/browser";

const VIEWPORTS = [
  { name: "360", width: 360, height: 740, touch: true },
  { name: "390", width: 390, height: 844, touch: true },
  { name: "768", width: 768, height: 1024, touch: true },
  { name: "1280", width: 1280, height: 800, touch: false },
] as const;

const SIGNED_IN_LINKS = ["Demo palace", "Due today", "My palaces", "Stats", "Settings"];

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * Every control in the open sheet, brought into view one by one: it must end up on screen and be
 * the element actually under its centre (nothing covering it). Returns what failed.
 */
async function unreachableControls(page: Page) {
  return page.evaluate(async () => {
    const body = document.querySelector<HTMLElement>("[data-testid=palace-panel] .panel-body")!;
    const controls = [...body.querySelectorAll<HTMLElement>("button, a[href], input, select, textarea, summary, [tabindex]")].filter(
      // Visually hidden inputs (a picture's file input) are reached through their visible label.
      (el) => el.checkVisibility() && el.getBoundingClientRect().width > 2 && !el.closest("details:not([open]) > :not(summary)"),
    );
    const failures: string[] = [];
    for (const el of controls) {
      el.scrollIntoView({ block: "center", inline: "nearest" });
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      const box = el.getBoundingClientRect();
      const name = `${el.tagName.toLowerCase()} "${(el.getAttribute("aria-label") ?? el.textContent ?? el.id).trim().slice(0, 40)}"`;
      if (box.left < -1 || box.right > window.innerWidth + 1) failures.push(`${name} sticks out sideways (${Math.round(box.left)}–${Math.round(box.right)})`);
      const hit = document.elementFromPoint(Math.min(window.innerWidth - 1, Math.max(0, box.left + box.width / 2)), box.top + box.height / 2);
      if (!hit || !(el === hit || el.contains(hit) || hit.contains(el) || (el instanceof HTMLInputElement && el.labels?.[0]?.contains(hit)))) {
        failures.push(`${name} is covered by ${hit ? hit.tagName.toLowerCase() + "." + [...hit.classList].join(".") : "nothing"}`);
      }
    }
    return { count: controls.length, failures };
  });
}

/** A finger drag, as the touch screen reports it (pointer events of type "touch"). */
async function touchDrag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }, steps = 8) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [from] });
  for (let i = 1; i <= steps; i++) {
    const point = { x: from.x + ((to.x - from.x) * i) / steps, y: from.y + ((to.y - from.y) * i) / steps };
    await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [point] });
  }
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  await cdp.detach();
}

/** WCAG contrast ratio between an element's text colour and its own (opaque) background. */
async function ownContrast(page: Page, selector: string) {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel)!;
    const style = getComputedStyle(el);
    const rgba = (c: string) => c.match(/[\d.]+/g)!.map(Number);
    const luminance = ([r, g, b]: number[]) => {
      const lin = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
    };
    const fg = rgba(style.color);
    const bg = rgba(style.backgroundColor);
    const [hi, lo] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
    return { opacity: Number(style.opacity), backgroundAlpha: bg[3] ?? 1, ratio: (hi! + 0.05) / (lo! + 0.05) };
  }, selector);
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`);
}

/** Widths wider than the screen, with the elements that stick out, for a useful failure message. */
async function sidewaysOverflow(page: Page) {
  return page.evaluate(() => {
    const width = window.innerWidth;
    if (document.documentElement.scrollWidth <= width) return null;
    const culprits = [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > width + 1)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} → ${Math.round(el.getBoundingClientRect().right)} px`);
    return { scrollWidth: document.documentElement.scrollWidth, width, culprits };
  });
}

/** Each header link is on screen and clickable, opening the menu first where there is one. */
async function headerLinksReachable(page: Page, names: string[]) {
  const menu = page.getByRole("button", { name: "Menu" });
  if (await menu.isVisible()) {
    await menu.click();
    await expect.poll(() => menu.getAttribute("aria-expanded")).toBe("true");
  }
  const nav = page.getByRole("navigation", { name: "Main" });
  const width = await page.evaluate(() => window.innerWidth);
  for (const name of names) {
    const link = nav.getByRole("link", { name, exact: true });
    await link.waitFor({ state: "visible" });
    const box = (await link.boundingBox())!;
    expect(box.x, `${name} starts on screen`).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, `${name} ends on screen`).toBeLessThanOrEqual(width);
    expect(box.height, `${name} is a comfortable touch target`).toBeGreaterThanOrEqual(24);
  }
  if (await menu.isVisible()) {
    await page.keyboard.press("Escape");
    await expect.poll(() => menu.getAttribute("aria-expanded")).toBe("false");
  }
}

describe("every page on every screen", () => {
  let browser: Browser;
  const baseURL = inject("baseURL");
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  let signedInState: Awaited<ReturnType<BrowserContext["storageState"]>>;
  let palaceId: string;
  beforeAll(async () => {
    const setup = await browser.newContext();
    const setupPage = await setup.newPage();
    await signUpInBrowser(setupPage, baseURL, "Wren");
    const copy = await trpcCall<{ id: string }>(setupPage, "palace.duplicate", { id: DEMO_PALACE_ID, title: "A palace with a long title about transformers" }, "POST");
    palaceId = copy.id;
    signedInState = await setup.storageState();
    await setup.close();
  });

  it.each(VIEWPORTS)(
    "fits $name px without sideways scrolling, with the header reachable and nothing serious for axe",
    async (viewport) => {
      const signedOut = ["/", "/sign-in", "/sign-up", `/palaces/${DEMO_PALACE_ID}/recall`];
      const signedIn = ["/palaces", "/today", "/stats", "/settings", `/palaces/${palaceId}`, `/palaces/${palaceId}/recall`, `/palaces/${palaceId}/stats`, `/palaces/${palaceId}/members`];
      const problems: string[] = [];
      for (const [paths, storageState] of [
        [signedOut, undefined],
        [signedIn, signedInState],
      ] as const) {
        const context = await browser.newContext({
          viewport: { width: viewport.width, height: viewport.height },
          hasTouch: viewport.touch,
          isMobile: viewport.touch && viewport.width < 600,
          storageState,
        });
        const page = await context.newPage();
        for (const path of paths) {
          await page.goto(`${baseURL}${path}`);
          if (path === `/palaces/${palaceId}`) await waitForScene(page, 20);
          else await page.locator("main h1, main h2").first().waitFor();
          const slug = path === "/" ? "landing" : path.replaceAll(/[0-9a-f-]{36}/g, "id").replaceAll("/", "-").replace(/^-/, "");
          await screenshot(page, `responsive-${viewport.name}-${slug}`);
          const overflow = await sidewaysOverflow(page);
          if (overflow) problems.push(`${path} scrolls sideways: ${JSON.stringify(overflow)}`);
          for (const v of await seriousViolations(page)) problems.push(`${path}: ${v}`);
          if (storageState && path === "/palaces") await headerLinksReachable(page, SIGNED_IN_LINKS);
        }
        await context.close();
      }
      expect(problems).toEqual([]);
    },
    600_000,
  );
  it("puts the palace panel in a bottom sheet on a phone, with every action reachable", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, storageState: signedInState });
    const page = await context.newPage();
    await withFailureShot(page, "sheet-390", async () => {
      // A concept waiting in the inbox with a long name, so the inbox's layout is tried too.
      const inboxTitle = "Squeeze-and-excitation channel attention";
      await page.goto(`${baseURL}/palaces/${palaceId}`);
      await trpcCall(page, "concept.create", { palaceId, title: inboxTitle, kind: "layer" }, "POST");
      await page.reload();
      await waitForScene(page, 20);
      const sheet = page.getByTestId("palace-panel");
      const stage = page.getByTestId("palace-stage");

      // Collapsed at first: only its bar shows, below the stage, and its content is out of reach.
      expect(await sheet.getAttribute("data-sheet")).toBe("collapsed");
      const stageBox = (await stage.boundingBox())!;
      let sheetBox = (await sheet.boundingBox())!;
      expect(sheetBox.height).toBeLessThanOrEqual(60);
      expect(sheetBox.y).toBeGreaterThanOrEqual(stageBox.y + stageBox.height - 1);
      expect(stageBox.height).toBeGreaterThan(844 * 0.75);
      expect(await page.locator("[data-testid=palace-panel] .panel-body").evaluate((el) => (el as HTMLElement).inert)).toBe(true);
      await screenshot(page, "sheet-390-collapsed");

      // The size buttons, by touch.
      await sheet.getByRole("button", { name: "Half", exact: true }).tap();
      await expect.poll(() => sheet.getAttribute("data-sheet")).toBe("half");
      await expect.poll(async () => Math.round((await sheet.boundingBox())!.height / 10)).toBe(Math.round((844 - 56) / 2 / 10));
      await sheet.getByRole("button", { name: "Hide", exact: true }).tap();
      await expect.poll(() => sheet.getAttribute("data-sheet")).toBe("collapsed");

      // The handle: a tap steps it open, the arrow keys move it, a drag sets it where it is let go.
      const handle = sheet.getByRole("button", { name: /drag to resize/ });
      await handle.tap();
      await expect.poll(() => sheet.getAttribute("data-sheet")).toBe("half");
      await handle.focus();
      await page.keyboard.press("ArrowUp");
      await expect.poll(() => sheet.getAttribute("data-sheet")).toBe("full");
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("ArrowDown");
      await expect.poll(() => sheet.getAttribute("data-sheet")).toBe("collapsed");
      // The sheet slides down (a CSS transition): take hold of the handle where it comes to rest.
      await expect.poll(async () => Math.round((await handle.boundingBox())!.y)).toBeGreaterThanOrEqual(844 - 56 - 1);
      const grip = (await handle.boundingBox())!;
      await touchDrag(page, { x: grip.x + grip.width / 2, y: grip.y + grip.height / 2 }, { x: grip.x + grip.width / 2, y: 120 });
      await expect.poll(() => sheet.getAttribute("data-sheet")).toBe("full");
      sheetBox = (await sheet.boundingBox())!;
      expect(sheetBox.y, "the full sheet leaves a strip of the stage").toBeGreaterThan(stageBox.y + 20);

      // A stop of the route opens its card: links show their targets whole, the inbox its titles.
      await sheet.getByRole("list", { name: "Placed concepts in route order" }).getByRole("button").nth(6).tap();
      await page.locator("#concept-card-title").waitFor();
      const cut = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>(".card-links .link-target, .inbox li > .grow")]
          .filter((el) => el.scrollWidth > el.clientWidth + 1)
          .map((el) => el.textContent),
      );
      expect(cut).toEqual([]);
      const inboxItem = sheet.getByRole("list", { name: "Inbox" }).getByRole("button", { name: inboxTitle });
      expect((await inboxItem.boundingBox())!.width).toBeGreaterThan(200);
      for (const id of ["#locus-shape", "#link-to"]) {
        await page.locator(id).scrollIntoViewIfNeeded();
        const box = (await page.locator(id).boundingBox())!;
        expect(box.x + box.width, `${id} fits the screen`).toBeLessThanOrEqual(390 - 8);
      }
      await sheet.getByRole("button", { name: "Full", exact: true }).tap();
      await expect.poll(() => sheet.getAttribute("data-sheet")).toBe("full");
      await screenshot(page, "sheet-390-full-card");
      const reach = await unreachableControls(page);
      expect(reach.count).toBeGreaterThan(30);
      expect(reach.failures).toEqual([]);
      expect(await seriousViolations(page)).toEqual([]);
    });
    await context.close();
  }, 300_000);

  it("walks by touch on a phone: touch hints, controls clear of each other, a foldable minimap", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, storageState: signedInState });
    const page = await context.newPage();
    await withFailureShot(page, "hud-390", async () => {
      await page.goto(`${baseURL}/palaces/${palaceId}`);
      await waitForScene(page, 20);
      const hint = page.getByTestId("stage-hint");
      expect(await hint.textContent()).toContain("tap a concept");

      // Folded on a phone at first: a small button, far from half the stage.
      const mapButton = page.getByRole("button", { name: "Map", exact: true });
      expect(await mapButton.getAttribute("aria-expanded")).toBe("false");
      expect(await page.getByTestId("minimap").count()).toBe(0);

      await page.getByRole("button", { name: "Walk (B)" }).tap();
      await page.getByRole("button", { name: "Overview (B)" }).waitFor();
      await expect.poll(() => hint.textContent()).toContain("stick");
      expect(await hint.textContent()).not.toMatch(/W A S D|Shift/);

      await mapButton.tap();
      const map = page.getByRole("navigation", { name: "Floor plan" });
      await page.getByTestId("minimap").waitFor();
      await expect.poll(() => page.getByTestId("minimap-here").textContent()).toBe("Entrance: images as tensors");
      const stageBox = (await page.getByTestId("palace-stage").boundingBox())!;
      const mapBox = (await map.boundingBox())!;
      expect(mapBox.width * mapBox.height, "the open minimap covers well under half the stage").toBeLessThan((stageBox.width * stageBox.height) / 4);
      expect(await map.evaluate((el) => getComputedStyle(el).backgroundColor)).toMatch(/^rgb\(/);

      // Joystick, stop buttons, hint and minimap: all on the stage, none over another.
      const parts = {
        stick: page.locator(".touch-stick"),
        previous: page.getByRole("button", { name: "‹ Previous stop" }),
        next: page.getByRole("button", { name: "Next stop ›" }),
        hint,
        minimap: map,
      };
      const boxes = Object.fromEntries(await Promise.all(Object.entries(parts).map(async ([k, l]) => [k, (await l.boundingBox())!] as const)));
      for (const [name, box] of Object.entries(boxes)) {
        expect(box, `${name} is shown`).not.toBeNull();
        expect(box.x).toBeGreaterThanOrEqual(stageBox.x);
        expect(box.x + box.width).toBeLessThanOrEqual(stageBox.x + stageBox.width + 0.5);
        expect(box.y + box.height).toBeLessThanOrEqual(stageBox.y + stageBox.height + 0.5);
      }
      const names = Object.keys(boxes);
      for (let i = 0; i < names.length; i++) {
        for (let j = i + 1; j < names.length; j++) expect(overlaps(boxes[names[i]!]!, boxes[names[j]!]!), `${names[i]} and ${names[j]} overlap`).toBe(false);
      }
      await screenshot(page, "hud-390-walk-touch");

      // The stop buttons walk the route; the minimap names the room you arrive in.
      await parts.next.tap();
      await parts.next.tap();
      await page.waitForFunction(() => window.__engram!.arrived(), null, { timeout: 60_000 });
      expect(await page.locator("#concept-card-title").textContent()).toBeTruthy();
      expect(await seriousViolations(page)).toEqual([]);

      // The choice is remembered.
      await page.reload();
      await waitForScene(page, 20);
      expect(await page.getByRole("button", { name: "Hide map" }).getAttribute("aria-expanded")).toBe("true");
      await page.getByRole("button", { name: "Hide map" }).tap();
      await page.getByRole("button", { name: "Map", exact: true }).waitFor();
      await page.reload();
      await waitForScene(page, 20);
      expect(await page.getByRole("button", { name: "Map", exact: true }).getAttribute("aria-expanded")).toBe("false");
    });
    await context.close();
  }, 300_000);

  it("at desktop size names keys in the hints, opens the minimap with room names, and keeps disabled buttons opaque", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, storageState: signedInState });
    const page = await context.newPage();
    await withFailureShot(page, "hud-1280", async () => {
      await page.goto(`${baseURL}/palaces/${palaceId}`);
      await waitForScene(page, 20);
      // Nothing to undo yet: the buttons are disabled, opaque, and legible.
      const undo = await ownContrast(page, ".stage-toolbar button[title^='Undo']");
      expect(undo.opacity).toBe(1);
      expect(undo.backgroundAlpha).toBe(1);
      expect(undo.ratio).toBeGreaterThanOrEqual(4.5);
      expect(await page.getByRole("button", { name: "Undo" }).isDisabled()).toBe(true);

      await page.keyboard.press("b");
      await page.getByRole("button", { name: "Overview (B)" }).waitFor();
      await expect.poll(() => page.getByTestId("stage-hint").textContent()).toContain("W A S D");
      expect(await page.locator(".touch-stick").count()).toBe(0);
      await expect.poll(() => page.getByTestId("minimap-here").textContent()).toBe("Entrance: images as tensors");
      // Another room's name shows while the pointer is over it.
      await page.getByRole("button", { name: "Go to Tower of Depth" }).hover();
      await expect.poll(() => page.getByTestId("minimap-pointed").textContent()).toBe("Go to Tower of Depth");
      await page.getByRole("button", { name: "Go to Hall of Convolutions" }).focus();
      await expect.poll(() => page.getByTestId("minimap-pointed").textContent()).toBe("Go to Hall of Convolutions");
      await screenshot(page, "hud-1280-walk-minimap");
    });
    await context.close();
  }, 300_000);
});
