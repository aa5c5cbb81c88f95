import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { detectArchitecture, readArchitecture } from "~/server/import/arch";
import type { TFilePalace } from "~/server/domain/transfer/transfer.schema";
import { refusal } from "../helpers/refusal";

const json = (v: unknown) => strToU8(JSON.stringify(v));
const rooms = (p: TFilePalace) => p.rooms.map((r) => [r.name, p.concepts.filter((c) => c.place?.room === r.key).map((c) => c.title)]);
const linkTitles = (p: TFilePalace) => {
  const title = (k: string) => p.concepts.find((c) => c.key === k)!.title;
  return p.links.map((l) => [title(l.from), title(l.to), l.label]);
};

// ---- Keras 3: inbound nodes hold __keras_tensor__ objects with their shapes ----
const tensor = (layer: string, shape: (number | null)[]) => ({ class_name: "__keras_tensor__", config: { shape, dtype: "float32", keras_history: [layer, 0, 0] } });
const k3layer = (cls: string, name: string, config: Record<string, unknown>, args: unknown[]) => ({
  module: "keras.layers",
  class_name: cls,
  config: { name, trainable: true, dtype: "float32", ...config },
  registered_name: null,
  name,
  inbound_nodes: [{ args, kwargs: {} }],
});
const conv = (filters: number) => ({ filters, kernel_size: [3, 3], strides: [1, 1], padding: "same", activation: "relu", use_bias: true });

function keras3Functional() {
  const s = [null, 8, 8, 16];
  return {
    module: "keras.src.models.functional",
    class_name: "Functional",
    config: {
      name: "tiny_resnet",
      trainable: true,
      layers: [
        { module: "keras.layers", class_name: "InputLayer", config: { batch_shape: [null, 8, 8, 3], dtype: "float32", name: "input_layer" }, name: "input_layer", inbound_nodes: [] },
        k3layer("Conv2D", "stem_conv", conv(16), [tensor("input_layer", [null, 8, 8, 3])]),
        k3layer("Conv2D", "block1_conv1", conv(16), [tensor("stem_conv", s)]),
        k3layer("Conv2D", "block1_conv2", conv(16), [tensor("block1_conv1", s)]),
        k3layer("Add", "block1_add", {}, [[tensor("block1_conv2", s), tensor("stem_conv", s)]]),
        k3layer("Conv2D", "block2_conv1", conv(16), [tensor("block1_add", s)]),
        k3layer("Conv2D", "block2_conv2", conv(16), [tensor("block2_conv1", s)]),
        k3layer("Add", "block2_add", {}, [[tensor("block2_conv2", s), tensor("block1_add", s)]]),
        k3layer("GlobalAveragePooling2D", "avg_pool", {}, [tensor("block2_add", s)]),
        k3layer("Dropout", "dropout", { rate: 0.5 }, [tensor("avg_pool", [null, 16])]),
        k3layer("Dense", "predictions", { units: 10, activation: "softmax", use_bias: true }, [tensor("dropout", [null, 16])]),
      ],
      input_layers: [["input_layer", 0, 0]],
      output_layers: [["predictions", 0, 0]],
    },
  };
}

// ---- Keras 2: inbound nodes are [[layer, node, tensor, kwargs]] lists ----
function keras2Functional() {
  const l = (cls: string, name: string, config: Record<string, unknown>, inbound: string[]) => ({
    class_name: cls,
    config: { name, trainable: true, ...config },
    name,
    inbound_nodes: inbound.length ? [inbound.map((i) => [i, 0, 0, {}])] : [],
  });
  return {
    class_name: "Functional",
    config: {
      name: "unet_small",
      layers: [
        l("InputLayer", "input_1", { batch_input_shape: [null, 64, 64, 1] }, []),
        l("Conv2D", "enc_conv", { filters: 8, kernel_size: [3, 3], activation: "relu" }, ["input_1"]),
        l("MaxPooling2D", "enc_pool", { pool_size: [2, 2], strides: [2, 2] }, ["enc_conv"]),
        l("Conv2D", "mid_conv", { filters: 16, kernel_size: [3, 3], activation: "relu" }, ["enc_pool"]),
        l("UpSampling2D", "dec_up", { size: [2, 2] }, ["mid_conv"]),
        l("Concatenate", "dec_concat", { axis: -1 }, ["dec_up", "enc_conv"]),
        l("Conv2D", "dec_out", { filters: 1, kernel_size: [1, 1], activation: "sigmoid" }, ["dec_concat"]),
      ],
      input_layers: [["input_1", 0, 0]],
      output_layers: [["dec_out", 0, 0]],
    },
    keras_version: "2.15.0",
    backend: "tensorflow",
  };
}

