import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCanvas } from "~/server/import/canvas.logic";
import { detectFormat, readImport, titleFromFileName } from "~/server/import/import.logic";
import { decodeText, IMPORT_MAX_DEPTH, jsonDepth } from "~/server/import/limits.logic";
import { parseMarkdownOutline } from "~/server/import/markdown.logic";
import { parseFreeMind, parseOpml } from "~/server/import/mindmap.logic";
import { planPalace, titleAndNotes } from "~/server/import/plan.logic";
import { parseXml } from "~/server/import/xml.logic";
import { seedToGraph } from "~/server/seed/seed.logic";
import { refusal } from "../helpers/refusal";

const fixture = (name: string) => fs.readFileSync(path.resolve("tests/fixtures/import", name), "utf8");
const bytes = (text: string) => new TextEncoder().encode(text);
const palaceRow = { id: "11111111-1111-4111-8111-111111111111", title: "T", description: "", visibility: "private" as const };

const titles = (o: { rooms: { name: string; concepts: { title: string; depth: number }[] }[] }) =>
  o.rooms.map((r) => [r.name, r.concepts.map((c) => `${"  ".repeat(c.depth)}${c.title}`)]);

describe("Markdown outlines", () => {
  it("turns headings into rooms, bullets into concepts and nesting into links", () => {
    const o = parseMarkdownOutline(fixture("optimisers.md"), "fallback");
    expect(o.title).toBe("Optimisers");
    expect(o.description).toBe("Notes from the course, as an outline.");
    expect(titles(o)).toEqual([
      ["Momentum methods", ["SGD with momentum", "  Nesterov momentum", "Heavy ball"]],
      ["Adaptive methods", ["Adam", "  AdamW", "RMSProp"]],
    ]);
    const sgd = o.rooms[0]!.concepts[0]!;
    expect(sgd).toMatchObject({ tags: ["optimiser"], notes: "Keeps a velocity of past gradients." });
    expect(o.rooms[0]!.concepts[1]!.notes).toBe("Looks ahead before stepping.");
    expect(o.rooms[1]!.concepts[0]).toMatchObject({ tags: ["optimiser", "adaptive"], notes: "Two moving averages per parameter." });
    expect(o.rooms[1]!.concepts[2]).toMatchObject({ title: "RMSProp", sourceUrl: "https://example.com/rmsprop" });
    const key = (t: string) => o.rooms.flatMap((r) => r.concepts).find((c) => c.title === t)!.key;
    expect(o.links).toEqual([
      { from: key("SGD with momentum"), to: key("Nesterov momentum"), label: "" },
      { from: key("Adam"), to: key("AdamW"), label: "" },
    ]);
  });

  it("puts bullets before any heading in a room named after the file, and keeps code in notes", () => {
    const o = parseMarkdownOutline("- One\n  ```\n  - not a bullet\n  ```\n- Two", "My notes");
    expect(titles(o)).toEqual([["My notes", ["One", "Two"]]]);
    expect(o.rooms[0]!.concepts[0]!.notes).toBe("```\n- not a bullet\n```");
  });

  it("moves an over-long bullet into the notes under a shortened title", () => {
    const long = "word ".repeat(60).trim();
    const o = parseMarkdownOutline(`- ${long}`, "t");
    const c = o.rooms[0]!.concepts[0]!;
    expect(c.title.length).toBeLessThanOrEqual(120);
    expect(c.title.endsWith("…")).toBe(true);
    expect(c.notes).toBe(long);
  });

  it("refuses bullets nested deeper than the limit, and titles an empty bullet, saying so", () => {
    const deep = Array.from({ length: IMPORT_MAX_DEPTH + 2 }, (_, i) => `${"  ".repeat(i)}- level ${i}`).join("\n");
    expect(refusal(() => parseMarkdownOutline(deep, "t"))).toBe(`The outline is nested more than ${IMPORT_MAX_DEPTH} levels deep, more than Engram imports.`);
    const o = parseMarkdownOutline("## Room\n- fine\n-   \n", "t");
    expect(titles(o)).toEqual([["Room", ["fine", "Untitled"]]]);
    expect(o.mended).toEqual(["Line 3: the bullet has no text, so it was titled “Untitled”."]);
  });
});

