// Writes small ONNX models for tests with protobufjs's Writer and the reader's own schema, plus
// the raw_data field the reader leaves out, so tests can carry real weight bytes.
import protobuf from "protobufjs/minimal.js";
import type { Writer } from "protobufjs/minimal";
import { type FieldSpec, type MessageName, ONNX_SCHEMA } from "~/server/import/arch/onnx.logic";

type Value = string | number | Uint8Array | Msg | Value[] | undefined;
interface Msg {
  [field: string]: Value;
}

const SCHEMA: Record<MessageName, Record<number, FieldSpec>> = {
  ...ONNX_SCHEMA,
  TensorProto: { ...ONNX_SCHEMA.TensorProto, 9: { name: "raw_data", kind: "bytes" } },
};

function writeMessage(w: Writer, type: MessageName, msg: Msg) {
  for (const [num, field] of Object.entries(SCHEMA[type])) {
    const value = msg[field.name];
    if (value === undefined) continue;
    for (const v of field.repeated ? (value as Value[]) : [value]) {
      const n = Number(num);
      switch (field.kind) {
        case "string":
          w.uint32((n << 3) | 2).string(v as string);
          break;
        case "bytes":
          w.uint32((n << 3) | 2).bytes(v as Uint8Array);
          break;
        case "int64":
          w.uint32(n << 3).int64(v as number);
          break;
        case "int32":
          w.uint32(n << 3).int32(v as number);
          break;
        case "float":
          w.uint32((n << 3) | 5).float(v as number);
          break;
        case "message":
          w.uint32((n << 3) | 2).fork();
          writeMessage(w, field.type!, v as Msg);
          w.ldelim();
          break;
      }
    }
  }
}

export type Attr =
  | number
  | number[]
  | string
  | { float: number }
  | { floats: number[] }
  | { graph: OnnxGraphSpec }
  | { tensor: number[] }
  /** A constant tensor holding these numbers: int64 unless `float`. */
  | { values: number[]; dims?: number[]; float?: boolean };

/** raw_data for numbers: little-endian int64 or float32. */
function rawOf(values: number[], float = false): Uint8Array {
  const out = new Uint8Array(values.length * (float ? 4 : 8));
  const view = new DataView(out.buffer);
  values.forEach((v, i) => (float ? view.setFloat32(i * 4, v, true) : view.setBigInt64(i * 8, BigInt(Math.trunc(v)), true)));
  return out;
}
export interface OnnxNodeSpec {
  op: string;
  name?: string;
  inputs: string[];
  outputs: string[];
  attrs?: Record<string, Attr>;
  domain?: string;
}
export interface OnnxGraphSpec {
  name?: string;
  nodes: OnnxNodeSpec[];
  /** Weights; `bytes` of raw_data are written for each (zeros), `fill` overrides the size. */
  initializers?: { name: string; dims: number[]; fill?: number; values?: number[]; int64?: boolean }[];
  inputs?: { name: string; dims?: (number | string)[] }[];
  outputs?: { name: string; dims?: (number | string)[] }[];
  valueInfo?: { name: string; dims: (number | string)[] }[];
}

function attribute(name: string, a: Attr): Msg {
  if (typeof a === "number") return Number.isInteger(a) ? { name, type: 2, i: a } : { name, type: 1, f: a };
  if (typeof a === "string") return { name, type: 3, s: new TextEncoder().encode(a) };
  if (Array.isArray(a)) return { name, type: 7, ints: a };
  if ("values" in a) return { name, type: 4, t: { dims: a.dims ?? [a.values.length], data_type: a.float ? 1 : 7, raw_data: rawOf(a.values, a.float) } };
  if ("floats" in a) return { name, type: 6, floats: a.floats };
  if ("float" in a) return { name, type: 1, f: a.float };
  if ("tensor" in a) return { name, type: 4, t: { dims: a.tensor, data_type: 7 } };
  return { name, type: 5, g: graphMessage(a.graph) };
}

const valueInfo = (v: { name: string; dims?: (number | string)[] }): Msg => ({
  name: v.name,
  type: { tensor_type: { elem_type: 1, ...(v.dims ? { shape: { dim: v.dims.map((d) => (typeof d === "number" ? { dim_value: d } : { dim_param: d })) } } : {}) } },
});

function graphMessage(g: OnnxGraphSpec): Msg {
  return {
    name: g.name ?? "main_graph",
    node: g.nodes.map((n) => ({
      name: n.name ?? "",
      op_type: n.op,
      input: n.inputs,
      output: n.outputs,
      ...(n.domain ? { domain: n.domain } : {}),
      attribute: Object.entries(n.attrs ?? {}).map(([k, v]) => attribute(k, v)),
    })),
    initializer: (g.initializers ?? []).map((t) => ({
      name: t.name,
      dims: t.dims,
      data_type: t.int64 ? 7 : 1,
      raw_data: t.values ? rawOf(t.values, !t.int64) : new Uint8Array(t.fill ?? t.dims.reduce((p, d) => p * d, 1) * 4),
    })),
    input: (g.inputs ?? []).map(valueInfo),
    output: (g.outputs ?? []).map(valueInfo),
    value_info: (g.valueInfo ?? []).map(valueInfo),
  };
}

