// `npm start`: build once if needed, then serve on PORT (default 3000). The server itself opens
// and migrates the database and seeds the demo palace before taking requests (instrumentation.ts).
// `npm run dev` runs the development server instead.
import { spawn } from "node:child_process";
import path from "node:path";
import { ensureBuild } from "./build-once.mjs";

process.env.NEXT_TELEMETRY_DISABLED = "1";
const dev = process.argv.includes("--dev");
const port = process.env.PORT ?? "3000";
const next = path.join(process.cwd(), "node_modules", "next", "dist", "bin", "next");

if (!dev) ensureBuild();

const child = spawn(process.execPath, [next, dev ? "dev" : "start", "--port", port], {
  stdio: "inherit",
  env: { ...process.env, PORT: port },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
