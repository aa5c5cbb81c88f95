// Shape inference: the shape of every value in a model graph, worked out op by op from the graph
// inputs, weight dims and constant values. Dimensions the file leaves open stay symbols ("N",
// "H/16", "seq"); a value whose shape cannot be worked out is simply absent, never guessed.
import type { AttrValue, ModelGraph, ModelNode } from "./graph";
import { topologicalOrder } from "./order.logic";

export type Dim = number | string;
export type Shape = Dim[];

export interface ShapeFacts {
  /** Shape of each value whose shape is known. */
  shapes: Map<string, Shape>;
  /** Values computed from shapes and constants (shape vectors, axes, scalars). */
  values: Map<string, Dim[]>;
}

const UNKNOWN = "?";
const isNum = (d: Dim | undefined): d is number => typeof d === "number";

/** "1×3×?×?" back into dims; "scalar" is rank 0. Exporters' anonymous dims ("unk__12") read as "?". */
export function parseShape(text: string): Shape {
  if (text === "scalar") return [];
  return text.split("×").map((d) => (/^-?\d+$/.test(d) ? (Number(d) < 0 ? UNKNOWN : Number(d)) : /^(unk__\d+|\?|None|null|-1)$/.test(d) || /DynamicDimension|_dim_\d+$/.test(d) ? UNKNOWN : d));
}

export const formatShape = (s: Shape) => (s.length ? s.join("×") : "scalar");

/** A symbol divided: "H/4" by 2 is "H/8"; "?" stays unknown. */
function divide(d: Dim, by: number): Dim {
  if (by === 1) return d;
  if (isNum(d)) return Math.ceil(d / by);
  if (d === UNKNOWN) return UNKNOWN;
  const m = /^(.+)\/(\d+)$/.exec(d);
  return m ? `${m[1]}/${Number(m[2]) * by}` : `${d}/${by}`;
}
/** A symbol multiplied back: "H/8" by 2 is "H/4". */
function multiply(d: Dim, by: number): Dim {
  if (isNum(d)) return Math.round(d * by);
  if (by === 1) return d;
  const m = /^(.+)\/(\d+)$/.exec(d);
  if (m && Number.isInteger(by) && Number(m[2]) % by === 0) return Number(m[2]) === by ? m[1]! : `${m[1]}/${Number(m[2]) / by}`;
  return UNKNOWN;
}
/** The product of dims: a number when all are numbers, else the symbols joined ("N·4"). */
function product(dims: Dim[]): Dim {
  let n = 1;
  const symbols: string[] = [];
  for (const d of dims) {
    if (isNum(d)) n *= d;
    else if (d === UNKNOWN) return UNKNOWN;
    else symbols.push(d);
  }
  if (!symbols.length) return n;
  return n === 1 ? symbols.join("·") : `${n}·${symbols.join("·")}`;
}

/** Numpy broadcasting; a mismatch of two symbols keeps the first. */
export function broadcast(shapes: Shape[]): Shape {
  const rank = Math.max(0, ...shapes.map((s) => s.length));
  const out: Dim[] = [];
  for (let i = 0; i < rank; i++) {
    let d: Dim = 1;
    for (const s of shapes) {
      const x = s[s.length - rank + i];
      if (x === undefined || x === 1) continue;
      if (d === 1 || d === UNKNOWN) d = x;
    }
    out.push(d);
  }
  return out;
}

const ints = (v: AttrValue | undefined): number[] | undefined =>
  Array.isArray(v) ? v.map((x) => (typeof x === "number" ? x : NaN)) : typeof v === "number" ? [v] : undefined;
const int = (v: AttrValue | undefined, fallback: number) => (typeof v === "number" ? v : Array.isArray(v) && typeof v[0] === "number" ? v[0] : fallback);
const axis = (a: number, rank: number) => (a < 0 ? a + rank : a);

/** One spatial dim through a window op (conv or pool), from its kernel, stride, padding and dilation. */
function windowed(d: Dim, k: number, s: number, padTotal: number | "same" | "valid", dilation = 1, ceil = false): Dim {
  const span = dilation * (k - 1) + 1;
  if (padTotal === "same") return divide(d, s);
  const pads = padTotal === "valid" ? 0 : padTotal;
  if (isNum(d)) {
    const raw = (d + pads - span) / s + 1;
    return ceil ? Math.ceil(raw - 1e-9) : Math.floor(raw);
  }
  // Symbols survive the usual cases: "same" padding, or a kernel tiling its input (patches).
  if (pads === span - 1 || (pads === span - 2 && s === 2) || (k === s && pads === 0)) return divide(d, s);
  return UNKNOWN;
}

