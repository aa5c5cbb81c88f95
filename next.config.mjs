// Next.js configuration: the database drivers stay out of the server bundle (PGlite loads
// its own WebAssembly and data files at run time), no telemetry leaves the machine, and every
// response carries the security headers (pages get their nonce-based CSP from proxy.ts).
process.env.NEXT_TELEMETRY_DISABLED = "1";

const SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  // frame-ancestors 'none' in the CSP is the modern form; this covers browsers that predate it.
  { key: "X-Frame-Options", value: "DENY" },
  {
    key: "Permissions-Policy",
    value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), display-capture=()",
  },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "sharp", "sql.js"],
  typedRoutes: false,
  // A clean CI checkout builds once and never again, so writing Turbopack's build cache there
  // only costs time (about 40 s on two busy cores); local rebuilds keep it.
  experimental: { turbopackFileSystemCacheForBuild: !process.env.CI },
  async headers() {
    return [
      { source: "/:path*", headers: SECURITY_HEADERS },
      // Kept in step with API_CONTENT_SECURITY_POLICY in server/security/headers.ts.
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }] },
    ];
  },
};

export default nextConfig;