describe("OPML and FreeMind", () => {
  it("reads OPML: branches become rooms, leaves at the top a room named after the title", () => {
    const o = parseOpml(fixture("attention.opml"), "fallback");
    expect(o.title).toBe("Attention & friends");
    expect(titles(o)).toEqual([
      ["Attention & friends", ["Loose idea"]],
      ["Tokens", ["Embedding", "Positional encoding", "  RoPE"]],
      ["Attention", ["Queries, keys & values"]],
    ]);
    expect(o.rooms[1]!.concepts[0]!.notes).toBe("A learned table of vectors.");
    expect(o.links).toHaveLength(1);
  });

  it("reads a Freeplane map with rich text, notes and arrow links", () => {
    const o = parseFreeMind(fixture("losses.mm"), "fallback");
    expect(o.title).toBe("Losses");
    expect(titles(o)).toEqual([
      ["Classification", ["Cross-entropy", "  Label smoothing"]],
      ["Regression", ["Huber loss"]],
    ]);
    expect(o.rooms[0]!.concepts[0]!.notes).toBe("Negative log-likelihood of the right class.");
    const key = (t: string) => o.rooms.flatMap((r) => r.concepts).find((c) => c.title === t)!.key;
    expect(o.links).toContainEqual({ from: key("Label smoothing"), to: key("Huber loss"), label: "" });
  });

  it("mends the item with no text and the arrow to nowhere, naming each by its path", () => {
    const opml = parseOpml('<opml><body><outline text="A"><outline text="ok"/>\n<outline/></outline></body></opml>', "t");
    expect(opml.mended).toEqual(["Node “t › A › Untitled” (line 2) has no text, so it was titled “Untitled”."]);
    const map = parseFreeMind('<map><node TEXT="m"><node TEXT="r"><node TEXT="x" ID="A"><arrowlink DESTINATION="B"/></node></node></node></map>', "t");
    expect(map.mended).toEqual(["Node “m › r › x” (A) has an arrow to B, which the map does not have; the arrow was left out."]);
    expect(refusal(() => parseOpml("<map/>", "t"))).toMatch(/not an OPML file: its root element is <map>/);
  });

  it("refuses truncated, entity-expanding and too deeply nested XML", () => {
    const text = fixture("attention.opml");
    expect(refusal(() => parseOpml(text.slice(0, text.length - 40), "t"))).toMatch(/^The XML is not well formed: .+ on line \d+\. The file may be cut short or damaged\.$/);
    const laughs = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><opml><body><outline text="&lol2;"/></body></opml>';
    expect(refusal(() => parseOpml(laughs, "t"))).toMatch(/declares a document type or entities/);
    const deep = `<opml><body>${'<outline text="x">'.repeat(IMPORT_MAX_DEPTH + 1)}${"</outline>".repeat(IMPORT_MAX_DEPTH + 1)}</body></opml>`;
    expect(refusal(() => parseOpml(deep, "t"))).toMatch(/XML is nested more than/);
    expect(refusal(() => parseXml("<a>&nbsp;</a>"))).toMatch(/unknown entity "&nbsp;"/);
    expect(refusal(() => parseXml("<a></b>"))).toMatch(/<\/b> closes <a>/);
  });
});