/** Output spatial dims of an ONNX Conv or pool over channels-first input. */
function onnxWindow(x: Shape, node: ModelNode, kernel: number[]): Dim[] {
  const a = node.attrs ?? {};
  const n = kernel.length;
  const strides = ints(a.strides) ?? kernel.map(() => 1);
  const dil = ints(a.dilations) ?? kernel.map(() => 1);
  const pads = ints(a.pads) ?? kernel.map(() => 0).concat(kernel.map(() => 0));
  const auto = typeof a.auto_pad === "string" ? a.auto_pad : "NOTSET";
  const ceil = int(a.ceil_mode, 0) === 1;
  return x.slice(2, 2 + n).map((d, i) =>
    windowed(d, kernel[i]!, strides[i] ?? 1, auto.startsWith("SAME") ? "same" : auto === "VALID" ? "valid" : (pads[i] ?? 0) + (pads[i + n] ?? 0), dil[i] ?? 1, ceil),
  );
}

/** Output spatial dims of a Keras conv or pool over channels-last input. */
function kerasWindow(x: Shape, a: Record<string, AttrValue>, kernelKey: string, spatial: number): Dim[] {
  const kernel = ints(a[kernelKey]) ?? [];
  const k = (i: number) => kernel[i] ?? kernel[0] ?? 1;
  const strideList = ints(a.strides);
  const s = (i: number) => strideList?.[i] ?? strideList?.[0] ?? (kernelKey === "pool_size" ? k(i) : 1);
  const dl = ints(a.dilation_rate);
  const same = a.padding === "same";
  return x.slice(1, 1 + spatial).map((d, i) => windowed(d, k(i), s(i), same ? "same" : "valid", dl?.[i] ?? dl?.[0] ?? 1));
}

interface Context {
  shape: (v: string | undefined) => Shape | undefined;
  value: (v: string | undefined) => Dim[] | undefined;
  dims: Map<string, number[]>;
  graph: ModelGraph;
}

