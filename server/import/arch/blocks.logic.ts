// Blocks without names: a run of units is cut into blocks where a single tensor flows across
// (the ends of residual blocks, of Inception blocks, of plain layers), consecutive identical
// blocks fold into one room "×N", and stages are cut where the spatial resolution (or, without
// one, the width) changes. Rooms are named by what they hold, never by op ranges or ids.
import type { ModelGraph } from "./graph";
import type { Shape, ShapeFacts } from "./shapes.logic";
import { channelsOf } from "./titles.logic";
import type { Unit } from "./units.logic";

/** Most concepts a room holds before it is split into parts. */
export const ROOM_MAX = 30;
/** Reads reaching back further than this many units are long skips (feature taps, U-Net skips): they do not hold blocks together. */
const SPAN_MAX = 16;
/** Runs of at most this many units stay one room. */
const SMALL = 15;
/** Longest block, in segments, that repeats are looked for. */
const PERIOD_MAX = 8;

export interface RoomDraft {
  name: string;
  units: Unit[];
  /** A folded run of repeats, or a named module: never merged with its neighbours. */
  block: boolean;
}

export interface BlockContext {
  facts: ShapeFacts;
  layout: ModelGraph["layout"];
  /** Ids of units that are merges on a real residual path. */
  residual: Set<number>;
  /** Called for the second and later copies of a folded run: each unit and the first copy's unit it repeats. */
  onCopy: (copy: Unit, first: Unit) => void;
  /** Called with each folded run's label. */
  onFold: (label: string) => void;
}

const isNum = (d: unknown): d is number => typeof d === "number";

/** Cuts a route of units into segments wherever exactly one value is live across the cut. */
export function segmentsOf(units: Unit[]): Unit[][] {
  const at = new Map(units.map((u, i) => [u.id, i]));
  const lastUse = units.map((_, i) => i);
  // Values from before the run (a shortcut from the previous stage) are live from its start.
  const outside = new Map<number, number>();
  units.forEach((u, i) => {
    // A unit gathering outputs from far back (a dense network's feature fusion) reads every block
    // before it: none of its reads holds a block together.
    if (u.sources.some((s) => i - (at.get(s) ?? i) > SPAN_MAX)) return;
    for (const s of u.sources) {
      const k = at.get(s);
      if (k !== undefined && i - k <= SPAN_MAX) lastUse[k] = Math.max(lastUse[k]!, i);
      else if (k === undefined && i <= SPAN_MAX) outside.set(s, Math.max(outside.get(s) ?? 0, i));
    }
  });
  const segments: Unit[][] = [];
  let current: Unit[] = [];
  const ends = new Map<number, number>();
  for (const last of outside.values()) ends.set(last, (ends.get(last) ?? 0) + 1);
  let live = outside.size;
  units.forEach((u, i) => {
    current.push(u);
    if (lastUse[i]! > i) {
      live++;
      ends.set(lastUse[i]!, (ends.get(lastUse[i]!) ?? 0) + 1);
    }
    live -= ends.get(i) ?? 0;
    // After unit i, what crosses is its own output plus whatever else is still live.
    if (live <= 1) {
      segments.push(current);
      current = [];
    }
  });
  if (current.length) segments.push(current);
  return segments;
}

/** What a unit is, for comparing blocks: op or pattern, its numbers and its output shape. */
function unitKey(u: Unit, c: BlockContext): string {
  const s = c.facts.shapes.get(u.output);
  const attrs = (u.node.attrs ? Object.entries(u.node.attrs) : []).filter(([k]) => /kernel|stride|group|pad|axis|units|filters|hidden|dilation/.test(k)).map(([k, v]) => `${k}=${String(v)}`);
  return `${u.pattern?.name ?? u.node.op}|${u.node.summary}|${u.pattern?.steps.join(",") ?? ""}|${s ? s.join("×") : ""}|${attrs.join(",")}`;
}

function signature(segment: Unit[], c: BlockContext): string {
  const start = new Map(segment.map((u, i) => [u.id, i]));
  return segment.map((u) => `${unitKey(u, c)}<${u.sources.map((s) => start.get(s) ?? "out").join(",")}`).join(";");
}

/** Consecutive repeats of the same sequence of segment signatures: [start, period, count], greedy from the left. */
export function tandemRepeats(sigs: string[]): [number, number, number][] {
  const runs: [number, number, number][] = [];
  for (let i = 0; i < sigs.length; ) {
    let best: [number, number] | null = null;
    for (let p = 1; p <= PERIOD_MAX && i + 2 * p <= sigs.length; p++) {
      let k = 1;
      while (i + (k + 1) * p <= sigs.length && sigs.slice(i + k * p, i + (k + 1) * p).every((s, j) => s === sigs[i + j])) k++;
      if (k >= 2 && (!best || p * k > best[0] * best[1])) best = [p, k];
    }
    if (best) {
      runs.push([i, best[0], best[1]]);
      i += best[0] * best[1];
    } else i++;
  }
  return runs;
}

