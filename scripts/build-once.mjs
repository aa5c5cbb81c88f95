// Builds the Next.js app when there is no build yet or the sources changed since the last one,
// so `npm start` and the browser tests always serve what is in the working tree.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const SOURCES = ["app", "server", "public", "drizzle", "patches", "instrumentation.ts", "proxy.ts", "next.config.mjs", "tsconfig.json", "package-lock.json"];
const STAMP = path.join(".next", "engram-source-hash");

function* files(entry) {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return;
  if (stat.isFile()) {
    yield entry;
    return;
  }
  for (const name of fs.readdirSync(entry).sort()) yield* files(path.join(entry, name));
}

export function sourceHash(root = process.cwd()) {
  const hash = createHash("sha256");
  for (const source of SOURCES) {
    for (const file of files(path.join(root, source))) {
      hash.update(path.relative(root, file));
      hash.update(fs.readFileSync(file));
    }
  }
  return hash.digest("hex");
}

export function ensureBuild(root = process.cwd()) {
  const want = sourceHash(root);
  const have = fs.existsSync(path.join(root, ".next", "BUILD_ID")) && fs.readFileSync(path.join(root, STAMP), { encoding: "utf8", flag: "a+" });
  if (have === want) return false;
  console.log("[engram] building the app (first start or changed sources)…");
  const result = spawnSync(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
  });
  if (result.status !== 0) throw new Error(`next build failed with exit code ${result.status}`);
  fs.writeFileSync(path.join(root, STAMP), want);
  return true;
}
