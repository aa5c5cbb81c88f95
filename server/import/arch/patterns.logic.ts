// Pattern recognition: op sequences that exporters write out (hard-swish as Add, Clip, Div, Mul; a
// layer norm as nine ops; attention as MatMul, Softmax, MatMul) are found and named as the one
// concept an engineer knows, each listing the raw ops it stands for.
import type { ModelGraph, ModelNode } from "./graph";
import type { GraphIndex } from "./order.logic";
import type { Shape, ShapeFacts } from "./shapes.logic";

export interface Fused {
  /** What the ops add up to: "HardSwish", "LayerNorm", "Multi-head attention", "Conv"… */
  name: string;
  /** Node indices it holds, in data-flow order. */
  nodes: number[];
  /** The node whose numbers (kernel, widths) the concept's title uses. */
  main: number;
  /** The node whose output leaves the group. */
  output: number;
  /** Activation, normalisation or other steps folded into a layer, in order ("BN", "HardSwish"). */
  steps: string[];
  /** A short fact the pattern found, e.g. "4 heads" or "erf form". */
  detail?: string;
}

/** Elementwise and reducing ops that written-out activations and normalisations are made of. */
const ARITH = new Set([
  "Add",
  "Sub",
  "Mul",
  "Div",
  "Pow",
  "Sqrt",
  "Erf",
  "Tanh",
  "Clip",
  "Sigmoid",
  "HardSigmoid",
  "Exp",
  "Log",
  "Softplus",
  "ReduceMean",
  "ReduceSum",
  "ReduceMax",
  "Neg",
  "Reciprocal",
  "Max",
  "Min",
  "Relu",
  "Cast",
  "Identity",
  "Reshape",
  "InstanceNormalization",
  "Slice",
  "Gather",
  "Split",
  "Squeeze",
  "Unsqueeze",
]);
const ACTIVATIONS = new Set(["Relu", "LeakyRelu", "PRelu", "Elu", "Selu", "Celu", "HardSwish", "Gelu", "FastGelu", "Mish", "Softplus", "ThresholdedRelu", "ReLU", "LeakyReLU", "PReLU", "ELU"]);
const ACTIVATION_PATTERNS = new Set(["HardSwish", "SiLU", "Swish", "GELU", "Mish", "ReLU6"]);
const LAYERS = new Set(["Conv", "ConvTranspose", "Gemm", "MatMul", "Conv1D", "Conv2D", "Conv3D", "DepthwiseConv2D", "SeparableConv2D", "Conv2DTranspose", "Dense"]);
const NORMS = new Set(["BatchNormalization", "InstanceNormalization", "LayerNormalization", "GroupNormalization"]);
/** Ops that only move or relabel data: attention's head split and merge are made of them. */
const MOVES = new Set(["Reshape", "Transpose", "Squeeze", "Unsqueeze", "Slice", "Gather", "Split", "Identity", "Cast", "Flatten", "Expand", "Concat"]);

/** Keras activation names, as the ONNX path names the same function: a Keras model's titles read like its ONNX export's. */
const KERAS_ACTIVATIONS: Record<string, string> = {
  relu: "Relu",
  relu6: "ReLU6",
  sigmoid: "Sigmoid",
  tanh: "Tanh",
  elu: "Elu",
  selu: "Selu",
  celu: "Celu",
  softplus: "Softplus",
  softsign: "Softsign",
  swish: "SiLU",
  silu: "SiLU",
  hard_swish: "HardSwish",
  hard_silu: "HardSwish",
  hard_sigmoid: "HardSigmoid",
  gelu: "GELU",
  mish: "Mish",
  leaky_relu: "LeakyRelu",
  softmax: "Softmax",
  log_softmax: "LogSoftmax",
  exponential: "Exp",
};
/** Keras activation layers, the same way. */
const KERAS_ACTIVATION_LAYERS: Record<string, string> = { ReLU: "Relu", LeakyReLU: "LeakyRelu", PReLU: "PRelu", ELU: "Elu", ThresholdedReLU: "ThresholdedRelu", Softmax: "Softmax" };

/**
 * The name an activation goes by in titles: a Keras `activation` setting ("relu", "swish") or
 * layer (ReLU with max_value 6) named as the ONNX op or pattern it equals ("Relu", "SiLU", "ReLU6");
 * "" for none or "linear".
 */
