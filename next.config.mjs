// Next.js configuration: the database drivers stay out of the server bundle (PGlite loads
// its own WebAssembly and data files at run time), and no telemetry leaves the machine.
process.env.NEXT_TELEMETRY_DISABLED = "1";

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  serverExternalPackages: ["@electric-sql/pglite", "postgres"],
  typedRoutes: false,
};

export default nextConfig;
