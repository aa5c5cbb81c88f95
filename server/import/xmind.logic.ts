// XMind files: a zip holding content.json (XMind Zen, 2020 and later) or content.xml (XMind 8
// and before). Topics become concepts under the same room rules as other maps, relationships
// labelled links, notes notes, labels and markers tags. Only the content part is unpacked,
// with the same zip-bomb checks as .keras models.
import { unzipSync } from "fflate";
import { invalid } from "../domain/errors";
import { IMPORT_MAX_DEPTH, jsonDepth, tooDeep } from "./limits.logic";
import { Mends } from "./mend.logic";
import { type MapNode, toOutline } from "./mindmap.logic";
import type { Outline } from "./outline";
import { parseXml, type XmlElement } from "./xml.logic";

/** Largest content part unpacked: far more than any map's text. */
export const XMIND_CONTENT_MAX_BYTES = 32 * 1024 * 1024;
/** Real content compresses by 5 to 20 times; hundreds of times is a bomb. */
const MAX_RATIO = 200;
const PARTS = new Set(["content.json", "content.xml"]);

/** Whether a zip's first bytes name an XMind content part. */
export function looksLikeXmind(head: Uint8Array): boolean {
  const text = new TextDecoder("latin1").decode(head.subarray(0, 64 * 1024));
  return text.startsWith("PK\u0003\u0004") && /content\.(json|xml)/.test(text);
}

function unpack(bytes: Uint8Array): Record<string, string> {
  let refusal: string | null = null;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        if (!PARTS.has(f.name)) return false;
        if (f.originalSize > XMIND_CONTENT_MAX_BYTES) {
          refusal = `The archive's ${f.name} would unpack to ${Math.round(f.originalSize / 1024 / 1024)} MB, more than the ${XMIND_CONTENT_MAX_BYTES / 1024 / 1024} MB any map needs; it looks like a zip bomb.`;
          return false;
        }
        if (f.size > bytes.length || (f.originalSize > 1024 * 1024 && f.originalSize > f.size * MAX_RATIO)) {
          refusal = `The archive's ${f.name} claims to expand ${Math.round(f.originalSize / Math.max(1, f.size))} times when unpacked, which no real map does; it looks like a zip bomb.`;
          return false;
        }
        return true;
      },
    });
  } catch {
    throw invalid("The .xmind file is a damaged zip archive; it may be cut short. Save it again from XMind and import the new file.");
  }
  if (refusal) throw invalid(refusal);
  const out: Record<string, string> = {};
  for (const [name, data] of Object.entries(files)) {
    try {
      out[name] = new TextDecoder("utf-8", { fatal: true }).decode(data).replace(/^\uFEFF/, "");
    } catch {
      throw invalid(`The archive's ${name} is not UTF-8 text, so the .xmind file is damaged.`);
    }
  }
  return out;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === "string" ? v : "");

