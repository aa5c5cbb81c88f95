import fs from "node:fs";
import path from "node:path";
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { readHtml } from "~/server/import/html.logic";
import { readImport } from "~/server/import/import.logic";
import { seedToGraph } from "~/server/seed/seed.logic";
import { refusal } from "../helpers/refusal";

const raw = (name: string) => new Uint8Array(fs.readFileSync(path.resolve("tests/fixtures/import", name)));
const read = (fileName: string, bytes: Uint8Array) => readImport({ format: "auto", fileName, bytes });
const byTitle = (r: ReturnType<typeof read>, title: string) => r.palace.concepts.find((c) => c.title === title)!;
const palaceRow = { id: "11111111-1111-4111-8111-111111111111", title: "T", description: "", visibility: "private" as const };

describe("rich text from mind maps", () => {
  it("keeps words in order with their formatting, decodes entities and nests lists", () => {
    const html = readHtml("<html><body><p><b>Text</b> with <i>in-line</i> hyperlink(s), and: &gt;= 1.3.x</p><ul><li>one<ol><li>two</li></ol></li></ul></body></html>");
    expect(html.text).toBe("Text with in-line hyperlink(s), and: >= 1.3.x one two");
    expect(html.markdown).toBe("**Text** with *in-line* hyperlink(s), and: >= 1.3.x\n\n- one\n  1. two");
  });

  it("drops script, style and unsafe link targets", () => {
    const html = readHtml('<p>a<script>alert(1)</script><style>p{}</style> <a href="javascript:alert(1)">b</a> <img src="data:image/png;base64,AA" alt="c"></p>');
    expect(html.markdown).toBe("a b c");
  });
});

describe("FreeMind and Freeplane maps in full", () => {
  const r = read("rich.mm", raw("rich.mm"));

  it("turns rich text into a plain title and Markdown notes, with details, notes and attributes", () => {
    expect(r.palace.title).toBe("Vision & language");
    const clip = byTitle(r, "Text with in-line hyperlink(s), and: CLIP >= 1.0 & more");
    expect(clip.notes).toBe(
      [
        "**Text** with *in-line* [hyperlink(s)](https://example.com/clip), and: CLIP >= 1.0 & more",
        "Details first.",
        "Contrastive **pre-training**:",
        "1. image encoder\n2. text encoder\n   - a *transformer*",
        'Score ≥ 0.9 — "quoted"',
        "| Attribute | Value |\n| --- | --- |\n| year | 2021 |\n| lab | OpenAI \\| research |",
      ].join("\n\n"),
    );
    expect(clip).toMatchObject({ tags: ["idea", "bookmark"], sourceUrl: "https://arxiv.org/abs/2103.00020" });
    expect(byTitle(r, "Zero-shot transfer")).toBeDefined();
    for (const c of r.palace.concepts) expect(c.title).not.toMatch(/<\/?[a-z]+[\s>]/i);
  });

  it("makes arrows labelled links and leaves out an arrow to nowhere, saying so", () => {
    const key = (t: string) => byTitle(r, t).key;
    expect(r.palace.links).toContainEqual({ from: key("Text with in-line hyperlink(s), and: CLIP >= 1.0 & more"), to: key("ViT"), label: "uses a" });
    expect(r.report).toContain("Node “Vision & language › Reading list › Broken arrow” (ID_broken) has an arrow to ID_gone, which the map does not have; the arrow was left out.");
  });

  it("titles image-only and icon-only nodes and keeps a clone once, listing each repair", () => {
    expect(byTitle(r, "vit diagram").notes).toBe("Image: images/vit%20diagram.png");
    expect(byTitle(r, "attention map").notes).toBe("Image: figures/attention-map.svg");
    expect(byTitle(r, "yes").tags).toEqual(["yes"]);
    expect(r.palace.concepts.filter((c) => c.title === "ViT")).toHaveLength(1);
    expect(r.report).toEqual(
      expect.arrayContaining([
        "Node “Vision & language › Models › vit diagram” (ID_picture) holds only an image, so it was titled from the image's file name.",
        "Node “Vision & language › Models › yes” (ID_icon) holds only icons, so it was titled from their names.",
        "Node “Vision & language › Reading list › ViT” (ID_clone) is a clone of ID_vit; it was kept once.",
      ]),
    );
    expect(() => seedToGraph(r.palace, palaceRow)).not.toThrow();
  });

  it("reads a map in the encoding its declaration names", () => {
    const latin = read("latin1.mm", raw("latin1.mm"));
    expect(latin.palace.title).toBe("Café notes");
    expect(latin.palace.concepts.map((c) => c.title)).toEqual(["Naïve Bayes"]);
    expect(latin.report).toEqual(["The file is written in ISO-8859-1, not UTF-8; it was read as its declaration says."]);
  });

  it("refuses damage with the line, and deep nesting with where it happens", () => {
    const text = fs.readFileSync("tests/fixtures/import/rich.mm", "utf8");
    expect(refusal(() => read("cut.mm", strToU8(text.slice(0, 900))))).toMatch(/^The XML is not well formed: .+ on line \d+\. The file may be cut short or damaged\.$/);
    const deep = `<map><node TEXT="r">${'<node TEXT="x">'.repeat(70)}${"</node>".repeat(70)}</node></map>`;
    expect(refusal(() => read("deep.mm", strToU8(deep)))).toBe("The XML is nested more than 64 levels deep at line 1, more than Engram imports.");
  });
});

