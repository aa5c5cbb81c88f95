// Model files through the routers: small ONNX, .keras, Keras JSON and TF.js files are read on the
// server by transfer.import; a palace planned in the browser from a large model arrives through
// transfer.importPlanned. Either way it is checked whole and written in one transaction.
import fs from "node:fs";
import path from "node:path";
import { strToU8, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/server/db/client";
import { IMPORT_MAX_BYTES, MODEL_MAX_BYTES, type TFilePalace } from "~/server/domain/transfer/transfer.schema";
import { ARCHITECTURE_MAX_BYTES, readArchitecture } from "~/server/import/arch";
import { testDatabases } from "../helpers/databases";
import { tinyResNet, writeOnnx } from "../helpers/onnx-writer";
import { type Caller, rejectionOf, routeOf, signUp } from "../helpers/world";

const fixture = (name: string) => fs.readFileSync(path.resolve("tests/fixtures/models", name));
const b64 = (data: Uint8Array | string) => Buffer.from(data).toString("base64");

/** A Keras 3 archive as model.save("tiny_resnet.keras") writes it: config, metadata, weights. */
function kerasArchive(config: Uint8Array = fixture("keras3-config.json")): Uint8Array {
  return zipSync({
    "metadata.json": strToU8(JSON.stringify({ keras_version: "3.6.0", date_saved: "2026-11-01@12:00:00" })),
    "config.json": config,
    "model.weights.h5": new Uint8Array(64 * 1024).fill(7),
  });
}

/** Rooms, concepts in route order and links (by concept title) of a palace as the app shows it. */
async function shapeOf(caller: Caller, palaceId: string) {
  const scene = await caller.palace.get({ id: palaceId });
  const title = new Map(scene.concepts.map((c) => [c.id, c.title]));
  return {
    rooms: scene.rooms.map((r) => r.name),
    doors: scene.doors.length,
    route: (await routeOf(caller, palaceId)).map(([t]) => t),
    routeOrders: scene.loci.map((l) => l.routeOrder),
    // Links are written in one statement, so their stored order says nothing: sorted by text.
    links: scene.links.map((l) => `${title.get(l.fromConceptId)} → ${title.get(l.toConceptId)} (${l.label})`).sort(),
  };
}

describe("the browser and the server share one model size limit", () => {
  it("is 256 MB on both sides", () => {
    expect(MODEL_MAX_BYTES).toBe(ARCHITECTURE_MAX_BYTES);
    expect(MODEL_MAX_BYTES).toBe(256 * 1024 * 1024);
  });
});

describe.each(testDatabases)("importing model architectures on $name", (target) => {
  let database: Database & { drop(): Promise<void> };
  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(() => database.drop());

  it("reads an ONNX model on the server: stages become rooms, three identical blocks fold into one room, the skip is a link", async () => {
    const { caller, user } = await signUp(database, "Ada");
    const palace = await caller.transfer.import({ fileName: "resnet.onnx", data: b64(writeOnnx(tinyResNet(3))) });
    expect(palace).toMatchObject({ title: "resnet", ownerId: user.id, visibility: "private", roomCount: 3, conceptCount: 8 });
    const shape = await shapeOf(caller, palace.id);
    expect(shape.rooms).toHaveLength(3);
    expect(shape.rooms[1]).toMatch(/layer1.*×\s?3/);
    expect(shape.doors).toBe(2);
    expect(shape.routeOrders.sort((a, b) => a - b)).toEqual(Array.from({ length: 8 }, (_, i) => i + 1));
    expect(shape.route[0]).toMatch(/^Conv 7×7/);
    expect(shape.route.at(-1)).toMatch(/^Linear → 10/);
    expect(shape.links).toEqual([expect.stringMatching(/^Max pool .* → Residual add.*\(residual\)$/)]);
  });

  it("reads a Keras 3 .keras archive (a zip) without inflating its weights", async () => {
    const { caller } = await signUp(database, "Kit");
    const palace = await caller.transfer.import({ fileName: "tiny_resnet.keras", data: b64(kerasArchive()) });
    expect(palace).toMatchObject({ title: "tiny_resnet", conceptCount: 5 });
    const shape = await shapeOf(caller, palace.id);
    expect(shape.route).toEqual([
      "Conv 3×3, 3 → 16 ch · Relu (stem_conv)",
      // The conv applies its own ReLU, then the BatchNormalization layer after it follows.
      "Conv 3×3, 16 → 16 ch · Relu · BN (block_conv)",
      "Residual add, 16 ch (block_add)",
      "Global average pool (head_pool)",
      "Linear 16 → 10 · Softmax (head_dense)",
    ]);
    expect(shape.links).toEqual(["Conv 3×3, 3 → 16 ch · Relu (stem_conv) → Residual add, 16 ch (block_add) (residual)"]);
  });

  it("reads Keras JSON (model.to_json) and a TensorFlow.js model.json, told apart by their content", async () => {
    const { caller } = await signUp(database, "Jo");
    const cnn = await caller.transfer.import({ fileName: "mnist_cnn.json", data: b64(fixture("mnist_cnn.json")) });
    expect(cnn).toMatchObject({ title: "mnist_cnn", roomCount: 1, conceptCount: 6 });
    const cnnShape = await shapeOf(caller, cnn.id);
    // Flatten only reshapes, so it folds into its neighbours rather than standing alone.
    expect(cnnShape.route).toEqual(["Conv 3×3, 1 → 32 ch · Relu", "Max pool 2×2 /2", "Conv 3×3, 32 → 64 ch · Relu", "Max pool 2×2 /2", "Dropout 0.5", "Linear 1600 → 10 · Softmax"]);
    expect(cnnShape.links).toEqual([]);

    const text = await caller.transfer.import({ fileName: "model.json", data: b64(fixture("text-classifier/model.json")) });
    expect(text).toMatchObject({ title: "text_classifier", conceptCount: 6 });
    const textShape = await shapeOf(caller, text.id);
    expect(textShape.route[0]).toBe("Embedding 5000→64");
    expect(textShape.links).toEqual(["Embedding 5000→64 → Global average pool (branch)", "Global max pool → Concat 2 paths (concat)"]);
    // The exact parameter count comes from the weights manifest.
    const scene = await caller.palace.get({ id: text.id });
    expect(scene.palace.description).toMatch(/^TensorFlow\.js layers model.*332,513 weights listed in its manifest/);
  });

  it("writes a palace planned in the browser from a model larger than an upload may be", async () => {
    const { caller } = await signUp(database, "Big");
    const graph = tinyResNet(2);
    graph.initializers!.find((w) => w.name === "fc.weight")!.fill = IMPORT_MAX_BYTES + 1024;
    const bytes = writeOnnx(graph);
    const tooLarge = await rejectionOf(caller.transfer.import({ fileName: "big.onnx", data: b64(bytes.subarray(0, IMPORT_MAX_BYTES + 1)) }));
    expect(tooLarge.message).toMatch(/larger than 5 MB/);

    const { palace: planned } = readArchitecture({ fileName: "big.onnx", bytes });
    const palace = await caller.transfer.importPlanned({ palace: planned });
    expect(palace).toMatchObject({ title: "big", visibility: "private", roomCount: planned.rooms.length, conceptCount: planned.concepts.length });
    const shape = await shapeOf(caller, palace.id);
    expect(shape.route).toEqual(planned.concepts.map((c) => c.title));
    expect(shape.links).toHaveLength(planned.links.length);
  });

  it("refuses a planned palace that breaks the file rules, writing nothing", async () => {
    const { caller } = await signUp(database, "Eve");
    const { palace } = readArchitecture({ fileName: "resnet.onnx", bytes: writeOnnx(tinyResNet(1)) });
    const cases: [string, (p: TFilePalace) => unknown, RegExp][] = [
      ["a concept in a room that is not there", (p) => (p.concepts.at(-1)!.place!.room = "room-99"), /room-99/],
      ["a link to a concept that is not there", (p) => p.links.push({ from: p.concepts[0]!.key, to: "ghost", label: "" }), /ghost/],
      ["an empty title", (p) => (p.concepts[2]!.title = " "), /Title cannot be empty/],
      ["an owner smuggled in", (p) => Object.assign(p, { ownerId: "someone" }), /Unrecognized key: "ownerId"/],
    ];
    for (const [what, spoil, message] of cases) {
      const copy = structuredClone(palace);
      spoil(copy);
      const error = await rejectionOf(caller.transfer.importPlanned({ palace: copy }));
      expect({ what, code: error.code, message: error.message }).toEqual({ what, code: "BAD_REQUEST", message: expect.stringMatching(message) });
    }
    expect(await caller.palace.list()).toEqual([]);
  });

  it("refuses broken, mislabelled and hostile model files with a sentence naming the problem, writing nothing", async () => {
    const { caller } = await signUp(database, "Mal");
    const onnx = writeOnnx(tinyResNet(1));
    const config = JSON.parse(fixture("keras3-config.json").toString());
    config.config.layers = [];
    const cases: [string, Uint8Array | string, RegExp, string?][] = [
      ["cut.onnx", onnx.subarray(0, Math.floor(onnx.length / 2)), /^The ONNX file is damaged or cut short/],
      ["noise.onnx", new Uint8Array(4096).fill(0xff), /^The ONNX file is damaged or cut short/],
      ["model.keras", "# not a zip", /not a zip archive/],
      ["empty.keras", zipSync({ "metadata.json": strToU8("{}") }), /holds no config\.json/],
      ["nolayers.keras", kerasArchive(strToU8(JSON.stringify(config))), /has no layers/],
      ["graph.json", JSON.stringify({ format: "graph-model", modelTopology: { node: [] } }), /TensorFlow\.js graph model/],
      ["broken.json", `${fixture("mnist_cnn.json").toString().slice(0, 300)}`, /not valid JSON/],
      // Asked to read a Markdown file as ONNX: refused, not guessed at.
      ["notes.md", "# Hall\n\n- Dropout\n", /^The file is not an ONNX model\.$/, "onnx"],
    ];
    for (const [fileName, data, message, format] of cases) {
      const error = await rejectionOf(
        caller.transfer.import({ fileName, data: b64(data), ...(format ? { format: format as "onnx" } : {}) }),
      );
      expect({ fileName, code: error.code, message: error.message }).toEqual({ fileName, code: "BAD_REQUEST", message: expect.stringMatching(message) });
    }
    expect(await caller.palace.list()).toEqual([]);
  });
});
