// Rich text from mind maps (FreeMind/Freeplane richcontent, HTML in a node's TEXT) as Markdown
// for notes and as plain text for titles. htmlparser2 reads the HTML, entities included; the
// walk below writes Markdown in document order, so inline formatting and lists stay in place.
import { parseDocument } from "htmlparser2";

type HtmlNode = ReturnType<typeof parseDocument>["children"][number];
interface HtmlElement {
  type: string;
  name: string;
  attribs: Record<string, string>;
  children: HtmlNode[];
}

const isElement = (n: HtmlNode): n is HtmlNode & HtmlElement => "name" in n && "children" in n;
const isText = (n: HtmlNode): n is HtmlNode & { data: string } => (n.type as string) === "text";

const SKIPPED = new Set(["head", "script", "style", "title", "template", "noscript"]);
const BLOCKS = new Set([
  "html", "body", "p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "center",
  "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "pre", "blockquote", "table", "thead", "tbody",
  "tfoot", "tr", "td", "th", "hr", "dl", "dt", "dd", "figure", "figcaption",
]);

/** Characters that would start Markdown formatting where the text meant none. */
const escapeMarkdown = (text: string) => text.replace(/([\\`*_[\]])/g, "\\$1");

/** Keeps only addresses a browser opens as a page or mail, never script or data. */
export function safeHref(href: string | undefined): string | null {
  const url = (href ?? "").trim();
  return /^(https?:\/\/|mailto:)/i.test(url) ? url : null;
}

/** `**x**` around text, with surrounding spaces kept outside the markers so Markdown reads them. */
function wrap(inner: string, marker: string): string {
  const core = inner.trim();
  if (!core) return inner;
  const lead = /^\s/.test(inner) ? " " : "";
  const tail = /\s$/.test(inner) ? " " : "";
  return `${lead}${marker}${core}${marker}${tail}`;
}

interface Walk {
  markdown: boolean;
  images: string[];
}

function inline(nodes: HtmlNode[], w: Walk): string {
  return nodes.map((n) => inlineNode(n, w)).join("");
}

function inlineNode(n: HtmlNode, w: Walk): string {
  if (isText(n)) {
    const text = n.data.replace(/\s+/g, " ");
    return w.markdown ? escapeMarkdown(text) : text;
  }
  if (!isElement(n) || SKIPPED.has(n.name)) return "";
  const inner = () => inline(n.children, w);
  switch (n.name) {
    case "br":
      return w.markdown ? "\n" : " ";
    case "img": {
      const src = n.attribs.src ?? "";
      if (src) w.images.push(src);
      const alt = n.attribs.alt ?? "";
      if (!w.markdown) return alt;
      const href = safeHref(src);
      return href ? `![${escapeMarkdown(alt)}](${href})` : alt ? escapeMarkdown(alt) : "";
    }
    case "b":
    case "strong":
      return w.markdown ? wrap(inner(), "**") : inner();
    case "i":
    case "em":
    case "cite":
      return w.markdown ? wrap(inner(), "*") : inner();
    case "s":
    case "strike":
    case "del":
      return w.markdown ? wrap(inner(), "~~") : inner();
    case "code":
    case "tt":
    case "kbd": {
      const code = textOf(n.children).replace(/\s+/g, " ");
      return w.markdown && code.trim() ? `\`${code.replace(/`/g, "'")}\`` : code;
    }
    case "a": {
      const text = inner();
      const href = safeHref(n.attribs.href);
      if (!w.markdown || !href) return text;
      return `[${text.trim() || escapeMarkdown(href)}](${href})`;
    }
    default:
      return BLOCKS.has(n.name) ? ` ${blocks(n.children, w).join(" ")} ` : inner();
  }
}

/** All text under the nodes, as written (for code). */
function textOf(nodes: HtmlNode[]): string {
  return nodes.map((n) => (isText(n) ? n.data : isElement(n) && !SKIPPED.has(n.name) ? textOf(n.children) : "")).join("");
}

const tidy = (line: string) => line.replace(/[ \t]+/g, " ").replace(/ *\n */g, "\n").trim();

