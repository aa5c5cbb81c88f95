// Plans a model's graph into a palace, in phases, each a pure function in its own module:
// shape inference (shapes.logic), pattern recognition (patterns.logic), units with plumbing
// folded (units.logic), rooms by module names or by structure (rooms-by-name.logic,
// blocks.logic), links (links.logic) and titles (titles.logic). This module runs them in turn,
// splits control flow into its own rooms, keeps the palace within Engram's limits and writes notes.
import type { TConceptKind } from "../../domain/concept/concept.schema";
import { invalid } from "../../domain/errors";
import type { TLocusShape } from "../../domain/locus/locus.schema";
import { PALACE_DESCRIPTION_MAX } from "../../domain/palace/palace.schema";
import { IMPORT_MAX_CONCEPTS, IMPORT_MAX_LINKS, IMPORT_MAX_ROOMS, type TFilePalace } from "../../domain/transfer/transfer.schema";
import { type ConceptDraft, layoutPalace, titleAndNotes } from "../plan.logic";
import { type BlockContext, ROOM_MAX, type RoomDraft, structuralRooms, uniqueNames } from "./blocks.logic";
import type { ModelGraph, ModelNode } from "./graph";
import { linksOf, residualMerges } from "./links.logic";
import { indexGraph } from "./order.logic";
import { recognisePatterns } from "./patterns.logic";
import { roomsByName } from "./rooms-by-name.logic";
import { inferShapes } from "./shapes.logic";
import { conceptTitle, shapeText } from "./titles.logic";
import { buildUnits, type Unit } from "./units.logic";

export { ROOM_MAX };

/** Rooms kept below the palace limit, leaving room for the layout's own splits. */
const ROOMS_TARGET = IMPORT_MAX_ROOMS - 20;

const LOSSES = new Set(["SoftmaxCrossEntropyLoss", "NegativeLogLikelihoodLoss"]);
const TECHNIQUES = new Set(["Dropout", "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D", "GaussianNoise", "GaussianDropout", "AlphaDropout", "ActivityRegularization"]);
const MERGE_OPS = new Set(["Add", "Sum", "Concat", "Concatenate", "Multiply", "Average", "Maximum", "Minimum", "Subtract", "Mul", "Max", "Min", "Mean"]);
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

const thousands = (n: number) => n.toLocaleString("en-US");
const compact = (n: number) =>
  n >= 1e9 ? `${(n / 1e9).toFixed(2)} B` : n >= 1e6 ? `${(n / 1e6).toFixed(1)} M` : n >= 1e4 ? `${(n / 1e3).toFixed(1)} k` : thousands(n);

const formatName = (f: string) => ({ onnx: "ONNX", keras: "Keras (.keras)", "keras-json": "Keras JSON", tfjs: "TensorFlow.js layers" })[f] ?? f;

function kindOf(u: Unit): TConceptKind {
  if (u.merged.length) return "block";
  if (LOSSES.has(u.node.op)) return "loss";
  if (TECHNIQUES.has(u.node.op)) return "technique";
  return "layer";
}
const shapeOfKind = (u: Unit, kind: TConceptKind): TLocusShape =>
  kind === "technique" ? "lamp" : kind === "loss" ? "book" : kind === "block" ? "cube" : !u.pattern && MERGE_OPS.has(u.node.op) && u.sources.length > 1 ? "sphere" : "pedestal";

