// Anki collections made by Anki itself. No Anki package made by the Anki application ships in
// an npm or a Debian package we could find, so Anki's own Python library is taken from Debian's
// anki 2.1.15 package (bullseye, the last release that carries it), once, into
// node_modules/.cache, and driven by tests/helpers/anki-study.py: it adds notes, studies them
// over simulated weeks with Anki's scheduler writing the review log, and exports them with
// Anki's own exporters. Nothing is committed.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const CACHE = path.resolve("node_modules/.cache/engram-anki");
const DEB = "anki_2.1.15+dfsg-3_all.deb";
const DEB_URL = `http://deb.debian.org/debian/pool/main/a/anki/${DEB}`;
/** The package as Debian published it: a different file is refused rather than run. */
const DEB_SHA256 = "04e1b389c6ce28a2dd26438144222ce1baa19ddec3eaa14c92f4b7a52d6a5812";
const LIBRARY = "usr/share/anki";

const offline = (e: unknown) => {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  return /ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNREFUSED|ECONNRESET|fetch failed|network|timed out|aborted/i.test(`${(e as Error).message} ${cause?.code ?? ""} ${cause?.message ?? ""}`);
};

/** The folder holding Anki's `anki` Python package, or why it could not be fetched. */
async function ankiLibrary(): Promise<{ dir: string } | { unreachable: string }> {
  const dir = path.join(CACHE, "anki_2.1.15+dfsg-3");
  const library = path.join(dir, LIBRARY);
  if (fs.existsSync(path.join(library, "anki", "__init__.py"))) return { dir: library };
  let bytes: Buffer;
  try {
    const res = await fetch(DEB_URL, { signal: AbortSignal.timeout(180_000) });
    if (!res.ok) return { unreachable: `the Debian archive answered ${res.status} for ${DEB}` };
    bytes = Buffer.from(await res.arrayBuffer());
  } catch (e) {
    if (offline(e)) return { unreachable: `the Debian archive could not be reached to fetch ${DEB}` };
    throw e;
  }
  const sum = createHash("sha256").update(bytes).digest("hex");
  if (sum !== DEB_SHA256) throw new Error(`${DEB} from the Debian archive has SHA-256 ${sum}, not the published ${DEB_SHA256}.`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "engram-anki-deb-"));
  try {
    fs.writeFileSync(path.join(tmp, DEB), bytes);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    execFileSync("dpkg-deb", ["-x", path.join(tmp, DEB), dir], { timeout: 120_000 });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return { dir: library };
}

export interface AnkiMade {
  /** The "Capitals" deck exported as an .apkg with its scheduling and review log. */
  apkg: Uint8Array;
  /** The whole collection exported as a .colpkg. */
  colpkg: Uint8Array;
}

/**
 * Has Anki 2.1.15 make a collection studied for 40 days, starting 45 days before `now`, and
 * export it both ways; or why Anki could not be fetched.
 */
export async function ankiMadeCollection(now: Date): Promise<AnkiMade | { unreachable: string }> {
  const library = await ankiLibrary();
  if ("unreachable" in library) return library;
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "engram-anki-made-"));
  try {
    const start = Math.floor(now.getTime() / 1000) - 45 * 86_400;
    execFileSync("python3", [path.resolve("tests/helpers/anki-study.py"), library.dir, out, String(start)], { timeout: 120_000, stdio: ["ignore", "pipe", "pipe"] });
    return { apkg: new Uint8Array(fs.readFileSync(path.join(out, "capitals.apkg"))), colpkg: new Uint8Array(fs.readFileSync(path.join(out, "capitals.colpkg"))) };
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}
