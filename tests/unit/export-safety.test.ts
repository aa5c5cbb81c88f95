// Every exporter fed the XSS corpus in every text field: what comes out must be safe to open in
// whatever previews it. HTML is read back with a real parser, not searched for by pattern.
import { parseDocument } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { ZTags } from "~/server/domain/concept/concept.schema";
import { type PalaceSnapshot, toAnki, toCanvas, toMarkdown } from "~/server/domain/transfer/export.logic";
import { XSS_CORPUS } from "../helpers/arbitraries";

function hostile(): PalaceSnapshot {
  const all = XSS_CORPUS.join(" ");
  return {
    palace: { title: XSS_CORPUS[0]!, description: all },
    rooms: XSS_CORPUS.map((name, i) => ({ id: `r-${i}`, name, gridX: i * 8, gridZ: 0, width: 8, depth: 8, height: 3.5, theme: "slate" as const })),
    doors: [],
    concepts: XSS_CORPUS.map((text, i) => ({
      id: `c-${i}`,
      title: text,
      kind: "other" as const,
      // Tags written before tags refused markup are still in the database.
      tags: [text.slice(0, 30)],
      notes: `${text}\n\n[link](${text.replace(/^.*?(javascript:)/, "$1")}) [data](data:text/html;base64,PHNjcmlwdD4=) [ok](https://example.com)\n\n[ref]: javascript:alert(1)`,
      sourceUrl: null,
    })),
    loci: XSS_CORPUS.map((_, i) => ({ conceptId: `c-${i}`, roomId: `r-${i}`, x: 2, y: 0, z: 2, rotationY: 0, shape: "cube" as const, color: "#4f7cac", routeOrder: i + 1 })),
    links: XSS_CORPUS.slice(1).map((label, i) => ({ fromConceptId: `c-${i}`, toConceptId: `c-${i + 1}`, label })),
  };
}

type Node = ReturnType<typeof parseDocument>["children"][number];
/** Names of the elements an HTML reader finds in the text. */
function elements(html: string): string[] {
  const names: string[] = [];
  const walk = (nodes: Node[]) => {
    for (const n of nodes) {
      if ("name" in n) names.push(n.name);
      if ("children" in n) walk(n.children);
    }
  };
  walk(parseDocument(html).children);
  return names;
}

/** Link targets a Markdown reader would follow: inline, images and reference definitions. */
const markdownTargets = (md: string) => [...md.matchAll(/\]\(\s*([^)\s]*)/g), ...md.matchAll(/^\s*\[[^\]]+\]:\s*(\S+)/gm)].map((m) => m[1]!);
// eslint-disable-next-line no-control-regex -- control characters are what browsers strip
const unsafeTarget = (url: string) => /^\s*(javascript|data|vbscript):/i.test(url.replace(/[\u0000-\u0020]+/g, ""));

describe("exports of hostile text", () => {
  it("Markdown shows every piece of markup as text and drops script and data link targets", () => {
    const md = toMarkdown(hostile());
    // Engram's own autolinks (Source: <https://…>) are the only angle brackets it writes.
    expect(elements(md.replace(/<https:\/\/[^>\s]+>/g, ""))).toEqual([]);
    const targets = markdownTargets(md);
    expect(targets).toContain("https://example.com");
    expect(targets.filter(unsafeTarget)).toEqual([]);
    expect(md).toContain("&lt;script&gt;window.__xss=1&lt;/script&gt;");
  });

  it("JSON Canvas cards and labels likewise", () => {
    const canvas = JSON.parse(toCanvas(hostile())) as { nodes: { text?: string; label?: string }[]; edges: { label?: string }[] };
    const texts = [...canvas.nodes.flatMap((n) => [n.text ?? "", n.label ?? ""]), ...canvas.edges.map((e) => e.label ?? "")];
    expect(texts.filter((t) => t.includes("__xss")).length).toBeGreaterThan(XSS_CORPUS.length);
    for (const text of texts) {
      expect(elements(text), text).toEqual([]);
      expect(markdownTargets(text).filter(unsafeTarget), text).toEqual([]);
    }
  });

  it("Anki fields hold only the formatting Engram writes, and the deck and tags no markup at all", () => {
    const lines = toAnki(hostile()).trimEnd().split("\n");
    const deck = lines.find((l) => l.startsWith("#deck:"))!;
    expect(deck).toBe("#deck:Engram::&lt;script&gt;window.__xss=1&lt;/script&gt;");
    const notes = lines.filter((l) => !l.startsWith("#"));
    expect(notes).toHaveLength(XSS_CORPUS.length);
    for (const line of notes) {
      const [front, back, tags] = line.split("\t") as [string, string, string];
      expect(elements(front)).toEqual([]);
      expect(elements(back).every((n) => ["b", "i", "br"].includes(n)), back).toBe(true);
      expect(tags, tags).not.toMatch(/[<>"'&]/);
    }
  });
});

describe("tags", () => {
  it("refuse angle brackets and quotes", () => {
    for (const tag of ["<script>", "a>b", 'say "hi"', "it's"]) {
      expect(ZTags.safeParse([tag]).error?.issues[0]?.message, tag).toBe("Tags cannot contain <, >, quotes or backticks.");
    }
    expect(ZTags.parse(["Deep learning"])).toEqual(["deep learning"]);
  });
});