const tag = (s: string) => s.toLowerCase().replace(/[\s,#]+/g, "-").slice(0, 32);

/** Subgraph markers exporters leave in names ("If_0_then_branch__Inline_0__", "If then_branch"): never a module. */
const BRANCH_PART = /(_|\s)(then|else)_branch|__Inline_\d+__|\sbody(\s\d+)?$|_body$/;

const BRANCH_WORDS: Record<string, string> = { then_branch: "then branch", else_branch: "else branch", body: "body" };

/** A condition in words where the graph computes it from a comparison with a constant: "sr = 16000". */
function conditionText(graph: ModelGraph, value: string | undefined, producer: Map<string, number>, values: Map<string, unknown[]>, depth = 0): string {
  if (!value || depth > 4) return "";
  const p = producer.get(value);
  if (p === undefined) return value.length <= 24 ? value : "";
  const n = graph.nodes[p]!;
  const sym: Record<string, string> = { Equal: "=", Greater: ">", Less: "<", GreaterOrEqual: "≥", LessOrEqual: "≤" };
  if (n.op === "Not") return `not (${conditionText(graph, n.inputs[0], producer, values, depth + 1)})`;
  if (n.op === "Cast" || n.op === "Identity" || n.op === "Squeeze" || n.op === "Reshape") return conditionText(graph, n.inputs[0], producer, values, depth + 1);
  if (sym[n.op]) {
    const side = (v: string | undefined) => {
      const known = v ? values.get(v) : undefined;
      if (known && known.length === 1) return String(known[0]);
      return conditionText(graph, v, producer, values, depth + 1) || "a computed value";
    };
    return `${side(n.inputs[0])} ${sym[n.op]} ${side(n.inputs[1])}`;
  }
  return "";
}

export function planArchitecture(
  graph: ModelGraph,
  options: { format: string; maxConcepts?: number; onProgress?: (fraction: number) => void },
): TFilePalace {
  const maxConcepts = options.maxConcepts ?? IMPORT_MAX_CONCEPTS;
  const { nodes } = graph;
  if (nodes.length === 0) throw invalid("The model holds no layers or operations to plan.");
  const progress = options.onProgress ?? (() => {});
  progress(0);

  // ---- Phases: shapes, patterns, units ----
  const index = indexGraph(graph);
  const facts = inferShapes(graph);
  progress(0.15);
  const fused = recognisePatterns(graph, index, facts);
  const units = buildUnits(graph, index, fused);
  const residual = residualMerges(units);
  progress(0.3);

  // ---- Rooms: control flow first, then module names where the export kept them, else structure ----
  const repOf = new Map<number, number>();
  /** Units of the second and later copies of a folded block: shown by the first copy's units. */
  const copies = new Set<number>();
  const foldedBlocks: string[] = [];
  const ctx: BlockContext = {
    facts,
    layout: graph.layout,
    residual,
    onCopy: (copy, first) => {
      repOf.set(copy.id, first.id);
      copies.add(copy.id);
    },
    onFold: (label) => foldedBlocks.push(label),
  };
  const ownerIndex = new Map(nodes.map((n, i) => [n.name, i]));
  /** The outermost subgraph a unit sits in: its owner's name and the branch, or "" for the main graph. */
  const sectionOf = (u: Unit) => {
    let w = u.node.within;
    let top = w;
    for (let k = 0; w && k < 48; k++) {
      top = w;
      const owner = ownerIndex.get(w.owner);
      w = owner === undefined ? undefined : nodes[owner]!.within;
    }
    return top ? `${top.owner}\u0000${top.branch}` : "";
  };
  const sectionName = (key: string) => {
    const [owner, branch] = key.split("\u0000") as [string, string];
    const n = nodes[ownerIndex.get(owner)!]!;
    const words = BRANCH_WORDS[branch] ?? branch.replace(/_/g, " ");
    if (n.op === "If") {
      const cond = conditionText(graph, n.inputs[0], index.producer, facts.values);
      return `If${cond ? ` ${cond}` : ""} · ${words}`;
    }
    if (n.op === "Loop") {
      const trips = facts.values.get(n.inputs[0] ?? "")?.[0];
      return `Loop${typeof trips === "number" ? ` ×${trips}` : ""} · ${words}`;
    }
    return `${n.op} · ${words}`;
  };
  const scopeOf = (u: Unit) => {
    const s = u.node.scope;
    let from = 0;
    s.forEach((part, i) => {
      if (BRANCH_PART.test(part)) from = i + 1;
    });
    return s.slice(from);
  };
  const sections: { key: string; units: Unit[] }[] = [];
  for (const u of units) {
    const key = sectionOf(u);
    const last = sections[sections.length - 1];
    if (last && last.key === key) last.units.push(u);
    else sections.push({ key, units: [u] });
  }
  let rooms: RoomDraft[] = [];
  for (const section of sections) {
    const prefix = section.key ? sectionName(section.key) : "";
    // Names describe modules when most units carry one and a module's units come together; names
    // whose outermost part keeps coming back between others ("F_1_1", "RDB_Concat_1_1", "F_1_2",
    // "LFF_1", "F_2_1"…) are labels of layers, not modules.
    const outer = section.units.map((u) => scopeOf(u)[0] ?? "");
    const runs = outer.filter((o, i) => i === 0 || o !== outer[i - 1]).length;
    const interleaved = runs > Math.max(6, 2 * new Set(outer).size);
    const named = !interleaved && section.units.filter((u) => scopeOf(u).length > 0).length >= section.units.length / 2;
    const planned = named ? roomsByName(section.units, ctx, scopeOf) : structuralRooms(section.units, ctx);
    // A subgraph's rooms never merge with rooms outside it.
    rooms.push(...planned.map((r) => ({ ...r, block: r.block || prefix !== "", name: prefix ? (r.name ? `${prefix} · ${r.name}` : prefix) : r.name })));
  }
  if (rooms.length === 1 && !sections[0]!.key) rooms[0]!.name = graph.name;
  for (const r of rooms) if (!r.name) r.name = graph.name;

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
        if (host && MINOR.has(u.pattern?.nodes.length === 1 || !u.pattern ? u.node.op : "") && !(MERGE_OPS.has(u.node.op) && u.sources.length > 1)) {
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
      grouped.push({ name: group.length === 1 ? group[0]!.name : `${group[0]!.name} – ${group[group.length - 1]!.name}`, units: group.flatMap((g) => g.units), block: false });
    }
    notes.push(`The ${thousands(rooms.length)} rooms were joined ${per} at a time to stay within ${IMPORT_MAX_ROOMS} rooms.`);
    rooms = grouped;
  }

  // ---- Links for skips, residuals and branches; the route covers plain sequence ----
  uniqueNames(rooms);
  const rep = (id: number) => {
    let r = id;
    for (let k = 0; repOf.has(r) && k < 64; k++) r = repOf.get(r)!;
    return r;
  };
  const route = rooms.flatMap((r) => r.units);
  const position = new Map(route.map((u, i) => [u.id, i]));
  const roomOf = new Map<number, number>();
  rooms.forEach((r, k) => r.units.forEach((u) => roomOf.set(u.id, k)));
  const stageOf = (id: number) => {
    const name = rooms[roomOf.get(id) ?? 0]?.name ?? "";
    return Number(/Stage (\d+)/.exec(name)?.[1] ?? roomOf.get(id) ?? 0);
  };
  const drafts = linksOf(units, { at: position, rep, skip: (id) => copies.has(id), stageOf, residual, max: IMPORT_MAX_LINKS });
  const key = (id: number) => `c${id + 1}`;
  const links: TFilePalace["links"] = drafts.map((l) => ({ from: key(l.from), to: key(l.to), label: l.label }));
  const linked = new Map<number, string>();
  for (const l of drafts) if (l.label !== "branch") linked.set(l.to, l.label);
  progress(0.8);

  // ---- Concepts ----
  const countOps = (list: ModelNode[]) => {
    const counts = new Map<string, number>();
    for (const n of list) counts.set(n.op, (counts.get(n.op) ?? 0) + 1);
    return [...counts].map(([op, c]) => (c > 1 ? `${op} ×${c}` : op)).join(", ");
  };
  const shapeOf = (v: string | undefined) => (v ? facts.shapes.get(v) : undefined);
  /** Values that enter a subgraph from its owner: a Loop's iteration number, condition and carried values, in words. */
  const roles = new Map<string, string>();
  for (const [owner, branches] of graph.subgraphInputs ?? []) {
    const n = nodes[ownerIndex.get(owner) ?? -1];
    if (!n) continue;
    for (const names of branches.values()) {
      names.forEach((v, i) => {
        if (n.op === "Loop") roles.set(v, i === 0 ? "the iteration number" : i === 1 ? "the loop's keep-going condition" : `loop-carried value ${i - 1} (starts as ${n.inputs[i] || "nothing"}; each pass hands its new value to the next)`);
        else if (n.op === "Scan") roles.set(v, `scan input ${i + 1} (one slice per step)`);
        else roles.set(v, `${n.op} input ${v}`);
      });
    }
  }
  const graphInputs = new Set(graph.inputs.map((i) => i.name));
  const draft = (u: Unit): ConceptDraft => {
    const n = u.node;
    const head = conceptTitle(u, { facts, layout: graph.layout, residual: residual.has(u.id) });
    const named = n.label && n.label.toLowerCase() !== n.op.toLowerCase() && !/^(p2o|Conv_|Add_)/.test(n.label) ? ` (${n.label})` : "";
    const title = u.merged.length ? `${head}${named} + ${u.merged.length} ops` : `${head}${named}`;
    const what = u.pattern && u.pattern.nodes.length > 1 ? u.pattern.name : n.op;
    const lines: string[] = [`**${what}**${n.name ? ` · \`${n.name}\`` : ""}`];
    if (u.pattern && u.nodes.length > 1) lines.push(`- Recognised pattern${u.pattern.detail ? ` (${u.pattern.detail})` : ""}, written in the file as: ${u.nodes.map((m) => m.op).join(", ")}`);
    const fromOutside = u.inputs.filter((v) => !index.producer.has(v));
    const modelInputs = fromOutside.filter((v) => graphInputs.has(v));
    if (modelInputs.length) lines.push(`- Reads the model input ${modelInputs.map((v) => `${v}${shapeOf(v) ? ` (${shapeText(shapeOf(v))})` : ""}`).join(", ")}`);
    for (const v of fromOutside) if (roles.has(v)) lines.push(`- Reads ${roles.get(v)}`);
    const inShapes = u.inputs.map((v) => shapeOf(v)).filter(Boolean);
    if (inShapes.length) lines.push(`- Input shape: ${inShapes.map(shapeText).join(", ")}`);
    const out = shapeOf(u.output);
    lines.push(out ? `- Output shape: ${shapeText(out)}` : "- Output shape: unknown (not recorded in the file and not inferable from what it records)");
    if (n.attributes.length) lines.push(`- ${n.attributes.map(([k, v]) => `${k}: ${v}`).join(" · ")}`);
    const params = u.nodes.reduce((p, m) => p + (m.params ?? 0), 0) + u.merged.reduce((p, m) => p + m.nodes.reduce((q, x) => q + (x.params ?? 0), 0), 0);
    if (params) lines.push(`- Parameters: ${thousands(params)}`);
    if (u.merged.length) lines.push(`- Also holds: ${countOps(u.merged.flatMap((m) => m.nodes))}`);
    if (u.folded.length) lines.push(`- Folded in: ${countOps(u.folded)}`);
    if (u.repeat) lines.push(`- Repeated ×${u.repeat.count} (${u.repeat.names.join(", ")}): identical ops, shapes and wiring; the palace shows the first.`);
    const link = linked.get(u.id);
    if (link === "residual") lines.push("- Adds a residual: the shortcut from the start of the block to the output of its layers.");
    else if (link === "skip") lines.push("- Concatenates a skip connection from an earlier stage.");
    else if (link) lines.push(`- Joins a ${link} connection from earlier in the model.`);
    const { title: t, notes: extra } = titleAndNotes(title);
    const body = [extra, lines.join("\n")].filter(Boolean).join("\n\n");
    const kind = kindOf(u);
    const tags = [options.format, tag(u.pattern?.name ?? n.op), ...(link ? [link] : []), ...(u.repeat ? ["repeated"] : [])].filter((x) => x && x.length <= 32);
    return { key: key(u.id), title: t, kind, tags: [...new Set(tags)], notes: body.slice(0, 20_000), shape: shapeOfKind(u, kind) };
  };
  const plannedRooms = rooms.map((r) => ({ name: r.name, concepts: r.units.map(draft) }));

  // ---- Description ----
  const totalParams = nodes.reduce((p, n) => p + (n.params ?? 0), 0);
  const inUnits = new Set(units.flatMap((u) => u.nodes));
  const foldedNodes = nodes.filter((n) => !inUnits.has(n));
  const foldedOps = countOps(foldedNodes);
  const patterns = new Map<string, number>();
  for (const u of units) if (u.pattern && u.nodes.length > 1) patterns.set(u.pattern.name, (patterns.get(u.pattern.name) ?? 0) + 1);
  const io = (list: { name: string; shape?: string }[]) => list.map((v) => `${v.name}${v.shape ? ` ${v.shape}` : ""}`).join(", ");
  const parts = [
    `${formatName(options.format)} model${graph.facts.length ? `, ${graph.facts.join(", ")}` : ""}.`,
    `${thousands(nodes.length)} ${options.format === "onnx" ? "operations" : "layers"}${totalParams ? `, ${compact(totalParams)} parameters` : ""}.`,
    graph.inputs.length ? `Inputs: ${io(graph.inputs)}.` : "",
    graph.outputs.length ? `Outputs: ${io(graph.outputs)}.` : "",
    `The route follows the data flow through ${plannedRooms.length === 1 ? "one room" : `${plannedRooms.length} rooms`}.`,
    foldedBlocks.length ? `Repeated blocks shown once: ${foldedBlocks.join("; ")}.` : "",
    patterns.size ? `Recognised patterns: ${[...patterns].map(([p, c]) => (c > 1 ? `${p} ×${c}` : p)).join(", ")}.` : "",
    foldedNodes.length ? `${thousands(foldedNodes.length)} plumbing ops folded into their neighbours' notes (${foldedOps}).` : "",
    ...notes,
  ].filter(Boolean);
  let description = parts.join(" ");
  if (description.length > PALACE_DESCRIPTION_MAX) description = `${description.slice(0, PALACE_DESCRIPTION_MAX - 1)}…`;

  const palace = layoutPalace({ title: titleAndNotes(graph.name).title, description, rooms: plannedRooms, links });
  progress(1);
  return palace;
}