/** A whole ModelProto's bytes. */
export function writeOnnx(graph: OnnxGraphSpec, meta: { producer?: string; producerVersion?: string; opset?: number; irVersion?: number } = {}): Uint8Array {
  const w = protobuf.Writer.create();
  writeMessage(w, "ModelProto", {
    ir_version: meta.irVersion ?? 8,
    producer_name: meta.producer ?? "pytorch",
    producer_version: meta.producerVersion ?? "2.4.0",
    graph: graphMessage(graph),
    opset_import: [{ domain: "", version: meta.opset ?? 17 }],
  });
  return new Uint8Array(w.finish());
}

// ---- Ready-made graphs ----

/** conv → relu → conv → add(skip) → relu: one residual block, PyTorch naming. */
function residualBlock(prefix: string, weights: string, input: string, channels: number): { nodes: OnnxNodeSpec[]; init: OnnxGraphSpec["initializers"]; out: string } {
  const p = (s: string) => `${prefix}/${s}`;
  return {
    nodes: [
      { op: "Conv", name: p("conv1/Conv"), inputs: [input, `${weights}.conv1.weight`, `${weights}.conv1.bias`], outputs: [p("conv1/Conv_output_0")], attrs: { kernel_shape: [3, 3], pads: [1, 1, 1, 1], strides: [1, 1] } },
      { op: "Relu", name: p("relu/Relu"), inputs: [p("conv1/Conv_output_0")], outputs: [p("relu/Relu_output_0")] },
      { op: "Conv", name: p("conv2/Conv"), inputs: [p("relu/Relu_output_0"), `${weights}.conv2.weight`, `${weights}.conv2.bias`], outputs: [p("conv2/Conv_output_0")], attrs: { kernel_shape: [3, 3], pads: [1, 1, 1, 1], strides: [1, 1] } },
      { op: "Add", name: p("Add"), inputs: [p("conv2/Conv_output_0"), input], outputs: [p("Add_output_0")] },
      { op: "Relu", name: p("relu_1/Relu"), inputs: [p("Add_output_0")], outputs: [p("relu_1/Relu_output_0")] },
    ],
    init: [
      { name: `${weights}.conv1.weight`, dims: [channels, channels, 3, 3] },
      { name: `${weights}.conv1.bias`, dims: [channels] },
      { name: `${weights}.conv2.weight`, dims: [channels, channels, 3, 3] },
      { name: `${weights}.conv2.bias`, dims: [channels] },
    ],
    out: p("relu_1/Relu_output_0"),
  };
}

/** A tiny ResNet: stem, `blocks` identical residual blocks in layer1, then pool, flatten (through shape plumbing) and fc. */
export function tinyResNet(blocks = 2): OnnxGraphSpec {
  const nodes: OnnxNodeSpec[] = [
    { op: "Conv", name: "/conv1/Conv", inputs: ["input", "conv1.weight"], outputs: ["/conv1/Conv_output_0"], attrs: { kernel_shape: [7, 7], strides: [2, 2], pads: [3, 3, 3, 3] } },
    { op: "Relu", name: "/relu/Relu", inputs: ["/conv1/Conv_output_0"], outputs: ["/relu/Relu_output_0"] },
    { op: "MaxPool", name: "/maxpool/MaxPool", inputs: ["/relu/Relu_output_0"], outputs: ["/maxpool/MaxPool_output_0"], attrs: { kernel_shape: [3, 3], strides: [2, 2] } },
  ];
  const initializers: NonNullable<OnnxGraphSpec["initializers"]> = [{ name: "conv1.weight", dims: [16, 3, 7, 7] }];
  let x = "/maxpool/MaxPool_output_0";
  for (let b = 0; b < blocks; b++) {
    const block = residualBlock(`/layer1/layer1.${b}`, `layer1.${b}`, x, 16);
    nodes.push(...block.nodes);
    initializers.push(...block.init!);
    x = block.out;
  }
  nodes.push(
    { op: "GlobalAveragePool", name: "/avgpool/GlobalAveragePool", inputs: [x], outputs: ["/avgpool/GlobalAveragePool_output_0"] },
    { op: "Shape", name: "/Shape", inputs: ["/avgpool/GlobalAveragePool_output_0"], outputs: ["/Shape_output_0"] },
    { op: "Constant", name: "/Constant", inputs: [], outputs: ["/Constant_output_0"], attrs: { value: { tensor: [] } } },
    { op: "Gather", name: "/Gather", inputs: ["/Shape_output_0", "/Constant_output_0"], outputs: ["/Gather_output_0"], attrs: { axis: 0 } },
    { op: "Unsqueeze", name: "/Unsqueeze", inputs: ["/Gather_output_0"], outputs: ["/Unsqueeze_output_0"] },
    { op: "Concat", name: "/Concat", inputs: ["/Unsqueeze_output_0", "/Constant_output_0"], outputs: ["/Concat_output_0"], attrs: { axis: 0 } },
    { op: "Reshape", name: "/Reshape", inputs: ["/avgpool/GlobalAveragePool_output_0", "/Concat_output_0"], outputs: ["/Reshape_output_0"] },
    { op: "Gemm", name: "/fc/Gemm", inputs: ["/Reshape_output_0", "fc.weight", "fc.bias"], outputs: ["logits"], attrs: { transB: 1, alpha: { float: 1 }, beta: { float: 1 } } },
  );
  initializers.push({ name: "fc.weight", dims: [10, 16] }, { name: "fc.bias", dims: [10] });
  return {
    name: "main_graph",
    nodes,
    initializers,
    inputs: [{ name: "input", dims: ["batch", 3, 32, 32] }],
    outputs: [{ name: "logits", dims: ["batch", 10] }],
    valueInfo: [{ name: "/maxpool/MaxPool_output_0", dims: ["batch", 16, 8, 8] }],
  };
}

