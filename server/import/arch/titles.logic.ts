// Titles people read: an op or pattern with its key numbers ("Conv 3×3 /2, 16 → 32 ch · BN ·
// HardSwish", "Linear 64 → 192", "Multi-head attention, 8 heads"), and the palace's own title.
import type { ModelGraph, ModelNode } from "./graph";
import { activationWord } from "./patterns.logic";
import { type Dim, formatShape, type Shape, type ShapeFacts } from "./shapes.logic";
import type { Unit } from "./units.logic";

/** Graph names that say nothing about the model: the file name serves better. */
const GENERIC = /^(|model|graph|main|main_graph|net|network|torch[-_]?jit([-_]export)?|tf2onnx|spox_graph|onnx|paddle|sequential|functional|model from \S+)(_\d+)?\.?$/i;

/** True for a name that only says what wrote the model ("torch-jit-export", "Model from PaddlePaddle.", the producer's own name). */
export function isGenericName(name: string, producer = ""): boolean {
  const n = name.trim();
  return GENERIC.test(n) || (producer !== "" && n.toLowerCase().includes(producer.toLowerCase()));
}

const channelAxis = (s: Shape, layout: ModelGraph["layout"]) => (layout === "channels-last" ? s.length - 1 : s.length >= 3 ? 1 : s.length - 1);
/** Channels of an image or feature tensor; for [N, tokens, width] sequences, the width. */
export const channelsOf = (s: Shape | undefined, layout: ModelGraph["layout"]): Dim | undefined => {
  if (!s || s.length < 2) return undefined;
  const d = s[channelAxis(s, layout)];
  return s.length === 3 && typeof d !== "number" ? s[2] : d;
};

const ints = (v: unknown): number[] | undefined => (Array.isArray(v) && v.every((x) => typeof x === "number") ? (v) : typeof v === "number" ? [v] : undefined);
const squareKernel = (k: number[]) => (k.length === 1 ? `${k[0]}` : k.join("×"));
const strideText = (s: number[] | undefined) => {
  if (!s || s.every((x) => x === 1)) return "";
  return s.every((x) => x === s[0]) ? `/${s[0]}` : `/${s.join("×")}`;
};

interface TitleContext {
  facts: ShapeFacts;
  layout: ModelGraph["layout"];
  /** Whether a merge unit joins a real residual path. */
  residual: boolean;
}

const shapeOf = (c: TitleContext, v: string | undefined) => (v ? c.facts.shapes.get(v) : undefined);
/** The activation a Keras layer applies itself ("activation": "relu"), by the name the ONNX path uses; "" for none. */
const ownActivation = (n: ModelNode) => (typeof n.attrs?.activation === "string" ? activationWord(n) : "");
const KERAS_ACTIVATION_LAYERS = new Set(["ReLU", "LeakyReLU", "PReLU", "ELU", "ThresholdedReLU"]);

/** "Conv 3×3 /2, 16 → 32 ch" for ONNX and Keras convolutions alike. */
function convTitle(n: ModelNode, u: Unit, c: TitleContext, word: string): string {
  const a = n.attrs ?? {};
  const w = shapeOf(c, n.inputs[1]);
  const kernel = ints(a.kernel_shape) ?? ints(a.kernel_size) ?? (w && w.length > 2 ? w.slice(2).filter((d): d is number => typeof d === "number") : undefined);
  const kText = kernel?.length ? (kernel.length === 2 && /1D$/.test(n.op) ? `${kernel[0]}` : squareKernel(/[23]D$/.test(n.op) && kernel.length === 1 ? [kernel[0]!, kernel[0]!] : kernel)) : "";
  const inC = channelsOf(shapeOf(c, u.inputs[0] ?? n.inputs[0]), c.layout);
  const outC = channelsOf(shapeOf(c, u.output), c.layout) ?? channelsOf(shapeOf(c, n.outputs[0]), c.layout) ?? (n.op === "Conv" ? w?.[0] : undefined);
  const group = typeof a.group === "number" ? a.group : 1;
  const depthwise = n.op.startsWith("Depthwise") || (group > 1 && (group === inC || w?.[1] === 1));
  const widths = inC !== undefined && outC !== undefined ? (inC === outC && depthwise ? `${outC} ch` : `${inC} → ${outC} ch`) : outC !== undefined ? `${outC} ch` : "";
  // A single kernel number reads as a length, so 1-D convolutions say so ("Conv1d k7").
  const oneD = (kernel?.length === 1 && !/[23]D$/.test(n.op)) || (/1D$/.test(n.op) && kText !== "");
  const base = depthwise && word === "Conv" ? "Depthwise conv" : word;
  const head = [oneD ? `${base}1d` : base, oneD ? `k${kText}` : kText, strideText(ints(a.strides))].filter(Boolean).join(" ");
  const extra = group > 1 && !depthwise ? `, groups ${group}` : "";
  return `${head}${widths ? `, ${widths}` : ""}${extra}`;
}

const POOLS: Record<string, string> = {
  MaxPool: "Max pool",
  AveragePool: "Average pool",
  LpPool: "Lp pool",
  GlobalAveragePool: "Global average pool",
  GlobalMaxPool: "Global max pool",
  MaxPooling2D: "Max pool",
  AveragePooling2D: "Average pool",
  MaxPooling1D: "Max pool",
  AveragePooling1D: "Average pool",
  GlobalAveragePooling2D: "Global average pool",
  GlobalMaxPooling2D: "Global max pool",
  GlobalAveragePooling1D: "Global average pool",
  GlobalMaxPooling1D: "Global max pool",
};