export function activationWord(n: ModelNode): string {
  if (n.op === "ReLU" && n.attrs?.max_value === 6) return "ReLU6";
  if (KERAS_ACTIVATION_LAYERS[n.op]) return KERAS_ACTIVATION_LAYERS[n.op]!;
  const setting = n.attrs?.activation;
  if (typeof setting === "string") return setting === "linear" || setting === "" ? "" : (KERAS_ACTIVATIONS[setting] ?? setting);
  return n.op === "Activation" ? "activation" : n.op;
}

type Counts = Map<string, number>;
const countOps = (ops: string[]): Counts => {
  const m = new Map<string, number>();
  for (const o of ops) if (o !== "Cast" && o !== "Identity") m.set(o, (m.get(o) ?? 0) + 1);
  return m;
};
/** True when `counts` is exactly `need` plus at most `extra` more of each op listed there. */
function fits(counts: Counts, need: Record<string, number>, extra: Record<string, number> = {}): boolean {
  const left = new Map(counts);
  for (const [op, n] of Object.entries(need)) {
    const alts = op.split("|");
    let want = n;
    for (const a of alts) {
      const have = left.get(a) ?? 0;
      const take = Math.min(have, want);
      left.set(a, have - take);
      want -= take;
    }
    if (want > 0) return false;
  }
  for (const [op, n] of left) if (n > (extra[op] ?? 0)) return false;
  return true;
}

