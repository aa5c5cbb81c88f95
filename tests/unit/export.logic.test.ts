import { describe, expect, it } from "vitest";
import { type PalaceSnapshot, exportFileName, toAnki, toCanvas, toEngramJson, toFilePalace, toMarkdown } from "~/server/domain/transfer/export.logic";
import { parseEngramFile } from "~/server/domain/transfer/import.logic";
import { seedToGraph } from "~/server/seed/seed.logic";

/** Two rooms, a door, three placed concepts (out of creation order), one in the inbox, links. */
function snapshot(): PalaceSnapshot {
  return {
    palace: { title: "Attention: a tour", description: "Queries\tmeet keys." },
    rooms: [
      { id: "r-b", name: "Hall of Keys", gridX: 8, gridZ: 0, width: 6, depth: 8, height: 3.5, theme: "slate" },
      { id: "r-a", name: "Hall of Queries", gridX: 0, gridZ: 0, width: 8, depth: 8, height: 3.5, theme: "sandstone" },
    ],
    doors: [{ roomAId: "r-b", roomBId: "r-a", position: 4, width: 1.4 }],
    concepts: [
      { id: "c-3", title: "Softmax", kind: "layer", tags: ["attention"], notes: "Turns scores into **weights**.\nSum to one.", sourceUrl: null },
      { id: "c-1", title: "Query", kind: "other", tags: ["attention", "q k v"], notes: "What a token looks for.", sourceUrl: "https://example.com/q" },
      { id: "c-2", title: "Key", kind: "other", tags: [], notes: "", sourceUrl: null },
      { id: "c-4", title: "Temperature", kind: "technique", tags: [], notes: "Divide logits\tbefore softmax.", sourceUrl: null },
    ],
    loci: [
      { conceptId: "c-2", roomId: "r-b", x: 2, y: 0, z: 2, rotationY: 0, shape: "cube", color: "#4f7cac", routeOrder: 2 },
      { conceptId: "c-1", roomId: "r-a", x: 1, y: 0, z: 1, rotationY: 0.5, shape: "pedestal", color: "#c0392b", routeOrder: 1 },
      { conceptId: "c-3", roomId: "r-b", x: 4, y: 1, z: 6, rotationY: 0, shape: "sphere", color: "#3d9970", routeOrder: 3 },
    ],
    links: [
      { fromConceptId: "c-1", toConceptId: "c-2", label: "matched against" },
      { fromConceptId: "c-4", toConceptId: "c-3", label: "" },
    ],
  };
}

describe("Engram JSON", () => {
  it("writes a versioned file that reads back into the same palace", () => {
    const text = toEngramJson(snapshot(), new Date("2026-01-02T03:04:05Z"));
    const file = JSON.parse(text);
    expect(file).toMatchObject({ format: "engram-palace", version: 1, exportedAt: "2026-01-02T03:04:05.000Z" });
    expect(parseEngramFile(text)).toEqual(toFilePalace(snapshot()));
    const palace = file.palace;
    expect(palace.rooms.map((r: { name: string }) => r.name)).toEqual(["Hall of Queries", "Hall of Keys"]);
    expect(palace.concepts.map((c: { title: string }) => c.title)).toEqual(["Query", "Key", "Softmax", "Temperature"]);
    expect(palace.concepts[3].place).toBeUndefined();
    expect(palace.concepts[2].place).toMatchObject({ room: "room-2", y: 1, shape: "sphere" });
    expect(palace.doors).toEqual([{ a: "room-1", b: "room-2", position: 4, width: 1.4 }]);
    expect(palace.links).toEqual([
      { from: "concept-1", to: "concept-2", label: "matched against" },
      { from: "concept-4", to: "concept-3", label: "" },
    ]);
    const graph = seedToGraph(parseEngramFile(text), { id: "11111111-1111-4111-8111-111111111111", title: "T", description: "", visibility: "private" });
    expect(graph.loci.map((l) => l.routeOrder)).toEqual([1, 2, 3]);
  });

  it("does not depend on the order rows come in", () => {
    const s = snapshot();
    const shuffled = { ...s, rooms: [...s.rooms].reverse(), concepts: [...s.concepts].reverse(), links: [...s.links].reverse(), loci: [...s.loci].reverse() };
    const now = new Date(0);
    expect(toEngramJson(shuffled, now)).toBe(toEngramJson(s, now));
  });
});