/** Shapes of a node's outputs (and the values it computes, for shape arithmetic). */
function inferNode(n: ModelNode, c: Context): { shapes: (Shape | undefined)[]; value?: Dim[] } {
  const a = n.attrs ?? {};
  const x = c.shape(n.inputs[0]);
  const same = { shapes: [x] };
  const op = n.op;
  const rank = x?.length ?? 0;
  switch (op) {
    // ---- ONNX ----
    case "Conv":
    case "ConvInteger":
    case "QLinearConv": {
      const w = c.shape(n.inputs[op === "QLinearConv" ? 3 : 1]);
      if (!x || !w) return { shapes: [] };
      const kernel = ints(a.kernel_shape) ?? w.slice(2).map((d) => (isNum(d) ? d : 1));
      return { shapes: [[x[0]!, w[0]!, ...onnxWindow(x, n, kernel)]] };
    }
    case "ConvTranspose": {
      const w = c.shape(n.inputs[1]);
      if (!x || !w) return { shapes: [] };
      const kernel = ints(a.kernel_shape) ?? w.slice(2).map((d) => (isNum(d) ? d : 1));
      const strides = ints(a.strides) ?? kernel.map(() => 1);
      const pads = ints(a.pads) ?? kernel.map(() => 0).concat(kernel.map(() => 0));
      const extra = ints(a.output_padding) ?? kernel.map(() => 0);
      const given = ints(a.output_shape);
      const spatial = x.slice(2).map((d, i) => {
        if (given?.[i]) return given[i];
        const s = strides[i] ?? 1;
        if (isNum(d)) return s * (d - 1) + (extra[i] ?? 0) + kernel[i]! - (pads[i] ?? 0) - (pads[i + kernel.length] ?? 0);
        return multiply(d, s);
      });
      const out = isNum(w[1]) ? w[1] * int(a.group, 1) : w[1]!;
      return { shapes: [[x[0]!, out, ...spatial]] };
    }
    case "MaxPool":
    case "AveragePool":
    case "LpPool": {
      if (!x) return { shapes: [] };
      const out: Shape = [x[0]!, x[1]!, ...onnxWindow(x, n, ints(a.kernel_shape) ?? [])];
      return { shapes: [out, out] };
    }
    case "GlobalAveragePool":
    case "GlobalMaxPool":
    case "GlobalLpPool":
      return { shapes: [x ? [x[0]!, x[1]!, ...x.slice(2).map(() => 1)] : undefined] };
    case "Gemm": {
      const b = c.shape(n.inputs[1]);
      if (!x || !b || x.length !== 2 || b.length !== 2) return { shapes: [] };
      return { shapes: [[int(a.transA, 0) ? x[1]! : x[0]!, int(a.transB, 0) ? b[0]! : b[1]!]] };
    }
    case "MatMul":
    case "MatMulInteger":
    case "FusedMatMul": {
      const b = c.shape(n.inputs[1]);
      if (!x || !b) return { shapes: [] };
      let left = x;
      let right = b;
      if (op === "FusedMatMul" && int(a.transB, 0) && right.length >= 2) right = [...right.slice(0, -2), right[right.length - 1]!, right[right.length - 2]!];
      if (op === "FusedMatMul" && int(a.transA, 0) && left.length >= 2) left = [...left.slice(0, -2), left[left.length - 1]!, left[left.length - 2]!];
      if (right.length === 1) return { shapes: [left.slice(0, -1)] };
      if (left.length === 1) return { shapes: [[...right.slice(0, -2), right[right.length - 1]!]] };
      const batch = broadcast([left.slice(0, -2), right.slice(0, -2)]);
      return { shapes: [[...batch, left[left.length - 2]!, right[right.length - 1]!]] };
    }
    case "Add":
    case "Sub":
    case "Mul":
    case "Div":
    case "Pow":
    case "Max":
    case "Min":
    case "Mean":
    case "Sum":
    case "Equal":
    case "Greater":
    case "GreaterOrEqual":
    case "Less":
    case "LessOrEqual":
    case "And":
    case "Or":
    case "Xor":
    case "Mod":
    case "PRelu":
    case "Where":
    case "BitShift": {
      const all = n.inputs.map((i) => c.shape(i));
      const vals = n.inputs.map((i) => c.value(i));
      let value: Dim[] | undefined;
      if (["Add", "Sub", "Mul", "Div"].includes(op) && vals.length === 2 && vals.every((v) => v && v.every(isNum))) {
        const [p, q] = vals as number[][];
        const len = Math.max(p!.length, q!.length);
        if (len <= 8) {
          const f = { Add: (u: number, v: number) => u + v, Sub: (u: number, v: number) => u - v, Mul: (u: number, v: number) => u * v, Div: (u: number, v: number) => Math.trunc(u / v) }[op as "Add"];
          value = Array.from({ length: len }, (_, i) => f(p![p!.length === 1 ? 0 : i]!, q![q!.length === 1 ? 0 : i]!));
        }
      }
      if (all.some((s) => !s)) return { shapes: [] };
      return { shapes: [broadcast(all as Shape[])], ...(value ? { value } : {}) };
    }
    case "Relu":
    case "LeakyRelu":
    case "Sigmoid":
    case "HardSigmoid":
    case "HardSwish":
    case "Tanh":
    case "Gelu":
    case "FastGelu":
    case "BiasGelu":
    case "Erf":
    case "Elu":
    case "Selu":
    case "Celu":
    case "Softplus":
    case "Softsign":
    case "Mish":
    case "ThresholdedRelu":
    case "Clip":
    case "Exp":
    case "Log":
    case "Neg":
    case "Abs":
    case "Sqrt":
    case "Reciprocal":
    case "Floor":
    case "Ceil":
    case "Round":
    case "Sign":
    case "Sin":
    case "Cos":
    case "Not":
    case "IsNaN":
    case "IsInf":
    case "Softmax":
    case "LogSoftmax":
    case "Hardmax":
    case "BatchNormalization":
    case "InstanceNormalization":
    case "LayerNormalization":
    case "SimplifiedLayerNormalization":
    case "SkipLayerNormalization":
    case "GroupNormalization":
    case "LpNormalization":
    case "MeanVarianceNormalization":
    case "LRN":
    case "Dropout":
    case "CumSum":
    case "QuantizeLinear":
    case "DequantizeLinear":
    case "Trilu":
    case "Einsum":
      return op === "Einsum" ? { shapes: [] } : same;
    case "Identity":
    case "Cast":
    case "CastLike":
      return { ...same, ...(c.value(n.inputs[0]) ? { value: c.value(n.inputs[0])! } : {}) };
    case "Shape": {
      if (!x) return { shapes: [] };
      const start = axis(int(a.start, 0), rank);
      const end = a.end === undefined ? rank : axis(int(a.end, rank), rank);
      const value = x.slice(start, end);
      return { shapes: [[value.length]], value };
    }
    case "Size":
      return { shapes: [[]], ...(x && x.every(isNum) ? { value: [product(x)] } : {}) };
    case "Constant": {
      const value = c.value(n.outputs[0]);
      const dims = c.dims.get(n.outputs[0] ?? "");
      return { shapes: [dims ?? (value ? [value.length] : undefined)], ...(value ? { value } : {}) };
    }
    case "ConstantOfShape": {
      const s = c.value(n.inputs[0]);
      return { shapes: [s] };
    }
    case "Range": {
      const [start, limit, delta] = [0, 1, 2].map((i) => c.value(n.inputs[i])?.[0]);
      if (isNum(start) && isNum(limit) && isNum(delta) && delta !== 0) return { shapes: [[Math.max(0, Math.ceil((limit - start) / delta))]] };
      return { shapes: [[UNKNOWN]] };
    }
    case "Reshape": {
      const target = c.value(n.inputs[1]) ?? (ints(a.shape));
      if (!target) return { shapes: [] };
      const allowZero = int(a.allowzero, 0) === 1;
      const out = target.map((d, i) => (d === 0 && !allowZero ? (x?.[i] ?? UNKNOWN) : d));
      const at = out.indexOf(-1);
      if (at >= 0) {
        const known = out.filter((_, i) => i !== at);
        const total = x ? product(x) : UNKNOWN;
        const rest = product(known);
        out[at] = isNum(total) && isNum(rest) && rest > 0 ? total / rest : x && x.every(isNum) === false && isNum(rest) && known.every((d) => isNum(d) || x.includes(d)) ? leftover(x, known) : UNKNOWN;
      }
      return { shapes: [out], ...(c.value(n.inputs[0]) ? { value: c.value(n.inputs[0])! } : {}) };
    }
    case "Flatten": {
      if (!x) return { shapes: [] };
      const at = axis(int(a.axis, 1), rank);
      return { shapes: [[product(x.slice(0, at)), product(x.slice(at))]] };
    }
    case "Transpose": {
      if (!x) return { shapes: [] };
      const perm = ints(a.perm) ?? x.map((_, i) => rank - 1 - i);
      return { shapes: [perm.map((p) => x[p] ?? UNKNOWN)] };
    }
    case "Squeeze": {
      if (!x) return { shapes: [] };
      const axes = (ints(a.axes) ?? (c.value(n.inputs[1]) as number[] | undefined))?.map((v) => axis(v, rank));
      const out = x.filter((d, i) => (axes ? !axes.includes(i) : d !== 1));
      const v = c.value(n.inputs[0]);
      return { shapes: [out], ...(v ? { value: v } : {}) };
    }
    case "Unsqueeze": {
      if (!x) return { shapes: [] };
      const raw = ints(a.axes) ?? (c.value(n.inputs[1]) as number[] | undefined);
      if (!raw) return { shapes: [] };
      const outRank = rank + raw.length;
      const axes = raw.map((v) => axis(v, outRank));
      const out: Dim[] = [];
      for (let i = 0, k = 0; i < outRank; i++) out.push(axes.includes(i) ? 1 : x[k++]!);
      const v = c.value(n.inputs[0]);
      return { shapes: [out], ...(v ? { value: v } : {}) };
    }
    case "Concat": {
      const all = n.inputs.map((i) => c.shape(i));
      const vals = n.inputs.map((i) => c.value(i));
      const value = vals.every(Boolean) && rank <= 1 ? vals.flatMap((v) => v!) : undefined;
      if (all.some((s) => !s) || !all.length) return { shapes: [], ...(value ? { value } : {}) };
      const at = axis(int(a.axis, 0), all[0]!.length);
      const out = [...all[0]!];
      out[at] = product(all.map((s) => s![at] ?? UNKNOWN).filter((d) => d !== 0)) === UNKNOWN ? UNKNOWN : sum(all.map((s) => s![at] ?? UNKNOWN));
      return { shapes: [out], ...(value ? { value } : {}) };
    }
    case "Split": {
      if (!x) return { shapes: [] };
      const at = axis(int(a.axis, 0), rank);
      const parts = ints(a.split) ?? (c.value(n.inputs[1]) as number[] | undefined);
      const count = n.outputs.length;
      return {
        shapes: n.outputs.map((_, i) => {
          const out = [...x];
          out[at] = parts?.[i] ?? (isNum(x[at]) ? Math.ceil(x[at] / count) : UNKNOWN);
          return out;
        }),
      };
    }
    case "Slice": {
      if (!x) return { shapes: [] };
      const starts = ints(a.starts) ?? (c.value(n.inputs[1]) as number[] | undefined);
      const ends = ints(a.ends) ?? (c.value(n.inputs[2]) as number[] | undefined);
      if (!starts || !ends) return { shapes: [x.map(() => UNKNOWN)] };
      const axes = ints(a.axes) ?? (c.value(n.inputs[3]) as number[] | undefined) ?? starts.map((_, i) => i);
      const steps = (c.value(n.inputs[4]) as number[] | undefined) ?? starts.map(() => 1);
      const out = [...x];
      axes.forEach((ax, i) => {
        const at = axis(ax, rank);
        const d = x[at];
        let s = starts[i]!;
        let e = ends[i]!;
        const step = steps[i] ?? 1;
        if (!isNum(d)) {
          out[at] = s === 0 && e >= 2 ** 31 - 1 && step === 1 ? d! : s >= 0 && e >= 0 && e < 2 ** 31 - 1 && step > 0 ? Math.ceil((e - s) / step) : UNKNOWN;
          return;
        }
        s = Math.min(Math.max(s < 0 ? s + d : s, 0), d);
        e = Math.min(Math.max(e < 0 ? e + d : e, step < 0 ? -1 : 0), d);
        out[at] = Math.max(0, Math.ceil((e - s) / step));
      });
      const v = c.value(n.inputs[0]);
      const value = v && rank === 1 && isNum(out[0]) ? v.slice(Math.min(Math.max(starts[0]! < 0 ? starts[0]! + v.length : starts[0]!, 0), v.length), Math.min(ends[0]! < 0 ? ends[0]! + v.length : ends[0]!, v.length)) : undefined;
      return { shapes: [out], ...(value ? { value } : {}) };
    }
    case "Gather": {
      const data = x;
      const idx = c.shape(n.inputs[1]);
      if (!data || !idx) return { shapes: [] };
      const at = axis(int(a.axis, 0), data.length);
      const iv = c.value(n.inputs[1]);
      const dv = c.value(n.inputs[0]);
      const value = dv && iv && iv.every(isNum) ? iv.map((i) => dv[(i) < 0 ? (i) + dv.length : (i)] ?? UNKNOWN) : undefined;
      return { shapes: [[...data.slice(0, at), ...idx, ...data.slice(at + 1)]], ...(value ? { value } : {}) };
    }
    case "Expand": {
      const target = c.value(n.inputs[1]);
      return { shapes: [x && target ? broadcast([x, target]) : undefined] };
    }
    case "Tile": {
      const reps = c.value(n.inputs[1]);
      return { shapes: [x && reps ? x.map((d, i) => (isNum(d) && isNum(reps[i]) ? d * reps[i] : reps[i] === 1 ? d : UNKNOWN)) : undefined] };
    }
    case "Resize":
    case "Upsample": {
      if (!x) return { shapes: [] };
      const sizes = c.value(n.inputs[3]);
      if (sizes && sizes.length === rank) return { shapes: [sizes] };
      const scales = (op === "Upsample" ? c.value(n.inputs[1]) : c.value(n.inputs[2])) ?? (ints(a.scales));
      if (scales && scales.length === rank) return { shapes: [x.map((d, i) => multiply(d, scales[i] as number))] };
      return { shapes: [x.map((d, i) => (i < 2 ? d : UNKNOWN))] };
    }
    case "Pad": {
      if (!x) return { shapes: [] };
      const pads = ints(a.pads) ?? (c.value(n.inputs[1]) as number[] | undefined);
      if (!pads) return { shapes: [x.map(() => UNKNOWN)] };
      return { shapes: [x.map((d, i) => (isNum(d) ? d + (pads[i] ?? 0) + (pads[i + rank] ?? 0) : (pads[i] ?? 0) + (pads[i + rank] ?? 0) === 0 ? d : UNKNOWN))] };
    }
    case "ReduceMean":
    case "ReduceSum":
    case "ReduceMax":
    case "ReduceMin":
    case "ReduceProd":
    case "ReduceL1":
    case "ReduceL2":
    case "ReduceLogSumExp":
    case "ReduceSumSquare":
    case "ArgMax":
    case "ArgMin": {
      if (!x) return { shapes: [] };
      const arg = op.startsWith("Arg");
      const axes = (arg ? [int(a.axis, 0)] : (ints(a.axes) ?? (c.value(n.inputs[1]) as number[] | undefined)))?.map((v) => axis(v, rank)) ?? x.map((_, i) => i);
      const keep = int(a.keepdims, 1) === 1;
      return { shapes: [x.flatMap((d, i) => (axes.includes(i) ? (keep ? [1] : []) : [d]))] };
    }
    case "DepthToSpace":
    case "SpaceToDepth": {
      if (!x || rank !== 4) return { shapes: [] };
      const b = int(a.blocksize, 1);
      const up = op === "DepthToSpace";
      const ch = isNum(x[1]) ? (up ? x[1] / (b * b) : x[1] * b * b) : UNKNOWN;
      return { shapes: [[x[0]!, ch, up ? multiply(x[2]!, b) : divide(x[2]!, b), up ? multiply(x[3]!, b) : divide(x[3]!, b)]] };
    }
    case "LSTM":
    case "GRU":
    case "RNN": {
      const hidden = int(a.hidden_size, 0);
      const dirs = a.direction === "bidirectional" ? 2 : 1;
      if (!x || rank < 3 || !hidden) return { shapes: [] };
      const batchFirst = int(a.layout, 0) === 1;
      const [seq, batch] = batchFirst ? [x[rank - 2]!, x[rank - 3]!] : [x[rank - 3]!, x[rank - 2]!];
      const y: Shape = batchFirst ? [batch, seq, dirs, hidden] : [seq, dirs, batch, hidden];
      const h: Shape = batchFirst ? [batch, dirs, hidden] : [dirs, batch, hidden];
      return { shapes: [y, h, h] };
    }
    case "Attention":
    case "MultiHeadAttention": {
      const w = c.shape(n.inputs[1]);
      if (!x) return { shapes: [] };
      if (op === "Attention" && w && isNum(w[1])) return { shapes: [[...x.slice(0, -1), w[1] / 3]] };
      return same;
    }
    case "If": {
      const branches = c.graph.subgraphOutputs?.get(n.name);
      const outs = branches?.get("then_branch") ?? branches?.get("else_branch") ?? [];
      const other = branches?.get("else_branch") ?? [];
      return { shapes: n.outputs.map((_, i) => c.shape(outs[i]) ?? c.shape(other[i])) };
    }
    case "Loop": {
      const carried = n.inputs.slice(2, 2 + n.outputs.length);
      const body = c.graph.subgraphOutputs?.get(n.name)?.get("body") ?? [];
      return {
        shapes: n.outputs.map((_, i) => {
          if (i < carried.length && carried[i]) return c.shape(carried[i]);
          const per = c.shape(body[i + 1]);
          return per ? ["iterations", ...per] : undefined;
        }),
      };
    }
    case "TopK": {
      const k = c.value(n.inputs[1])?.[0];
      if (!x) return { shapes: [] };
      const at = axis(int(a.axis, -1), rank);
      const out = x.map((d, i) => (i === at ? (k ?? UNKNOWN) : d));
      return { shapes: [out, out] };
    }
    case "NonZero":
      return { shapes: [[rank, UNKNOWN]] };
    case "OneHot": {
      const depth = c.value(n.inputs[1])?.[0];
      if (!x) return { shapes: [] };
      const at = axis(int(a.axis, -1), rank + 1);
      const out = [...x];
      out.splice(at, 0, depth ?? UNKNOWN);
      return { shapes: [out] };
    }
    default:
      return keras(n, x, c) ?? { shapes: [] };
  }
}