function keras2Sequential() {
  return {
    class_name: "Sequential",
    config: {
      name: "sequential",
      layers: [
        { class_name: "InputLayer", config: { batch_input_shape: [null, 28, 28], dtype: "float32", name: "input_1" } },
        { class_name: "Flatten", config: { name: "flatten", trainable: true } },
        { class_name: "Dense", config: { name: "dense", units: 128, activation: "relu", use_bias: true } },
        { class_name: "Dropout", config: { name: "dropout", rate: 0.2 } },
        { class_name: "Dense", config: { name: "dense_1", units: 10, activation: "softmax", use_bias: true } },
      ],
    },
    keras_version: "2.12.0",
    backend: "tensorflow",
  };
}

describe("Keras JSON", () => {
  it("reads a Keras 3 Functional model: blocks as rooms, residual Adds as links, shapes and parameters", () => {
    const { format, palace, stats } = readArchitecture({ fileName: "model.json", bytes: json(keras3Functional()) });
    expect(format).toBe("keras-json");
    expect(palace.title).toBe("tiny_resnet");
    expect(stats).toEqual({ nodes: 10, rooms: 3, concepts: 7, links: 1 });
    // 3×3×3×16+16 for the stem, four 3×3×16×16+16 convs, 16×10+10 for the classifier.
    expect(palace.description).toContain("10 layers, 9,898 parameters.");
    expect(rooms(palace)).toEqual([
      ["stem_conv", ["Conv 3×3, 3 → 16 ch · Relu (stem_conv)"]],
      ["block ×2", ["Conv 3×3, 16 → 16 ch · Relu (block1_conv1)", "Conv 3×3, 16 → 16 ch · Relu (block1_conv2)", "Residual add, 16 ch (block1_add)"]],
      ["avg_pool, predictions", ["Global average pool (avg_pool)", "Dropout 0.5", "Linear 16 → 10 · Softmax (predictions)"]],
    ]);
    expect(linkTitles(palace)).toEqual([["Conv 3×3, 3 → 16 ch · Relu (stem_conv)", "Residual add, 16 ch (block1_add)", "residual"]]);
    const conv1 = palace.concepts.find((c) => c.title.includes("block1_conv1"))!;
    expect(conv1.kind).toBe("layer");
    expect(conv1.notes).toContain("- Input shape: N×8×8×16");
    expect(conv1.notes).toContain("- Output shape: N×8×8×16");
    expect(conv1.notes).toContain(`- Parameters: ${(3 * 3 * 16 * 16 + 16).toLocaleString("en-US")}`);
    expect(conv1.notes).toContain("filters: 16 · kernel_size: 3×3 · strides: 1×1 · padding: same · activation: relu");
    expect(conv1.notes).toContain("Repeated ×2 (block1, block2)");
    expect(palace.concepts.find((c) => c.title.startsWith("Dropout"))!.kind).toBe("technique");
    expect(palace.concepts.find((c) => c.title.startsWith("Linear"))!.notes).toContain("- Parameters: 170");
  });

  it("reads a Keras 2 Functional model with a Concatenate skip", () => {
    const { palace } = readArchitecture({ fileName: "unet.json", bytes: json(keras2Functional()) });
    expect(palace.title).toBe("unet_small");
    expect(palace.concepts.map((c) => c.title)).toEqual([
      "Conv 3×3, 1 → 8 ch · Relu (enc_conv)",
      "Max pool 2×2 /2 (enc_pool)",
      "Conv 3×3, 8 → 16 ch · Relu (mid_conv)",
      "Upsample (dec_up)",
      "Concat 2 paths → 24 ch (dec_concat)",
      "Conv 1×1, 24 → 1 ch · Sigmoid (dec_out)",
    ]);
    expect(linkTitles(palace)).toEqual([["Conv 3×3, 1 → 8 ch · Relu (enc_conv)", "Concat 2 paths → 24 ch (dec_concat)", "skip"]]);
    expect(palace.description).toContain("Keras JSON model, Keras 2.15.0.");
    expect(palace.description).toContain("Inputs: input_1 ?×64×64×1.");
  });

  it("reads a Keras 2 Sequential model, folding Flatten and naming the palace after the file", () => {
    const { palace } = readArchitecture({ fileName: "mnist_classifier.json", bytes: json(keras2Sequential()) });
    expect(palace.title).toBe("mnist classifier");
    expect(palace.concepts.map((c) => [c.title, c.kind])).toEqual([
      ["Linear 784 → 128 · Relu", "layer"],
      ["Dropout 0.2", "technique"],
      ["Linear 128 → 10 · Softmax", "layer"],
    ]);
    expect(palace.concepts[0]!.notes).toContain("- Folded in: Flatten");
    expect(palace.description).toContain("1 plumbing ops folded");
  });

  it("reads a Keras 3 Sequential model without inbound nodes", () => {
    const model = {
      class_name: "Sequential",
      config: {
        name: "seq",
        layers: [
          { class_name: "InputLayer", config: { batch_shape: [null, 100], name: "input_layer" } },
          { class_name: "Embedding", config: { name: "embedding", input_dim: 1000, output_dim: 32 } },
          { class_name: "LSTM", config: { name: "lstm", units: 64 } },
          { class_name: "Dense", config: { name: "dense", units: 1, activation: "sigmoid" } },
        ],
      },
    };
    const { palace } = readArchitecture({ fileName: "seq.json", bytes: json(model) });
    expect(palace.concepts.map((c) => c.title)).toEqual(["Embedding 1000→32", "LSTM 64", "Linear → 1 · Sigmoid"]);
    expect(palace.concepts[0]!.notes).toContain("- Parameters: 32,000");
  });
});