/** The title of one unit. */
export function conceptTitle(u: Unit, c: TitleContext): string {
  const n = u.node;
  const p = u.pattern;
  // Scales and shifts by learned scalars stay in the notes; a title names what a reader looks for.
  const shown = (p?.steps ?? []).filter((st, k, all) => st !== "scale & shift" && st !== "pointwise 1×1" && st !== all.filter((x) => x !== "scale & shift")[all.filter((x) => x !== "scale & shift").indexOf(st) - 1]);
  const steps = shown.length ? ` · ${[...new Set(shown)].join(" · ")}` : "";
  const outC = channelsOf(shapeOf(c, u.output), c.layout);
  if (p?.name === "Depthwise-separable conv") return `${convTitle(n, u, c, "Depthwise-separable conv").replace(/^Depthwise conv/, "Depthwise-separable conv")}${steps}`;
  if (p?.name === "Patch embedding") return `${convTitle(n, u, c, "Patch embedding")}${steps}`;
  // Its main node is the bottleneck's first conv, but the block is what a reader looks for.
  if (p?.name === "Squeeze-and-excitation") return `Squeeze-and-excitation${p.detail ? `, ${p.detail}` : ""}`;
  if (/^(Conv|ConvTranspose|Conv[123]D|Conv[123]DTranspose|DepthwiseConv[12]D|SeparableConv[12]D|QLinearConv|ConvInteger)$/.test(n.op)) {
    const word = /Transpose/.test(n.op) ? "Transposed conv" : n.op.startsWith("SeparableConv") ? "Separable conv" : "Conv";
    // A layer in no pattern still names its own activation; in one, the activation is its first step.
    const act = !p && ownActivation(n) ? ` · ${ownActivation(n)}` : "";
    return `${convTitle(n, u, c, word)}${steps}${act}`;
  }
  if (p?.name === "Linear" || n.op === "Dense") {
    const inW = shapeOf(c, u.inputs[0] ?? n.inputs[0])?.at(-1);
    const outW = shapeOf(c, u.output)?.at(-1) ?? (typeof n.attrs?.units === "number" ? n.attrs.units : undefined);
    const act = !p && ownActivation(n) ? ` · ${ownActivation(n)}` : "";
    return `Linear${inW !== undefined && outW !== undefined ? ` ${inW} → ${outW}` : outW !== undefined ? ` → ${outW}` : ""}${steps}${act}`;
  }
  if (p) {
    if (p.name === "Multi-head attention" || p.name === "Scaled dot-product attention") return `${p.name}${p.detail ? `, ${p.detail}` : ""}`;
    if (p.name === "GELU" && p.detail) return `GELU (${p.detail})`;
    if (p.name === "Magnitude") return `Magnitude √(re² + im²)${steps}`;
    return `${p.name}${steps}`;
  }
  if (POOLS[n.op]) {
    const a = n.attrs ?? {};
    const k = ints(a.kernel_shape) ?? ints(a.pool_size);
    return [POOLS[n.op], k ? squareKernel(k) : "", strideText(ints(a.strides))].filter(Boolean).join(" ");
  }
  const data = u.inputs.length;
  if ((n.op === "Add" || n.op === "Sum") && data >= 2) return c.residual ? `Residual add${outC !== undefined ? `, ${outC} ch` : ""}` : `Sum of ${data} paths`;
  if (n.op === "Add" && c.layout === "channels-last") return c.residual ? `Residual add${outC !== undefined ? `, ${outC} ch` : ""}` : "Sum of paths";
  if ((n.op === "Mul" || n.op === "Multiply") && data >= 2) return "Gate (elementwise product)";
  if ((n.op === "Concat" || n.op === "Concatenate") && data >= 2) return `Concat ${data} paths${outC !== undefined ? ` → ${outC} ch` : ""}`;
  if (n.op === "Resize" || n.op === "Upsample" || /^UpSampling[123]D$/.test(n.op)) {
    const mode = typeof n.attrs?.mode === "string" ? n.attrs.mode : typeof n.attrs?.interpolation === "string" ? n.attrs.interpolation : "";
    const ins = shapeOf(c, u.inputs[0]);
    const outs = shapeOf(c, u.output);
    const factor = ins && outs && typeof ins.at(-1) === "number" && typeof outs.at(-1) === "number" ? (outs.at(-1) as number) / (ins.at(-1) as number) : undefined;
    return `Upsample${factor && factor > 1 ? ` ×${+factor.toFixed(2)}` : ""}${mode ? ` (${mode})` : ""}`;
  }
  if (n.op === "Clip") return "Clip";
  const reduce = /^Reduce(Mean|Sum|Max|Min|Prod|L1|L2|LogSumExp|SumSquare)$/.exec(n.op);
  if (reduce) {
    const axes = ints(n.attrs?.axes) ?? c.facts.values.get(n.inputs[1] ?? "")?.filter((x): x is number => typeof x === "number");
    const word = { Mean: "Mean", Sum: "Sum", Max: "Max", Min: "Min", Prod: "Product", L1: "L1 norm", L2: "L2 norm", LogSumExp: "Log-sum-exp", SumSquare: "Sum of squares" }[reduce[1]!]!;
    return `${word} over ${axes?.length ? `axis ${axes.join(", ")}` : "all axes"}${steps}`;
  }
  if (n.op === "Gather") return `Embedding${n.summary ? ` ${n.summary.replace("table ", "")}` : ""}`;
  if (n.op === "Activation" || KERAS_ACTIVATION_LAYERS.has(n.op)) return activationWord(n) || "Linear activation";
  return `${n.op}${n.summary ? ` ${n.summary}` : ""}${steps}`;
}

/** "N×16×H/2×W/2", or the honest "unknown" when inference could not tell. */
export const shapeText = (s: Shape | undefined) => (s ? formatShape(s) : "unknown");
