// Reads an ONNX model's graph with protobufjs's wire reader and a reduced schema of our own. Weight
// payloads (raw_data, float_data and the like) are not in the schema, so the reader steps over
// them without copying a byte; only names, dims and types of tensors are kept.
// The schema is interpreted here rather than compiled by protobufjs's reflection because that
// generates code with Function(), which the app's Content-Security-Policy forbids.
// protobufjs ships CommonJS: a default import works in Node, Vitest and the bundlers alike.
import protobuf from "protobufjs/minimal.js";
import type { Reader } from "protobufjs/minimal";
import { invalid } from "../../domain/errors";
import type { ModelGraph, ModelNode } from "./graph";

type Kind = "string" | "bytes" | "int64" | "int32" | "float" | "message";
export interface FieldSpec {
  name: string;
  kind: Kind;
  repeated?: boolean;
  type?: MessageName;
}
export type MessageName =
  | "ModelProto"
  | "OperatorSetIdProto"
  | "StringStringEntryProto"
  | "GraphProto"
  | "NodeProto"
  | "AttributeProto"
  | "TensorProto"
  | "ValueInfoProto"
  | "TypeProto"
  | "TensorTypeProto"
  | "TensorShapeProto"
  | "DimensionProto";

const one = (name: string, kind: Kind, type?: MessageName): FieldSpec => ({ name, kind, ...(type ? { type } : {}) });
const many = (name: string, kind: Kind, type?: MessageName): FieldSpec => ({ name, kind, repeated: true, ...(type ? { type } : {}) });

/** Field numbers from the ONNX specification (onnx.proto); only what planning needs. */
export const ONNX_SCHEMA: Record<MessageName, Record<number, FieldSpec>> = {
  ModelProto: {
    1: one("ir_version", "int64"),
    2: one("producer_name", "string"),
    3: one("producer_version", "string"),
    4: one("domain", "string"),
    5: one("model_version", "int64"),
    6: one("doc_string", "string"),
    7: one("graph", "message", "GraphProto"),
    8: many("opset_import", "message", "OperatorSetIdProto"),
    14: many("metadata_props", "message", "StringStringEntryProto"),
  },
  OperatorSetIdProto: { 1: one("domain", "string"), 2: one("version", "int64") },
  StringStringEntryProto: { 1: one("key", "string"), 2: one("value", "string") },
  GraphProto: {
    1: many("node", "message", "NodeProto"),
    2: one("name", "string"),
    5: many("initializer", "message", "TensorProto"),
    11: many("input", "message", "ValueInfoProto"),
    12: many("output", "message", "ValueInfoProto"),
    13: many("value_info", "message", "ValueInfoProto"),
  },
  NodeProto: {
    1: many("input", "string"),
    2: many("output", "string"),
    3: one("name", "string"),
    4: one("op_type", "string"),
    5: many("attribute", "message", "AttributeProto"),
    7: one("domain", "string"),
  },
  AttributeProto: {
    1: one("name", "string"),
    2: one("f", "float"),
    3: one("i", "int64"),
    4: one("s", "bytes"),
    5: one("t", "message", "TensorProto"),
    6: one("g", "message", "GraphProto"),
    7: many("floats", "float"),
    8: many("ints", "int64"),
    9: many("strings", "bytes"),
    10: many("tensors", "message", "TensorProto"),
    11: many("graphs", "message", "GraphProto"),
    20: one("type", "int32"),
  },
  TensorProto: { 1: many("dims", "int64"), 2: one("data_type", "int32"), 8: one("name", "string") },
  ValueInfoProto: { 1: one("name", "string"), 2: one("type", "message", "TypeProto") },
  TypeProto: { 1: one("tensor_type", "message", "TensorTypeProto") },
  TensorTypeProto: { 1: one("elem_type", "int32"), 2: one("shape", "message", "TensorShapeProto") },
  TensorShapeProto: { 1: many("dim", "message", "DimensionProto") },
  DimensionProto: { 1: one("dim_value", "int64"), 2: one("dim_param", "string") },
};

// Decoded messages, typed loosely: every field is optional in protobuf.
interface Dim { dim_value?: number; dim_param?: string }
interface ValueInfo { name?: string; type?: { tensor_type?: { elem_type?: number; shape?: { dim?: Dim[] } } } }
interface Tensor { dims?: number[]; data_type?: number; name?: string }
interface Attribute {
  name?: string;
  type?: number;
  f?: number;
  i?: number;
  s?: Uint8Array;
  t?: Tensor;
  g?: Graph;
  floats?: number[];
  ints?: number[];
  strings?: Uint8Array[];
  tensors?: Tensor[];
  graphs?: Graph[];
}
interface Node { input?: string[]; output?: string[]; name?: string; op_type?: string; domain?: string; attribute?: Attribute[] }
interface Graph { node?: Node[]; name?: string; initializer?: Tensor[]; input?: ValueInfo[]; output?: ValueInfo[]; value_info?: ValueInfo[] }
interface Model {
  ir_version?: number;
  producer_name?: string;
  producer_version?: string;
  domain?: string;
  model_version?: number;
  doc_string?: string;
  graph?: Graph;
  opset_import?: { domain?: string; version?: number }[];
  metadata_props?: { key?: string; value?: string }[];
}