/** A block's kind in words, from what it holds. */
export function describeBlock(units: Unit[], c: BlockContext): string {
  const names = units.map((u) => u.pattern?.name ?? u.node.op);
  const has = (re: RegExp) => names.some((n) => re.test(n));
  const residual = units.some((u) => c.residual.has(u.id));
  if (has(/attention/i)) return has(/Linear|MatMul|Gemm|Dense/) && units.length > 2 ? "Encoder layer" : "Attention block";
  if (has(/^(LSTM|GRU|RNN|SimpleRNN)$/)) return `${names.find((n) => /^(LSTM|GRU|RNN|SimpleRNN)$/.test(n))} layer`;
  const depthwise = units.some((u) => u.pattern?.name === "Depthwise-separable conv" || /^Depthwise/.test(u.node.op) || ((u.node.attrs?.group as number) > 1 && u.node.op === "Conv"));
  const se = has(/Squeeze-and-excitation/);
  if (depthwise) return `${units.filter((u) => /Conv/.test(u.node.op)).length >= 3 || residual ? "inverted residual" : "depthwise-separable block"}${se ? " + SE" : ""}`;
  // Inception: branches that start inside the block meet in one concatenation; a concatenation
  // gathering the outputs of earlier blocks (a dense network's feature fusion) is no Inception block.
  const inside = new Set(units.map((u) => u.id));
  if (units.some((u) => /^Concat/.test(u.node.op) && u.inputs.length >= 3 && u.sources.every((s) => inside.has(s)))) return "Inception block";
  if (residual) return `residual block${se ? " + SE" : ""}`;
  const words = [...new Set(names.map(word))].filter(Boolean);
  return words.length <= 3 ? words.join(", ") : `${words.slice(0, 2).join(", ")} and more`;
}

const WORDS: [RegExp, string][] = [
  [/^(Conv|Conv[123]D|Depthwise.*|Separable.*|Patch embedding)$/, "conv"],
  [/ConvTranspose|Conv[123]DTranspose/, "transposed conv"],
  [/Pool/, "pooling"],
  [/^(Resize|Upsample|UpSampling[123]D)$/, "upsampling"],
  [/^Concat/, "concat"],
  [/^(Linear|Gemm|MatMul|Dense)$/, "linear"],
  [/Norm/, "normalisation"],
  [/^(Add|Sum)$/, "sum"],
  [/^(Mul|Multiply)$/, "gating"],
  [/Softmax/, "softmax"],
  [/^(Sigmoid|Tanh|Relu|ReLU6|HardSwish|HardSigmoid|SiLU|Swish|GELU|Mish|Activation|ReLU|LeakyRelu|LeakyReLU)$/, "activation"],
  [/Dropout/, "dropout"],
  [/^(LSTM|GRU|RNN|SimpleRNN)$/, "recurrent"],
  [/^(Gather|Embedding)$/, "embedding"],
  [/^If$/, "branch"],
  [/^Loop$/, "loop"],
];
const word = (name: string) => WORDS.find(([re]) => re.test(name))?.[1] ?? name.toLowerCase();

/** Where a stage sits: "1/16" for symbolic sizes, "14×14" for fixed ones; by width when there is no image. */
function scaleOf(s: Shape | undefined, layout: ModelGraph["layout"]): string | null {
  if (!s || s.length !== 4) return null;
  const spatial = layout === "channels-last" ? s.slice(1, 3) : s.slice(2);
  if (spatial.every((d) => d === 1)) return null;
  const factor = spatial.map((d) => (isNum(d) ? null : /\/(\d+)$/.exec(d)?.[1] ?? (d.length <= 3 ? "1" : null)));
  if (factor.every((f) => f !== null)) {
    const uniq = [...new Set(factor)];
    return uniq.length === 1 ? (uniq[0] === "1" ? "full size" : `1/${uniq[0]}`) : spatial.join("×");
  }
  return spatial.join("×");
}