export function recognisePatterns(graph: ModelGraph, index: GraphIndex, facts: ShapeFacts): Fused[] {
  const { nodes } = graph;
  const { position, producer, consumers, statics, order } = index;
  const groupOf = new Int32Array(nodes.length).fill(-1);
  const groups: (Fused | null)[] = [];
  const data = (n: ModelNode) => n.inputs.filter((v) => v && !statics.has(v));
  const uses = (v: string) => consumers.get(v) ?? [];
  const scalar = (v: string | undefined) => {
    const x = v === undefined ? undefined : facts.values.get(v);
    return x && x.length === 1 && typeof x[0] === "number" ? x[0] : undefined;
  };
  const free = (i: number | undefined) => i !== undefined && groupOf[i] === -1;
  const shape = (v: string | undefined): Shape | undefined => (v ? facts.shapes.get(v) : undefined);
  const add = (f: Fused) => {
    const id = groups.length;
    groups.push(f);
    for (const i of f.nodes) groupOf[i] = id;
    return id;
  };
  /** The group a node belongs to, as a whole; or the node alone. */
  const holder = (i: number): Fused => (groupOf[i]! >= 0 ? groups[groupOf[i]!]! : { name: nodes[i]!.op, nodes: [i], main: i, output: i, steps: [] });
  const merge = (a: Fused, b: Fused, name: string, steps: string[]): Fused => {
    for (const g of [a, b]) {
      const id = groupOf[g.nodes[0]!]!;
      if (id >= 0 && groups[id] === g) groups[id] = null;
    }
    const all = [...new Set([...a.nodes, ...b.nodes])].sort((x, y) => position[x]! - position[y]!);
    const f: Fused = { name, nodes: all, main: a.main, output: b.output, steps, ...(a.detail ? { detail: a.detail } : {}) };
    add(f);
    return f;
  };
  /** The only consumer of a node's first output, if exactly one reads it and it is not a graph output. */
  const soleNext = (i: number) => {
    const out = nodes[i]!.outputs[0];
    if (!out || graph.outputs.some((o) => o.name === out)) return undefined;
    const next = uses(out);
    return next.length === 1 ? next[0] : undefined;
  };

  /** Elementwise arithmetic with one data input and constants or learned scalars for the rest: a scale or shift. */
  const constArith = (m: ModelNode) => ["Mul", "Add", "Sub", "Div"].includes(m.op) && data(m).length === 1 && m.inputs.filter(Boolean).length === 2;

  /** The first node of what reads a node's output, when a single node or a single group reads all of it. */
  const nextHolder = (i: number) => {
    const out = nodes[i]!.outputs[0];
    if (!out || graph.outputs.some((o) => o.name === out)) return undefined;
    const next = uses(out);
    if (next.length === 1) return groupOf[next[0]!] === groupOf[i] && groupOf[i]! >= 0 ? undefined : next[0];
    const id = groupOf[next[0]!]!;
    if (id < 0 || id === groupOf[i] || next.some((j) => groupOf[j] !== id)) return undefined;
    return groups[id]?.nodes[0];
  };

  // ---- Written-out activations and normalisations: small islands of arithmetic ----
  const classify = (region: number[], origin: string): { name: string; detail?: string } | null => {
    const ops = region.map((i) => nodes[i]!.op);
    const c = countOps(ops);
    const last = nodes[region[region.length - 1]!]!;
    const lastReadsOrigin = last.inputs.includes(origin);
    if (c.has("Erf") && fits(c, { Erf: 1, Add: 1, "Mul|Div": 3 }, { Mul: 1 })) return { name: "GELU", detail: "erf form" };
    if (c.has("Tanh") && (c.has("Softplus") ? fits(c, { Softplus: 1, Tanh: 1, Mul: 1 }) : fits(c, { Exp: 1, Add: 1, Log: 1, Tanh: 1, Mul: 1 }))) return { name: "Mish" };
    if (c.has("Tanh") && fits(c, { Tanh: 1, "Pow|Mul": 5, Add: 2 }, { Mul: 2, Div: 1 })) return { name: "GELU", detail: "tanh form" };
    if (fits(c, { Sigmoid: 1, Mul: 1 }) && lastReadsOrigin) return { name: "SiLU" };
    if (fits(c, { Sigmoid: 1, Mul: 2 }) && lastReadsOrigin) return { name: "Swish" };
    if (fits(c, { HardSigmoid: 1, Mul: 1 }) && lastReadsOrigin) return { name: "HardSwish" };
    const readsOriginAgain = region.slice(1).some((i) => nodes[i]!.inputs.includes(origin));
    if (fits(c, { Add: 1, "Clip|Relu": 1, "Div|Mul": 2 }, { Min: 1 }) && readsOriginAgain && region.length >= 4) return { name: "HardSwish" };
    if (fits(c, { Add: 1, "Clip|Relu": 1, "Div|Mul": 1 }, { Min: 1 })) return { name: "HardSigmoid" };
    if (fits(c, { ReduceMean: 2, Sub: 1, "Pow|Mul": 1, Add: 1, Sqrt: 1, "Div|Reciprocal": 1 }, { Mul: 2, Add: 1, Reshape: 2 })) {
      return c.get("Reshape") === 2 ? { name: "GroupNorm", detail: "written out" } : { name: "LayerNorm", detail: "written out" };
    }
    if (fits(c, { ReduceMean: 1, "Pow|Mul": 1, Add: 1, Sqrt: 1, "Div|Reciprocal": 1 }, { Mul: 2 })) return { name: "RMSNorm", detail: "written out" };
    if (fits(c, { Reshape: 2, InstanceNormalization: 1 }, { Mul: 1, Add: 1 })) return { name: "GroupNorm" };
    if (fits(c, { Exp: 1, ReduceSum: 1, Div: 1 }, { ReduceMax: 1, Sub: 1 })) return { name: "Softmax", detail: "written out" };
    if (fits(c, { "Pow|Mul": 2, Add: 1, Sqrt: 1 }, { Slice: 2, Gather: 2, Split: 1, Squeeze: 2, Unsqueeze: 2 })) return { name: "Magnitude", detail: "√(re² + im²)" };
    return null;
  };
  const island = (anchor: number) => {
    let origin = data(nodes[anchor]!)[0];
    if (!origin) return;
    for (let k = 0; k < 4; k++) {
      const p = producer.get(origin);
      if (p === undefined || !free(p) || !ARITH.has(nodes[p]!.op) || uses(origin).length !== 1 || data(nodes[p]!).length !== 1) break;
      if (["Slice", "Gather", "Split", "Squeeze", "Unsqueeze", "Reshape"].includes(nodes[p]!.op)) break;
      origin = data(nodes[p]!)[0]!;
    }
    const start = producer.get(origin);
    const floor = start === undefined ? -1 : position[start]!;
    // Arithmetic downstream of the origin, taken in data-flow order while every data input it reads is already inside.
    const region: number[] = [];
    const inside = new Set([origin]);
    const pending = new Set(uses(origin));
    while (pending.size && region.length < 24) {
      let i = -1;
      for (const k of pending) if (i < 0 || position[k]! < position[i]!) i = k;
      pending.delete(i);
      const n = nodes[i]!;
      if (!free(i) || !ARITH.has(n.op) || position[i]! <= floor) continue;
      const ins = data(n);
      if (!ins.length || !ins.every((v) => inside.has(v))) continue;
      region.push(i);
      for (const o of n.outputs) {
        inside.add(o);
        for (const u of uses(o)) pending.add(u);
      }
    }
    for (let j = region.length; j >= 2; j--) {
      const prefix = region.slice(0, j);
      if (!prefix.includes(anchor)) break;
      const set = new Set(prefix);
      const exits = prefix.filter((i) => nodes[i]!.outputs.some((o) => uses(o).some((u) => !set.has(u)) || graph.outputs.some((g) => g.name === o)));
      if (!exits.every((e) => e === prefix[j - 1])) continue;
      const found = classify(prefix, origin);
      if (found) {
        add({ name: found.name, nodes: prefix, main: prefix[j - 1]!, output: prefix[j - 1]!, steps: [], ...(found.detail ? { detail: found.detail } : {}) });
        return;
      }
    }
  };

  // ---- Attention: MatMul → scale → mask → Softmax → MatMul ----
  const attention = (softmax: number) => {
    const chain: number[] = [softmax];
    let v = data(nodes[softmax]!)[0];
    let scores: number | undefined;
    for (let k = 0; k < 6 && v; k++) {
      const p = producer.get(v);
      if (p === undefined || !free(p)) return;
      const n = nodes[p]!;
      if ((n.op === "MatMul" || n.op === "FusedMatMul") && data(n).length === 2) {
        scores = p;
        break;
      }
      if (!["Mul", "Div", "Add", "Where", "Cast", "Reshape", "Sub"].includes(n.op)) return;
      chain.push(p);
      v = n.inputs.find((x) => x && !statics.has(x) && producer.has(x) && (nodes[producer.get(x)!]!.op.includes("MatMul") || ["Mul", "Div", "Add", "Where", "Cast", "Reshape"].includes(nodes[producer.get(x)!]!.op)));
    }
    if (scores === undefined) return;
    let next = soleNext(softmax);
    const down: number[] = [];
    for (let k = 0; k < 3 && next !== undefined && ["Cast", "Dropout", "Identity"].includes(nodes[next]!.op); k++) {
      down.push(next);
      next = soleNext(next);
    }
    if (next === undefined || !free(next) || !nodes[next]!.op.includes("MatMul") || data(nodes[next]!).length !== 2) return;
    const context = next;
    // The head split before (q scaling, slicing of a fused q/k/v) and the merge after, when plain moves.
    const extra: number[] = [];
    const climb = (value: string | undefined) => {
      for (let k = 0; k < 8 && value; k++) {
        const p = producer.get(value);
        if (p === undefined || !free(p) || extra.includes(p)) return;
        const n = nodes[p]!;
        const scale = (n.op === "Mul" || n.op === "Div") && data(n).length === 1;
        if (!MOVES.has(n.op) && !scale) return;
        if (n.op === "Concat" || (uses(value).length > 1 && !["Split"].includes(n.op) && n.op !== "Transpose")) return;
        extra.push(p);
        value = data(n)[0];
      }
    };
    for (const i of [scores, context]) for (const x of data(nodes[i]!)) if (!chain.includes(producer.get(x) ?? -1)) climb(x);
    let after = soleNext(context);
    for (let k = 0; k < 3 && after !== undefined && free(after) && ["Transpose", "Reshape", "Flatten"].includes(nodes[after]!.op); k++) {
      extra.push(after);
      after = soleNext(after);
    }
    const all = [...new Set([scores, ...chain, ...down, context, ...extra])].sort((a, b) => position[a]! - position[b]!);
    const scoreShape = shape(nodes[scores]!.outputs[0]);
    const heads = scoreShape && scoreShape.length === 4 ? scoreShape[1] : undefined;
    const masked = chain.some((i) => ["Add", "Where"].includes(nodes[i]!.op) && data(nodes[i]!).length === 2);
    const multi = heads !== undefined && heads !== 1;
    const detail = [multi ? `${heads} heads` : "", masked ? "masked" : ""].filter(Boolean).join(", ");
    add({ name: multi ? "Multi-head attention" : "Scaled dot-product attention", nodes: all, main: context, output: all[all.length - 1]!, steps: [], ...(detail ? { detail } : {}) });
  };

  // ---- Squeeze-and-excitation: pool → small bottleneck → gate → multiply ----
  const squeezeExcite = (pool: number) => {
    const x = data(nodes[pool]!)[0];
    if (!x) return;
    const chain = [pool];
    let at = pool;
    for (let k = 0; k < 10; k++) {
      const next = soleNext(at);
      if (next === undefined || !free(next)) return;
      const n = nodes[next]!;
      if (n.op === "Mul" || n.op === "Multiply") {
        const ins = data(n);
        if (ins.length === 2 && ins.includes(x)) {
          chain.push(next);
          break;
        }
      }
      if (data(n).length !== 1) return;
      chain.push(next);
      at = next;
    }
    const end = chain[chain.length - 1]!;
    if (!["Mul", "Multiply"].includes(nodes[end]!.op) || chain.length < 3) return;
    const convs = chain.filter((i) => LAYERS.has(nodes[i]!.op));
    if (!convs.length) return;
    const width = (i: number) => {
      const s = shape(nodes[i]!.outputs[0]);
      return s ? s[graph.layout === "channels-last" ? s.length - 1 : 1] : undefined;
    };
    const detail = convs.length >= 2 ? `${width(pool)} → ${width(convs[0]!)} → ${width(convs[convs.length - 1]!)} ch` : undefined;
    add({ name: "Squeeze-and-excitation", nodes: chain, main: convs[0]!, output: end, steps: [], ...(detail && !detail.includes("undefined") ? { detail } : {}) });
  };

  for (const i of order) {
    const op = nodes[i]!.op;
    if (!free(i)) continue;
    if (op === "Softmax") attention(i);
  }
  for (const i of order) {
    const n = nodes[i]!;
    if (!free(i)) continue;
    if (n.op === "GlobalAveragePool" || n.op === "GlobalAveragePooling2D" || (n.op === "ReduceMean" && (shape(n.outputs[0])?.slice(2).every((d) => d === 1) ?? false))) squeezeExcite(i);
  }
  for (const i of order) {
    if (!free(i)) continue;
    if (["Erf", "Tanh", "Sigmoid", "Clip", "ReduceMean", "HardSigmoid", "Softplus", "Exp", "InstanceNormalization", "Sqrt"].includes(nodes[i]!.op)) island(i);
  }
  // √(a² + b²): the magnitude of a complex spectrum, written out.
  for (const i of order) {
    const n = nodes[i]!;
    if (!free(i) || n.op !== "Sqrt") continue;
    const sum = producer.get(data(n)[0] ?? "");
    if (sum === undefined || !free(sum) || nodes[sum]!.op !== "Add" || data(nodes[sum]!).length !== 2) continue;
    const squares = data(nodes[sum]!).map((v) => producer.get(v));
    const isSquare = (k: number | undefined) => k !== undefined && free(k) && ((nodes[k]!.op === "Pow" && scalar(nodes[k]!.inputs[1]) === 2) || (nodes[k]!.op === "Mul" && nodes[k]!.inputs[0] === nodes[k]!.inputs[1]));
    if (!squares.every(isSquare)) continue;
    const all = [...(squares as number[]), sum, i].sort((a, b) => position[a]! - position[b]!);
    add({ name: "Magnitude", nodes: all, main: i, output: i, steps: [], detail: "√(re² + im²)" });
  }
  // Clip to [0, 6] alone is ReLU6.
  for (const i of order) {
    const n = nodes[i]!;
    if (!free(i) || n.op !== "Clip") continue;
    const lo = typeof n.attrs?.min === "number" ? n.attrs.min : scalar(n.inputs[1]);
    const hi = typeof n.attrs?.max === "number" ? n.attrs.max : scalar(n.inputs[2]);
    if (lo === 0 && hi === 6) add({ name: "ReLU6", nodes: [i], main: i, output: i, steps: [] });
  }

  // ---- Layers: a bias add, then a norm and an activation folded into the layer before them ----
  for (const i of order) {
    const n = nodes[i]!;
    if (!free(i) || !LAYERS.has(n.op)) continue;
    const isLinear = n.op === "MatMul" && n.inputs.some((v) => statics.has(v) && (shape(v)?.length ?? 0) === 2);
    if (n.op === "MatMul" && !isLinear) continue;
    // A Keras layer applies its own activation before anything after it.
    const own = typeof n.attrs?.activation === "string" ? activationWord(n) : "";
    let group: Fused = { name: isLinear || n.op === "Gemm" ? "Linear" : n.op, nodes: [i], main: i, output: i, steps: own ? [own] : [] };
    add(group);
    const absorb = (ok: (m: ModelNode, held: Fused) => boolean, step: (m: ModelNode, held: Fused) => string) => {
      const next = nextHolder(group.output);
      if (next === undefined) return false;
      const held = holder(next);
      if (held.nodes[0] !== next || !ok(nodes[next]!, held)) return false;
      group = merge(group, held, group.name, [...group.steps, step(nodes[next]!, held)]);
      return true;
    };
    if (isLinear) absorb((m, held) => held.nodes.length === 1 && m.op === "Add" && data(m).length === 1, () => "bias");
    const affine = () => {
      let any = false;
      for (let k = 0; k < 4 && absorb((m, held) => held.nodes.length === 1 && constArith(m), () => "scale & shift"); k++) any = true;
      // "scale & shift" once, however many ops it took.
      if (any) group.steps = group.steps.filter((st, k, all) => st !== "scale & shift" || all[k - 1] !== "scale & shift");
    };
    affine();
    absorb((m, held) => held.nodes.length === 1 && NORMS.has(m.op) && m.op !== "LayerNormalization", (m) => (m.op === "BatchNormalization" ? "BN" : m.op.replace("Normalization", "Norm")));
    affine();
    const activated = absorb(
      (m, held) => (held.nodes.length === 1 ? ACTIVATIONS.has(m.op) || (m.op === "Activation" && m.attrs?.activation !== "softmax") : ACTIVATION_PATTERNS.has(held.name)),
      (m, held) => (held.nodes.length > 1 || held.name === "ReLU6" ? held.name : activationWord(m)),
    );
    if (activated) affine();
  }

  // ---- Depthwise then pointwise: a depthwise-separable conv; a kernel tiling its input: patch embedding ----
  const isDepthwise = (n: ModelNode) => {
    if (n.op === "DepthwiseConv2D") return true;
    if (n.op !== "Conv") return false;
    const g = typeof n.attrs?.group === "number" ? n.attrs.group : 1;
    const w = shape(n.inputs[1]);
    return g > 1 && w?.[1] === 1;
  };
  const isPointwise = (n: ModelNode) => {
    if (n.op === "Conv2D") return (n.attrs?.kernel_size as number[] | undefined)?.every((k) => k === 1) ?? false;
    if (n.op !== "Conv") return false;
    const w = shape(n.inputs[1]);
    return (typeof n.attrs?.group === "number" ? n.attrs.group : 1) === 1 && (w?.slice(2).every((d) => d === 1) ?? false);
  };
  for (const i of order) {
    const g = groupOf[i]! >= 0 ? groups[groupOf[i]!] : null;
    if (!g || g.main !== i || !isDepthwise(nodes[i]!)) continue;
    const next = nextHolder(g.output);
    if (next === undefined) continue;
    const held = holder(next);
    if (held.main !== next || !isPointwise(nodes[next]!)) continue;
    const merged = merge(g, held, "Depthwise-separable conv", [...g.steps, "pointwise 1×1", ...held.steps]);
    merged.main = i;
  }
  for (const i of order) {
    const n = nodes[i]!;
    if (n.op !== "Conv") continue;
    const k = n.attrs?.kernel_shape;
    const s = n.attrs?.strides;
    if (!Array.isArray(k) || !Array.isArray(s) || (k[0] ?? 0) < 2 || k.join() !== s.join()) continue;
    let v = nodes[i]!.outputs[0];
    for (let step = 0; step < 3 && v; step++) {
      const next = uses(v);
      if (next.length !== 1 || !["Reshape", "Flatten", "Transpose"].includes(nodes[next[0]!]!.op)) break;
      v = nodes[next[0]!]!.outputs[0];
    }
    if (v !== nodes[i]!.outputs[0] && (shape(v)?.length ?? 0) === 3) {
      const g = groupOf[i]! >= 0 ? groups[groupOf[i]!]! : groups[add({ name: "Conv", nodes: [i], main: i, output: i, steps: [] })]!;
      g.name = "Patch embedding";
    }
  }
  // A scale, shift or elementwise function left after any unit folds into it as a step.
  const UNARY: Record<string, string> = { Log: "log", Exp: "exp", Neg: "negate", Abs: "abs", Sqrt: "square root", Reciprocal: "reciprocal" };
  for (const i of order) {
    const m = nodes[i]!;
    if (!free(i) || !(constArith(m) || (UNARY[m.op] && data(m).length === 1))) continue;
    const p = producer.get(data(m)[0]!);
    if (p === undefined || nextHolder(p) !== i) continue;
    const host = holder(p);
    if (host.output !== p) continue;
    const step = UNARY[m.op] ?? "scale & shift";
    merge(host, holder(i), host.name, [...host.steps.filter((st) => st !== step), step]);
  }
  return groups.filter((g): g is Fused => g !== null).sort((a, b) => position[a.output]! - position[b.output]!);
}
