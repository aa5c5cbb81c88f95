// Mind maps as XML: OPML outlines and FreeMind/Freeplane .mm maps. The first level of the map
// becomes rooms; everything below a first-level branch becomes its concepts, each child linked
// from its parent; first-level leaves gather in a room named after the map. Rich text becomes
// Markdown notes, arrows and in-map links become labelled links, attributes a table in the
// notes, icons tags; a clone is kept once and linked from its other places.
import { LINK_LABEL_MAX } from "../domain/link/link.schema";
import { invalid } from "../domain/errors";
import { looksLikeHtml, readHtml, safeHref } from "./html.logic";
import { fitNotes, fitTags, fitTitle, Mends, nameFromFile, pathOf } from "./mend.logic";
import type { Outline, OutlineConcept, OutlineRoom } from "./outline";
import { lineAt, parseXml, type XmlElement } from "./xml.logic";

export interface MapNode {
  id?: string;
  /** Plain text, one line or more; the title is made from it. */
  text: string;
  /** Markdown. */
  notes: string;
  tags: string[];
  sourceUrl?: string;
  images: string[];
  children: MapNode[];
  arrows: { to: string; label: string }[];
  /** The id of the node this one is a clone of (Freeplane's TREE_ID). */
  cloneOf?: string;
  /** How a person finds the node in their app: its id, else its line (found only when needed). */
  ref: () => string;
}

const linkLabel = (text: string) => {
  const clean = text.replace(/\s+/g, " ").trim();
  return clean.length <= LINK_LABEL_MAX ? clean : `${clean.slice(0, LINK_LABEL_MAX - 1).trimEnd()}…`;
};

/** A title for a node with no text: its picture's file name, its icons, or "Untitled". */
function standIn(node: MapNode): { title: string; why: string } {
  if (node.images.length > 0) {
    const name = nameFromFile(node.images[0]!);
    return { title: name || "Image", why: `holds only an image, so it was titled ${name ? "from the image's file name" : "“Image”"}` };
  }
  if (node.tags.length > 0) return { title: node.tags.join(", "), why: "holds only icons, so it was titled from their names" };
  return { title: "Untitled", why: "has no text, so it was titled “Untitled”" };
}

/** The node's notes with its pictures' addresses, which a concept keeps as references. */
const withImages = (node: MapNode) => {
  const refs = node.images.filter((src) => !node.notes.includes(src)).map((src) => `Image: ${src}`);
  return [node.notes, ...refs].filter(Boolean).join("\n\n");
};

export function toOutline(title: string, description: string, top: MapNode[], mends: Mends): Outline {
  const outline: Outline = { title, description, rooms: [], links: [] };
  const general: OutlineRoom = { name: title, concepts: [], general: true };
  const keyOf = new Map<string, string>();
  const clones: { node: MapNode; parent: string | null; where: () => string }[] = [];
  const placed: { node: MapNode; key: string; where: () => string }[] = [];
  let count = 0;

  // Where a node is, for the report, is written only when there is something to report: most
  // nodes need none, and a 50,000-node map spent a fifth of its reading time on them.
  const named = (node: MapNode, path: () => string[]) => {
    const where = () => `Node ${pathOf(path())} (${node.ref()})`;
    if (node.text.trim()) return { text: node.text, where };
    const { title: t, why } = standIn(node);
    mends.add(`${where()} ${why}.`);
    return { text: t, where };
  };

  const add = (room: OutlineRoom, node: MapNode, depth: number, parent: string | null, path: () => string[]) => {
    const here = () => [...path(), (node.text.trim() ? node.text : standIn(node).title).replace(/\s+/g, " ").trim()];
    if (node.cloneOf && node.cloneOf !== node.id) {
      clones.push({ node, parent, where: () => `Node ${pathOf(here())} (${node.ref()})` });
      return;
    }
    const { text, where } = named(node, here);
    const key = `map-${++count}`;
    if (node.id) keyOf.set(node.id, key);
    const fitted = fitTitle(text, withImages(node), where, mends);
    const tagged = fitTags(node.tags, fitted.notes, where, mends);
    const concept: OutlineConcept = { key, title: fitted.title, notes: fitNotes(tagged.notes, where, mends), tags: tagged.tags, depth };
    if (node.sourceUrl) concept.sourceUrl = node.sourceUrl;
    room.concepts.push(concept);
    placed.push({ node, key, where });
    if (parent) outline.links.push({ from: parent, to: key, label: "" });
    for (const child of node.children) add(room, child, depth + 1, key, here);
  };

  for (const branch of top) {
    if (branch.children.length === 0) {
      add(general, branch, 0, null, () => [title]);
      continue;
    }
    const { text } = named(branch, () => [title, branch.text.trim() ? branch.text : standIn(branch).title]);
    const room: OutlineRoom = { name: text, concepts: [] };
    outline.rooms.push(room);
    const path = () => [title, text.replace(/\s+/g, " ").trim()];
    for (const child of branch.children) add(room, child, 0, null, path);
  }
  if (general.concepts.length > 0) outline.rooms.unshift(general);

  for (const { node, parent, where } of clones) {
    const original = keyOf.get(node.cloneOf!);
    if (!original) continue;
    if (parent) outline.links.push({ from: parent, to: original, label: "" });
    mends.add(`${where()} is a clone of ${node.cloneOf}; it was kept once${parent ? " and linked from this place too" : ""}.`);
  }
  for (const { node, key, where } of placed) {
    for (const arrow of node.arrows) {
      const to = keyOf.get(arrow.to);
      if (to) outline.links.push({ from: key, to, label: arrow.label });
      else mends.add(`${where()} has an arrow to ${arrow.to}, which the map does not have; the arrow was left out.`);
    }
  }
  outline.mended = mends.report();
  return outline;
}