const sum = (dims: Dim[]): Dim => (dims.every(isNum) ? dims.reduce((s, d) => s + d, 0) : UNKNOWN);

/** What -1 stands for in a reshape of symbolic dims: the input's dims that the known part does not account for. */
function leftover(x: Shape, known: Dim[]): Dim {
  const rest = [...x];
  let divisor = 1;
  for (const d of known) {
    const at = rest.indexOf(d);
    if (at >= 0) rest.splice(at, 1);
    else if (isNum(d)) divisor *= d;
    else return UNKNOWN;
  }
  const p = product(rest);
  if (isNum(p)) return p / divisor;
  return divisor === 1 ? p : UNKNOWN;
}

/** Keras and TF.js layers, channels last. */
function keras(n: ModelNode, x: Shape | undefined, c: Context): { shapes: (Shape | undefined)[] } | undefined {
  const a = n.attrs ?? {};
  const op = n.op;
  if (!x) return undefined;
  const rank = x.length;
  const last = (d: Dim) => [...x.slice(0, -1), d];
  const filters = typeof a.filters === "number" ? a.filters : undefined;
  const units = typeof a.units === "number" ? a.units : undefined;
  let m: RegExpExecArray | null;
  if ((m = /^(Conv|SeparableConv|DepthwiseConv)([123])D$/.exec(op))) {
    const spatial = Number(m[2]);
    const channels = x[rank - 1];
    const ch = m[1] === "DepthwiseConv" ? (isNum(channels) ? channels * int(a.depth_multiplier, 1) : UNKNOWN) : (filters ?? UNKNOWN);
    return { shapes: [[x[0]!, ...kerasWindow(x, a, "kernel_size", spatial), ch]] };
  }
  if ((m = /^Conv([123])DTranspose$/.exec(op))) {
    const s = ints(a.strides) ?? [1];
    const spatial = x.slice(1, 1 + Number(m[1])).map((d, i) => multiply(d, s[i] ?? s[0] ?? 1));
    return { shapes: [[x[0]!, ...spatial, filters ?? UNKNOWN]] };
  }
  if ((m = /^(Max|Average)Pooling([123])D$/.exec(op))) return { shapes: [[x[0]!, ...kerasWindow(x, a, "pool_size", Number(m[2])), x[rank - 1]!]] };
  if (/^Global(Average|Max)Pooling[123]D$/.test(op)) return { shapes: [a.keepdims === 1 || (a.keepdims as unknown) === true ? x.map((d, i) => (i === 0 || i === rank - 1 ? d : 1)) : [x[0]!, x[rank - 1]!]] };
  if ((m = /^ZeroPadding([123])D$/.exec(op))) {
    const p = ints(a.padding) ?? [1];
    const spatial = Number(m[1]);
    const pad = (i: number) => (p.length === 1 ? 2 * p[0]! : p.length === spatial ? 2 * p[i]! : (p[2 * i] ?? 0) + (p[2 * i + 1] ?? 0));
    return { shapes: [x.map((d, i) => (i >= 1 && i <= spatial ? (isNum(d) ? d + pad(i - 1) : d) : d))] };
  }
  if ((m = /^UpSampling([123])D$/.exec(op))) {
    const s = ints(a.size) ?? [2];
    return { shapes: [x.map((d, i) => (i >= 1 && i <= Number(m![1]) ? multiply(d, s[i - 1] ?? s[0]!) : d))] };
  }
  switch (op) {
    case "Dense":
      return { shapes: [last(units ?? UNKNOWN)] };
    case "Embedding":
      return { shapes: [[...x, int(a.output_dim, 0) || UNKNOWN]] };
    case "Flatten":
      return { shapes: [[x[0]!, product(x.slice(1))]] };
    case "Reshape": {
      const t = ints(a.target_shape);
      return { shapes: [t ? [x[0]!, ...t.map((d) => (d === -1 ? UNKNOWN : d))] : undefined] };
    }
    case "Permute": {
      const dims = ints(a.dims);
      return { shapes: [dims ? [x[0]!, ...dims.map((d) => x[d] ?? UNKNOWN)] : undefined] };
    }
    case "RepeatVector":
      return { shapes: [[x[0]!, int(a.n, 1), ...x.slice(1)]] };
    case "LSTM":
    case "GRU":
    case "SimpleRNN":
      return { shapes: [a.return_sequences === 1 || (a.return_sequences as unknown) === true ? last(units ?? UNKNOWN) : [x[0]!, units ?? UNKNOWN]] };
    case "Add":
    case "Subtract":
    case "Multiply":
    case "Average":
    case "Maximum":
    case "Minimum": {
      const all = n.inputs.map((i) => c.shape(i));
      return { shapes: [all.every(Boolean) ? broadcast(all as Shape[]) : x] };
    }
    case "Concatenate": {
      const all = n.inputs.map((i) => c.shape(i));
      if (all.some((s) => !s)) return { shapes: [] };
      const at = axis(int(a.axis, -1), rank);
      return { shapes: [x.map((d, i) => (i === at ? sum(all.map((s) => s![i] ?? UNKNOWN)) : d))] };
    }
    case "Cropping2D":
      return { shapes: [x.map((d, i) => (i === 1 || i === 2 ? UNKNOWN : d))] };
    default:
      // Activations, normalisation, dropout, noise and the like keep their input's shape.
      if (/^(Activation|ReLU|LeakyReLU|PReLU|ELU|Softmax|ThresholdedReLU|BatchNormalization|LayerNormalization|GroupNormalization|UnitNormalization|Dropout|SpatialDropout[123]D|GaussianNoise|GaussianDropout|AlphaDropout|ActivityRegularization|Rescaling|Normalization|Lambda|TFOpLambda|Masking)$/.test(op)) return { shapes: [x] };
      return undefined;
  }
}

