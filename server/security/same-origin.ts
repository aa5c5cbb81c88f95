// Refuses writes a browser sent on another site's behalf (cross-site request forgery): the
// browser says where a request comes from in Sec-Fetch-Site, and older ones in Origin. A request
// with neither did not come from a page in a browser (a script, curl), so no site forged it.
// Reads are not refused: another site cannot see what a read answers.

export const CROSS_SITE_MESSAGE = "This change was sent from another website, so it was refused. Make it on Engram's own pages.";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function ownHosts(req: Request): Set<string> {
  const hosts = new Set([new URL(req.url).host]);
  for (const header of ["host", "x-forwarded-host"]) {
    const value = req.headers.get(header);
    if (value) hosts.add(value.split(",")[0]!.trim().toLowerCase());
  }
  return hosts;
}

/** True when a browser sent this write from a page of another origin. */
export function isCrossSiteWrite(req: Request): boolean {
  if (SAFE_METHODS.has(req.method)) return false;
  const site = req.headers.get("sec-fetch-site");
  // "none": typed into the address bar or opened from a bookmark, by the person themselves.
  if (site !== null) return site !== "same-origin" && site !== "none";
  const origin = req.headers.get("origin");
  if (origin === null) return false;
  try {
    return !ownHosts(req).has(new URL(origin).host.toLowerCase());
  } catch {
    // "Origin: null" (a sandboxed frame, a file: page) or something unreadable.
    return true;
  }
}

export function crossSiteRefusal(): Response {
  return Response.json({ error: { code: "FORBIDDEN", message: CROSS_SITE_MESSAGE } }, { status: 403, headers: { "cache-control": "no-store" } });
}

/** Wraps a route handler so that cross-site writes are refused before it runs. */
export function withSameOrigin(handler: (req: Request) => Promise<Response>): (req: Request) => Promise<Response> {
  return (req) => (isCrossSiteWrite(req) ? Promise.resolve(crossSiteRefusal()) : handler(req));
}
