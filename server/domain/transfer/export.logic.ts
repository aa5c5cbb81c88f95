// Writes a loaded palace in each export format. Pure: takes plain rows, returns text, so every
// format is unit-tested without a database.
import type { TConceptKind } from "../concept/concept.schema";
import type { TLocusShape } from "../locus/locus.schema";
import type { TRoomTheme } from "../room/room.schema";
import { placeInRoom, stopCue } from "../route/route.logic";
import { ENGRAM_FORMAT, ENGRAM_VERSION, type TEngramFile, type TFilePalace } from "./transfer.schema";

export interface PalaceSnapshot {
  palace: { title: string; description: string };
  rooms: { id: string; name: string; gridX: number; gridZ: number; width: number; depth: number; height: number; theme: TRoomTheme }[];
  doors: { roomAId: string; roomBId: string; position: number; width: number }[];
  concepts: { id: string; title: string; kind: TConceptKind; tags: string[]; notes: string; sourceUrl: string | null }[];
  loci: {
    conceptId: string;
    roomId: string;
    x: number;
    y: number;
    z: number;
    rotationY: number;
    shape: TLocusShape;
    color: string;
    routeOrder: number;
  }[];
  links: { fromConceptId: string; toConceptId: string; label: string }[];
  /** Pictures by concept; `display` is only loaded for the formats that carry the bytes. */
  pictures?: { conceptId: string; hash: string; width: number; height: number; display?: Uint8Array }[];
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A canonical order that does not depend on ids, so exporting an imported palace gives the
 * same file again: placed concepts in route order, then the inbox by title; rooms in the order
 * the route first enters them, unvisited rooms by position.
 */
function walkOrder(s: PalaceSnapshot) {
  const locusOf = new Map(s.loci.map((l) => [l.conceptId, l]));
  const placed = s.concepts.filter((c) => locusOf.has(c.id)).sort((a, b) => locusOf.get(a.id)!.routeOrder - locusOf.get(b.id)!.routeOrder);
  const inbox = s.concepts.filter((c) => !locusOf.has(c.id)).sort((a, b) => byText(a.title, b.title) || byText(a.notes, b.notes));
  const firstStop = new Map<string, number>();
  for (const l of s.loci) firstStop.set(l.roomId, Math.min(firstStop.get(l.roomId) ?? Infinity, l.routeOrder));
  const rooms = [...s.rooms].sort(
    (a, b) => (firstStop.get(a.id) ?? Infinity) - (firstStop.get(b.id) ?? Infinity) || a.gridZ - b.gridZ || a.gridX - b.gridX,
  );
  const conceptRank = new Map([...placed, ...inbox].map((c, i) => [c.id, i]));
  const links = [...s.links].sort(
    (a, b) =>
      conceptRank.get(a.fromConceptId)! - conceptRank.get(b.fromConceptId)! ||
      conceptRank.get(a.toConceptId)! - conceptRank.get(b.toConceptId)! ||
      byText(a.label, b.label),
  );
  return { placed, inbox, locusOf, rooms, links };
}

const isSafeUrl = (url: string) => {
  // Browsers drop tabs, line breaks and leading spaces from a URL before reading its scheme.
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
  const bare = url.replace(/[\u0000-\u0020\u007f]+/g, "").toLowerCase();
  return !/^[a-z][a-z0-9+.-]*:/.test(bare) || /^(https?|mailto):/.test(bare);
};

/**
 * Text safe in whatever previews a Markdown file: HTML is shown as text, never run, and links
 * or images to anything but web pages and mail (javascript:, data:, vbscript:…) lose their target.
 */
export function safeMarkdown(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\]\(\s*([^)\s]*)/g, (whole, url: string) => (isSafeUrl(url) ? whole : "](#unsafe-link-removed"))
    .replace(/^(\s*\[[^\]]+\]:\s*)(\S+)/gm, (whole, lead: string, url: string) => (isSafeUrl(url) ? whole : `${lead}#unsafe-link-removed`));
}

/** One line of one cell: tabs and line breaks would split Anki's columns and rows. */
const oneLine = (text: string) => text.replace(/[\t\r\n]+/g, " ");