/** Markdown table of a node's attributes (Freeplane's name/value pairs). */
function attributeTable(rows: { name: string; value: string }[]): string {
  if (rows.length === 0) return "";
  const cell = (s: string) => s.replace(/\s+/g, " ").replace(/\|/g, "\\|").trim();
  return ["| Attribute | Value |", "| --- | --- |", ...rows.map((r) => `| ${cell(r.name)} | ${cell(r.value)} |`)].join("\n");
}

/** The Markdown of a richcontent element: XHTML usually, plain text in newer Freeplane. */
function richMarkdown(el: XmlElement): { text: string; markdown: string; images: string[] } {
  const raw = el.raw ?? "";
  const type = (el.attributes["CONTENT-TYPE"] ?? "").toLowerCase();
  if (type.startsWith("plain/") || type === "markdown") {
    const { text } = readHtml(raw.replace(/^\s*<text>|<\/text>\s*$/g, ""));
    return { text, markdown: text, images: [] };
  }
  return readHtml(raw);
}

export function parseFreeMind(text: string, fallbackTitle: string): Outline {
  const root = parseXml(text, new Set(["richcontent"]));
  if (root.name !== "map") throw invalid(`This is not a FreeMind or Freeplane map: its root element is <${root.name}>, not <map>.`);
  const centre = root.children.find((c) => c.name === "node");
  if (!centre) throw invalid("The map has no central node, so it holds nothing to import.");
  const mends = new Mends();

  const read = (el: XmlElement): MapNode => {
    const a = el.attributes;
    const ref = () => a.ID ?? `line ${lineAt(text, el.offset)}`;
    const rich = (type: string) => el.children.find((c) => c.name === "richcontent" && (c.attributes.TYPE ?? "").toUpperCase() === type);
    const richNode = rich("NODE");
    const images: string[] = [];
    let nodeText = a.TEXT ?? a.LOCALIZED_TEXT ?? "";
    let nodeMarkdown = "";
    if (richNode || looksLikeHtml(nodeText)) {
      const html = richNode ? richMarkdown(richNode) : readHtml(nodeText);
      nodeText = html.text;
      images.push(...html.images);
      // Formatting the title cannot show stays in the notes.
      if (html.markdown.replace(/\\([\\`*_[\]])/g, "$1") !== html.text) nodeMarkdown = html.markdown;
    }
    const notes: string[] = [];
    if (nodeMarkdown) notes.push(nodeMarkdown);
    for (const part of [rich("DETAILS"), rich("NOTE")]) {
      if (!part) continue;
      const md = richMarkdown(part);
      images.push(...md.images);
      if (md.markdown) notes.push(md.markdown);
    }
    for (const hook of el.children.filter((c) => c.name === "hook" && c.attributes.NAME === "ExternalObject" && c.attributes.URI)) {
      images.push(hook.attributes.URI!);
    }
    const table = attributeTable(
      el.children.filter((c) => c.name === "attribute" && c.attributes.NAME !== undefined).map((c) => ({ name: c.attributes.NAME!, value: c.attributes.VALUE ?? "" })),
    );
    if (table) notes.push(table);

    const arrows = el.children
      .filter((c) => c.name === "arrowlink" && c.attributes.DESTINATION)
      .map((c) => {
        const l = c.attributes;
        return { to: l.DESTINATION!, label: linkLabel([l.SOURCE_LABEL, l.MIDDLE_LABEL, l.TARGET_LABEL].filter(Boolean).join(" · ")) };
      });
    let sourceUrl: string | undefined;
    const link = (a.LINK ?? "").trim();
    if (link.startsWith("#")) arrows.push({ to: link.slice(1), label: "link" });
    else if (link && safeHref(link)?.startsWith("http") && link.length <= 2000) sourceUrl = link;
    else if (link) notes.push(`Link: ${link}`);

    // Optional fields are set after the literal: spreading conditional objects into it cost a
    // tenth of a 50,000-node map's reading time.
    const node: MapNode = {
      text: nodeText,
      notes: notes.join("\n\n"),
      tags: el.children.filter((c) => c.name === "icon" && c.attributes.BUILTIN).map((c) => c.attributes.BUILTIN!),
      images,
      arrows,
      ref,
      children: el.children.filter((c) => c.name === "node").map(read),
    };
    if (a.ID) node.id = a.ID;
    if (sourceUrl) node.sourceUrl = sourceUrl;
    if (a.TREE_ID) node.cloneOf = a.TREE_ID;
    return node;
  };
  const map = read(centre);
  const title = map.text.trim() ? fitTitle(map.text, "", "The central node", mends).title : fallbackTitle;
  return toOutline(title, map.notes.slice(0, 2000), map.children, mends);
}

export function parseOpml(text: string, fallbackTitle: string): Outline {
  const root = parseXml(text);
  if (root.name !== "opml") throw invalid(`This is not an OPML file: its root element is <${root.name}>, not <opml>.`);
  const body = root.children.find((c) => c.name === "body");
  if (!body) throw invalid("The OPML file has no <body>, so it holds no outline.");
  const head = root.children.find((c) => c.name === "head");
  const title = head?.children.find((c) => c.name === "title")?.text.trim() || fallbackTitle;
  const mends = new Mends();
  const read = (el: XmlElement): MapNode => {
    const a = el.attributes;
    const raw = a.text ?? a.title ?? "";
    // Outliners put HTML in the text attribute as often as not.
    const html = raw.includes("<") ? readHtml(raw) : null;
    const addresses = [a.htmlUrl, a.url, a.xmlUrl].map((u) => u?.trim()).filter((u): u is string => !!u);
    const pages = addresses.filter((u) => !!safeHref(u)?.startsWith("http"));
    for (const u of addresses.filter((x) => !pages.includes(x))) {
      mends.add(`The outline item at line ${lineAt(text, el.offset)} links to “${u.slice(0, 60)}”, which is not a web address, so the link was left out.`);
    }
    const [sourceUrl, ...others] = [...new Set(pages)];
    const notes = [(a._note ?? "").trim(), html && html.markdown !== html.text ? html.markdown : "", ...others.map((u) => (u === a.xmlUrl ? `Feed: <${u}>` : `Link: <${u}>`))];
    return {
      text: html ? html.text : raw,
      notes: notes.filter(Boolean).join("\n\n"),
      tags: (a.category ?? "").split(",").map((t) => t.replace(/^\//, "").trim()).filter(Boolean),
      ...(sourceUrl && sourceUrl.length <= 2000 ? { sourceUrl } : {}),
      images: html?.images ?? [],
      arrows: [],
      ref: () => `line ${lineAt(text, el.offset)}`,
      children: el.children.filter((c) => c.name === "outline").map(read),
    };
  };
  const top = body.children.filter((c) => c.name === "outline").map(read);
  return toOutline(title, "", top, mends);
}