describe("Keras layer names that are not modules", () => {
  it("plans a dense network whose names interleave (F_1_1, RDB_Concat_1_1, LFF_1) by structure, folding its blocks", () => {
    const l = (cls: string, name: string, config: Record<string, unknown>, inbound: string[]) => ({ class_name: cls, name, config: { name, ...config }, inbound_nodes: [inbound.map((i) => [i, 0, 0, {}])] });
    const conv = (filters: number, k: number, activation = "linear") => ({ filters, kernel_size: [k, k], padding: "same", activation });
    const [blocks, convs] = [5, 2];
    const layers: object[] = [{ class_name: "InputLayer", name: "LR", config: { name: "LR", batch_input_shape: [null, 32, 32, 3] }, inbound_nodes: [] }, l("Conv2D", "F_0", conv(16, 3), ["LR"])];
    let input = "F_0";
    for (let b = 1; b <= blocks; b++) {
      let gathered = input;
      for (let c = 1; c <= convs; c++) {
        layers.push(l("Conv2D", `F_${b}_${c}`, conv(16, 3, "relu"), [gathered]), l("Concatenate", `RDB_Concat_${b}_${c}`, { axis: 3 }, [gathered, `F_${b}_${c}`]));
        gathered = `RDB_Concat_${b}_${c}`;
      }
      layers.push(l("Conv2D", `LFF_${b}`, conv(16, 1), [gathered]), l("Add", `LRL_${b}`, {}, [`LFF_${b}`, input]));
      input = `LRL_${b}`;
    }
    layers.push(l("Conv2D", "SR", conv(3, 3), [input]));
    const model = { class_name: "Functional", keras_version: "2.3.0-tf", config: { name: "generator", layers, input_layers: [["LR", 0, 0]], output_layers: [["SR", 0, 0]] } };
    const { palace } = readArchitecture({ fileName: "rdn.json", bytes: json(model) });
    const names = palace.rooms.map((r) => r.name);
    const folded = names.find((n) => /^residual block ×\d+$/.test(n));
    expect(folded, names.join(" | ")).toBeDefined();
    expect(Number(folded!.split("×")[1])).toBeGreaterThanOrEqual(blocks - 1);
    // Each block shows its convs, their concatenations, the 1×1 fusion and the residual add.
    expect(palace.concepts.filter((c) => c.place?.room === palace.rooms.find((r) => r.name === folded)!.key)).toHaveLength(2 * convs + 2);
    expect(names.some((n) => /^(F|RDB|LFF|LRL)\b/.test(n))).toBe(false);
  });
});