/** Deepest nesting of messages accepted: subgraphs inside subgraphs stop here. */
const MAX_MESSAGE_DEPTH = 48;

const WIRE: Record<Kind, number> = { string: 2, bytes: 2, message: 2, int64: 0, int32: 0, float: 5 };

const int64 = (reader: Reader): number => {
  const v = reader.int64() as unknown as number | { toNumber(): number };
  return typeof v === "number" ? v : v.toNumber();
};

function readScalar(reader: Reader, kind: Kind): unknown {
  switch (kind) {
    case "string":
      return reader.string();
    case "bytes":
      return reader.bytes();
    case "int64":
      return int64(reader);
    case "int32":
      return reader.int32();
    default:
      return reader.float();
  }
}

/** Called with the reader's position while the top-level graph is read. */
type Tick = (position: number) => void;

function decodeMessage(reader: Reader, end: number, type: MessageName, depth: number, tick?: Tick): Record<string, unknown> {
  if (depth > MAX_MESSAGE_DEPTH) throw invalid(`The model nests subgraphs more than ${MAX_MESSAGE_DEPTH} levels deep, more than Engram reads.`);
  const spec = ONNX_SCHEMA[type];
  const out: Record<string, unknown> = {};
  while (reader.pos < end) {
    const tag = reader.uint32();
    const field = spec[tag >>> 3];
    const wire = tag & 7;
    if (tag >>> 3 === 0) throw new RangeError("field number 0");
    if (!field) {
      reader.skipType(wire);
    } else if (field.repeated && wire === 2 && WIRE[field.kind] !== 2) {
      // Packed numbers: one length-delimited run of values.
      const length = reader.uint32();
      const stop = reader.pos + length;
      if (stop > end) throw new RangeError("packed field overruns its message");
      const list = (out[field.name] ??= []) as unknown[];
      while (reader.pos < stop) list.push(readScalar(reader, field.kind));
    } else if (wire !== WIRE[field.kind]) {
      reader.skipType(wire);
    } else {
      let value: unknown;
      if (field.kind === "message") {
        const length = reader.uint32();
        const stop = reader.pos + length;
        if (stop > end) throw new RangeError("message overruns its parent");
        value = decodeMessage(reader, stop, field.type!, depth + 1, depth === 0 && field.name === "graph" ? tick : undefined);
      } else value = readScalar(reader, field.kind);
      if (field.repeated) ((out[field.name] ??= []) as unknown[]).push(value);
      else out[field.name] = value;
    }
    tick?.(reader.pos);
  }
  if (reader.pos !== end) throw new RangeError("message overruns its end");
  return out;
}

/** Decodes the ModelProto, reporting 0..1 of the bytes read as it goes. */
export function decodeOnnxModel(bytes: Uint8Array, onProgress?: (fraction: number) => void): Model {
  const reader = protobuf.Reader.create(bytes);
  let reported = 0;
  const tick: Tick | undefined = onProgress
    ? (pos) => {
        const f = pos / bytes.length;
        if (f - reported >= 0.02) {
          reported = f;
          onProgress(f);
        }
      }
    : undefined;
  let model: Model;
  try {
    model = decodeMessage(reader, bytes.length, "ModelProto", 0, tick);
  } catch (e) {
    if (e instanceof Error && e.name === "DomainError") throw e;
    throw invalid("The ONNX file is damaged or cut short: its protobuf data could not be read to the end.");
  }
  if (!model.graph || !model.graph.node?.length) throw invalid("The file is not an ONNX model: it holds no graph of operations.");
  onProgress?.(1);
  return model;
}

// ---- From the decoded model to a ModelGraph ----

const utf8 = new TextDecoder();
const text = (b: Uint8Array | undefined) => (b ? utf8.decode(b) : "");
const product = (dims: number[]) => dims.reduce((p, d) => p * d, 1);
export const times = (dims: (number | string)[]) => dims.join("×");

function shapeOf(v: ValueInfo): string | undefined {
  const dims = v.type?.tensor_type?.shape?.dim;
  if (!dims) return undefined;
  if (dims.length === 0) return "scalar";
  return times(dims.map((d) => (d.dim_param ? d.dim_param : d.dim_value !== undefined ? d.dim_value : "?")));
}

