// The Content-Security-Policy for pages. Scripts and styles need a per-request nonce because
// Next.js inlines its bootstrap and RSC payload; troika (3D text) lays out glyphs in a worker
// it builds from a blob: URL and loads into that worker with importScripts(blob:), so blob:
// is allowed for workers and scripts. Nothing is ever loaded from another origin.
export function pageContentSecurityPolicy(nonce: string, development = false): string {
  const directives = [
    "default-src 'self'",
    // No 'strict-dynamic': it would drop blob:, which troika's worker needs for importScripts.
    `script-src 'self' 'nonce-${nonce}' blob:${development ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    // React writes style="…" attributes into server-rendered HTML (and the 3D overlays set
    // them too); attributes cannot run script, so only they are let through, not <style>.
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  return directives.join("; ");
}

/** API answers are JSON, never documents: they may load nothing and be framed nowhere. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";
