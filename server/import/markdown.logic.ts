// Markdown outlines: headings become rooms, bullets concepts, nested bullets child concepts
// linked from their parent, indented text under a bullet its notes, #words its tags. A single
// top-level "# Title" names the palace, and text before the first room its description.
// [[Wikilinks]] to another item or heading (the Obsidian habit) become links.
import { IMPORT_MAX_DEPTH, tooDeep } from "./limits.logic";
import type { Outline, OutlineConcept, OutlineRoom } from "./outline";
import { fitTags, fitTitle, Mends } from "./mend.logic";

const HEADING = /^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/;
const BULLET = /^(\s*)(?:[-*+]|\d{1,9}[.)])\s+(.*)$/;
const TAG = /(^|\s)#([\p{L}\p{N}_][\p{L}\p{N}_/-]*)/gu;
const WIKILINK = /\[\[([^\]|#]+)(?:#[^\]|]*)?(?:\|([^\]]+))?\]\]/g;

/** The targets of the [[wikilinks]] in a line, as written. */
const wikiTargets = (line: string) => [...line.matchAll(WIKILINK)].map((m) => m[1]!.trim()).filter(Boolean);

const width = (indent: string) => indent.replace(/\t/g, "    ").length;

/** Bullet text to a title, tags and a source link, dropping emphasis and task boxes. */
function readBullet(text: string): { title: string; tags: string[]; sourceUrl?: string } {
  let t = text.replace(/^\[[ xX]\]\s+/, "");
  const tags = [...t.matchAll(TAG)].map((m) => m[2]!.toLowerCase());
  t = t.replace(TAG, "$1");
  const links = [...t.matchAll(/\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g)];
  t = t.replace(/\[([^\]]+)\]\((?:[^)\s]+)\)/g, "$1").replace(/\[\[([^\]|]+)(?:\|([^\]]+))?\]\]/g, (_m, a: string, b: string | undefined) => b ?? a);
  t = t.replace(/(\*\*|__)(.+?)\1/g, "$2").replace(/`([^`]+)`/g, "$1").replace(/\s+\(\)\s*$/, "");
  return { title: t.trim(), tags: [...new Set(tags)], ...(links.length === 1 ? { sourceUrl: links[0]![2] } : {}) };
}

export function parseMarkdownOutline(text: string, fallbackTitle: string): Outline {
  const lines = text.split(/\r?\n/);
  const h1s = lines.filter((l) => /^ {0,3}#\s/.test(l)).length;
  const firstHeading = lines.find((l) => HEADING.test(l));
  const titleFromH1 = h1s === 1 && firstHeading !== undefined && /^ {0,3}#\s/.test(firstHeading);

  const outline: Outline = { title: fallbackTitle, description: "", rooms: [], links: [] };
  const description: string[] = [];
  let room: OutlineRoom | null = null;
  let current: { concept: OutlineConcept; notesLines: string[]; indent: number } | null = null;
  // Open bullets by indentation, outermost first: their keys link parents to children.
  let open: { indent: number; key: string }[] = [];
  let fence: string | null = null;
  let count = 0;
  const mends = new Mends();
  const wikis: { from: string; target: string; line: number }[] = [];
  const firstInRoom = new Map<string, string>();

  const finish = () => {
    if (current) current.concept.notes = [current.concept.notes, current.notesLines.join("\n").trim()].filter(Boolean).join("\n\n");
  };

  // Text under a bullet is its notes, with the bullet's indentation taken off.
  let lineNo = 0;
  const noteLine = (line: string) => {
    if (!current) return;
    const strip = Math.min(width(/^\s*/.exec(line)![0]), current.indent + 2);
    for (const target of wikiTargets(line)) wikis.push({ from: current.concept.key, target, line: lineNo });
    current.notesLines.push(line.replace(/\t/g, "    ").slice(strip));
  };

  lines.forEach((line, i) => {
    lineNo = i + 1;
    if (fence !== null) {
      if (line.trim().startsWith(fence)) fence = null;
      noteLine(line);
      return;
    }
    const fenceStart = /^\s*(```|~~~)/.exec(line);
    if (fenceStart) {
      fence = fenceStart[1]!;
      noteLine(line);
      return;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      finish();
      current = null;
      open = [];
      const name = readBullet(heading[2]!).title;
      if (titleFromH1 && heading[1] === "#") {
        if (name) outline.title = name;
        return;
      }
      room = { name: name || `Section ${outline.rooms.length + 1}`, concepts: [] };
      outline.rooms.push(room);
      return;
    }
    const bullet = BULLET.exec(line);
    if (bullet) {
      finish();
      const indent = width(bullet[1]!);
      while (open.length > 0 && open.at(-1)!.indent >= indent) open.pop();
      if (open.length >= IMPORT_MAX_DEPTH) tooDeep("outline");
      const parsed = readBullet(bullet[2]!);
      const where = `Line ${i + 1}`;
      if (!parsed.title) mends.add(`${where}: the bullet has no text, so it was titled “Untitled”.`);
      const fitted = fitTitle(parsed.title || "Untitled", "", where, mends);
      const { tags, notes } = fitTags(parsed.tags, fitted.notes, where, mends);
      const key = `md-${++count}`;
      if (!room) {
        room = { name: outline.title, concepts: [] };
        outline.rooms.push(room);
      }
      if (!firstInRoom.has(room.name.toLowerCase())) firstInRoom.set(room.name.toLowerCase(), key);
      for (const target of wikiTargets(bullet[2]!)) wikis.push({ from: key, target, line: i + 1 });
      const concept: OutlineConcept = { key, title: fitted.title, notes, tags, depth: open.length, ...(parsed.sourceUrl ? { sourceUrl: parsed.sourceUrl } : {}) };
      current = { concept, notesLines: [], indent };
      room.concepts.push(concept);
      if (open.length > 0) outline.links.push({ from: open.at(-1)!.key, to: key, label: "" });
      open.push({ indent, key });
      return;
    }
    if (current) noteLine(line);
    else if (!room && line.trim()) {
      description.push(line.trim());
    }
  });
  finish();
  outline.description = description.join(" ").slice(0, 2000);
  outline.links.push(...resolveWikilinks(outline, wikis, firstInRoom, mends));
  outline.mended = mends.report();
  return outline;
}

/** [[Target]] names an item by its title or a heading (its first item); case does not matter. */
function resolveWikilinks(outline: Outline, wikis: { from: string; target: string; line: number }[], firstInRoom: Map<string, string>, mends: Mends) {
  const byTitle = new Map<string, string>();
  for (const concept of outline.rooms.flatMap((r) => r.concepts)) {
    const name = concept.title.toLowerCase();
    if (!byTitle.has(name)) byTitle.set(name, concept.key);
  }
  const links: Outline["links"] = [];
  for (const w of wikis) {
    const name = w.target.toLowerCase();
    const to = byTitle.get(name) ?? firstInRoom.get(name);
    if (to) links.push({ from: w.from, to, label: "" });
    else mends.add(`Line ${w.line}: [[${w.target.slice(0, 60)}]] names no item or heading in the file, so it stays text.`);
  }
  return links;
}
