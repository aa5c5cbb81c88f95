// Security headers on pages, API answers and assets, and the proof that the CSP is not just
// sent but livable: landing page, sign-in and the demo palace (3D text workers included) load
// and draw under it without a single violation.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { API_CONTENT_SECURITY_POLICY } from "~/server/security/headers";
import { drawnFraction, launchBrowser, screenshot, waitForScene } from "../helpers/browser";

const COMMON = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  "x-frame-options": "DENY",
};

describe("security headers", () => {
  let browser: Browser;
  const baseURL = inject("baseURL");
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it("sends a nonce CSP with every page, a fresh nonce each time", async () => {
    const nonces: string[] = [];
    for (const path of ["/", "/sign-in", "/sign-up", "/palaces"]) {
      const res = await fetch(`${baseURL}${path}`, { redirect: "manual" });
      const headers = Object.fromEntries(res.headers);
      expect(headers).toMatchObject(COMMON);
      expect(headers["permissions-policy"]).toMatch(/camera=\(\)/);
      const csp = headers["content-security-policy"]!;
      expect(csp).toMatch(/default-src 'self'/);
      expect(csp).toMatch(/frame-ancestors 'none'/);
      expect(csp).toMatch(/worker-src 'self' blob:/);
      expect(csp).not.toMatch(/unsafe-eval|https?:/);
      // The one inline allowance is for style attributes, never for scripts or <style>.
      expect(csp.match(/[\w-]+ [^;]*'unsafe-inline'/g)).toEqual(["style-src-attr 'unsafe-inline'"]);
      const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
      nonces.push(nonce);
      if (res.status === 200) {
        // Every script Next.js writes into the page carries the nonce.
        const html = await res.text();
        const scripts = html.match(/<script\b[^>]*>/g) ?? [];
        expect(scripts.length).toBeGreaterThan(0);
        for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
      }
    }
    expect(new Set(nonces).size).toBe(nonces.length);
  });

  it("sends the strict API policy with API answers and the common headers with assets", async () => {
    for (const path of ["/api/health", "/api/trpc/palace.list", "/api/auth/get-session"]) {
      const res = await fetch(`${baseURL}${path}`);
      expect(Object.fromEntries(res.headers)).toMatchObject({ ...COMMON, "content-security-policy": API_CONTENT_SECURITY_POLICY });
    }
    const font = await fetch(`${baseURL}/icon.svg`);
    expect(Object.fromEntries(font.headers)).toMatchObject(COMMON);
    expect(font.headers.get("content-security-policy")).toMatch(/default-src 'self'/);
  });

  it("sends a policy with 404s and redirects too: a missing page, a missing file under /_next/static", async () => {
    // A missing page, and the bare static folder (which Next.js answers as a page), get the
    // pages' policy with its nonce.
    for (const path of [`/no-such-room-${crypto.randomUUID()}`, "/_next/static"]) {
      const page = await fetch(`${baseURL}${path}`);
      expect(page.status, path).toBe(404);
      expect(page.headers.get("content-security-policy"), path).toMatch(/default-src 'self'.*'nonce-[^']+'.*frame-ancestors 'none'/);
    }
    // A missing file under /_next/static is answered by Next.js's static handler, before the
    // proxy: it gets the strict API policy from the header rules.
    for (const path of [`/_next/static/chunks/missing-${crypto.randomUUID()}.js`, `/_next/static/css/missing-${crypto.randomUUID()}.css`]) {
      const res = await fetch(`${baseURL}${path}`);
      expect(res.status, path).toBe(404);
      expect(Object.fromEntries(res.headers), path).toMatchObject({ "content-security-policy": API_CONTENT_SECURITY_POLICY, "x-content-type-options": "nosniff" });
    }
    // Next.js drops the trailing slash with a redirect it writes itself, before any header rule.
    const redirect = await fetch(`${baseURL}/_next/static/`, { redirect: "manual" });
    expect(redirect.status).toBe(308);
    expect(redirect.headers.get("content-security-policy")).toBe(API_CONTENT_SECURITY_POLICY);
  });

  /** Collects CSP violations from the page's own events and from the console. */
  async function watchViolations(page: Page) {
    const violations: string[] = [];
    await page.exposeFunction("__reportViolation", (text: string) => violations.push(text));
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => {
        (window as unknown as { __reportViolation(t: string): void }).__reportViolation(
          `${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`,
        );
      });
    });
    page.on("console", (message) => {
      if (/Content Security Policy|Content-Security-Policy/i.test(message.text())) violations.push(message.text());
    });
    page.on("pageerror", (error) => violations.push(`page error: ${error.message}`));
    return violations;
  }

  it("loads the landing page, sign-in and the demo palace with no violation, and the palace draws", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const violations = await watchViolations(page);

    await page.goto(baseURL);
    await page.getByRole("heading", { level: 1 }).waitFor();
    await page.goto(`${baseURL}/sign-in`);
    await page.getByRole("button", { name: /sign in/i }).waitFor();
    await screenshot(page, "csp-sign-in");

    await page.goto(baseURL);
    await page.getByRole("link", { name: "Walk the demo palace" }).click();
    await page.waitForURL(/\/palaces\//);
    await waitForScene(page, 20);
    expect(await drawnFraction(page)).toBeGreaterThan(0.15);
    // Titles come from troika's worker: the batched text has to have laid out its glyphs.
    await screenshot(page, "csp-demo-palace");

    expect(violations).toEqual([]);
    await page.close();
  });
});
