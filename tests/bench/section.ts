// Writes one benchmark's section of BENCHMARKS.md between its `<!-- name:start -->` and
// `<!-- name:end -->` markers, leaving every other section as it is. Every bench script writes
// through here, so no script's pattern can reach into a neighbour's section.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const EMPTY = "# Benchmarks\n\nEvery figure here is printed by a script in tests/bench/ and written by it.\n";

/** `document` with the section `name` replaced by `body`, or appended when it has none yet. */
export function replaceSection(document: string, name: string, body: string): string {
  if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new Error(`A section name is lower-case letters, digits and dashes, not "${name}".`);
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  if (body.includes(start) || body.includes(end)) throw new Error(`The body of section "${name}" must not hold its own markers.`);
  const section = `${start}\n${body.trimEnd()}\n${end}`;
  const at = document.indexOf(start);
  const until = at >= 0 ? document.indexOf(end, at + start.length) : -1;
  if (at >= 0 && until < 0) throw new Error(`BENCHMARKS.md has "${start}" without "${end}"; mend it by hand first.`);
  return at >= 0 ? document.slice(0, at) + section + document.slice(until + end.length) : `${document.trimEnd()}\n\n${section}\n`;
}

export function writeSection(name: string, body: string, file = path.resolve("BENCHMARKS.md")) {
  const existing = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : EMPTY;
  fs.writeFileSync(file, replaceSection(existing, name, body));
}

/** The commit measured: BENCH_COMMIT names it for a copy of a checkout that has no .git. */
export function commitOf() {
  if (process.env.BENCH_COMMIT) return process.env.BENCH_COMMIT;
  try {
    return execFileSync("git", ["rev-parse", "--short=10", "HEAD"], { encoding: "utf8" }).trim();
  } catch {
    return "unknown";
  }
}
