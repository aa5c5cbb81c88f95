// Mind maps as XML: OPML outlines and FreeMind/Freeplane .mm maps. The first level of the map
// becomes rooms; everything below a first-level branch becomes its concepts, each child linked
// from its parent; first-level leaves gather in a room named after the map. FreeMind's arrow
// links become links too.
import { invalid } from "../domain/errors";
import type { Outline, OutlineConcept, OutlineRoom } from "./outline";
import { titleAndNotes } from "./plan.logic";
import { parseXml, plainText, type XmlElement } from "./xml.logic";

interface MapNode {
  id?: string;
  text: string;
  notes: string;
  children: MapNode[];
  arrowsTo: string[];
  /** Where the item is in the file, for error messages: "Outline item 12". */
  label: string;
}

function toOutline(title: string, description: string, top: MapNode[], extraLinks: (byId: Map<string, string>) => Outline["links"]): Outline {
  const outline: Outline = { title, description, rooms: [], links: [] };
  const general: OutlineRoom = { name: title, concepts: [] };
  const keyOfId = new Map<string, string>();
  let count = 0;
  const add = (room: OutlineRoom, node: MapNode, depth: number, parent: string | null) => {
    if (!node.text.trim()) throw invalid(`${node.label} has no text, so it cannot become a concept.`);
    const key = `map-${++count}`;
    if (node.id) keyOfId.set(node.id, key);
    const { title: t, notes } = titleAndNotes(node.text, node.notes);
    const concept: OutlineConcept = { key, title: t, notes, tags: [], depth };
    room.concepts.push(concept);
    if (parent) outline.links.push({ from: parent, to: key, label: "" });
    for (const child of node.children) add(room, child, depth + 1, key);
  };
  for (const branch of top) {
    if (branch.children.length === 0) {
      add(general, branch, 0, null);
      continue;
    }
    if (!branch.text.trim()) throw invalid(`${branch.label} has no text, so it cannot name a room.`);
    const room: OutlineRoom = { name: branch.text, concepts: [] };
    outline.rooms.push(room);
    for (const child of branch.children) add(room, child, 0, null);
  }
  if (general.concepts.length > 0) outline.rooms.unshift(general);
  outline.links.push(...extraLinks(keyOfId));
  return outline;
}

export function parseOpml(text: string, fallbackTitle: string): Outline {
  const root = parseXml(text);
  if (root.name !== "opml") throw invalid(`This is not an OPML file: its root element is <${root.name}>, not <opml>.`);
  const body = root.children.find((c) => c.name === "body");
  if (!body) throw invalid("The OPML file has no <body>, so it holds no outline.");
  const head = root.children.find((c) => c.name === "head");
  const title = head?.children.find((c) => c.name === "title")?.text.trim() || fallbackTitle;
  let n = 0;
  const read = (el: XmlElement): MapNode => ({
    text: el.attributes.text ?? el.attributes.title ?? "",
    notes: (el.attributes._note ?? "").trim(),
    label: `Outline item ${++n}`,
    arrowsTo: [],
    children: el.children.filter((c) => c.name === "outline").map(read),
  });
  const top = body.children.filter((c) => c.name === "outline").map(read);
  return toOutline(title, "", top, () => []);
}

export function parseFreeMind(text: string, fallbackTitle: string): Outline {
  const root = parseXml(text);
  if (root.name !== "map") throw invalid(`This is not a FreeMind or Freeplane map: its root element is <${root.name}>, not <map>.`);
  const centre = root.children.find((c) => c.name === "node");
  if (!centre) throw invalid("The map has no central node, so it holds nothing to import.");
  let n = 0;
  const read = (el: XmlElement): MapNode => {
    const label = `Node ${++n}`;
    const rich = (type: string) => el.children.find((c) => c.name === "richcontent" && (c.attributes.TYPE ?? "").toUpperCase() === type);
    const richText = rich("NODE");
    const note = rich("NOTE");
    const details = rich("DETAILS");
    return {
      id: el.attributes.ID,
      text: el.attributes.TEXT ?? el.attributes.LOCALIZED_TEXT ?? (richText ? plainText(richText) : ""),
      notes: [details, note].filter(Boolean).map((c) => plainText(c!)).join("\n\n"),
      label,
      arrowsTo: el.children.filter((c) => c.name === "arrowlink" && c.attributes.DESTINATION).map((c) => c.attributes.DESTINATION!),
      children: el.children.filter((c) => c.name === "node").map(read),
    };
  };
  const map = read(centre);
  const title = map.text.trim() ? titleAndNotes(map.text).title : fallbackTitle;
  const all: MapNode[] = [];
  const collect = (node: MapNode) => {
    all.push(node);
    node.children.forEach(collect);
  };
  collect(map);
  return toOutline(title, map.notes.slice(0, 2000), map.children, (keyOf) =>
    all.flatMap((node) =>
      node.arrowsTo.map((dest) => {
        const from = node.id ? keyOf.get(node.id) : undefined;
        const to = keyOf.get(dest);
        if (!to && !all.some((m) => m.id === dest)) {
          throw invalid(`${node.label} (“${node.text.slice(0, 60)}”) has an arrow to ${dest}, which the map does not have.`);
        }
        return from && to ? [{ from, to, label: "" }] : [];
      }).flat(),
    ),
  );
}
