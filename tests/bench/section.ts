// Writes one benchmark's section of BENCHMARKS.md between its `<!-- name:start -->` and
// `<!-- name:end -->` markers, leaving every other section as it is.
import fs from "node:fs";
import path from "node:path";

export function writeSection(name: string, body: string, file = path.resolve("BENCHMARKS.md")) {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const section = `${start}\n${body.trimEnd()}\n${end}`;
  const existing = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "# Benchmarks\n\nEvery figure here is printed by a script in tests/bench/ and written by it.\n";
  const at = existing.indexOf(start);
  const until = existing.indexOf(end);
  const next = at >= 0 && until > at ? existing.slice(0, at) + section + existing.slice(until + end.length) : `${existing.trimEnd()}\n\n${section}\n`;
  fs.writeFileSync(file, next);
}
