// The one writer of BENCHMARKS.md sections: replacing one section leaves every other section,
// its neighbours included, byte for byte as it was.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { replaceSection, writeSection } from "~/tests/bench/section";

const doc = [
  "# Benchmarks",
  "",
  "<!-- scene:start -->\n## Scene\n\nold scene\n<!-- scene:end -->",
  "<!-- realtime:start -->\n## Realtime (issue 5)\n\nold realtime\n<!-- realtime:end -->",
  "<!-- outage:start -->\n## Database outage\n\nold outage\n<!-- outage:end -->",
  "",
].join("\n");

/** The text between one section's markers, or null when it has none. */
function sectionOf(document: string, name: string): string | null {
  const match = new RegExp(`<!-- ${name}:start -->\\n([\\s\\S]*?)\\n<!-- ${name}:end -->`).exec(document);
  return match?.[1] ?? null;
}

describe("benchmark sections", () => {
  it("replaces one section and leaves its neighbours, adjacent ones included, as they were", () => {
    const next = replaceSection(doc, "realtime", "## Realtime (issue 5)\n\nnew realtime\n\n## A heading inside the body");
    expect(sectionOf(next, "realtime")).toBe("## Realtime (issue 5)\n\nnew realtime\n\n## A heading inside the body");
    expect(sectionOf(next, "scene")).toBe(sectionOf(doc, "scene"));
    expect(sectionOf(next, "outage")).toBe(sectionOf(doc, "outage"));
    expect(next.replace(/<!-- realtime:start -->[\s\S]*<!-- realtime:end -->/, "X")).toBe(
      doc.replace(/<!-- realtime:start -->[\s\S]*<!-- realtime:end -->/, "X"),
    );
  });

  it("writing every section in turn keeps each one's own text", () => {
    let next = doc;
    for (const name of ["outage", "scene", "realtime"]) next = replaceSection(next, name, `${name} $& $1 figures`);
    for (const name of ["outage", "scene", "realtime"]) expect(sectionOf(next, name)).toBe(`${name} $& $1 figures`);
    expect(next.match(/:start -->/g)).toHaveLength(3);
    expect(next.match(/:end -->/g)).toHaveLength(3);
  });

  it("appends a section the document lacks, after the others", () => {
    const next = replaceSection(doc, "api", "## API");
    expect(next.startsWith(doc.trimEnd())).toBe(true);
    expect(sectionOf(next, "api")).toBe("## API");
  });

  it("refuses a section whose end marker is missing rather than eat the rest of the file", () => {
    const broken = doc.replace("<!-- realtime:end -->", "");
    expect(() => replaceSection(broken, "realtime", "new")).toThrow(/without "<!-- realtime:end -->"/);
  });

  it("writes the checked-in BENCHMARKS.md sections back unchanged apart from the one written", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "engram-section-"));
    const file = path.join(dir, "BENCHMARKS.md");
    const original = fs.readFileSync(path.resolve(import.meta.dirname, "../../BENCHMARKS.md"), "utf8");
    fs.writeFileSync(file, original);
    try {
      writeSection("realtime", "## Realtime (issue 5)\n\nrewritten", file);
      const after = fs.readFileSync(file, "utf8");
      const names = [...original.matchAll(/<!-- ([a-z0-9-]+):start -->/g)].map((m) => m[1] ?? "");
      expect(names).toEqual(expect.arrayContaining(["scene", "realtime", "outage"]));
      for (const name of names.filter((n) => n !== "realtime")) expect(sectionOf(after, name)).toBe(sectionOf(original, name));
      expect(sectionOf(after, "realtime")).toBe("## Realtime (issue 5)\n\nrewritten");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