function jsonTopic(t: unknown, where: string, depth: number): MapNode {
  if (!isObject(t)) throw invalid(`${where} is not a topic (it should be an object with a title).`);
  if (depth > IMPORT_MAX_DEPTH) tooDeep("map");
  const id = str(t.id);
  const notes = isObject(t.notes) ? t.notes : {};
  const plain = isObject(notes.plain) ? str(notes.plain.content) : "";
  const children = isObject(t.children) ? t.children : {};
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? (v as unknown[]) : []);
  const kids = [...list(children.attached), ...list(children.detached)];
  const labels = Array.isArray(t.labels) ? t.labels.map(str) : [];
  const markers = Array.isArray(t.markers) ? t.markers.map((m) => (isObject(m) ? str(m.markerId) : "")) : [];
  const image = isObject(t.image) ? str(t.image.src) : "";
  const href = str(t.href);
  const title = str(t.title);
  return {
    ...(id ? { id } : {}),
    text: title,
    notes: [plain.trim(), href && !/^https?:\/\//i.test(href) ? `Link: ${href}` : ""].filter(Boolean).join("\n\n"),
    tags: [...labels, ...markers].filter(Boolean),
    ...(/^https?:\/\//i.test(href) && href.length <= 2000 ? { sourceUrl: href } : {}),
    images: image ? [image] : [],
    arrows: [],
    ref: () => (id ? `topic ${id}` : where),
    children: kids.map((k, i) => jsonTopic(k, `${where}, subtopic ${i + 1}`, depth + 1)),
  };
}

function xmlTopic(el: XmlElement, depth: number): MapNode {
  if (depth > IMPORT_MAX_DEPTH) tooDeep("map");
  const child = (name: string) => el.children.find((c) => c.name === name);
  const id = el.attributes.id ?? "";
  const notes = child("notes");
  const plain = notes?.children.find((c) => c.name === "plain")?.text ?? "";
  const labels = child("labels")?.children.filter((c) => c.name === "label").map((c) => c.text.trim()) ?? [];
  const markers = child("marker-refs")?.children.map((c) => c.attributes["marker-id"] ?? "") ?? [];
  const img = el.children.find((c) => c.name === "xhtml:img");
  const href = el.attributes["xlink:href"] ?? "";
  const kids = (child("children")?.children ?? []).filter((c) => c.name === "topics").flatMap((t) => t.children.filter((c) => c.name === "topic"));
  return {
    ...(id ? { id } : {}),
    text: child("title")?.text ?? "",
    notes: [plain.trim(), href && !/^https?:\/\//i.test(href) ? `Link: ${href}` : ""].filter(Boolean).join("\n\n"),
    tags: [...labels, ...markers].filter(Boolean),
    ...(/^https?:\/\//i.test(href) && href.length <= 2000 ? { sourceUrl: href } : {}),
    images: img?.attributes["xhtml:src"] ? [img.attributes["xhtml:src"]] : [],
    arrows: [],
    ref: () => `topic ${id}`,
    children: kids.map((k) => xmlTopic(k, depth + 1)),
  };
}

interface Sheet {
  title: string;
  root: MapNode;
  relationships: { from: string; to: string; label: string }[];
}

function jsonSheets(text: string): Sheet[] {
  if (jsonDepth(text) > IMPORT_MAX_DEPTH * 2) tooDeep("map");
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw invalid(`The .xmind file's content.json is not valid JSON, so the file is damaged (${(e as Error).message}).`);
  }
  if (!Array.isArray(doc)) throw invalid("The .xmind file's content.json holds no list of sheets, so it is not an XMind map.");
  return doc.map((sheet, i) => {
    const where = `Sheet ${i + 1}`;
    if (!isObject(sheet) || !isObject(sheet.rootTopic)) throw invalid(`${where} of the .xmind file has no central topic.`);
    const relationships = (Array.isArray(sheet.relationships) ? sheet.relationships : []).filter(isObject).map((r) => ({
      from: str(r.end1Id),
      to: str(r.end2Id),
      label: str(r.title),
    }));
    return { title: str(sheet.title), root: jsonTopic(sheet.rootTopic, `${where}, central topic`, 0), relationships };
  });
}

function xmlSheets(text: string): Sheet[] {
  const root = parseXml(text);
  if (root.name !== "xmap-content") throw invalid(`The .xmind file's content.xml starts with <${root.name}>, not <xmap-content>, so it is not an XMind map.`);
  return root.children
    .filter((c) => c.name === "sheet")
    .map((sheet, i) => {
      const topic = sheet.children.find((c) => c.name === "topic");
      if (!topic) throw invalid(`Sheet ${i + 1} of the .xmind file has no central topic.`);
      const relationships = (sheet.children.find((c) => c.name === "relationships")?.children ?? []).map((r) => ({
        from: r.attributes.end1 ?? "",
        to: r.attributes.end2 ?? "",
        label: r.children.find((c) => c.name === "title")?.text ?? "",
      }));
      return { title: sheet.children.find((c) => c.name === "title")?.text ?? "", root: xmlTopic(topic, 0), relationships };
    });
}

export function parseXmind(bytes: Uint8Array, fallbackTitle: string): Outline {
  const parts = unpack(bytes);
  const sheets = parts["content.json"] !== undefined ? jsonSheets(parts["content.json"]) : parts["content.xml"] !== undefined ? xmlSheets(parts["content.xml"]) : null;
  if (!sheets) throw invalid("The archive holds neither content.json nor content.xml, so it is not an XMind map.");
  if (sheets.length === 0) throw invalid("The XMind map has no sheets, so it holds nothing to import.");
  const mends = new Mends();
  const byId = new Map<string, MapNode>();
  const index = (n: MapNode) => {
    if (n.id) byId.set(n.id, n);
    n.children.forEach(index);
  };
  sheets.forEach((s) => index(s.root));
  for (const r of sheets.flatMap((s) => s.relationships)) {
    const from = byId.get(r.from);
    if (from) from.arrows.push({ to: r.to, label: r.label.replace(/\s+/g, " ").trim().slice(0, 80) });
    else mends.add(`A relationship starts at topic ${r.from || "(none)"}, which the map does not have; it was left out.`);
  }
  if (sheets.length === 1) {
    const [sheet] = sheets as [Sheet];
    const title = sheet.root.text.replace(/\s+/g, " ").trim() || sheet.title.trim() || fallbackTitle;
    return toOutline(title.slice(0, 120), sheet.root.notes.slice(0, 2000), sheet.root.children, mends);
  }
  // Several sheets: each becomes a room of its own, named after the sheet, holding its map.
  mends.add(`The map has ${sheets.length} sheets; each became a room named after its sheet.`);
  const top = sheets.map((s, i): MapNode => ({ text: s.title.trim() || `Sheet ${i + 1}`, notes: "", tags: [], images: [], arrows: [], ref: () => `sheet ${i + 1}`, children: [s.root] }));
  return toOutline(fallbackTitle, "", top, mends);
}
