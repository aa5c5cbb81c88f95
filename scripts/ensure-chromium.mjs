// Runs before `npm test`: finds the Chromium the browser tests drive, installing Debian's
// package when none is there and this is a Debian or Ubuntu machine we are root on, so that
// `npm ci && npm test` works on a fresh machine. Otherwise it stops at once with what to do.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { fileURLToPath } from "node:url";

export const CHROMIUM_CANDIDATES = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
  "/snap/bin/chromium",
];

const WHAT_TO_DO =
  "install Debian's `chromium` package (as root: apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome executable";

// Mode bits, not access(): as root, access() says yes to files nobody may execute.
const isExecutable = (file) => {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  return Boolean(stat?.isFile() && stat.mode & 0o111);
};

/**
 * The browser to drive: CHROMIUM_PATH when set (it must then exist: a wrong setting is an
 * error, not a hint to look elsewhere), else the first usual path that holds one, else null.
 */
export function findChromium(env = process.env, candidates = CHROMIUM_CANDIDATES) {
  if (env.CHROMIUM_PATH) {
    if (isExecutable(env.CHROMIUM_PATH)) return env.CHROMIUM_PATH;
    throw new Error(`CHROMIUM_PATH is ${env.CHROMIUM_PATH}, which is not an executable file: point it at Chromium, or unset it to use ${candidates[0]}.`);
  }
  return candidates.find(isExecutable) ?? null;
}

const canInstall = (env) =>
  !env.ENGRAM_NO_INSTALL && process.getuid?.() === 0 && fs.existsSync("/etc/debian_version") && isExecutable("/usr/bin/apt-get");

function aptInstallChromium() {
  const run = (args) => spawnSync("apt-get", args, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  if (run(["update", "-qq"]).status !== 0) return false;
  return run(["install", "-y", "-qq", "chromium"]).status === 0;
}

/** Returns the browser's path, installing it first where it may; throws with a sentence otherwise. */
export function ensureChromium(env = process.env, candidates = CHROMIUM_CANDIDATES) {
  const found = findChromium(env, candidates);
  if (found) return found;
  if (canInstall(env)) {
    console.log("[engram] no Chromium found: installing Debian's chromium package for the browser tests");
    if (aptInstallChromium()) {
      const installed = findChromium(env, candidates);
      if (installed) return installed;
    }
    throw new Error(`Installing Debian's chromium package did not give a browser for the tests: ${WHAT_TO_DO}.`);
  }
  throw new Error(`No Chromium found for the browser tests (looked in ${candidates.join(", ")}): ${WHAT_TO_DO}.`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    console.log(`[engram] browser tests use ${ensureChromium()}`);
  } catch (error) {
    console.error(`[engram] ${error.message}`);
    process.exit(1);
  }
}
