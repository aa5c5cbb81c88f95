// What JavaScript a page makes the browser download: every script response from navigation
// until the network has been idle after the load event, each body gzipped here (as the server
// would send it) and summed, and whether any of it is three.js. "Initial" is the part the page's
// HTML asks for, which must arrive before the page hydrates and becomes interactive; the rest
// (lazy chunks, prefetched routes) comes after. Shared by the bundle browser test, which
// asserts the budget, and `npm run bench:bundle`, which records it.
import { gzipSync } from "node:zlib";
import type { BrowserContext, Page } from "playwright-core";

/** The most gzipped JavaScript a page without a 3D scene may download. */
export const NON_3D_BUDGET_BYTES = 170 * 1024;

export interface PageWeight {
  path: string;
  /** Every script until the network was idle. */
  scripts: number;
  rawBytes: number;
  gzipBytes: number;
  /** The scripts the HTML document names, needed before the page is interactive. */
  initialScripts: number;
  initialGzipBytes: number;
  /** Whether one of the scripts is three.js (it alone defines WebGLRenderer). */
  three: boolean;
  /** Each script's address, gzipped size and whether the HTML names it, heaviest first. */
  files: { url: string; gzipBytes: number; initial: boolean }[];
}

export const DEMO_PALACE = "/palaces/00000000-0000-4000-8000-00000000de70";

/** The pages to weigh, with whether each is meant to show a 3D scene. Signed-in pages need a session. */
export const PAGES: { path: string; scene: boolean; signedIn: boolean }[] = [
  { path: "/", scene: false, signedIn: false },
  { path: "/sign-in", scene: false, signedIn: false },
  { path: "/sign-up", scene: false, signedIn: false },
  { path: "/palaces", scene: false, signedIn: true },
  { path: "/today", scene: false, signedIn: true },
  { path: "/stats", scene: false, signedIn: true },
  { path: "/settings", scene: false, signedIn: true },
  // The recall walk opens in the 3D palace where WebGL works (the worded walk is a choice away).
  { path: `${DEMO_PALACE}/recall`, scene: true, signedIn: false },
  { path: `${DEMO_PALACE}/stats`, scene: false, signedIn: true },
  { path: DEMO_PALACE, scene: true, signedIn: false },
];

/** Signs a new person up in `context` (the session cookie stays in it). */
export async function signUpIn(context: BrowserContext, baseURL: string) {
  const res = await context.request.post(`${baseURL}/api/auth/sign-up/email`, {
    headers: { origin: baseURL },
    data: { name: "Bundle", email: `bundle-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`, password: "a long enough passphrase" },
  });
  if (!res.ok()) throw new Error(`Sign-up failed: ${res.status()} ${await res.text()}`);
}

/**
 * Loads `path` in a fresh page of `context` and weighs its scripts. For a scene page, `ready`
 * waits for the scene (three.js arrives in a chunk loaded after hydration).
 */
export async function weighPage(context: BrowserContext, baseURL: string, path: string, ready?: (page: Page) => Promise<void>): Promise<PageWeight> {
  const page = await context.newPage();
  const bodies: Promise<{ url: string; body: Buffer } | null>[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() !== "script") return;
    bodies.push(response.body().then((body) => ({ url: response.url(), body }), () => null));
  });
  try {
    const res = await page.goto(`${baseURL}${path}`, { waitUntil: "load" });
    if (!res?.ok()) throw new Error(`${path} answered ${res?.status()}`);
    const html = await res.text();
    const named = new Set([...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => new URL(m[1]!.replace(/&amp;/g, "&"), res.url()).href));
    // A palace keeps a live stream open, so its network never goes idle: it waits for its scene.
    if (ready) await ready(page);
    else await page.waitForLoadState("networkidle");
    const scripts = (await Promise.all(bodies)).filter((s) => s !== null).map((s) => ({ ...s, gzipBytes: gzipSync(s.body).length }));
    const initial = scripts.filter((s) => named.has(s.url));
    return {
      path,
      initialScripts: initial.length,
      initialGzipBytes: initial.reduce((n, s) => n + s.gzipBytes, 0),
      scripts: scripts.length,
      rawBytes: scripts.reduce((n, s) => n + s.body.length, 0),
      gzipBytes: scripts.reduce((n, s) => n + s.gzipBytes, 0),
      three: scripts.some((s) => s.body.includes("WebGLRenderer")),
      files: scripts.map(({ url, gzipBytes }) => ({ url, gzipBytes, initial: named.has(url) })).sort((a, b) => b.gzipBytes - a.gzipBytes),
    };
  } finally {
    await page.close();
  }
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