describe("nested Keras models", () => {
  it("flattens a model used as a layer, wiring its input and output to the outer layers", () => {
    const base = {
      class_name: "Sequential",
      name: "feature_extractor",
      config: {
        name: "feature_extractor",
        layers: [
          { class_name: "InputLayer", config: { batch_shape: [null, 16], name: "base_in" } },
          { class_name: "Dense", config: { name: "base_dense", units: 32, activation: "relu" } },
          { class_name: "Dense", config: { name: "base_proj", units: 8 } },
        ],
      },
      inbound_nodes: [{ args: [tensor("features", [null, 16])], kwargs: {} }],
    };
    const model = {
      class_name: "Functional",
      config: {
        name: "wrapper",
        layers: [
          { class_name: "InputLayer", config: { batch_shape: [null, 16], name: "features" }, name: "features", inbound_nodes: [] },
          base,
          k3layer("Dense", "head", { units: 2, activation: "softmax" }, [tensor("feature_extractor", [null, 8])]),
        ],
        input_layers: [["features", 0, 0]],
        output_layers: [["head", 0, 0]],
      },
    };
    const { palace } = readArchitecture({ fileName: "wrapper.json", bytes: json(model) });
    expect(palace.concepts.map((c) => c.title)).toEqual(["Linear 16 → 32 · Relu (base_dense)", "Linear 32 → 8 (base_proj)", "Linear 8 → 2 · Softmax (head)"]);
    expect(palace.links).toEqual([]);
    expect(palace.concepts[2]!.notes).toContain("- Input shape: N×8");
    expect(palace.concepts[2]!.notes).toContain("- Parameters: 18");
  });
});

describe("Keras 3 .keras archives", () => {
  it("reads config.json from the zip and never needs the weights", () => {
    const weights = new Uint8Array(2 * 1024 * 1024).map((_, i) => i % 251);
    const zip = zipSync({
      "metadata.json": json({ keras_version: "3.5.0", date_saved: "2024-09-01" }),
      "config.json": json(keras3Functional()),
      "model.weights.h5": [weights, { level: 0 }],
    });
    expect(detectArchitecture("resnet.keras", zip.subarray(0, 64))).toBe("keras");
    expect(detectArchitecture("archive", zip.subarray(0, 64))).toBe("keras");
    const { format, palace } = readArchitecture({ fileName: "resnet.keras", bytes: zip });
    expect(format).toBe("keras");
    expect(palace.rooms.map((r) => r.name)).toEqual(["stem_conv", "block ×2", "avg_pool, predictions"]);
    expect(palace.description).toMatch(/^Keras \(\.keras\) model, saved by Keras 3\.5\.0\./);
  });

  it("refuses an archive without config.json, a damaged archive and a file that is not a zip", () => {
    const zip = zipSync({ "model.weights.h5": new Uint8Array(100) });
    expect(refusal(() => readArchitecture({ fileName: "x.keras", bytes: zip }))).toBe("The archive holds no config.json, so it is not a Keras 3 .keras model.");
    const cut = zipSync({ "config.json": json(keras3Functional()) }).subarray(0, 200);
    expect(refusal(() => readArchitecture({ fileName: "x.keras", bytes: cut }))).toBe("The .keras file is a damaged zip archive.");
    expect(refusal(() => readArchitecture({ fileName: "x.keras", bytes: json({}) }))).toBe("The .keras file is not a zip archive, so it is not a Keras 3 model.");
  });

  it("refuses a zip bomb: a config.json declaring a huge size or an absurd ratio", () => {
    // 20 MB of spaces compresses to a few tens of kilobytes.
    const padded = new Uint8Array(20 * 1024 * 1024).fill(0x20);
    padded.set(json(keras3Functional()));
    const bomb = zipSync({ "config.json": padded });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(refusal(() => readArchitecture({ fileName: "bomb.keras", bytes: bomb }))).toMatch(/would unpack to 20 MB.*zip bomb/);
    const dense = new Uint8Array(4 * 1024 * 1024).fill(0x20);
    dense.set(json(keras3Functional()));
    expect(refusal(() => readArchitecture({ fileName: "ratio.keras", bytes: zipSync({ "config.json": dense }) }))).toMatch(/claims to expand \d+ times.*zip bomb/);
  });
});

