// Plans a model's graph into a palace: operations become concepts in data-flow order (the route),
// modules and repeated blocks become rooms, identical consecutive blocks fold into one room with
// a count, plumbing ops fold into their neighbours' notes, and skip connections become links.
import type { TConceptKind } from "../../domain/concept/concept.schema";
import { invalid } from "../../domain/errors";
import type { TLocusShape } from "../../domain/locus/locus.schema";
import { PALACE_DESCRIPTION_MAX } from "../../domain/palace/palace.schema";
import { IMPORT_MAX_CONCEPTS, IMPORT_MAX_LINKS, IMPORT_MAX_ROOMS, type TFilePalace } from "../../domain/transfer/transfer.schema";
import { type ConceptDraft, layoutPalace, titleAndNotes } from "../plan.logic";
import type { ModelGraph, ModelNode } from "./graph";
import { KERAS_PLUMBING } from "./keras.logic";
import { topologicalOrder } from "./order.logic";

/** Most concepts a room holds before its module is split further or cut at a boundary. */
export const ROOM_MAX = 30;
/** A cut into stages waits for a boundary until a stage holds at least this many concepts. */
const STAGE_MIN = 6;
/** Rooms kept below the palace limit, leaving room for the layout's own splits. */
const ROOMS_TARGET = IMPORT_MAX_ROOMS - 20;

/** Ops that only move, relabel or compute shapes; they never become concepts of their own. */
const PLUMBING = new Set([
  "Constant",
  "ConstantOfShape",
  "Shape",
  "Size",
  "Identity",
  "Cast",
  "CastLike",
  "Unsqueeze",
  "Squeeze",
  "Reshape",
  "Flatten",
  "Transpose",
  "Expand",
  ...KERAS_PLUMBING,
]);
/** Ops whose output depends only on the shape of their input, so it is static like a weight. */
const SHAPE_ONLY = new Set(["Shape", "Size", "Constant", "ConstantOfShape", "Range", "EyeLike"]);
const MERGES: Record<string, string> = {
  Add: "residual",
  Sum: "residual",
  Concat: "skip",
  Concatenate: "skip",
  Multiply: "merge",
  Average: "merge",
  Maximum: "merge",
  Minimum: "merge",
  Subtract: "merge",
  Dot: "merge",
  Mul: "merge",
  Max: "merge",
  Min: "merge",
  Mean: "merge",
};
const LOSSES = new Set(["SoftmaxCrossEntropyLoss", "NegativeLogLikelihoodLoss"]);
const TECHNIQUES = new Set(["Dropout", "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D", "GaussianNoise", "GaussianDropout", "AlphaDropout", "ActivityRegularization"]);
/** Cheap ops folded into the op before them when a graph is too large even after plumbing. */
const MINOR = new Set([
  "Relu",
  "LeakyRelu",
  "PRelu",
  "Sigmoid",
  "HardSigmoid",
  "Tanh",
  "Gelu",
  "Erf",
  "Elu",
  "Selu",
  "Softplus",
  "HardSwish",
  "Clip",
  "Activation",
  "ReLU",
  "BatchNormalization",
  "LayerNormalization",
  "InstanceNormalization",
  "GroupNormalization",
  "Dropout",
  "Pad",
  "Add",
  "Sub",
  "Mul",
  "Div",
  "Pow",
  "Sqrt",
  "Neg",
  "Exp",
  "Log",
]);
const POOLING = /Pool/;

interface Unit {
  id: number;
  node: ModelNode;
  /** Ids of the units whose output this one reads, through folded plumbing. */
  sources: number[];
  folded: ModelNode[];
  /** Other ops merged into this concept when the graph had to be coarsened. */
  merged: Unit[];
  repeat?: Repeat;
}
interface Repeat {
  count: number;
  names: string[];
}
interface RoomDraft {
  name: string;
  units: Unit[];
  /** Rooms of one module that repeats, or of a folded run of repeats: never merged with others. */
  block: boolean;
}

const thousands = (n: number) => n.toLocaleString("en-US");
const compact = (n: number) =>
  n >= 1e9 ? `${(n / 1e9).toFixed(2)} B` : n >= 1e6 ? `${(n / 1e6).toFixed(1)} M` : n >= 1e4 ? `${(n / 1e3).toFixed(1)} k` : thousands(n);

const formatName = (f: string) => ({ onnx: "ONNX", keras: "Keras (.keras)", "keras-json": "Keras JSON", tfjs: "TensorFlow.js layers" })[f] ?? f;

