// Reads an ONNX model's graph with protobufjs's wire reader and a reduced schema of our own. Weight
// payloads (raw_data, float_data and the like) are not in the schema, so the reader steps over
// them without copying a byte; only names, dims and types of tensors are kept.
// The schema is interpreted here rather than compiled by protobufjs's reflection because that
// generates code with Function(), which the app's Content-Security-Policy forbids.
// protobufjs ships CommonJS: a default import works in Node, Vitest and the bundlers alike.
import protobuf from "protobufjs/minimal.js";
import type { Reader } from "protobufjs/minimal";
import { invalid } from "../../domain/errors";
import type { AttrValue, ModelGraph, ModelNode } from "./graph";
import { isGenericName } from "./titles.logic";

/** "span" keeps a view of a length-delimited field's bytes without reading them: weight payloads. */
type Kind = "string" | "bytes" | "int64" | "int32" | "float" | "message" | "span";
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
  TensorProto: {
    1: many("dims", "int64"),
    2: one("data_type", "int32"),
    4: one("float_data", "span"),
    5: one("int32_data", "span"),
    7: one("int64_data", "span"),
    8: one("name", "string"),
    9: one("raw_data", "span"),
    10: one("double_data", "span"),
  },
  ValueInfoProto: { 1: one("name", "string"), 2: one("type", "message", "TypeProto") },
  TypeProto: { 1: one("tensor_type", "message", "TensorTypeProto") },
  TensorTypeProto: { 1: one("elem_type", "int32"), 2: one("shape", "message", "TensorShapeProto") },
  TensorShapeProto: { 1: many("dim", "message", "DimensionProto") },
  DimensionProto: { 1: one("dim_value", "int64"), 2: one("dim_param", "string") },
};

// Decoded messages, typed loosely: every field is optional in protobuf.
interface Dim { dim_value?: number; dim_param?: string }
interface ValueInfo { name?: string; type?: { tensor_type?: { elem_type?: number; shape?: { dim?: Dim[] } } } }
interface Tensor {
  dims?: number[];
  data_type?: number;
  name?: string;
  float_data?: Uint8Array;
  int32_data?: Uint8Array;
  int64_data?: Uint8Array;
  raw_data?: Uint8Array;
  double_data?: Uint8Array;
}
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