const DTYPES: Record<number, string> = { 1: "float32", 2: "uint8", 3: "int8", 5: "int16", 6: "int32", 7: "int64", 9: "bool", 10: "float16", 11: "float64", 16: "bfloat16" };
const FLOATING = new Set([1, 10, 11, 16]);

/** A list shown whole when short, summarised when long. */
const list = (values: (number | string)[], joiner = ",") => (values.length <= 16 ? values.join(joiner) : `${values.slice(0, 8).join(joiner)}… (${values.length} values)`);
const num = (n: number) => (Number.isInteger(n) ? String(n) : Number(n.toPrecision(6)).toString());

function formatAttribute(a: Attribute): string {
  const name = a.name ?? "";
  const square = name === "kernel_shape" || name === "strides" || name === "dilations";
  if (a.ints?.length) return square ? times(a.ints) : list(a.ints);
  if (a.floats?.length) return list(a.floats.map(num));
  if (a.strings?.length) return list(a.strings.map(text));
  if (a.t) return `tensor ${times(a.t.dims ?? []) || "scalar"}${a.t.data_type ? ` ${DTYPES[a.t.data_type] ?? ""}`.trimEnd() : ""}`;
  if (a.g) return `subgraph of ${a.g.node?.length ?? 0} nodes`;
  if (a.graphs?.length) return `${a.graphs.length} subgraphs`;
  if (a.tensors?.length) return `${a.tensors.length} tensors`;
  if (a.s !== undefined) return text(a.s).slice(0, 80);
  if (a.f !== undefined && (a.type === 1 || a.i === undefined)) return num(a.f);
  if (a.i !== undefined) return String(a.i);
  return a.type === 7 ? "[]" : "";
}

/** The name's last part when it is only the op again ("Conv", "Conv_3", "Relu_1"). */
const opNames = new Map<string, RegExp>();
const isOpName = (part: string, op: string) => {
  let pattern = opNames.get(op);
  if (!pattern) opNames.set(op, (pattern = new RegExp(`^${op.replace(/[^A-Za-z0-9]/g, "")}(_\\d+)?$`)));
  return part === op || pattern.test(part);
};

/** "/layer1/layer1.0/conv1/Conv" → scope ["layer1", "layer1.0", "conv1"], label "conv1". */
export function scopeOfName(name: string, op: string): { scope: string[]; label: string } {
  const parts = name.split("/").filter(Boolean);
  if (parts.length <= 1) return { scope: [], label: "" };
  const last = parts[parts.length - 1]!;
  const scope = isOpName(last, op) || /^[A-Za-z]+(_\d+)?$/.test(last) ? parts.slice(0, -1) : parts;
  return { scope, label: scope[scope.length - 1] ?? "" };
}

/** The short text a title adds after the op name: kernel and channels, widths, hidden sizes. */
function summarise(op: string, attrs: Map<string, Attribute>, weightDims: (number[] | undefined)[]): string {
  const ints = (n: string) => attrs.get(n)?.ints;
  const int = (n: string) => attrs.get(n)?.i;
  const stride = (ints("strides") ?? []).find((s) => s > 1);
  const w = weightDims[1];
  switch (op) {
    case "Conv":
    case "ConvTranspose":
    case "ConvInteger":
    case "QLinearConv": {
      const kernel = ints("kernel_shape") ?? w?.slice(2);
      const out = w ? (op === "ConvTranspose" ? w[1]! * (int("group") ?? 1) : w[0]) : undefined;
      const group = int("group") ?? 1;
      return [kernel?.length ? times(kernel) : "", out !== undefined ? String(out) : "", stride ? `/${stride}` : "", group > 1 ? `groups ${group}` : ""].filter(Boolean).join(", ");
    }
    case "Gemm": {
      if (!w || w.length !== 2) return "";
      const [a, b] = int("transB") ? [w[1], w[0]] : [w[0], w[1]];
      return `${a}→${b}`;
    }
    case "MatMul":
    case "MatMulInteger":
      return w && w.length === 2 ? `${w[0]}→${w[1]}` : "";
    case "LSTM":
    case "GRU":
    case "RNN": {
      const hidden = int("hidden_size");
      const both = text(attrs.get("direction")?.s) === "bidirectional";
      return [hidden ? `hidden ${hidden}` : "", both ? "bidirectional" : ""].filter(Boolean).join(", ");
    }
    case "MaxPool":
    case "AveragePool":
    case "LpPool": {
      const kernel = ints("kernel_shape");
      return [kernel ? times(kernel) : "", stride ? `/${stride}` : ""].filter(Boolean).join(", ");
    }
    case "Gather":
      return weightDims[0]?.length === 2 ? `table ${weightDims[0][0]}×${weightDims[0][1]}` : "";
    default:
      return "";
  }
}