describe("TensorFlow.js layers models", () => {
  it("reads the topology and takes exact parameter counts from the weights manifest", () => {
    const modelJson = {
      format: "layers-model",
      generatedBy: "keras v2.12.0",
      convertedBy: "TensorFlow.js Converter v4.10.0",
      modelTopology: { keras_version: "2.12.0", backend: "tensorflow", model_config: keras2Sequential() },
      weightsManifest: [
        {
          paths: ["group1-shard1of1.bin"],
          weights: [
            { name: "dense/kernel", shape: [784, 128], dtype: "float32" },
            { name: "dense/bias", shape: [128], dtype: "float32" },
            { name: "dense_1/kernel", shape: [128, 10], dtype: "float32" },
            { name: "dense_1/bias", shape: [10], dtype: "float32" },
          ],
        },
      ],
    };
    const bytes = json(modelJson);
    expect(detectArchitecture("model.json", bytes.subarray(0, 512))).toBe("tfjs");
    const { format, palace } = readArchitecture({ fileName: "model.json", bytes });
    expect(format).toBe("tfjs");
    expect(palace.concepts.map((c) => c.title)).toEqual(["Linear 784 → 128 · Relu", "Dropout 0.2", "Linear 128 → 10 · Softmax"]);
    expect(palace.concepts[0]!.notes).toContain("- Parameters: 100,480");
    expect(palace.concepts[2]!.notes).toContain("- Parameters: 1,290");
    expect(palace.description).toContain("TensorFlow.js layers model, generated by keras v2.12.0, converted by TensorFlow.js Converter v4.10.0, 101,770 weights listed in its manifest.");
  });

  it("refuses a TF.js graph model with a clear sentence", () => {
    const graphModel = { format: "graph-model", modelTopology: { node: [{ name: "x", op: "Placeholder" }] }, weightsManifest: [] };
    expect(refusal(() => readArchitecture({ fileName: "model.json", bytes: json(graphModel) }))).toMatch(/TensorFlow\.js graph model/);
  });

  it("refuses JSON that is not a model, and JSON nested too deeply", () => {
    expect(detectArchitecture("palace.json", json({ format: "engram-palace", version: 1 }))).toBeNull();
    expect(refusal(() => readArchitecture({ fileName: "layer.json", bytes: json({ class_name: "Dense", config: {} }) }))).toBe("The JSON describes a Keras Dense, not a Sequential or Functional model.");
    const deep = `{"class_name":"Sequential","config":${"[".repeat(100)}${"]".repeat(100)}}`;
    expect(refusal(() => readArchitecture({ fileName: "deep.json", bytes: strToU8(deep) }))).toBe("The model JSON is nested more than 64 levels deep, more than Engram imports.");
    expect(refusal(() => readArchitecture({ fileName: "bad.json", bytes: strToU8('{"class_name": "Sequential", ') }))).toBe("The model JSON is not valid JSON.");
  });
});