function kindOf(op: string): TConceptKind {
  if (LOSSES.has(op)) return "loss";
  if (TECHNIQUES.has(op)) return "technique";
  return "layer";
}
const shapeOfKind = (op: string, kind: TConceptKind): TLocusShape =>
  kind === "technique" ? "lamp" : kind === "loss" ? "book" : kind === "block" ? "cube" : MERGES[op] ? "sphere" : "pedestal";

const tag = (s: string) => s.toLowerCase().replace(/[\s,#]+/g, "-").slice(0, 32);

/** "layer1.0" after "layer1" says it all; "bert/encoder/layer.0" reads as "encoder layer.0". */
/** Exporters decorate inlined subgraph names ("If_0_then_branch__Inline_0__"); keep the words. */
const cleanPart = (p: string) => p.replace(/__Inline_\d+__$/, "").replace(/_{2,}/g, "_").replace(/^_+|_+$/g, "");

function pathName(path: string[]): string {
  const out: string[] = [];
  for (const part of path.map(cleanPart)) {
    const prev = out[out.length - 1];
    if (prev && part.startsWith(prev)) out[out.length - 1] = part;
    else out.push(part);
  }
  return out.slice(-2).join(" ");
}

const INDEXED = /^(.*?)(\d+)$/;

export function planArchitecture(
  graph: ModelGraph,
  options: { format: string; maxConcepts?: number; onProgress?: (fraction: number) => void },
): TFilePalace {
  const maxConcepts = options.maxConcepts ?? IMPORT_MAX_CONCEPTS;
  const { nodes } = graph;
  if (nodes.length === 0) throw invalid("The model holds no layers or operations to plan.");
  const progress = options.onProgress ?? (() => {});
  progress(0);

  // ---- Which nodes are plumbing, and where their notes go ----
  const order = topologicalOrder(nodes);
  const producer = new Map<string, number>();
  nodes.forEach((n, i) => n.outputs.forEach((o) => producer.set(o, i)));
  const staticValue = new Set(graph.weights);
  const folded = new Uint8Array(nodes.length);
  const indexOf = new Map(nodes.map((n, i) => [n.name, i]));
  for (const i of order) {
    const n = nodes[i]!;
    // Control flow whose branches hold nothing but plumbing is plumbing too.
    if (n.body?.length && n.body.every((b) => folded[indexOf.get(b) ?? -1] === 1)) {
      folded[i] = 1;
      continue;
    }
    const dataInputs = n.inputs.filter((v) => !staticValue.has(v));
    const isStatic = SHAPE_ONLY.has(n.op) || (n.inputs.length > 0 && dataInputs.length === 0) || (n.inputs.length === 0 && n.op === "Constant");
    if (isStatic) n.outputs.forEach((o) => staticValue.add(o));
    if (isStatic || PLUMBING.has(n.op)) folded[i] = 1;
  }
  // A graph of nothing but plumbing is still shown, op by op.
  if (folded.every((f) => f === 1)) folded.fill(0);

  const unitOf = new Map<number, Unit>();
  const units: Unit[] = [];
  for (const i of order) {
    if (folded[i]) continue;
    const unit: Unit = { id: units.length, node: nodes[i]!, sources: [], folded: [], merged: [] };
    unitOf.set(i, unit);
    units.push(unit);
  }
  // Producers come earlier in data-flow order, so one forward pass finds, for every node, the
  // concepts whose output reaches it through plumbing. Lists are capped: a value read by
  // hundreds of concepts is a broadcast, not a connection worth drawing.
  const reach: number[][] = nodes.map(() => []);
  const readBy = (n: ModelNode, self: number) => {
    const found = new Set<number>();
    for (const v of n.inputs) {
      if (staticValue.has(v)) continue;
      const p = producer.get(v);
      if (p !== undefined) for (const s of reach[p]!) if (s !== self) found.add(s);
    }
    return [...found].sort((a, b) => a - b).slice(0, 64);
  };
  for (const i of order) {
    const own = unitOf.get(i);
    if (own) {
      own.sources = readBy(own.node, own.id);
      reach[i] = [own.id];
    } else reach[i] = readBy(nodes[i]!, -1);
  }
  // A folded node's notes go to the first concept that reads its result, else the one before it.
  const consumers = new Map<string, number[]>();
  nodes.forEach((n, i) =>
    n.inputs.forEach((v) => {
      const list = consumers.get(v);
      if (list) list.push(i);
      else consumers.set(v, [i]);
    }),
  );
  // Consumers come later in data-flow order, so one backward pass finds every node's host.
  const hosts: (Unit | null)[] = nodes.map(() => null);
  for (let k = order.length - 1; k >= 0; k--) {
    const i = order[k]!;
    const own = unitOf.get(i);
    if (own) {
      hosts[i] = own;
      continue;
    }
    let best: Unit | null = null;
    for (const o of nodes[i]!.outputs) {
      for (const c of consumers.get(o) ?? []) {
        const h = hosts[c];
        if (h && (!best || h.id < best.id)) best = h;
      }
    }
    hosts[i] = best;
  }
  const hostOf = (i: number) => hosts[i] ?? null;
  let lastUnit: Unit | null = null;
  const orphans: ModelNode[] = [];
  for (const i of order) {
    const own = unitOf.get(i);
    if (own) {
      lastUnit = own;
      if (orphans.length) own.folded.unshift(...orphans.splice(0));
      continue;
    }
    const host = hostOf(i) ?? lastUnit;
    if (host) host.folded.push(nodes[i]!);
    else orphans.push(nodes[i]!);
  }
  if (orphans.length && lastUnit) lastUnit.folded.push(...orphans);
  progress(0.3);

  // ---- Rooms from the name hierarchy; identical repeated blocks fold into one ----
  const repOf = new Map<number, number>();
  /** Units of the second and later copies of a folded block: shown by the first copy's units. */
  const copies = new Set<number>();
  const foldedBlocks: string[] = [];
  const signatures = new Map<string, string>();
  const signature = (block: Unit[]) => {
    const start = block[0]!.id;
    const memo = `${start}:${block.length}`;
    const known = signatures.get(memo);
    if (known !== undefined) return known;
    const sig = block
      .map((u) => {
        const attrs = u.node.attributes.map(([k, v]) => `${k}=${v}`).join(",");
        const src = u.sources.map((s) => (s >= start && s < start + block.length ? s - start : "out")).join(",");
        // Parameter counts stay out: a weight shared by every copy (ALBERT) is counted at its first use only.
        return `${u.node.op}|${u.node.summary}|${u.node.shape ?? ""}|${attrs}|${src}`;
      })
      .join(";");
    signatures.set(memo, sig);
    return sig;
  };
  const runsAt = (list: Unit[], depth: number) => {
    const runs: { key: string | null; units: Unit[] }[] = [];
    for (const u of list) {
      const key = u.node.scope.length > depth ? u.node.scope[depth]! : null;
      const last = runs[runs.length - 1];
      if (last && last.key === key) last.units.push(u);
      else runs.push({ key, units: [u] });
    }
    return runs;
  };
  const isLeaf = (run: { units: Unit[] }, depth: number) => run.units.length === 1 || run.units.every((u) => u.node.scope.length === depth + 1);
  /**
   * Stems of numbered sibling modules ("layer1.0", "layer1.1"; "block1", "block2") worth a room
   * each: when two in a row are identical (they fold), or when each is a named block of three or
   * more ops. Bare numbers inside a block ("1", "2" in "conv2_block1_1_conv") alone are not.
   */
  const splittingStems = (runs: { key: string | null; units: Unit[] }[]) => {
    const byStem = new Map<string, { key: string; units: Unit[] }[]>();
    for (const r of runs) {
      if (r.key === null || r.units.length < 2) continue;
      const m = INDEXED.exec(r.key);
      if (m) byStem.set(m[1]!, [...(byStem.get(m[1]!) ?? []), { key: r.key, units: r.units }]);
    }
    const stems = new Set<string>();
    for (const [stem, group] of byStem) {
      if (new Set(group.map((g) => g.key)).size < 2) continue;
      const named = stem !== "" && group.every((g) => g.units.length >= 3);
      const sigs = group.map((g) => signature(g.units));
      if (named || sigs.some((sig, i) => i > 0 && sig === sigs[i - 1])) stems.add(stem);
    }
    return stems;
  };
  const hasRepeats = (list: Unit[], depth: number): boolean => {
    for (let d = depth; d < depth + 8; d++) {
      const runs = runsAt(list, d);
      if (runs.every((r) => r.key === null)) return false;
      if (splittingStems(runs).size) return true;
    }
    return false;
  };
  const looseName = (path: string[], list: Unit[], depth: number) => {
    const modules = [...new Set(list.map((u) => cleanPart((u.node.scope.length <= depth + 1 ? u.node.label || u.node.scope[depth] : u.node.scope[depth]) ?? "")).filter(Boolean))];
    const ops = [...new Set(list.map((u) => u.node.op))];
    const what = modules.length
      ? modules.length <= 3
        ? modules.join(", ")
        : `${modules[0]} … ${modules[modules.length - 1]}`
      : ops.length <= 3
        ? ops.join(", ")
        : `${ops[0]} … ${list[list.length - 1]!.node.op}`;
    return [pathName(path), what].filter(Boolean).join(": ");
  };
  /** Cuts a long run with no names to go by into stages, after pooling or downsampling. */
  const stages = (path: string[], list: Unit[], depth: number): RoomDraft[] => {
    if (list.length <= ROOM_MAX) return [{ name: looseName(path, list, depth), units: list, block: false }];
    const rooms: RoomDraft[] = [];
    let current: Unit[] = [];
    const flush = () => {
      if (current.length) rooms.push({ name: looseName(path, current, depth), units: current, block: false });
      current = [];
    };
    for (const u of list) {
      current.push(u);
      const boundary = POOLING.test(u.node.op) || /(^|, )\/\d+/.test(u.node.summary);
      if ((boundary && current.length >= STAGE_MIN) || current.length >= ROOM_MAX) flush();
    }
    flush();
    return rooms.map((r, i) => ({ ...r, name: `Stage ${i + 1} · ${r.name}` }));
  };

  const partition = (list: Unit[], depth: number, path: string[]): RoomDraft[] => {
    const runs = runsAt(list, depth);
    if (runs.length === 1 && runs[0]!.key !== null && depth < 64) return partition(list, depth + 1, [...path, runs[0]!.key]);
    if (list.length <= ROOM_MAX && !hasRepeats(list, depth)) return [{ name: pathName(path) || looseName(path, list, depth), units: list, block: false }];
    const stems = splittingStems(runs);
    const rooms: RoomDraft[] = [];
    let loose: Unit[] = [];
    const flushLoose = () => {
      if (loose.length) rooms.push(...stages(path, loose, depth));
      loose = [];
    };
    for (let i = 0; i < runs.length; i++) {
      const run = runs[i]!;
      const stem = run.key !== null ? INDEXED.exec(run.key)?.[1] : undefined;
      if (run.key === null || (isLeaf(run, depth) && !(stem !== undefined && stems.has(stem)))) {
        loose.push(...run.units);
        continue;
      }
      flushLoose();
      if (stem === undefined || !stems.has(stem)) {
        rooms.push(...partition(run.units, depth + 1, [...path, run.key]));
        continue;
      }
      // Consecutive siblings with the same ops, shapes and wiring fold into the first.
      const sig = signature(run.units);
      let j = i + 1;
      while (j < runs.length) {
        const next = runs[j]!;
        if (next.key === null || INDEXED.exec(next.key)?.[1] !== stem || next.units.length !== run.units.length || signature(next.units) !== sig) break;
        j++;
      }
      const inner = partition(run.units, depth + 1, [...path, run.key]);
      if (j - i === 1) {
        rooms.push(...inner.map((r) => ({ ...r, block: true })));
        continue;
      }
      const group = runs.slice(i, j);
      for (const other of group.slice(1)) {
        other.units.forEach((u, k) => {
          repOf.set(u.id, run.units[k]!.id);
          copies.add(u.id);
        });
      }
      const names = group.map((g) => g.key!);
      const siblings = runs.filter((r) => r.key !== null && INDEXED.exec(r.key)?.[1] === stem).length;
      const parentLast = path[path.length - 1] ?? "";
      const stemWord = stem.replace(/[._\-\s]+$/, "");
      const word = !stemWord || stemWord === parentLast ? "block" : stemWord;
      const first = INDEXED.exec(names[0]!)![2];
      const last = INDEXED.exec(names[names.length - 1]!)![2];
      const label = `${[pathName(path), word].filter(Boolean).join(" ")}${siblings === group.length ? "" : ` ${first}–${last}`} ×${group.length}`;
      foldedBlocks.push(label);
      const repeat: Repeat = { count: group.length, names };
      for (const u of run.units) u.repeat = repeat;
      inner.forEach((r, k) => rooms.push({ name: inner.length === 1 ? label : `${label} · ${r.name.replace(pathName([...path, run.key!]), "").trim() || k + 1}`, units: r.units, block: true }));
      i = j - 1;
    }
    flushLoose();
    return rooms;
  };
  let rooms = partition(units, 0, []);
  if (rooms.length === 1) rooms[0]!.name = graph.name;
  for (const r of rooms) if (!r.name) r.name = looseName([], r.units, 0) || graph.name;

  // Small rooms that are neither blocks nor repeats join a neighbour.
  const merged: RoomDraft[] = [];
  for (const room of rooms) {
    const prev = merged[merged.length - 1];
    if (prev && !prev.block && !room.block && (room.units.length < 3 || prev.units.length < 3) && prev.units.length + room.units.length <= ROOM_MAX + 2) {
      // The bigger room names the pair; two small ones share the name.
      prev.name = room.units.length < 3 && prev.units.length >= 3 ? prev.name : prev.units.length < 3 && room.units.length >= 3 ? room.name : `${prev.name} + ${room.name}`;
      prev.units.push(...room.units);
    } else merged.push({ ...room, units: [...room.units] });
  }
  rooms = merged;
  progress(0.6);

  // ---- Coarsening when the palace would still be too large ----
  const notes: string[] = [];
  const alive = () => rooms.reduce((n, r) => n + r.units.length, 0);
  const absorb = (host: Unit, u: Unit) => {
    host.merged.push(u, ...u.merged);
    host.folded.push(...u.folded);
    u.merged = [];
    repOf.set(u.id, host.id);
  };
  if (alive() > maxConcepts) {
    let count = 0;
    for (const room of rooms) {
      const kept: Unit[] = [];
      for (const u of room.units) {
        const host = kept[kept.length - 1];
        if (host && MINOR.has(u.node.op) && !(MERGES[u.node.op] && u.sources.length > 1)) {
          absorb(host, u);
          count++;
        } else kept.push(u);
      }
      room.units = kept;
    }
    notes.push(`To fit Engram's limit of ${thousands(maxConcepts)} concepts, ${thousands(count)} activations, normalisations and elementwise ops were folded into the op before them.`);
  }
  if (alive() > maxConcepts) {
    const size = Math.ceil(alive() / Math.max(1, maxConcepts - rooms.length));
    for (const room of rooms) {
      const kept: Unit[] = [];
      room.units.forEach((u, k) => {
        if (k % size === 0) kept.push(u);
        else absorb(kept[kept.length - 1]!, u);
      });
      room.units = kept;
    }
    notes.push(`Still too large, so every ${size} consecutive ops in a room became one concept.`);
  }
  if (rooms.length > ROOMS_TARGET) {
    const per = Math.ceil(rooms.length / ROOMS_TARGET);
    const grouped: RoomDraft[] = [];
    for (let i = 0; i < rooms.length; i += per) {
      const group = rooms.slice(i, i + per);
      grouped.push({ name: group.length === 1 ? group[0]!.name : `${group[0]!.name} … ${group[group.length - 1]!.name}`, units: group.flatMap((g) => g.units), block: false });
    }
    notes.push(`The ${thousands(rooms.length)} rooms were joined ${per} at a time to stay within ${IMPORT_MAX_ROOMS} rooms.`);
    rooms = grouped;
  }

  // ---- Links for skips, residuals and branches; the route covers plain sequence ----
  const rep = (id: number) => {
    let r = id;
    for (let k = 0; repOf.has(r) && k < 64; k++) r = repOf.get(r)!;
    return r;
  };
  const route = rooms.flatMap((r) => r.units);
  const position = new Map(route.map((u, i) => [u.id, i]));
  const key = (id: number) => `c${id + 1}`;
  const links: TFilePalace["links"] = [];
  const seen = new Set<string>();
  for (const unit of units) {
    if (copies.has(unit.id)) continue;
    const to = rep(unit.id);
    const at = position.get(to);
    if (at === undefined) continue;
    const merge = MERGES[unit.node.op];
    for (const s of unit.sources) {
      const from = rep(s);
      const was = position.get(from);
      if (was === undefined || from === to || was === at - 1) continue;
      const label = merge && unit.sources.length > 1 ? merge : "branch";
      const pair = `${from} ${to}`;
      if (seen.has(pair) || links.length >= IMPORT_MAX_LINKS) continue;
      seen.add(pair);
      links.push({ from: key(from), to: key(to), label });
    }
  }
  const linked = new Map<number, string>();
  for (const l of links) if (l.label !== "branch") linked.set(Number(l.to.slice(1)) - 1, l.label);
  progress(0.8);

  // ---- Concepts ----
  const countOps = (list: ModelNode[]) => {
    const counts = new Map<string, number>();
    for (const n of list) counts.set(n.op, (counts.get(n.op) ?? 0) + 1);
    return [...counts].map(([op, c]) => (c > 1 ? `${op} ×${c}` : op)).join(", ");
  };
  const shapeText = (v: string) => graph.shapes.get(v);
  const draft = (u: Unit): ConceptDraft => {
    const n = u.node;
    const head = `${n.op}${n.summary ? ` ${n.summary}` : ""}`;
    const named = n.label && n.label.toLowerCase() !== n.op.toLowerCase() ? ` (${n.label})` : "";
    const title = u.merged.length ? `${head}${named} + ${u.merged.length} ops` : `${head}${named}`;
    const lines: string[] = [`**${n.op}**${n.name ? ` · \`${n.name}\`` : ""}`];
    const inputs = n.inputs.filter((v) => !graph.weights.has(v) && !staticValue.has(v));
    const graphInputs = inputs.filter((v) => !producer.has(v));
    if (graphInputs.length) lines.push(`- Reads the model input ${graphInputs.map((v) => `${v}${shapeText(v) ? ` (${shapeText(v)})` : ""}`).join(", ")}`);
    const inShapes = inputs.map((v) => shapeText(v)).filter(Boolean);
    if (inShapes.length) lines.push(`- Input shape: ${inShapes.join(", ")}`);
    if (n.shape) lines.push(`- Output shape: ${n.shape}`);
    if (n.attributes.length) lines.push(`- ${n.attributes.map(([k, v]) => `${k}: ${v}`).join(" · ")}`);
    const params = (n.params ?? 0) + u.merged.reduce((p, m) => p + (m.node.params ?? 0), 0);
    if (params) lines.push(`- Parameters: ${thousands(params)}`);
    if (u.merged.length) lines.push(`- Also holds: ${countOps(u.merged.map((m) => m.node))}`);
    if (u.folded.length) lines.push(`- Folded in: ${countOps(u.folded)}`);
    if (u.repeat) lines.push(`- Repeated ×${u.repeat.count} (${u.repeat.names.join(", ")}): identical ops, shapes and wiring; the palace shows the first.`);
    const link = linked.get(u.id);
    if (link) lines.push(`- Merges a ${link} connection from earlier in the model.`);
    const { title: t, notes: extra } = titleAndNotes(title);
    const body = [extra, lines.join("\n")].filter(Boolean).join("\n\n");
    const kind = u.merged.length ? "block" : kindOf(n.op);
    const tags = [options.format, tag(n.op), ...(link ? [link] : []), ...(u.repeat ? ["repeated"] : [])].filter((x) => x && x.length <= 32);
    return { key: key(u.id), title: t, kind, tags: [...new Set(tags)], notes: body.slice(0, 20_000), shape: shapeOfKind(n.op, kind) };
  };
  const plannedRooms = rooms.map((r) => ({ name: r.name, concepts: r.units.map(draft) }));

  // ---- Description ----
  const totalParams = nodes.reduce((p, n) => p + (n.params ?? 0), 0);
  const foldedCount = nodes.length - units.length;
  const foldedOps = countOps(nodes.filter((_, i) => folded[i]));
  const io = (list: { name: string; shape?: string }[]) => list.map((v) => `${v.name}${v.shape ? ` ${v.shape}` : ""}`).join(", ");
  const parts = [
    `${formatName(options.format)} model${graph.facts.length ? `, ${graph.facts.join(", ")}` : ""}.`,
    `${thousands(nodes.length)} ${options.format === "onnx" ? "operations" : "layers"}${totalParams ? `, ${compact(totalParams)} parameters` : ""}.`,
    graph.inputs.length ? `Inputs: ${io(graph.inputs)}.` : "",
    graph.outputs.length ? `Outputs: ${io(graph.outputs)}.` : "",
    `The route follows the data flow through ${plannedRooms.length === 1 ? "one room" : `${plannedRooms.length} rooms`}.`,
    foldedBlocks.length ? `Repeated blocks shown once: ${foldedBlocks.join("; ")}.` : "",
    foldedCount ? `${thousands(foldedCount)} plumbing ops folded into their neighbours' notes (${foldedOps}).` : "",
    ...notes,
  ].filter(Boolean);
  let description = parts.join(" ");
  if (description.length > PALACE_DESCRIPTION_MAX) description = `${description.slice(0, PALACE_DESCRIPTION_MAX - 1)}…`;

  const palace = layoutPalace({ title: titleAndNotes(graph.name).title, description, rooms: plannedRooms, links });
  progress(1);
  return palace;
}
