// Engram's service worker: keeps the app shell, fonts, Due today and the recall walks a person
// chose on the device, so daily recall works without a connection. Pages are fetched from the
// network first and fall back to the device only when the network fails; API answers are never
// cached (a picture's thumbnail is the one exception: its address names its content).
// The version comes from the registration URL (/sw.js?v=<build>): a new deployment registers a
// new script, which waits until the page asks it to take over.
/* eslint-env serviceworker */
/// <reference lib="webworker" />
// @ts-check
/** @type {ServiceWorkerGlobalScope} */
// @ts-expect-error: `self` is the worker's global scope here
const sw = self;

const VERSION = new URL(sw.location.href).searchParams.get("v") ?? "dev";
const PAGES = "engram-pages";
const STATIC = "engram-static";
const MEDIA = "engram-media";
const KEPT_INDEX = "/__engram/kept.json";

const RECALL_PAGE = /^\/palaces\/[0-9a-f-]{36}\/recall$/;
const THUMB = /^\/api\/pictures\/[0-9a-f-]{36}\/[0-9a-f]{64}\/thumb$/;
const THUMB_IN_TEXT = /\/api\/pictures\/[0-9a-f-]{36}\/[0-9a-f]{64}\/thumb/g;
const ASSET_IN_HTML = /\/_next\/static\/[A-Za-z0-9_\-./~%]+?\.(?:js|css|woff2?|ttf)/g;

/** @param {URL} url */
const isPage = (url) => url.pathname === "/today" || RECALL_PAGE.test(url.pathname);
/** @param {URL} url */
const isStatic = (url) => url.pathname.startsWith("/_next/static/") || url.pathname.startsWith("/fonts/");

sw.addEventListener("install", () => {
  // A first install takes over at once; an update waits for the page's "reload" prompt.
  if (!sw.registration.active) void sw.skipWaiting();
});

sw.addEventListener("activate", (event) => {
  event.waitUntil(sw.clients.claim());
});

sw.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== sw.location.origin) return;
  if (THUMB.test(url.pathname)) return event.respondWith(cacheFirst(MEDIA, request));
  if (isStatic(url)) return event.respondWith(cacheFirst(STATIC, request));
  if (url.pathname.startsWith("/api/")) return;
  if (request.mode === "navigate") event.respondWith(networkFirstPage(request, url));
});

/**
 * @param {string} cacheName
 * @param {Request} request
 */
async function cacheFirst(cacheName, request) {
  const cache = await caches.open(cacheName);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

/**
 * @param {Request} request
 * @param {URL} url
 */
async function networkFirstPage(request, url) {
  try {
    const response = await fetch(request);
    if (isPage(url) && response.ok && !response.redirected) {
      const cache = await caches.open(PAGES);
      await cache.put(url.pathname + url.search, response.clone());
    }
    return response;
  } catch (error) {
    const cached = await (await caches.open(PAGES)).match(url.pathname + url.search, { ignoreVary: true });
    if (cached) return cached;
    if (request.mode !== "navigate") throw error;
    return offlinePage(url);
  }
}

/** @param {URL} url */
function offlinePage(url) {
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Offline · Engram</title></head>
<body style="font-family: system-ui, sans-serif; background: #1d2330; color: #eef0f6; padding: 2rem; line-height: 1.5">
<h1>You are offline</h1>
<p>${url.pathname === "/" ? "Engram" : "This page"} is not kept on this device. Due today and the recall walks you keep offline work without a connection.</p>
<p><a href="/today" style="color: #b9b4ff">Open Due today</a></p></body></html>`;
  return new Response(body, {
    status: 503,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": "default-src 'none'; style-src-attr 'unsafe-inline'; frame-ancestors 'none'",
    },
  });
}

/**
 * Stores a page and everything it needs offline: its scripts, styles and fonts, and the
 * thumbnails its walk shows. Returns the bytes stored.
 * @param {string} path
 */
async function keepPage(path) {
  const response = await fetch(path, { credentials: "same-origin", redirect: "manual" });
  if (!response.ok) return 0;
  const html = await response.clone().text();
  await (await caches.open(PAGES)).put(path, response);
  let bytes = html.length;
  const assets = new Set(html.match(ASSET_IN_HTML) ?? []);
  const thumbs = new Set(html.match(THUMB_IN_TEXT) ?? []);
  const staticCache = await caches.open(STATIC);
  const mediaCache = await caches.open(MEDIA);
  for (const [cache, urls] of /** @type {const} */ ([
    [staticCache, assets],
    [mediaCache, thumbs],
  ])) {
    for (const asset of urls) {
      const hit = await cache.match(asset);
      if (hit) continue;
      const got = await fetch(asset, { credentials: "same-origin" }).catch(() => null);
      if (!got?.ok) continue;
      bytes += (await got.clone().blob()).size;
      await cache.put(asset, got);
    }
  }
  return bytes;
}

/**
 * Keeps the recall walks of the chosen palaces, within the limits, and forgets walks no longer
 * chosen. The list of what is kept lives in the cache too, so it goes when the device is wiped.
 * @param {{ paths: string[]; maxPalaces: number; maxBytes: number }} wish
 */
async function keepWalks(wish) {
  const pages = await caches.open(PAGES);
  const previous = /** @type {string[]} */ (await pages.match(KEPT_INDEX, { ignoreVary: true }).then((r) => (r ? r.json() : [])).catch(() => []));
  const kept = [];
  let bytes = 0;
  for (const path of wish.paths.slice(0, wish.maxPalaces)) {
    if (bytes >= wish.maxBytes) break;
    const size = await keepPage(path).catch(() => null);
    // Without a connection a walk kept earlier stays kept: only the network failed, not the wish.
    if (size === null && previous.includes(path) && (await pages.match(path, { ignoreVary: true }))) kept.push(path);
    if (!size) continue;
    bytes += size;
    kept.push(path);
  }
  for (const path of previous) if (!kept.includes(path)) await pages.delete(path);
  await pages.put(KEPT_INDEX, new Response(JSON.stringify(kept), { headers: { "content-type": "application/json" } }));
  return { kept, bytes };
}

sw.addEventListener("message", (event) => {
  const data = event.data ?? {};
  const reply = (/** @type {unknown} */ value) => event.ports[0]?.postMessage(value);
  if (data.type === "skip-waiting") {
    void sw.skipWaiting();
  } else if (data.type === "version") {
    reply({ version: VERSION });
  } else if (data.type === "warm" && Array.isArray(data.urls)) {
    event.waitUntil(
      (async () => {
        for (const raw of data.urls) {
          const url = new URL(String(raw), sw.location.origin);
          if (url.origin !== sw.location.origin) continue;
          if (isPage(url)) await keepPage(url.pathname + url.search).catch(() => 0);
          else if (isStatic(url)) await cacheFirst(STATIC, new Request(url)).catch(() => null);
        }
        reply({ done: true });
      })(),
    );
  } else if (data.type === "keep" && Array.isArray(data.paths)) {
    event.waitUntil(
      keepWalks({
        paths: data.paths.map(String).filter((/** @type {string} */ p) => RECALL_PAGE.test(new URL(p, sw.location.origin).pathname)),
        maxPalaces: Number(data.maxPalaces) || 0,
        maxBytes: Number(data.maxBytes) || 0,
      }).then(reply, () => reply({ kept: [], bytes: 0 })),
    );
  }
});
