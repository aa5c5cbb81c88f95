// JSON Canvas (jsoncanvas.org, Obsidian's open format): groups become rooms, text, file and
// link cards become concepts in the smallest group around their centre, edges become links.
import { z } from "zod";
import { invalid } from "../domain/errors";
import { IMPORT_MAX_DEPTH, jsonDepth, tooDeep } from "./limits.logic";
import { Mends } from "./mend.logic";
import type { Outline, OutlineConcept, OutlineRoom } from "./outline";
import { titleAndNotes } from "./plan.logic";

const num = (what: string) => z.number({ message: `${what} must be a number.` }).finite(`${what} must be a finite number.`);

const ZCanvasNode = z.object({
  id: z.string({ message: "Every node needs an id." }).min(1, "Every node needs an id."),
  type: z.enum(["text", "file", "link", "group"], { message: 'Type must be "text", "file", "link" or "group".' }),
  x: num("x"),
  y: num("y"),
  width: num("width").nonnegative("width cannot be negative."),
  height: num("height").nonnegative("height cannot be negative."),
  text: z.string().optional(),
  file: z.string().optional(),
  url: z.string().optional(),
  label: z.string().optional(),
  color: z.string().optional(),
});

const ZCanvasEdge = z.object({
  id: z.string({ message: "Every edge needs an id." }).min(1, "Every edge needs an id."),
  fromNode: z.string({ message: "An edge needs a fromNode." }),
  toNode: z.string({ message: "An edge needs a toNode." }),
  label: z.string().optional(),
});

const ZCanvas = z.object({
  nodes: z.array(ZCanvasNode, { message: "A canvas needs a nodes list." }),
  edges: z.array(ZCanvasEdge, { message: "Edges must be a list." }).default([]),
});

// Obsidian's six preset colours, as the hex colour a locus needs.
const PRESET: Record<string, string> = { "1": "#e5484d", "2": "#f28c28", "3": "#e8c33c", "4": "#3d9970", "5": "#22a6b3", "6": "#7b6cd9" };

type CanvasNode = z.infer<typeof ZCanvasNode>;

function cardText(node: CanvasNode): { title: string; notes: string; sourceUrl?: string } {
  if (node.type === "file") {
    const name = (node.file ?? "").split("/").pop()!.replace(/\.[^.]+$/, "");
    return { ...titleAndNotes(name), notes: node.file ? `File: ${node.file}` : "" };
  }
  if (node.type === "link") {
    const url = node.url ?? "";
    return { ...titleAndNotes(url), ...(/^https?:\/\//.test(url) ? { sourceUrl: url } : {}) };
  }
  const lines = (node.text ?? "").trim().split(/\r?\n/);
  const first = (lines.shift() ?? "").replace(/^#+\s*/, "").replace(/(\*\*|__)(.+?)\1/g, "$2");
  return titleAndNotes(first, lines.join("\n").trim());
}

export function parseCanvas(text: string, fallbackTitle: string): Outline {
  if (jsonDepth(text) > IMPORT_MAX_DEPTH) tooDeep("JSON");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw invalid(`The file is not valid JSON, so it may be cut short or damaged (${(e as Error).message}).`);
  }
  const parsed = ZCanvas.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const [list, index, ...rest] = issue.path;
    if ((list === "nodes" || list === "edges") && typeof index === "number") {
      const item = (json as Record<string, { id?: unknown }[]>)[list]?.[index];
      const id = typeof item?.id === "string" ? ` (“${item.id.slice(0, 40)}”)` : "";
      throw invalid(`${list === "nodes" ? "Node" : "Edge"} ${index + 1}${id}${rest.length ? `, ${rest.join(".")}` : ""}: ${issue.message}`);
    }
    throw invalid(`This is not a JSON Canvas file: ${issue.message}`);
  }
  const { nodes, edges } = parsed.data;
  const seen = new Set<string>();
  nodes.forEach((n, i) => {
    if (seen.has(n.id)) throw invalid(`Node ${i + 1} (“${n.id}”): another node already has this id.`);
    seen.add(n.id);
  });

  const mends = new Mends();
  const reading = (a: CanvasNode, b: CanvasNode) => a.y - b.y || a.x - b.x;
  const groups = nodes.filter((n) => n.type === "group").sort(reading);
  const rooms = new Map<string, OutlineRoom>(groups.map((g, i) => [g.id, { name: g.label?.trim() || `Group ${i + 1}`, concepts: [] }]));
  const loose: OutlineRoom = { name: fallbackTitle, concepts: [] };
  const keyOf = new Map<string, string>();
  nodes
    .filter((n) => n.type !== "group")
    .sort(reading)
    .forEach((n, i) => {
      const cx = n.x + n.width / 2;
      const cy = n.y + n.height / 2;
      const around = groups
        .filter((g) => cx >= g.x && cx <= g.x + g.width && cy >= g.y && cy <= g.y + g.height)
        .sort((a, b) => a.width * a.height - b.width * b.height)[0];
      const card = cardText(n);
      if (!card.title) {
        mends.add(`Node ${nodes.indexOf(n) + 1} (“${n.id.slice(0, 40)}”): the card is empty, so it was titled “Untitled”.`);
        card.title = "Untitled";
      }
      const key = `canvas-${i + 1}`;
      keyOf.set(n.id, key);
      const concept: OutlineConcept = {
        key,
        title: card.title,
        notes: card.notes,
        tags: [],
        depth: 0,
        ...(card.sourceUrl ? { sourceUrl: card.sourceUrl } : {}),
        ...(n.color ? { color: PRESET[n.color] ?? (/^#[0-9a-fA-F]{6}$/.test(n.color) ? n.color : undefined) } : {}),
      };
      if (concept.color === undefined) delete concept.color;
      (around ? rooms.get(around.id)! : loose).concepts.push(concept);
    });

  const links: Outline["links"] = [];
  edges.forEach((e, i) => {
    for (const end of [e.fromNode, e.toNode]) {
      if (!seen.has(end)) throw invalid(`Edge ${i + 1} (“${e.id}”) points to node “${end}”, which the canvas does not have.`);
    }
    const from = keyOf.get(e.fromNode);
    const to = keyOf.get(e.toNode);
    // Edges that touch a group join rooms, which Engram shows as doors, not links.
    if (from && to && from !== to) links.push({ from, to, label: (e.label ?? "").trim() });
  });
  return { title: fallbackTitle, description: "", rooms: [...(loose.concepts.length ? [loose] : []), ...rooms.values()], links, mended: mends.report() };
}
