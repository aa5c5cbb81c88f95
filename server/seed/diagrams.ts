// A small drawing kit for the diagrams hung on seeded concepts: boxes joined by arrows, curves
// on axes, bar charts and grids, each returned as SVG markup that the seed renders to a picture.

export const DIAGRAM_WIDTH = 800;
export const DIAGRAM_HEIGHT = 500;

const FONT = "DejaVu Sans, Liberation Sans, sans-serif";
const INK = "#2b2b2b";
const PAPER = "#fbf7ee";
export const HUES = {
  blue: "#cfe0f3",
  green: "#d3ecd9",
  amber: "#f8e2b8",
  rose: "#f6d0cc",
  violet: "#e0d8f5",
  grey: "#e6e3dc",
  teal: "#cdeeea",
} as const;
export const LINES = ["#3b6ea8", "#c0563f", "#3d8c5a", "#8a5cc2", "#b8860b"] as const;

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const r1 = (v: number) => Math.round(v * 10) / 10;

/** Text centred on (x, y); a "\n" in the string starts a new line. */
export function text(x: number, y: number, s: string, opts: { size?: number; weight?: "bold" | "normal"; anchor?: "start" | "middle" | "end"; fill?: string } = {}): string {
  const size = opts.size ?? 18;
  const lines = s.split("\n");
  const top = y - ((lines.length - 1) * size * 1.2) / 2;
  return lines
    .map(
      (line, i) =>
        `<text x="${r1(x)}" y="${r1(top + i * size * 1.2)}" font-family="${FONT}" font-size="${size}" font-weight="${opts.weight ?? "normal"}" fill="${opts.fill ?? INK}" text-anchor="${opts.anchor ?? "middle"}" dominant-baseline="central">${esc(line)}</text>`,
    )
    .join("");
}

export function rect(x: number, y: number, w: number, h: number, fill: string, opts: { rx?: number; dashed?: boolean; stroke?: string } = {}): string {
  const dash = opts.dashed ? ` stroke-dasharray="8 6"` : "";
  return `<rect x="${r1(x)}" y="${r1(y)}" width="${r1(w)}" height="${r1(h)}" rx="${opts.rx ?? 10}" fill="${fill}" stroke="${opts.stroke ?? INK}" stroke-width="2"${dash}/>`;
}

export function line(x1: number, y1: number, x2: number, y2: number, opts: { arrow?: boolean; dashed?: boolean; color?: string; width?: number } = {}): string {
  const color = opts.color ?? INK;
  const dash = opts.dashed ? ` stroke-dasharray="8 6"` : "";
  let head = "";
  if (opts.arrow) {
    const a = Math.atan2(y2 - y1, x2 - x1);
    const p = (d: number, t: number) => `${r1(x2 - 14 * Math.cos(a + t) * d)},${r1(y2 - 14 * Math.sin(a + t) * d)}`;
    head = `<polygon points="${r1(x2)},${r1(y2)} ${p(1, 0.4)} ${p(1, -0.4)}" fill="${color}"/>`;
  }
  return `<line x1="${r1(x1)}" y1="${r1(y1)}" x2="${r1(x2)}" y2="${r1(y2)}" stroke="${color}" stroke-width="${opts.width ?? 2.5}"${dash}/>${head}`;
}

export interface DiagramNode {
  id: string;
  x: number;
  y: number;
  label: string;
  w?: number;
  h?: number;
  fill?: string;
  circle?: boolean;
  dashed?: boolean;
}

export interface DiagramEdge {
  from: string;
  to: string;
  label?: string;
  dashed?: boolean;
  /** Route the arrow through this point, for shortcuts that go around other boxes. */
  via?: [number, number][];
}

/** The point where a ray from the node's centre towards (tx, ty) leaves the node. */
function border(n: Required<Pick<DiagramNode, "x" | "y" | "w" | "h">> & { circle?: boolean }, tx: number, ty: number) {
  const dx = tx - n.x;
  const dy = ty - n.y;
  if (dx === 0 && dy === 0) return { x: n.x, y: n.y };
  if (n.circle) {
    const len = Math.hypot(dx, dy);
    return { x: n.x + (dx / len) * (n.w / 2), y: n.y + (dy / len) * (n.w / 2) };
  }
  const scale = Math.min(Math.abs(n.w / 2 / (dx || 1e-9)), Math.abs(n.h / 2 / (dy || 1e-9)));
  return { x: n.x + dx * scale, y: n.y + dy * scale };
}

function frame(title: string, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${DIAGRAM_WIDTH}" height="${DIAGRAM_HEIGHT}" viewBox="0 0 ${DIAGRAM_WIDTH} ${DIAGRAM_HEIGHT}"><rect width="100%" height="100%" fill="${PAPER}"/>${text(DIAGRAM_WIDTH / 2, 34, title, { size: 24, weight: "bold" })}${body}</svg>`;
}