const WIRE: Record<Kind, number> = { string: 2, bytes: 2, message: 2, int64: 0, int32: 0, float: 5, span: 2 };

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
    case "span": {
      const length = reader.uint32();
      const start = reader.pos;
      if (start + length > reader.len) throw new RangeError("field overruns the file");
      reader.pos += length;
      return reader.buf.subarray(start, start + length);
    }
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
    } else if (field.repeated && wire === 2 && WIRE[field.kind] !== 2 && field.kind !== "span") {
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

/** Most elements a constant tensor may hold for its values to be read: shapes, axes and scalars, never weights. */
const VALUES_MAX = 64;

const varints = (bytes: Uint8Array) => {
  const reader = protobuf.Reader.create(bytes);
  const out: number[] = [];
  while (reader.pos < reader.len) out.push(int64(reader));
  return out;
};
const half = (h: number) => {
  const e = (h >> 10) & 31;
  const m = h & 1023;
  const v = e === 0 ? m * 2 ** -24 : e === 31 ? (m ? NaN : Infinity) : (1 + m / 1024) * 2 ** (e - 15);
  return h & 0x8000 ? -v : v;
};

/** The numbers a small constant tensor holds, or undefined for large or unreadable ones. */
export function tensorValues(t: Tensor): number[] | undefined {
  const count = product(t.dims ?? []);
  if (count > VALUES_MAX) return undefined;
  const type = t.data_type ?? 0;
  const raw = t.raw_data;
  if (raw && raw.length) {
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    const width = { 1: 4, 2: 1, 3: 1, 5: 2, 6: 4, 7: 8, 9: 1, 10: 2, 11: 8 }[type];
    if (!width || raw.length < count * width) return undefined;
    return Array.from({ length: count }, (_, i) => {
      const at = i * width;
      switch (type) {
        case 1: return view.getFloat32(at, true);
        case 2: case 9: return view.getUint8(at);
        case 3: return view.getInt8(at);
        case 5: return view.getInt16(at, true);
        case 6: return view.getInt32(at, true);
        case 7: return Number(view.getBigInt64(at, true));
        case 10: return half(view.getUint16(at, true));
        default: return view.getFloat64(at, true);
      }
    });
  }
  if (t.float_data) {
    const v = new DataView(t.float_data.buffer, t.float_data.byteOffset, t.float_data.byteLength);
    return Array.from({ length: t.float_data.length >> 2 }, (_, i) => v.getFloat32(i * 4, true));
  }
  if (t.double_data) {
    const v = new DataView(t.double_data.buffer, t.double_data.byteOffset, t.double_data.byteLength);
    return Array.from({ length: t.double_data.length >> 3 }, (_, i) => v.getFloat64(i * 8, true));
  }
  const ints = t.int64_data ?? t.int32_data;
  if (ints) return type === 10 ? varints(ints).map(half) : varints(ints);
  return count === 0 ? [] : undefined;
}

/** An attribute as a plain value for inference: numbers, lists of numbers, or text. */
function rawAttribute(a: Attribute): AttrValue | undefined {
  if (a.ints?.length) return a.ints;
  if (a.floats?.length) return a.floats;
  if (a.s !== undefined && a.s.length) return text(a.s);
  if (a.t) return tensorValues(a.t);
  if (a.type === 1 || (a.f !== undefined && a.i === undefined)) return a.f;
  if (a.i !== undefined) return a.i;
  if (a.f !== undefined) return a.f;
  return a.type === 7 ? [] : undefined;
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
  const values = new Map<string, number[]>();
  const shapes = new Map<string, string>();
  const subgraphOutputs = new Map<string, Map<string, string[]>>();
  const subgraphInputs = new Map<string, Map<string, string[]>>();
  const nodes: ModelNode[] = [];
  const names = new Set<string>();

  const addConstant = (t: Tensor, name: string) => {
    dims.set(name, t.dims ?? []);
    const v = tensorValues(t);
    if (v) values.set(name, v);
  };
  const addWeight = (t: Tensor) => {
    if (!t.name) return;
    weights.add(t.name);
    sizes.set(t.name, product(t.dims ?? []));
    addConstant(t, t.name);
  };
  const unique = (name: string) => {
    let n = name;
    for (let k = 2; names.has(n); k++) n = `${name}#${k}`;
    names.add(n);
    return n;
  };
  const counted = new Set<string>();

  const walk = (g: Graph, prefix: string[], within?: ModelNode["within"]) => {
    for (const t of g.initializer ?? []) addWeight(t);
    for (const v of [...(g.input ?? []), ...(g.output ?? []), ...(g.value_info ?? [])]) {
      const s = v.name ? shapeOf(v) : undefined;
      if (s) shapes.set(v.name!, s);
    }
    (g.node ?? []).forEach((n, index) => {
      const op = n.op_type || "Unknown";
      const attrs = new Map((n.attribute ?? []).map((a) => [a.name ?? "", a]));
      const output = n.output?.[0];
      if (op === "Constant" && output) {
        // A Constant holding floating-point numbers is a weight by another name.
        const value = attrs.get("value")?.t;
        if (value && FLOATING.has(value.data_type ?? 0) && product(value.dims ?? []) > 1) addWeight({ ...value, name: output });
        else if (value) addConstant(value, output);
        const scalar = attrs.get("value_float")?.f ?? attrs.get("value_int")?.i;
        const list = attrs.get("value_floats")?.floats ?? attrs.get("value_ints")?.ints;
        if (scalar !== undefined) {
          values.set(output, [scalar]);
          dims.set(output, []);
        } else if (list) {
          values.set(output, list);
          dims.set(output, [list.length]);
        }
      }
      const raw = n.name || `${op}_${index}`;
      const own = scopeOfName(raw, op);
      const scope = [...prefix, ...own.scope];
      // Empty names stand for omitted optional inputs; they keep their place so positions mean what the op says.
      const inputs = [...(n.input ?? [])];
      const name = unique(raw);
      // Subgraphs (If branches, Loop and Scan bodies) are read as part of the model: their nodes
      // come before their owner, and their results flow into it.
      const before = nodes.length;
      for (const a of n.attribute ?? []) {
        const subs = a.g ? [a.g] : (a.graphs ?? []);
        subs.forEach((sub, k) => {
          const branch = `${a.name ?? "body"}${subs.length > 1 ? ` ${k + 1}` : ""}`;
          walk(sub, [...scope, `${own.label || op} ${branch}`], { owner: name, branch });
          const outs = (sub.output ?? []).flatMap((o) => (o.name ? [o.name] : []));
          if (!subgraphOutputs.has(name)) subgraphOutputs.set(name, new Map());
          subgraphOutputs.get(name)!.set(branch, outs);
          if (!subgraphInputs.has(name)) subgraphInputs.set(name, new Map());
          subgraphInputs.get(name)!.set(branch, (sub.input ?? []).flatMap((i) => (i.name ? [i.name] : [])));
          inputs.push(...outs);
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
      const raws: Record<string, AttrValue> = {};
      for (const a of n.attribute ?? []) {
        const v = a.name && !a.g && !a.graphs?.length ? rawAttribute(a) : undefined;
        if (v !== undefined) raws[a.name!] = v;
      }
      nodes.push({
        name,
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
        attrs: raws,
        ...(within ? { within } : {}),
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
  const name = metaName || (graph.name && !isGenericName(graph.name, model.producer_name) ? graph.name : "") || fileTitle;
  return { name, facts, inputs: io(graph.input), outputs: io(graph.output), nodes, weights, shapes, dims, values, layout: "channels-first", subgraphOutputs, subgraphInputs };
}