describe("XMind", () => {
  const zen = zipSync({ "content.json": raw("xmind-zen.json"), "metadata.json": strToU8("{}") });
  const eight = zipSync({ "content.xml": raw("xmind-8.xml") });

  it("reads both generations alike: topics, notes, links, labels, markers and relationships", () => {
    const results = [read("zen.xmind", zen), read("eight.xmind", eight)];
    for (const r of results) {
      expect(r.format).toBe("xmind");
      expect(r.palace.title).toBe("Transformers");
      expect(r.palace.rooms.map((x) => x.name)).toEqual(["Transformers", "Attention"]);
      expect(byTitle(r, "Multi-head attention")).toMatchObject({ notes: "Several heads in parallel.", sourceUrl: "https://arxiv.org/abs/1706.03762" });
      expect(byTitle(r, "Positional encoding").tags).toEqual(["priority-1"]);
      expect(r.palace.links).toEqual([{ from: byTitle(r, "Multi-head attention").key, to: byTitle(r, "Positional encoding").key, label: "needs" }]);
      expect(byTitle(r, "heads").notes).toMatch(/^Image: xap:/);
    }
    expect(results[0]!.palace.concepts.map((c) => c.title)).toEqual(results[1]!.palace.concepts.map((c) => c.title));
  });

  it("refuses a bomb, a damaged archive and an archive without a map, in words", () => {
    // A bomb's header says how large it unpacks; the check reads that before inflating anything.
    const bomb = zipSync({ "content.json": new Uint8Array(64 * 1024) }, { level: 9 });
    const view = new DataView(bomb.buffer);
    for (let at = 0; at < bomb.length - 4; at++) {
      if (view.getUint32(at, true) === 0x02014b50) view.setUint32(at + 24, 40 * 1024 * 1024, true);
    }
    expect(refusal(() => read("bomb.xmind", bomb))).toMatch(/would unpack to 40 MB, .* it looks like a zip bomb\.$/);
    expect(refusal(() => read("cut.xmind", zen.slice(0, zen.length - 30)))).toMatch(/damaged zip archive/);
    expect(refusal(() => read("other.xmind", zipSync({ "readme.txt": strToU8("hi") })))).toBe(
      "The archive holds neither content.json nor content.xml, so it is not an XMind map.",
    );
  });
});

describe("OPML feeds and Markdown wikilinks", () => {
  it("keeps feed and page addresses as source links, the feed in the notes when there is a page", () => {
    const r = read("feeds.opml", raw("feeds.opml"));
    expect(byTitle(r, "Distill")).toMatchObject({ sourceUrl: "https://distill.pub/", notes: "Feed: <https://distill.pub/rss.xml>" });
    expect(byTitle(r, "Only a feed").sourceUrl).toBe("https://example.com/feed.xml");
    expect(byTitle(r, "A page").sourceUrl).toBe("https://example.com/page");
    expect(byTitle(r, "Hostile").sourceUrl).toBeUndefined();
  });

  it("links [[wikilinks]] to the item or heading they name and reports the ones that name nothing", () => {
    const r = read("wikilinks.md", raw("wikilinks.md"));
    const key = (t: string) => byTitle(r, t).key;
    expect(r.palace.links).toEqual([
      { from: key("Adam"), to: key("RMSProp"), label: "" },
      { from: key("Adam"), to: key("Heavy ball, see Adam"), label: "" },
    ]);
    expect(r.report).toEqual(["Line 12: [[Nowhere]] names no item or heading in the file, so it stays text."]);
  });
});

describe("refusals a person can act on", () => {
  it("says a file is empty, and what a JSON file that is not a palace is", () => {
    expect(refusal(() => read("a.md", new Uint8Array()))).toBe("The file is empty.");
    expect(refusal(() => read("a.md", strToU8("  \n")))).toBe("The file is empty.");
    expect(refusal(() => read("a.json", strToU8("[1, 2]")))).toBe(
      "This JSON file holds a list, not a palace. Engram reads palaces exported from Engram (.engram.json) and JSON Canvas files (.canvas).",
    );
    expect(refusal(() => read("a.json", strToU8('{"name": "x"}')))).toMatch(/^This JSON file is not a palace: it has no "format": "engram-palace"/);
  });
});