describe("Markdown outline", () => {
  it("puts rooms as headings in walking order, concepts numbered by route, inbox last", () => {
    const md = toMarkdown(snapshot());
    expect(md).toBe(`# Attention: a tour

Queries\tmeet keys.

## Hall of Queries

1. **Query** (other · #attention · #q-k-v)

   What a token looks for.

   Links: matched against → Key

   Source: <https://example.com/q>

## Hall of Keys

2. **Key** (other)

3. **Softmax** (layer · #attention)

   Turns scores into **weights**.
   Sum to one.

## Inbox (not placed yet)

- **Temperature** (technique)

  Divide logits\tbefore softmax.

  Links: → Softmax
`);
  });
});

describe("JSON Canvas", () => {
  it("draws rooms as groups under concept cards, with edges between existing nodes", () => {
    const canvas = JSON.parse(toCanvas(snapshot()));
    const ids = canvas.nodes.map((n: { id: string }) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
    const firstText = canvas.nodes.findIndex((n: { type: string }) => n.type === "text");
    expect(canvas.nodes.slice(firstText).every((n: { type: string }) => n.type === "text")).toBe(true);
    expect(canvas.nodes.filter((n: { type: string }) => n.type === "group").map((n: { label: string }) => n.label)).toEqual([
      "Hall of Queries",
      "Hall of Keys",
      "Inbox (not placed yet)",
    ]);
    for (const n of canvas.nodes) {
      for (const k of ["x", "y", "width", "height"]) expect(Number.isInteger(n[k]), `${n.id}.${k}`).toBe(true);
    }
    const query = canvas.nodes.find((n: { text?: string }) => n.text?.startsWith("## Query"));
    expect(query).toMatchObject({ x: 1 * 200 - 120, y: 1 * 200 - 60, color: "#c0392b", text: "## Query\n\nWhat a token looks for." });
    const keysRoom = canvas.nodes.find((n: { label?: string }) => n.label === "Hall of Keys");
    expect(keysRoom).toMatchObject({ x: 1600, y: 0, width: 1200, height: 1600 });
    for (const e of canvas.edges) {
      expect(ids).toContain(e.fromNode);
      expect(ids).toContain(e.toNode);
    }
    expect(canvas.edges[0]).toMatchObject({ label: "matched against", toEnd: "arrow" });
    expect(canvas.edges[1].label).toBeUndefined();
  });
});

describe("Anki text file", () => {
  it("writes Anki's header lines and one three-column note per stop", () => {
    const lines = toAnki(snapshot()).trimEnd().split("\n");
    expect(lines.slice(0, 6)).toEqual([
      "#separator:tab",
      "#html:true",
      "#notetype:Basic",
      "#deck:Engram::Attention: a tour",
      "#columns:Front\tBack\tTags",
      "#tags column:3",
    ]);
    const notes = lines.slice(6).map((l) => l.split("\t"));
    expect(notes).toHaveLength(3);
    for (const n of notes) expect(n).toHaveLength(3);
    expect(notes[0]).toEqual([
      "Hall of Queries, stop 1 of 3, on a red pedestal in the north-west corner",
      "<b>Query</b><br><br>What a token looks for.",
      "engram::attention-a-tour other attention q_k_v",
    ]);
    expect(notes[2]![1]).toBe("<b>Softmax</b><br><br>Turns scores into <b>weights</b>.<br>Sum to one.");
  });

  it("escapes HTML and keeps tabs and line breaks out of the fields", () => {
    const s = snapshot();
    s.concepts[0] = { ...s.concepts[0]!, title: "a < b\tc", notes: "x & y\t<script>" };
    s.rooms[1] = { ...s.rooms[1]!, name: "Tab\there" };
    const rows = toAnki(s).trimEnd().split("\n").slice(6);
    for (const row of rows) expect(row.split("\t")).toHaveLength(3);
    expect(rows[2]).toContain("<b>a &lt; b c</b><br><br>x &amp; y &lt;script&gt;");
    expect(rows[0]).toMatch(/^Tab here, stop 1 of 3/);
    expect(rows[1]).toMatch(/^Hall of Keys, stop 2 of 3/);
  });
});

describe("file names", () => {
  it("are the title as a slug with the format's extension", () => {
    expect(exportFileName("Attention: a tour", "engram")).toBe("attention-a-tour.engram.json");
    expect(exportFileName("Ünïcode — ok", "canvas")).toBe("ünïcode-ok.canvas");
    expect(exportFileName("???", "anki")).toBe("palace.anki.txt");
    expect(exportFileName("x", "markdown")).toBe("x.md");
  });
});