export function toFilePalace(s: PalaceSnapshot): TFilePalace {
  const { placed, inbox, locusOf, rooms, links } = walkOrder(s);
  const roomKey = new Map(rooms.map((r, i) => [r.id, `room-${i + 1}`]));
  const ordered = [...placed, ...inbox];
  const conceptKey = new Map(ordered.map((c, i) => [c.id, `concept-${i + 1}`]));
  const pictureOf = new Map((s.pictures ?? []).map((p) => [p.conceptId, p]));
  const pictureField = (conceptId: string) => {
    const p = pictureOf.get(conceptId);
    if (!p?.display) return {};
    const data = Buffer.from(p.display).toString("base64");
    return { picture: { type: "image/webp" as const, width: p.width, height: p.height, sha256: p.hash, data } };
  };
  return {
    title: s.palace.title,
    description: s.palace.description,
    rooms: rooms.map((r) => ({
      key: roomKey.get(r.id)!,
      name: r.name,
      gridX: r.gridX,
      gridZ: r.gridZ,
      width: r.width,
      depth: r.depth,
      height: r.height,
      theme: r.theme,
    })),
    doors: s.doors
      .map((d) => {
        const [a, b] = [rooms.findIndex((r) => r.id === d.roomAId), rooms.findIndex((r) => r.id === d.roomBId)].sort((x, y) => x - y);
        return { a: a!, b: b!, position: d.position, width: d.width };
      })
      .sort((x, y) => x.a - y.a || x.b - y.b || x.position - y.position)
      .map((d) => ({ a: `room-${d.a + 1}`, b: `room-${d.b + 1}`, position: d.position, width: d.width })),
    concepts: ordered.map((c) => {
      const l = locusOf.get(c.id);
      return {
        key: conceptKey.get(c.id)!,
        title: c.title,
        kind: c.kind,
        tags: c.tags,
        ...(c.sourceUrl ? { sourceUrl: c.sourceUrl } : {}),
        notes: c.notes,
        ...pictureField(c.id),
        ...(l
          ? { place: { room: roomKey.get(l.roomId)!, x: l.x, y: l.y, z: l.z, shape: l.shape, color: l.color, rotationY: l.rotationY } }
          : {}),
      };
    }),
    links: links.map((l) => ({ from: conceptKey.get(l.fromConceptId)!, to: conceptKey.get(l.toConceptId)!, label: l.label })),
  };
}