function listBlock(list: HtmlElement, w: Walk): string {
  const ordered = list.name === "ol";
  let n = Number.parseInt(list.attribs.start ?? "1", 10) || 1;
  const items: string[] = [];
  for (const child of list.children) {
    if (!isElement(child)) continue;
    if (child.name !== "li") {
      items.push(...blocks([child], w));
      continue;
    }
    const marker = ordered ? `${n++}.` : "-";
    const pad = " ".repeat(marker.length + 1);
    const body = blocks(child.children, w).join(w.markdown ? "\n" : " ");
    const lines = body.split("\n");
    items.push(w.markdown ? [`${marker} ${lines[0] ?? ""}`, ...lines.slice(1).map((l) => (l ? pad + l : l))].join("\n") : body);
  }
  return items.join(w.markdown ? "\n" : " ");
}

function tableBlock(table: HtmlElement, w: Walk): string {
  const rows: string[][] = [];
  const collect = (nodes: HtmlNode[]) => {
    for (const n of nodes) {
      if (!isElement(n)) continue;
      if (n.name === "tr") rows.push(n.children.filter(isElement).filter((c) => c.name === "td" || c.name === "th").map((c) => tidy(inline(c.children, w)).replace(/\n/g, " ")));
      else collect(n.children);
    }
  };
  collect(table.children);
  if (rows.length === 0) return "";
  if (!w.markdown) return rows.map((r) => r.join(" ")).join(" ");
  const width = Math.max(...rows.map((r) => r.length));
  const line = (cells: string[]) => `| ${Array.from({ length: width }, (_, i) => (cells[i] ?? "").replace(/\|/g, "\\|")).join(" | ")} |`;
  return [line(rows[0]!), line(Array.from({ length: width }, () => "---")), ...rows.slice(1).map(line)].join("\n");
}

/** The nodes as blocks (paragraphs, headings, lists, tables, code), each one string. */
function blocks(nodes: HtmlNode[], w: Walk): string[] {
  const out: string[] = [];
  let run: HtmlNode[] = [];
  const flush = () => {
    const text = tidy(inline(run, w));
    if (text) out.push(text);
    run = [];
  };
  for (const n of nodes) {
    if (!isElement(n) || !BLOCKS.has(n.name) || SKIPPED.has(n.name)) {
      run.push(n);
      continue;
    }
    flush();
    let block = "";
    if (n.name === "ul" || n.name === "ol") block = listBlock(n, w);
    else if (n.name === "table") block = tableBlock(n, w);
    else if (n.name === "hr") block = w.markdown ? "---" : "";
    else if (n.name === "pre") {
      const code = textOf(n.children).replace(/^\n/, "").trimEnd();
      block = w.markdown ? `\`\`\`\n${code.replace(/```/g, "'''")}\n\`\`\`` : code.replace(/\s+/g, " ");
    } else if (/^h[1-6]$/.test(n.name)) {
      const text = tidy(inline(n.children, w)).replace(/\n/g, " ");
      block = w.markdown && text ? `${"#".repeat(Number(n.name[1]))} ${text}` : text;
    } else if (n.name === "blockquote") {
      const inner = blocks(n.children, w).join("\n\n");
      block = w.markdown ? inner.split("\n").map((l) => `> ${l}`.trimEnd()).join("\n") : inner;
    } else block = blocks(n.children, w).join(w.markdown ? "\n\n" : " ");
    if (block.trim()) out.push(block);
  }
  flush();
  return out;
}

export interface RichText {
  /** One line of plain text, for a title. */
  text: string;
  markdown: string;
  /** Image addresses in the order they appear. */
  images: string[];
}

/** Reads an HTML fragment or document once, as plain text and as Markdown. */
export function readHtml(html: string): RichText {
  const doc = parseDocument(html, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  const images: string[] = [];
  const markdown = blocks(doc.children, { markdown: true, images }).join("\n\n");
  const text = blocks(doc.children, { markdown: false, images: [] }).join(" ").replace(/\s+/g, " ").trim();
  return { text, markdown, images };
}

/** Whether a node's TEXT attribute holds HTML (FreeMind 0.8 and Freeplane write it so). */
export const looksLikeHtml = (text: string) => /^\s*<html[\s>]/i.test(text);