export function onnxToGraph(model: Model, fileTitle: string): ModelGraph {
  const graph = model.graph!;
  const weights = new Set<string>();
  const sizes = new Map<string, number>();
  const dims = new Map<string, number[]>();
  const shapes = new Map<string, string>();
  const nodes: ModelNode[] = [];
  const names = new Set<string>();

  const addWeight = (t: Tensor) => {
    if (!t.name) return;
    weights.add(t.name);
    sizes.set(t.name, product(t.dims ?? []));
    dims.set(t.name, t.dims ?? []);
  };
  const unique = (name: string) => {
    let n = name;
    for (let k = 2; names.has(n); k++) n = `${name}#${k}`;
    names.add(n);
    return n;
  };
  const counted = new Set<string>();

  const walk = (g: Graph, prefix: string[]) => {
    for (const t of g.initializer ?? []) addWeight(t);
    for (const v of [...(g.input ?? []), ...(g.output ?? []), ...(g.value_info ?? [])]) {
      const s = v.name ? shapeOf(v) : undefined;
      if (s) shapes.set(v.name!, s);
    }
    (g.node ?? []).forEach((n, index) => {
      const op = n.op_type || "Unknown";
      const attrs = new Map((n.attribute ?? []).map((a) => [a.name ?? "", a]));
      // A Constant holding floating-point numbers is a weight by another name.
      const value = op === "Constant" ? attrs.get("value")?.t : undefined;
      if (value && n.output?.[0] && FLOATING.has(value.data_type ?? 0) && product(value.dims ?? []) > 1) {
        addWeight({ ...value, name: n.output[0] });
      }
      const raw = n.name || `${op}_${index}`;
      const own = scopeOfName(raw, op);
      const scope = [...prefix, ...own.scope];
      const inputs = [...(n.input ?? [])].filter(Boolean);
      // Subgraphs (If branches, Loop and Scan bodies) are read as part of the model: their nodes
      // come before their owner, and their results flow into it.
      const before = nodes.length;
      for (const a of n.attribute ?? []) {
        const subs = a.g ? [a.g] : (a.graphs ?? []);
        subs.forEach((sub, k) => {
          const label = `${own.label || op} ${a.name ?? "body"}${subs.length > 1 ? ` ${k + 1}` : ""}`;
          walk(sub, [...scope, label]);
          for (const o of sub.output ?? []) if (o.name) inputs.push(o.name);
        });
      }
      let params = 0;
      for (const i of n.input ?? []) {
        if (weights.has(i) && !counted.has(i)) {
          counted.add(i);
          params += sizes.get(i) ?? 0;
        }
      }
      const attributes: [string, string][] = (n.attribute ?? []).filter((a) => a.name).map((a) => [a.name!, formatAttribute(a)]);
      if (n.domain && n.domain !== "ai.onnx") attributes.unshift(["domain", n.domain]);
      const output = n.output?.[0];
      nodes.push({
        name: unique(raw),
        op,
        scope,
        label: own.label,
        inputs,
        outputs: [...(n.output ?? [])].filter(Boolean),
        attributes,
        summary: summarise(op, attrs, (n.input ?? []).map((i) => dims.get(i))),
        ...(output && shapes.has(output) ? { shape: shapes.get(output)! } : {}),
        ...(params > 0 ? { params } : {}),
        ...(nodes.length > before ? { body: nodes.slice(before).map((b) => b.name) } : {}),
      });
    });
  };
  walk(graph, []);
  // Shapes recorded in value_info can come after the nodes that produce them.
  for (const n of nodes) if (!n.shape && n.outputs[0] && shapes.has(n.outputs[0])) n.shape = shapes.get(n.outputs[0]);

  const opsets = (model.opset_import ?? []).map((o) => `${o.domain || "ai.onnx"} ${o.version ?? "?"}`);
  const producer = [model.producer_name, model.producer_version].filter(Boolean).join(" ");
  const facts = [
    producer ? `exported by ${producer}` : "",
    opsets.length ? `opset ${opsets.join(", ")}` : "",
    model.ir_version ? `IR version ${model.ir_version}` : "",
  ].filter(Boolean);
  const io = (list: ValueInfo[] | undefined) =>
    (list ?? []).filter((v) => v.name && !weights.has(v.name)).map((v) => ({ name: v.name!, ...(shapeOf(v) ? { shape: shapeOf(v)! } : {}) }));
  const metaName = model.metadata_props?.find((p) => p.key === "name" || p.key === "model_name")?.value;
  const name = metaName || (graph.name && !/^(main_graph|torch[-_]jit([-_]export)?|tf2onnx|graph|main|spox_graph)$/i.test(graph.name) ? graph.name : "") || fileTitle;
  return { name, facts, inputs: io(graph.input), outputs: io(graph.output), nodes, weights, shapes };
}