/** Names for the open dims of graph inputs, by position: batch, channels, height, width, sequence. */
function nameInputDims(s: Shape, layout: ModelGraph["layout"]): Shape {
  const named =
    s.length === 4
      ? layout === "channels-last"
        ? ["N", "H", "W", "C"]
        : ["N", "C", "H", "W"]
      : s.length === 3
        ? layout === "channels-last"
          ? ["N", "seq", "C"]
          : ["N", "C", "L"]
        : s.length === 2
          ? ["N", "seq"]
          : [];
  return s.map((d, i) => (d === UNKNOWN && named[i] ? named[i] : d));
}

/** Infers shapes for every value, preferring what the file records when it is complete. */
export function inferShapes(graph: ModelGraph): ShapeFacts {
  const shapes = new Map<string, Shape>();
  const values = new Map<string, Dim[]>(graph.values ?? []);
  const dims = graph.dims ?? new Map<string, number[]>();
  for (const [k, d] of dims) shapes.set(k, d);
  const recorded = new Map<string, Shape>();
  for (const [k, t] of graph.shapes) recorded.set(k, parseShape(t));
  for (const input of graph.inputs) {
    const s = input.shape ? parseShape(input.shape) : recorded.get(input.name);
    if (s) shapes.set(input.name, nameInputDims(s, graph.layout));
  }
  for (const [k, s] of recorded) if (!shapes.has(k)) shapes.set(k, s);
  const c: Context = { shape: (v) => (v === undefined ? undefined : shapes.get(v)), value: (v) => (v === undefined ? undefined : values.get(v)), dims, graph };
  for (const i of topologicalOrder(graph.nodes)) {
    const n = graph.nodes[i]!;
    let out: ReturnType<typeof inferNode>;
    try {
      out = inferNode(n, c);
    } catch {
      out = { shapes: [] };
    }
    n.outputs.forEach((o, k) => {
      const inferred = out.shapes[k];
      const file = recorded.get(o);
      const complete = (s: Shape | undefined) => s && !s.includes(UNKNOWN);
      const chosen = complete(file) ? file : complete(inferred) ? inferred : (inferred ?? file);
      if (chosen && chosen.every((d) => d !== undefined && (typeof d !== "number" || Number.isFinite(d)))) shapes.set(o, chosen);
    });
    if (out.value && n.outputs[0] && out.value.length <= 64) values.set(n.outputs[0], out.value);
  }
  return { shapes, values };
}