/** Boxes (or circles) joined by arrows, plus any extra marks drawn first. */
export function flow(title: string, nodes: DiagramNode[], edges: DiagramEdge[], extras: string[] = []): string {
  const sized = new Map(nodes.map((n) => [n.id, { ...n, w: n.w ?? 130, h: n.h ?? 56 }]));
  const arrows = edges.map((e) => {
    const a = sized.get(e.from);
    const b = sized.get(e.to);
    if (!a || !b) throw new Error(`Diagram "${title}": edge ${e.from} -> ${e.to} names an unknown node.`);
    const points: [number, number][] = e.via ?? [];
    const first = points[0] ?? [b.x, b.y];
    const last = points.at(-1) ?? [a.x, a.y];
    const start = border(a, first[0], first[1]);
    const end = border(b, last[0], last[1]);
    const path: [number, number][] = [[start.x, start.y], ...points, [end.x, end.y]];
    const segments = path.slice(1).map(([x, y], i) => line(path[i]![0], path[i]![1], x, y, { arrow: i === path.length - 2, dashed: e.dashed }));
    const mid = path[Math.floor((path.length - 1) / 2)]!;
    const next = path[Math.floor((path.length - 1) / 2) + 1]!;
    const label = e.label ? text((mid[0] + next[0]) / 2, (mid[1] + next[1]) / 2 - 14, e.label, { size: 15, fill: "#5a4a3a" }) : "";
    return segments.join("") + label;
  });
  const boxes = [...sized.values()].map((n) => {
    const fill = n.fill ?? HUES.blue;
    const shape = n.circle
      ? `<circle cx="${r1(n.x)}" cy="${r1(n.y)}" r="${r1(n.w / 2)}" fill="${fill}" stroke="${INK}" stroke-width="2"${n.dashed ? ` stroke-dasharray="8 6"` : ""}/>`
      : rect(n.x - n.w / 2, n.y - n.h / 2, n.w, n.h, fill, { dashed: n.dashed });
    return shape + text(n.x, n.y, n.label, { size: 17 });
  });
  return frame(title, extras.join("") + arrows.join("") + boxes.join(""));
}

/** A left-to-right chain of boxes, the common case of a layer stack or a pipeline. */
export function chain(title: string, labels: string[], opts: { y?: number; fills?: string[]; w?: number } = {}): { nodes: DiagramNode[]; edges: DiagramEdge[] } {
  const y = opts.y ?? 260;
  const margin = 70;
  const step = labels.length > 1 ? (DIAGRAM_WIDTH - 2 * margin) / (labels.length - 1) : 0;
  const nodes = labels.map((label, i) => ({ id: `${title}-${i}`, x: margin + i * step, y, label, w: opts.w ?? Math.min(120, step - 24), fill: opts.fills?.[i] }));
  const edges = nodes.slice(1).map((n, i) => ({ from: nodes[i]!.id, to: n.id }));
  return { nodes, edges };
}

export interface PlotSeries {
  label: string;
  points: [number, number][];
  dashed?: boolean;
}

/** Curves on labelled axes; x and y run from 0 to the given maxima. */
export function plot(title: string, opts: { xLabel: string; yLabel: string; xMax: number; yMax: number; series: PlotSeries[]; marks?: { x: number; label: string }[] }): string {
  const left = 90;
  const right = 760;
  const top = 80;
  const bottom = 420;
  const px = (x: number) => left + (x / opts.xMax) * (right - left);
  const py = (y: number) => bottom - (y / opts.yMax) * (bottom - top);
  const axes = line(left, bottom, right + 10, bottom, { arrow: true }) + line(left, bottom, left, top - 10, { arrow: true });
  const labels =
    text((left + right) / 2, bottom + 40, opts.xLabel, { size: 18 }) +
    `<g transform="rotate(-90 40 ${(top + bottom) / 2})">${text(40, (top + bottom) / 2, opts.yLabel, { size: 18 })}</g>`;
  const marks = (opts.marks ?? [])
    .map((m) => line(px(m.x), bottom, px(m.x), top, { dashed: true, color: "#9a9a9a", width: 1.5 }) + text(px(m.x), bottom + 16, m.label, { size: 14 }))
    .join("");
  const curves = opts.series
    .map((s, i) => {
      const color = LINES[i % LINES.length]!;
      const d = s.points.map(([x, y], j) => `${j === 0 ? "M" : "L"}${r1(px(x))},${r1(py(y))}`).join(" ");
      const legendY = top + 10 + i * 26;
      return (
        `<path d="${d}" fill="none" stroke="${color}" stroke-width="3.5"${s.dashed ? ` stroke-dasharray="10 7"` : ""}/>` +
        line(right - 210, legendY, right - 175, legendY, { color, width: 3.5, dashed: s.dashed }) +
        text(right - 165, legendY, s.label, { size: 16, anchor: "start" })
      );
    })
    .join("");
  return frame(title, marks + axes + labels + curves);
}

/** Samples f at n + 1 evenly spaced points from 0 to xMax. */
export function sample(f: (x: number) => number, xMax: number, n = 120): [number, number][] {
  return Array.from({ length: n + 1 }, (_, i) => {
    const x = (i / n) * xMax;
    return [x, f(x)];
  });
}

/** Horizontal bars, one per item, scaled to the largest value. */
export function bars(title: string, items: { label: string; value: number; shown: string; fill?: string }[]): string {
  const max = Math.max(...items.map((i) => i.value));
  const top = 90;
  const rowH = Math.min(70, 360 / items.length);
  const left = 260;
  const width = 440;
  const rows = items
    .map((item, i) => {
      const y = top + i * rowH;
      const w = Math.max(4, (item.value / max) * width);
      return (
        text(left - 14, y + rowH / 2 - 4, item.label, { size: 17, anchor: "end" }) +
        rect(left, y + 6, w, rowH - 20, item.fill ?? HUES.blue, { rx: 4 }) +
        text(left + w + 10, y + rowH / 2 - 4, item.shown, { size: 16, anchor: "start" })
      );
    })
    .join("");
  return frame(title, rows);
}

/** An n × n grid of square cells with its top-left corner at (x, y); `lit` cells are shaded. */
export function grid(x: number, y: number, n: number, cell: number, lit: (row: number, col: number) => string | null = () => null): string {
  const cells: string[] = [];
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      cells.push(rect(x + col * cell, y + row * cell, cell, cell, lit(row, col) ?? "#ffffff", { rx: 0 }));
    }
  }
  return cells.join("");
}

/** Free-form marks under a title, for the few diagrams that are neither flows nor plots. */
export function sketch(title: string, marks: string[]): string {
  return frame(title, marks.join(""));
}
