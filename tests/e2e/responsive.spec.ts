// Every page at phone, tablet and desktop sizes: nothing scrolls sideways, the header's links
// can be reached (through the menu on a phone), axe finds nothing serious, and a screenshot of
// each is saved to be looked at.
import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_PALACE_ID } from "~/server/domain/palace/palace.schema";
import { launchBrowser, screenshot, signUpInBrowser, trpcCall, waitForScene } from "../helpers/browser";

const VIEWPORTS = [
  { name: "360", width: 360, height: 740, touch: true },
  { name: "390", width: 390, height: 844, touch: true },
  { name: "768", width: 768, height: 1024, touch: true },
  { name: "1280", width: 1280, height: 800, touch: false },
] as const;

const SIGNED_IN_LINKS = ["Demo palace", "Due today", "My palaces", "Stats", "Settings"];

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
});
