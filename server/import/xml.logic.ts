// A small, strict XML reader for OPML and FreeMind/Freeplane files: elements, attributes, text,
// comments, CDATA and the predefined and numeric character references. Document type
// declarations are refused outright, which rules out entity-expansion ("billion laughs") bombs.
import { invalid } from "../domain/errors";
import { IMPORT_MAX_DEPTH } from "./limits.logic";

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
  /** Where the start tag begins in the text, to name its line in a message. */
  offset: number;
  /** The unparsed source between the tags, for elements read raw (embedded HTML). */
  raw?: string;
}

/** The 1-based line of an offset in the text. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decodeEntities(raw: string, line: () => number): string {
  return raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z][\w.-]*);?/g, (match, ref: string) => {
    if (!match.endsWith(";")) throw invalid(`The XML has a bare "&" on line ${line()}; write it as &amp;.`);
    if (ref.startsWith("#")) {
      const code = ref[1] === "x" ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      if (!Number.isFinite(code) || code > 0x10ffff) throw invalid(`The XML has an invalid character reference on line ${line()}.`);
      return String.fromCodePoint(code);
    }
    const named = NAMED[ref];
    if (named === undefined) throw invalid(`The XML uses the unknown entity "&${ref};" on line ${line()}.`);
    return named;
  });
}

/**
 * Parses the document; elements named in `raw` keep their inner source unparsed (FreeMind's
 * richcontent holds XHTML that an HTML parser reads better, and whose order matters).
 */
export function parseXml(text: string, raw: ReadonlySet<string> = new Set()): XmlElement {
  let pos = 0;
  const line = () => lineAt(text, pos);
  const fail = (why: string): never => {
    throw invalid(`The XML is not well formed: ${why} on line ${line()}. The file may be cut short or damaged.`);
  };
  const root: XmlElement = { name: "#document", attributes: {}, children: [], text: "", offset: 0 };
  const stack: XmlElement[] = [root];
  while (pos < text.length) {
    const lt = text.indexOf("<", pos);
    const chunk = lt === -1 ? text.slice(pos) : text.slice(pos, lt);
    if (chunk.trim()) {
      if (stack.length === 1) fail("text outside the root element");
      stack.at(-1)!.text += decodeEntities(chunk, line);
    }
    if (lt === -1) break;
    pos = lt;
    if (text.startsWith("<!--", pos)) {
      const end = text.indexOf("-->", pos);
      if (end === -1) fail("a comment that never ends");
      pos = end + 3;
    } else if (text.startsWith("<![CDATA[", pos)) {
      const end = text.indexOf("]]>", pos);
      if (end === -1) fail("a CDATA section that never ends");
      stack.at(-1)!.text += text.slice(pos + 9, end);
      pos = end + 3;
    } else if (text.startsWith("<!", pos)) {
      throw invalid("The XML declares a document type or entities, which Engram does not accept: they can expand without limit.");
    } else if (text.startsWith("<?", pos)) {
      const end = text.indexOf("?>", pos);
      if (end === -1) fail("a processing instruction that never ends");
      pos = end + 2;
    } else if (text.startsWith("</", pos)) {
      const end = text.indexOf(">", pos);
      if (end === -1) fail("a closing tag that never ends");
      const name = text.slice(pos + 2, end).trim();
      const open = stack.pop();
      if (!open || open === root || open.name !== name) fail(`</${name}> closes ${open && open !== root ? `<${open.name}>` : "nothing"}`);
      pos = end + 1;
    } else {
      const match = /^<([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/.exec(text.slice(pos, pos + 200_000));
      if (!match) fail("a tag that is broken or never ends");
      const [whole, name, attrs, selfClosing] = match!;
      const attributes: Record<string, string> = {};
      for (const a of attrs!.matchAll(/([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
        attributes[a[1]!] = decodeEntities(a[2] ?? a[3] ?? "", line);
      }
      const element: XmlElement = { name: name!, attributes, children: [], text: "", offset: pos };
      if (stack.length === 1 && root.children.length > 0) fail("a second root element");
      stack.at(-1)!.children.push(element);
      pos += whole.length;
      if (selfClosing) continue;
      if (raw.has(element.name)) {
        const end = text.indexOf(`</${element.name}>`, pos);
        if (end === -1) fail(`<${element.name}> is never closed`);
        element.raw = text.slice(pos, end);
        pos = end + element.name.length + 3;
        continue;
      }
      stack.push(element);
      if (stack.length > IMPORT_MAX_DEPTH + 1) {
        throw invalid(`The XML is nested more than ${IMPORT_MAX_DEPTH} levels deep at line ${line()}, more than Engram imports.`);
      }
    }
  }
  if (stack.length > 1) fail(`<${stack.at(-1)!.name}> is never closed`);
  const [top] = root.children;
  if (!top) throw invalid("The file holds no XML elements.");
  return top;
}
