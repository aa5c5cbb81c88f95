// Maps made by real applications, fetched at test time (see tests/helpers/map-fetch.ts), import
// without refusal: every node accounted for and no HTML left in any title. Three applications:
// Freeplane, XMind Zen and an OPML outliner.
import fs from "node:fs";
import path from "node:path";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { readImport } from "~/server/import/import.logic";
import { parseFreeMind, parseOpml } from "~/server/import/mindmap.logic";
import { seedToGraph } from "~/server/seed/seed.logic";
import { debianFile, FREEPLANE, FREEPLANE_MAPS, opmlOutlinerFile, xmindFile } from "../helpers/map-fetch";

const palaceRow = { id: "11111111-1111-4111-8111-111111111111", title: "T", description: "", visibility: "private" as const };
/** An HTML element as rich text writes it; a map's own "<Enter>" or "0<i<m" is text, not markup. */
const HTML_TAG = /<\/?(html|head|body|p|div|span|b|i|u|em|strong|br|font|img|a|ul|ol|li|table|tr|td)\b[^>]*>/i;

describe("Freeplane's own maps (Debian freeplane 1.7.10)", () => {
  for (const name of FREEPLANE_MAPS) {
    it(`imports ${name} whole`, { timeout: 120_000 }, (ctx) => {
      const file = debianFile(FREEPLANE.pkg, FREEPLANE.version, `${FREEPLANE.dir}/${name}`);
      if ("unreachable" in file) return ctx.skip(file.unreachable);
      const bytes = new Uint8Array(fs.readFileSync(file.path));
      const text = new TextDecoder().decode(bytes);
      const { palace, report } = readImport({ format: "auto", fileName: name, bytes });
      // Every <node> is the palace, a room (a first-level branch) or a concept.
      const nodes = (text.match(/<node[\s>]/g) ?? []).length;
      const outline = parseFreeMind(text, name);
      const branchRooms = outline.rooms.filter((r) => !r.general).length;
      expect(1 + branchRooms + palace.concepts.length).toBe(nodes);
      for (const c of palace.concepts) expect(c.title, c.title).not.toMatch(HTML_TAG);
      expect(palace.title).not.toMatch(HTML_TAG);
      expect(palace.title).not.toMatch(/&[a-z]+;/);
      expect(() => seedToGraph(palace, palaceRow)).not.toThrow();
      expect(report.every((line) => line.length > 20)).toBe(true);
      if (name === "Freeplane_LaTeX.mm") expect(palace.title).toBe("LaTeX equations in Freeplane >= 1.3.x");
    });
  }
});

describe("an XMind Zen file (npm xmindparser 1.0.2 test data)", () => {
  it("imports every topic", { timeout: 120_000 }, (ctx) => {
    const file = xmindFile();
    if ("unreachable" in file) return ctx.skip(file.unreachable);
    const bytes = new Uint8Array(fs.readFileSync(file.path));
    const { palace, format } = readImport({ format: "auto", fileName: path.basename(file.path), bytes });
    expect(format).toBe("xmind");
    // content.json, counted independently of the importer: every topic but the central one
    // and the first-level branches that became rooms is a concept.
    type Topic = { children?: { attached?: Topic[] } };
    const sheets = JSON.parse(new TextDecoder().decode(unzipSync(bytes)["content.json"])) as { rootTopic: Topic }[];
    const count = (t: Topic): number => 1 + (t.children?.attached ?? []).reduce((n, c) => n + count(c), 0);
    const branches = (sheets[0]!.rootTopic.children?.attached ?? []).filter((t) => (t.children?.attached ?? []).length > 0).length;
    expect(palace.concepts.length).toBe(count(sheets[0]!.rootTopic) - 1 - branches);
    expect(() => seedToGraph(palace, palaceRow)).not.toThrow();
  });
});

describe("an outline saved by an OPML outliner (npm opml 0.5.8's readme.opml)", () => {
  it("imports every item, with the HTML in their text read as links", { timeout: 120_000 }, (ctx) => {
    const file = opmlOutlinerFile();
    if ("unreachable" in file) return ctx.skip(file.unreachable);
    const bytes = new Uint8Array(fs.readFileSync(file.path));
    const { palace, format, report } = readImport({ format: "auto", fileName: path.basename(file.path), bytes });
    expect(format).toBe("opml");
    // The file declares ISO-8859-1, and the import says it read it so.
    expect(report.some((line) => line.includes("ISO-8859-1"))).toBe(true);
    const text = new TextDecoder("latin1").decode(bytes);
    // Every <outline> is a concept or a first-level branch that became a room.
    const items = (text.match(/<outline[\s>]/g) ?? []).length;
    const branchRooms = parseOpml(text, "readme").rooms.filter((r) => !r.general).length;
    expect(items).toBeGreaterThan(50);
    expect(branchRooms + palace.concepts.length).toBe(items);
    // Its items carry links as escaped HTML (&lt;a href=…&gt;): none is left as markup.
    expect(text).toMatch(/&lt;a href=/);
    for (const c of palace.concepts) expect(c.title, c.title).not.toMatch(HTML_TAG);
    expect(palace.concepts.some((c) => c.notes.includes("](http"))).toBe(true);
    expect(() => seedToGraph(palace, palaceRow)).not.toThrow();
  });
});