/** Plans rooms for units that carry no module names. `prefix` goes before every room name. */
export function structuralRooms(units: Unit[], c: BlockContext, prefix = ""): RoomDraft[] {
  if (!units.length) return [];
  // A small model reads best whole: stages of one or two layers would only scatter it.
  if (units.length <= SMALL) return [{ name: prefix || describeBlock(units, c), units, block: false }];
  // Stages: a new one starts where the resolution (or, without an image, the width) changes,
  // moved back to the block boundary just before when there is one close by.
  const keyOf = (u: Unit): string | null => {
    const s = c.facts.shapes.get(u.output);
    if (!s) return null;
    if (s.length === 4) {
      const scale = scaleOf(s, c.layout);
      return scale === null ? "head" : `img:${scale}`;
    }
    return s.length <= 2 ? "head" : `w:${String(s[s.length - 1])}`;
  };
  // Keys are read at block ends only, so a block widening inside (an MLP) is not cut in two.
  // A block spanning several resolutions (a backbone held together by a neck's feature taps) is cut where they change.
  const pieces: Unit[][] = [];
  for (const seg of segmentsOf(units)) {
    let piece: Unit[] = [];
    let was: string | null = null;
    for (const u of seg) {
      const k = keyOf(u);
      if (piece.length && k !== null && was !== null && k !== was && k.startsWith("img:") && was.startsWith("img:")) {
        pieces.push(piece);
        piece = [];
      }
      piece.push(u);
      if (k !== null && k !== "head") was = k;
    }
    pieces.push(piece);
  }
  const stages: Unit[][] = [];
  let current: string | null = null;
  for (const seg of pieces) {
    const key = keyOf(seg[seg.length - 1]!);
    const last = stages[stages.length - 1];
    if (last && (key === null || key === current)) last.push(...seg);
    else stages.push([...seg]);
    if (key !== null) current = key;
  }
  const lead = prefix ? `${prefix} · ` : "";
  const rooms: RoomDraft[] = [];
  const spatial = stages.some((st) => keyOf(st[st.length - 1]!)?.startsWith("img:"));
  let stageNo = 0;
  for (const st of stages) {
    const lastKey = keyOf(st[st.length - 1]!);
    const width = channelsOf(c.facts.shapes.get(st[st.length - 1]!.output), c.layout);
    let base: string;
    if (lastKey === "head" && stages.length > 1) base = "Head";
    else if (stages.length === 1) base = "";
    else {
      stageNo++;
      const scale = lastKey?.startsWith("img:") ? lastKey.slice(4) : "";
      base = [`Stage ${stageNo}`, scale, width !== undefined && (spatial || stages.length > 1) ? `${width} ch` : ""].filter(Boolean).join(" · ");
    }
    // Stage rooms are deliberate cuts: never merged with a neighbour afterwards.
    rooms.push(...stageRooms(st, c).map((r) => ({ ...r, block: true, name: `${lead}${r.name === null ? base || describeBlock(r.units, c) : [base, r.name].filter(Boolean).join(" · ")}` })));
  }
  return rooms;
}

/** Rooms within one stage: folded runs of identical blocks, and the loose units between them. Null names a room by its stage alone. */
function stageRooms(units: Unit[], c: BlockContext): { name: string | null; units: Unit[]; block: boolean }[] {
  const segments = segmentsOf(units);
  const sigs = segments.map((s) => signature(s, c));
  const parts: { name: string | null; units: Unit[]; block: boolean }[] = [];
  let loose: Unit[] = [];
  const flush = () => {
    for (let k = 0; k < loose.length; k += ROOM_MAX) parts.push({ name: describeBlock(loose.slice(k, k + ROOM_MAX), c), units: loose.slice(k, k + ROOM_MAX), block: false });
    loose = [];
  };
  let next = 0;
  for (const [start, period, count] of tandemRepeats(sigs)) {
    for (; next < start; next++) loose.push(...segments[next]!);
    flush();
    const copies = Array.from({ length: count }, (_, k) => segments.slice(start + k * period, start + (k + 1) * period).flat());
    const first = copies[0]!;
    for (const copy of copies.slice(1)) copy.forEach((u, k) => c.onCopy(u, first[k]!));
    const what = describeBlock(first, c);
    c.onFold(`${what.charAt(0).toUpperCase()}${what.slice(1)} ×${count}`);
    const repeat = { count, names: copies.map((_, k) => `copy ${k + 1}`) };
    for (const u of first) u.repeat = repeat;
    for (let k = 0; k < first.length; k += ROOM_MAX) parts.push({ name: `${what} ×${count}`, units: first.slice(k, k + ROOM_MAX), block: true });
    next = start + period * count;
  }
  for (; next < segments.length; next++) loose.push(...segments[next]!);
  flush();
  if (parts.length === 1 && !parts[0]!.block) parts[0]!.name = null;
  return parts;
}

/** Makes room names unique: a second "Head" becomes "Head · 2". */
export function uniqueNames(rooms: RoomDraft[]): void {
  const seen = new Map<string, number>();
  for (const r of rooms) {
    const n = (seen.get(r.name) ?? 0) + 1;
    seen.set(r.name, n);
    if (n > 1) r.name = `${r.name} · ${n}`;
  }
}