describe("JSON Canvas", () => {
  it("puts cards in the group around them and keeps edges between cards", () => {
    const o = parseCanvas(fixture("board.canvas"), "Board");
    expect(titles(o)).toEqual([
      ["Board", ["https://arxiv.org/abs/1502.03167"]],
      ["Regularisation", ["Dropout", "Weight decay"]],
      ["Normalisation", ["BatchNorm", "LayerNorm"]],
    ]);
    const all = o.rooms.flatMap((r) => r.concepts);
    expect(all.find((c) => c.title === "Dropout")).toMatchObject({ notes: "Zeroes units at random.", color: "#e5484d" });
    expect(all.find((c) => c.title === "BatchNorm")).toMatchObject({ color: "#3366ff" });
    expect(all.find((c) => c.title === "LayerNorm")).toMatchObject({ notes: "File: notes/LayerNorm.md" });
    expect(all[0]).toMatchObject({ sourceUrl: "https://arxiv.org/abs/1502.03167" });
    expect(o.links.map((l) => l.label)).toEqual(["often replaced by", ""]);
  });

  it("names the broken node or edge", () => {
    const canvas = JSON.parse(fixture("board.canvas"));
    const broken = (change: (c: any) => void) => {
      const c = structuredClone(canvas);
      change(c);
      return JSON.stringify(c);
    };
    expect(refusal(() => parseCanvas(broken((c) => (c.nodes[3].x = "left")), "t"))).toBe("Node 4 (“b”), x: x must be a number.");
    expect(refusal(() => parseCanvas(broken((c) => (c.nodes[2].type = "sticker")), "t"))).toMatch(/^Node 3 \(“a”\), type: Type must be/);
    expect(refusal(() => parseCanvas(broken((c) => c.edges.push({ id: "e9", fromNode: "a", toNode: "zz" })), "t"))).toBe(
      "Edge 4 (“e9”) points to node “zz”, which the canvas does not have.",
    );
    expect(refusal(() => parseCanvas(broken((c) => (c.nodes[4].id = "a")), "t"))).toBe("Node 5 (“a”): another node already has this id.");
    expect(refusal(() => parseCanvas('{"nodes": [', "t"))).toMatch(/not valid JSON, so it may be cut short or damaged/);
  });
});

describe("the planner", () => {
  it("lays rooms out on a serpentine grid with a door to each next room, and converts cleanly", () => {
    const rooms = Array.from({ length: 5 }, (_, r) => ({
      name: `Room ${r + 1}`,
      concepts: Array.from({ length: r * 4 + 1 }, (_, c) => ({ key: `k${r}-${c}`, title: `C ${r}.${c}`, notes: "", tags: [], depth: 0 })),
    }));
    const file = planPalace({ title: "Grid", description: "", rooms, links: [{ from: "k0-0", to: "k1-0", label: "x" }, { from: "k1-0", to: "k0-0", label: "again" }] });
    expect(file.rooms.map((r) => [r.gridX / r.width, r.gridZ / r.depth])).toEqual([[0, 0], [1, 0], [2, 0], [2, 1], [1, 1]]);
    expect(file.doors.map((d) => [d.a, d.b])).toEqual([["room-1", "room-2"], ["room-2", "room-3"], ["room-3", "room-4"], ["room-4", "room-5"]]);
    expect(file.links).toEqual([{ from: "k0-0", to: "k1-0", label: "x" }]);
    const graph = seedToGraph(file, palaceRow);
    expect(graph.loci).toHaveLength(1 + 5 + 9 + 13 + 17);
  });

  it("splits a room too full for the largest room size", () => {
    const concepts = Array.from({ length: 400 }, (_, c) => ({ key: `k${c}`, title: `C${c}`, notes: "", tags: [], depth: 0 }));
    const file = planPalace({ title: "Big", description: "", rooms: [{ name: "Hall", concepts }], links: [] });
    expect(file.rooms.map((r) => r.name)).toEqual(["Hall", "Hall (2)"]);
    expect(() => seedToGraph(file, palaceRow)).not.toThrow();
  });

  it("refuses a file with nothing to import", () => {
    expect(refusal(() => planPalace({ title: "t", description: "", rooms: [{ name: "r", concepts: [] }], links: [] }))).toBe(
      "The file holds no concepts to import.",
    );
  });

  it("shortens titles only when they are too long", () => {
    expect(titleAndNotes("  Short   one ")).toEqual({ title: "Short one", notes: "" });
  });
});

