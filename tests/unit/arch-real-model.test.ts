// Real exporter output: the Silero VAD models (MIT, snakers4/silero-vad) as shipped in the npm
// package @ricky0123/vad-web 0.0.30 (ISC). Fetched at test time into node_modules/.cache, never
// committed. v5 was written by spox with its whole network inside If branches (16 kHz and 8 kHz);
// the legacy model by PyTorch 1.12 with unstructured names.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { ZFilePalace } from "~/server/domain/transfer/transfer.schema";
import { detectArchitecture, readArchitecture } from "~/server/import/arch";
import { packageFile } from "~/tests/helpers/model-fetch";

const PACKAGE = "@ricky0123/vad-web";
const VERSION = "0.0.30";
const v5 = packageFile(PACKAGE, VERSION, "dist/silero_vad_v5.onnx");
const legacy = "path" in v5 ? packageFile(PACKAGE, VERSION, "dist/silero_vad_legacy.onnx") : v5;
const unreachable = "unreachable" in v5 ? v5.unreachable : "unreachable" in legacy ? legacy.unreachable : null;
if (unreachable) console.warn(`Skipping the real-model tests: ${unreachable}.`);

const read = (file: { path: string } | { unreachable: string }) => {
  const bytes = new Uint8Array(fs.readFileSync((file as { path: string }).path));
  return { bytes, ...readArchitecture({ fileName: (file as { path: string }).path.split("/").pop()!, bytes }) };
};

describe.skipIf(unreachable !== null)(`real models from ${PACKAGE}@${VERSION}`, () => {
  it("plans Silero VAD v5: both sample-rate branches with STFT, encoder and LSTM decoder rooms", () => {
    const { bytes, format, palace, stats } = read(v5);
    expect(detectArchitecture("silero_vad_v5", bytes.subarray(0, 64))).toBe("onnx");
    expect(format).toBe("onnx");
    expect(palace.title).toBe("silero vad v5");
    expect(stats.nodes).toBe(689);
    expect(palace.description).toMatch(/^ONNX model, exported by spox, opset ai\.onnx 16, IR version 8\. 689 operations, 545\.\d k parameters\./);
    expect(palace.description).toContain("Inputs: input ?×?, state 2×?×128, sr.");
    const ops = palace.concepts.map((c) => c.title.split(" ")[0]);
    expect(ops.filter((o) => o === "LSTM")).toHaveLength(4);
    expect(ops.filter((o) => o === "Conv").length).toBeGreaterThanOrEqual(8);
    expect(palace.concepts.filter((c) => c.title.startsWith("LSTM")).map((c) => c.title)).toEqual(["LSTM hidden 128 (rnn)", "LSTM hidden 128 (rnn_1)", "LSTM hidden 128 (rnn)", "LSTM hidden 128 (rnn_1)"]);
    const names = palace.rooms.map((r) => r.name);
    expect(names.filter((n) => n.includes("stft"))).toHaveLength(2);
    expect(names.filter((n) => n.includes("decoder"))).toHaveLength(2);
    // The two middle encoder layers of each branch are identical and fold into one room.
    expect(names.filter((n) => n.endsWith("encoder block 1–2 ×2"))).toHaveLength(2);
    // If nodes whose branches only slice and reshape state fold away with their plumbing.
    expect(ops.filter((o) => o === "If").length).toBeLessThanOrEqual(3);
    // Hundreds of Constant, Shape and Unsqueeze nodes fold away.
    expect(stats.concepts).toBeLessThan(100);
    expect(palace.description).toMatch(/\d+ plumbing ops folded into their neighbours' notes \(Constant ×341/);
    expect(ZFilePalace.safeParse(palace).success).toBe(true);
  });

  it("plans the legacy PyTorch export: LSTM parameter counts and the route in data-flow order", () => {
    const { palace, stats } = read(legacy);
    expect(palace.description).toMatch(/^ONNX model, exported by pytorch 1\.12\.0, opset ai\.onnx 16,/);
    expect(stats.nodes).toBe(250);
    const lstms = palace.concepts.filter((c) => c.title.startsWith("LSTM"));
    expect(lstms).toHaveLength(8);
    // W [1, 256, 64] + R [1, 256, 64] + B [1, 512]: four gates of 64 units on 64 inputs.
    for (const l of lstms) expect(l.notes).toContain("- Parameters: 33,280");
    expect(lstms[0]!.notes).toContain("hidden_size: 64");
    // Each branch starts at its STFT convolution and ends at its Sigmoid output.
    const titles = palace.concepts.map((c) => c.title);
    const sigmoids = titles.flatMap((t, i) => (t === "Sigmoid" ? [i] : []));
    const stfts = titles.flatMap((t, i) => (t.startsWith("Conv 256, 258, /64") ? [i] : []));
    expect(stfts).toHaveLength(2);
    expect(sigmoids).toHaveLength(2);
    expect(stfts[0]! < sigmoids[0]! && sigmoids[0]! < stfts[1]! && stfts[1]! < sigmoids[1]!).toBe(true);
    expect(palace.links.some((l) => l.label === "residual")).toBe(true);
  });
});