/** fc1 → relu → fc2; `hiddenBytes` sets the size of fc1's raw weights (for the large-file timing). */
export function tinyMlp(opts: { hidden?: number; weightBytes?: number } = {}): OnnxGraphSpec {
  const hidden = opts.hidden ?? 64;
  return {
    name: "mlp",
    nodes: [
      { op: "Gemm", name: "/fc1/Gemm", inputs: ["x", "fc1.weight", "fc1.bias"], outputs: ["/fc1/Gemm_output_0"], attrs: { transB: 1 } },
      { op: "Relu", name: "/relu/Relu", inputs: ["/fc1/Gemm_output_0"], outputs: ["/relu/Relu_output_0"] },
      { op: "Gemm", name: "/fc2/Gemm", inputs: ["/relu/Relu_output_0", "fc2.weight", "fc2.bias"], outputs: ["y"], attrs: { transB: 1 } },
    ],
    initializers: [
      { name: "fc1.weight", dims: [hidden, 784], ...(opts.weightBytes ? { fill: opts.weightBytes } : {}) },
      { name: "fc1.bias", dims: [hidden] },
      { name: "fc2.weight", dims: [10, hidden] },
      { name: "fc2.bias", dims: [10] },
    ],
    inputs: [{ name: "x", dims: [1, 784] }],
    outputs: [{ name: "y", dims: [1, 10] }],
  };
}

/** A small U-Net-like graph: the encoder's features skip past the bottleneck into a Concat. */
export function concatSkip(): OnnxGraphSpec {
  return {
    name: "unet_tiny",
    nodes: [
      { op: "Conv", name: "/enc/conv/Conv", inputs: ["img", "enc.w"], outputs: ["e1"], attrs: { kernel_shape: [3, 3] } },
      { op: "Relu", name: "/enc/act/Relu", inputs: ["e1"], outputs: ["e2"] },
      { op: "MaxPool", name: "/down/MaxPool", inputs: ["e2"], outputs: ["d1"], attrs: { kernel_shape: [2, 2], strides: [2, 2] } },
      { op: "Conv", name: "/mid/conv/Conv", inputs: ["d1", "mid.w"], outputs: ["m1"], attrs: { kernel_shape: [3, 3] } },
      { op: "Relu", name: "/mid/act/Relu", inputs: ["m1"], outputs: ["m2"] },
      { op: "Resize", name: "/up/Resize", inputs: ["m2", "", "scales"], outputs: ["u1"], attrs: { mode: "nearest" } },
      { op: "Concat", name: "/Concat", inputs: ["u1", "e2"], outputs: ["c1"], attrs: { axis: 1 } },
      { op: "Conv", name: "/head/Conv", inputs: ["c1", "head.w"], outputs: ["mask"], attrs: { kernel_shape: [1, 1] } },
    ],
    initializers: [
      { name: "enc.w", dims: [8, 1, 3, 3] },
      { name: "mid.w", dims: [8, 8, 3, 3] },
      { name: "scales", dims: [4] },
      { name: "head.w", dims: [1, 16, 1, 1] },
    ],
    inputs: [{ name: "img", dims: [1, 1, 64, 64] }],
    outputs: [{ name: "mask", dims: [1, 1, 64, 64] }],
  };
}