describe("reading a file", () => {
  it("tells the format from the name or, failing that, the content", () => {
    expect(detectFormat("a.md", "")).toBe("markdown");
    expect(detectFormat("a.mm", "")).toBe("freemind");
    expect(detectFormat("a.canvas", "")).toBe("canvas");
    expect(detectFormat("a.json", '{ "format": "engram-palace" }')).toBe("engram");
    expect(detectFormat("a.json", '{ "nodes": [], "edges": [] }')).toBe("canvas");
    expect(detectFormat("x", "<?xml?><opml>")).toBe("opml");
    expect(detectFormat("x", "- a bullet")).toBe("markdown");
    expect(titleFromFileName("C:\\notes\\deep_learning-notes.md")).toBe("deep learning notes");
  });

  it("imports every fixture into a palace that converts cleanly", () => {
    for (const name of ["optimisers.md", "attention.opml", "losses.mm", "board.canvas"]) {
      const { palace } = readImport({ format: "auto", fileName: name, bytes: bytes(fixture(name)) });
      expect(() => seedToGraph(palace, palaceRow), name).not.toThrow();
      expect(palace.concepts.length, name).toBeGreaterThanOrEqual(3);
    }
  });

  it("refuses oversized, compressed, non-UTF-8, binary and empty files with a clear message", () => {
    expect(refusal(() => decodeText(new Uint8Array(5 * 1024 * 1024 + 1)))).toBe("The file is larger than 5 MB, the most Engram imports.");
    expect(refusal(() => decodeText(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])))).toBe(
      "The file is a compressed archive. Unpack it and import the file inside.",
    );
    expect(refusal(() => decodeText(new Uint8Array([0x1f, 0x8b, 8, 0])))).toMatch(/compressed archive/);
    expect(refusal(() => decodeText(new Uint8Array([0x2d, 0x20, 0xe9, 0x74, 0xe9])))).toBe(
      "The file is not UTF-8 text. Save it as UTF-8 and import it again.",
    );
    expect(refusal(() => decodeText(new Uint8Array([0x41, 0x00, 0x42])))).toBe("The file holds binary data, not text.");
    expect(refusal(() => decodeText(new Uint8Array()))).toBe("The file is empty.");
    expect(decodeText(bytes("\ufeff- a"))).toBe("- a");
  });

  it("measures JSON nesting without parsing, ignoring brackets in strings", () => {
    expect(jsonDepth('{"a": [1, {"b": "[[[["}]}')).toBe(3);
    const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    expect(refusal(() => readImport({ format: "auto", fileName: "deep.json", bytes: bytes(deep) }))).toMatch(/JSON is nested more than/);
    expect(refusal(() => readImport({ format: "canvas", fileName: "deep.canvas", bytes: bytes(`{"nodes":${deep}}`) }))).toMatch(/JSON is nested more than/);
  });

  it("keeps the tags past the limit in the notes and renames a second room of the same name", () => {
    const md = `## Room\n- ok\n- many tags ${Array.from({ length: 13 }, (_, i) => `#t${i}`).join(" ")}\n## Room\n- again`;
    const { palace, report } = readImport({ format: "markdown", fileName: "t.md", bytes: bytes(md) });
    expect(palace.concepts[1]).toMatchObject({ title: "many tags", notes: "More tags: t12" });
    expect(palace.concepts[1]!.tags).toHaveLength(12);
    expect(palace.rooms.map((r) => r.name)).toEqual(["Room", "Room (2)"]);
    expect(report).toEqual([
      "Line 3: it had 13 tags; the first 12 were kept and the rest listed in the notes.",
      "Another room is already named “Room”, so this one is named “Room (2)”.",
    ]);
  });
});
