// The running build's version: it names the service worker's script, so a new deployment is a
// new script that the browser installs beside the old one and offers to switch to.
import fs from "node:fs";
import path from "node:path";
import { env } from "../env";

let buildId: string | null = null;
// Next.js bundles each route on its own, so module state is not shared between the test route
// that sets this and the pages that read it; the process's global object is.
const TEST_VERSION = Symbol.for("engram.testAppVersion");
const shared = globalThis as { [TEST_VERSION]?: string };

export function appVersion(): string {
  const testVersion = shared[TEST_VERSION];
  if (testVersion) return testVersion;
  if (buildId === null) {
    try {
      buildId = fs.readFileSync(path.join(process.cwd(), ".next", "BUILD_ID"), "utf8").trim();
    } catch {
      // `next dev` writes no build id; the page then registers no service worker.
      buildId = "development";
    }
  }
  return buildId;
}

/** Browser tests stand in for a new deployment by naming another version; nowhere else. */
export function setTestAppVersion(version: string): void {
  if (!env().ENGRAM_TEST_HOOKS) throw new Error("The app version can only be changed with test hooks on.");
  shared[TEST_VERSION] = version;
}