export function toEngramJson(s: PalaceSnapshot, exportedAt: Date): string {
  const file: TEngramFile = { format: ENGRAM_FORMAT, version: ENGRAM_VERSION, exportedAt: exportedAt.toISOString(), palace: toFilePalace(s) };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Indents every line of a block so it stays inside its list item in Markdown. */
const indent = (text: string, by: string) =>
  text
    .trim()
    .split("\n")
    .map((line) => (line.trim() ? by + line : ""))
    .join("\n");

export function toMarkdown(s: PalaceSnapshot): string {
  const { placed, inbox, locusOf, rooms, links } = walkOrder(s);
  const title = new Map(s.concepts.map((c) => [c.id, c.title]));
  const pictureOf = new Map((s.pictures ?? []).map((p) => [p.conceptId, p]));
  const out: string[] = [`# ${safeMarkdown(s.palace.title)}`, ""];
  if (s.palace.description.trim()) out.push(safeMarkdown(s.palace.description.trim()), "");

  const item = (c: PalaceSnapshot["concepts"][number], marker: string) => {
    const pad = " ".repeat(marker.length + 1);
    const meta = [c.kind, ...c.tags.map((t) => `#${t.replace(/ /g, "-")}`)].map(safeMarkdown).join(" · ");
    out.push(`${marker} **${safeMarkdown(c.title)}** (${meta})`);
    if (c.notes.trim()) out.push("", indent(safeMarkdown(c.notes), pad));
    const outgoing = links.filter((l) => l.fromConceptId === c.id);
    if (outgoing.length > 0) {
      const each = outgoing.map((l) => `${l.label ? `${safeMarkdown(l.label)} ` : ""}→ ${safeMarkdown(title.get(l.toConceptId) ?? "")}`);
      out.push("", `${pad}Links: ${each.join("; ")}`);
    }
    if (c.sourceUrl && /^https?:/i.test(c.sourceUrl.trim())) out.push("", `${pad}Source: <${c.sourceUrl.replace(/[<>\s]/g, "")}>`);
    const picture = pictureOf.get(c.id);
    // Markdown cannot hold the image itself; the Engram JSON export does.
    if (picture) out.push("", `${pad}_Picture: ${picture.width} × ${picture.height} px, kept in Engram and in its JSON export._`);
    out.push("");
  };

  for (const room of rooms) {
    const here = placed.filter((c) => locusOf.get(c.id)!.roomId === room.id);
    out.push(`## ${safeMarkdown(room.name)}`, "");
    if (here.length === 0) out.push("_No concepts placed here yet._", "");
    here.forEach((c) => item(c, `${locusOf.get(c.id)!.routeOrder}.`));
  }
  if (inbox.length > 0) {
    out.push("## Inbox (not placed yet)", "");
    inbox.forEach((c) => item(c, "-"));
  }
  return `${out.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd()}\n`;
}

/** Pixels per metre in the canvas: wide enough that neighbouring concept cards do not overlap. */
const CANVAS_SCALE = 200;
const CARD_W = 240;
const CARD_H = 120;

interface CanvasNode {
  id: string;
  type: "text" | "group";
  x: number;
  y: number;
  width: number;
  height: number;
  text?: string;
  label?: string;
  color?: string;
}

/** JSON Canvas 1.0 (jsoncanvas.org): rooms are groups, concepts text cards, links edges. */
export function toCanvas(s: PalaceSnapshot): string {
  const { placed, inbox, locusOf, rooms, links } = walkOrder(s);
  const roomById = new Map(s.rooms.map((r) => [r.id, r]));
  const nodeId = new Map<string, string>();
  const groups: CanvasNode[] = rooms.map((r, i) => {
    nodeId.set(r.id, `room-${i + 1}`);
    return {
      id: `room-${i + 1}`,
      type: "group",
      label: safeMarkdown(r.name),
      x: r.gridX * CANVAS_SCALE,
      y: r.gridZ * CANVAS_SCALE,
      width: r.width * CANVAS_SCALE,
      height: r.depth * CANVAS_SCALE,
    };
  });
  const card = (c: PalaceSnapshot["concepts"][number], x: number, y: number, color?: string): CanvasNode => {
    const id = `concept-${nodeId.size + 1}`;
    nodeId.set(c.id, id);
    // Canvas cards are Markdown, rendered by whatever opens the file, so they get the same care.
    const body = c.notes.trim() ? `\n\n${safeMarkdown(c.notes.trim())}` : "";
    return { id, type: "text", x: Math.round(x), y: Math.round(y), width: CARD_W, height: CARD_H, text: `## ${safeMarkdown(c.title)}${body}`, ...(color ? { color } : {}) };
  };
  const cards = placed.map((c) => {
    const l = locusOf.get(c.id)!;
    const room = roomById.get(l.roomId)!;
    return card(c, (room.gridX + l.x) * CANVAS_SCALE - CARD_W / 2, (room.gridZ + l.z) * CANVAS_SCALE - CARD_H / 2, l.color);
  });
  if (inbox.length > 0) {
    // The inbox sits below the floor plan as its own group, cards in rows of five.
    const bottom = Math.max(0, ...s.rooms.map((r) => (r.gridZ + r.depth) * CANVAS_SCALE)) + CANVAS_SCALE * 2;
    const left = Math.min(0, ...s.rooms.map((r) => r.gridX * CANVAS_SCALE));
    const gap = 40;
    const rows = Math.ceil(inbox.length / 5);
    groups.push({
      id: "inbox",
      type: "group",
      label: "Inbox (not placed yet)",
      x: left,
      y: bottom,
      width: Math.min(inbox.length, 5) * (CARD_W + gap) + gap,
      height: rows * (CARD_H + gap) + gap,
    });
    inbox.forEach((c, i) => cards.push(card(c, left + gap + (i % 5) * (CARD_W + gap), bottom + gap + Math.floor(i / 5) * (CARD_H + gap))));
  }
  const edges = links.map((l, i) => ({
    id: `link-${i + 1}`,
    fromNode: nodeId.get(l.fromConceptId)!,
    toNode: nodeId.get(l.toConceptId)!,
    toEnd: "arrow" as const,
    ...(l.label ? { label: safeMarkdown(l.label) } : {}),
  }));
  // Groups come first: JSON Canvas draws nodes in array order, so cards lie on top of rooms.
  return `${JSON.stringify({ nodes: [...groups, ...cards], edges }, null, 2)}\n`;
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

/** Notes are Markdown; Anki fields are HTML on one line, so keep paragraphs, bold and italics. */
function notesToHtml(notes: string): string {
  return escapeHtml(notes.trim())
    .replace(/\*\*(.+?)\*\*/g, "<b>$1</b>")
    .replace(/(^|[^*])\*([^*\n]+)\*/g, "$1<i>$2</i>")
    .replace(/\t/g, " ")
    .replace(/\r?\n/g, "<br>");
}

/**
 * An Anki tag: one word, no spaces; "::" would make it hierarchical, so it is kept only where
 * meant. Markup characters go too: Anki shows tags in its HTML browser.
 */
const ankiTag = (t: string) => t.trim().replace(/[<>"'&`]/g, "").replace(/\s+/g, "_").replace(/::/g, "_") || "tag";
const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "") || "palace";

/**
 * A file for Anki's "Import File" (Basic note type): the header lines tell Anki the separator,
 * that fields hold HTML (every field, the deck and the tags escaped), the deck, and that the
 * third column is tags. One note per placed
 * concept in route order: the front is the stop's cue, the back the concept.
 */
export function toAnki(s: PalaceSnapshot): string {
  const { placed, locusOf } = walkOrder(s);
  const roomById = new Map(s.rooms.map((r) => [r.id, r]));
  const deck = escapeHtml(oneLine(s.palace.title).replace(/::/g, ":"));
  const lines = ["#separator:tab", "#html:true", "#notetype:Basic", `#deck:Engram::${deck}`, "#columns:Front\tBack\tTags", "#tags column:3"];
  placed.forEach((c, i) => {
    const l = locusOf.get(c.id)!;
    const room = roomById.get(l.roomId)!;
    const front = escapeHtml(
      oneLine(stopCue({ roomName: room.name, stop: i + 1, of: placed.length, shape: l.shape, color: l.color, where: placeInRoom(room.width, room.depth, l.x, l.z) })),
    );
    const back = `<b>${escapeHtml(oneLine(c.title))}</b>${c.notes.trim() ? `<br><br>${notesToHtml(c.notes)}` : ""}`;
    const tags = [`engram::${slug(s.palace.title)}`, ankiTag(c.kind), ...c.tags.map(ankiTag)].join(" ");
    lines.push([front, back, tags].join("\t"));
  });
  return `${lines.join("\n")}\n`;
}

/** One note of an Anki package: HTML fields, plain tags, and the picture it shows, if any. */
export interface AnkiNote {
  conceptId: string;
  /** "Palace › Room › stop 2 of 9, a red cube by the east wall", escaped HTML. */
  front: string;
  /** The concept's title, its picture and its notes, escaped HTML. */
  back: string;
  tags: string[];
  /** The picture's file name in the package's media, when the concept has one. */
  media: { fileName: string; conceptId: string } | null;
}

/** Markup characters would reach Anki's deck list, which may show names as HTML: none are kept. */
const ankiDeckPart = (text: string) => oneLine(text).replace(/[<>&"'`]/g, "").replace(/::/g, ":").trim() || "Palace";

/**
 * The notes of an `.apkg` deck, one per placed concept in route order: the front is where the
 * concept stands (palace › room › position), the back the concept with its picture. Every field
 * is escaped HTML and every tag a plain word, whatever the titles, names and notes hold.
 */
export function toAnkiNotes(s: PalaceSnapshot): { deckName: string; notes: AnkiNote[] } {
  const { placed, locusOf } = walkOrder(s);
  const roomById = new Map(s.rooms.map((r) => [r.id, r]));
  const pictureOf = new Map((s.pictures ?? []).map((p) => [p.conceptId, p]));
  const notes = placed.map((c, i): AnkiNote => {
    const l = locusOf.get(c.id)!;
    const room = roomById.get(l.roomId)!;
    const cue = stopCue({ roomName: room.name, stop: i + 1, of: placed.length, shape: l.shape, color: l.color, where: placeInRoom(room.width, room.depth, l.x, l.z) });
    const position = cue.slice(room.name.length + 2);
    const front = [s.palace.title, room.name, position].map((part) => escapeHtml(oneLine(part))).join(" › ");
    const picture = pictureOf.get(c.id);
    const media = picture ? { fileName: `engram-${c.id}.webp`, conceptId: c.id } : null;
    const back = [
      `<b>${escapeHtml(oneLine(c.title))}</b>`,
      media ? `<br><img src="${media.fileName}" alt="${escapeHtml(oneLine(c.title))}">` : "",
      c.notes.trim() ? `<br><br>${notesToHtml(c.notes)}` : "",
    ].join("");
    const tags = [`engram::${slug(s.palace.title)}`, ankiTag(c.kind), ...c.tags.map(ankiTag)];
    return { conceptId: c.id, front, back, tags: [...new Set(tags)], media };
  });
  return { deckName: `Engram::${ankiDeckPart(s.palace.title)}`, notes };
}

export const EXPORT_FILES = {
  engram: { extension: "engram.json", contentType: "application/json; charset=utf-8" },
  markdown: { extension: "md", contentType: "text/markdown; charset=utf-8" },
  canvas: { extension: "canvas", contentType: "application/json; charset=utf-8" },
  anki: { extension: "anki.txt", contentType: "text/tab-separated-values; charset=utf-8" },
  apkg: { extension: "apkg", contentType: "application/octet-stream" },
} as const;

export function exportFileName(title: string, format: keyof typeof EXPORT_FILES): string {
  return `${slug(title)}.${EXPORT_FILES[format].extension}`;
}
