// QuietBatchedText (app/_scene/loci/loci-labels.tsx) reaches into troika-three-text's private
// members. The package is pinned exactly; this test says which members it relies on, so an
// upgrade that renames or reshapes one fails here rather than as blank labels in the scene.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BatchedText, Text } from "troika-three-text";

const root = path.resolve(import.meta.dirname, "../..");
const json = (file: string) => JSON.parse(readFileSync(path.join(root, file), "utf8")) as Record<string, unknown>;

interface BatchInternals {
  _members: Map<Text, { dirty: boolean; index: number }>;
  _dataTextures: Record<string, unknown>;
  _needsRepack?: boolean;
  updateBounds(): void;
  addText(text: Text): void;
  removeText(text: Text): void;
  material: { isTextOutlineMaterial?: boolean; uniforms: Record<string, { value: unknown }>; setMatrixTexture?: unknown }[];
}

describe("troika-three-text", () => {
  it("is pinned to one exact version in package.json and the lock, and that version is installed", () => {
    const wanted = (json("package.json").dependencies as Record<string, string>)["troika-three-text"];
    expect(wanted).toMatch(/^\d+\.\d+\.\d+$/);
    const lock = json("package-lock.json") as { packages: Record<string, { version?: string; dependencies?: Record<string, string> }> };
    expect(lock.packages[""]?.dependencies?.["troika-three-text"]).toBe(wanted);
    expect(lock.packages["node_modules/troika-three-text"]?.version).toBe(wanted);
    expect(json("node_modules/troika-three-text/package.json").version).toBe(wanted);
  });

  it("BatchedText keeps its members, their dirty flags, the repack flag and the data textures where QuietBatchedText reads them", () => {
    const batch = new BatchedText() as unknown as BatchInternals;
    const text = new Text();
    expect(batch._members).toBeInstanceOf(Map);
    expect(batch._dataTextures).toEqual({});
    batch.addText(text);
    expect(batch._members.get(text)).toMatchObject({ dirty: true });
    batch._members.get(text)!.dirty = false;
    text.dispatchEvent({ type: "synccomplete" } as never);
    expect(batch._members.get(text)!.dirty).toBe(true);
    batch.removeText(text);
    expect(batch._needsRepack).toBe(true);
    expect(typeof batch.updateBounds).toBe("function");
  });

  it("a Text flags a pending sync in _needsSync", () => {
    const text = new Text() as unknown as Text & { _needsSync: boolean };
    text.text = "Adam";
    expect(text._needsSync).toBe(true);
  });

  it("both _prepareForRender methods exist, and the batch's picks its texture by 'outline' or 'main'", () => {
    const proto = BatchedText.prototype as unknown as Record<string, unknown>;
    expect(typeof proto._prepareForRender).toBe("function");
    expect(typeof (Text.prototype as unknown as Record<string, unknown>)._prepareForRender).toBe("function");
    const source = String(proto._prepareForRender);
    for (const member of ["_dataTextures", "'outline'", "'main'", "uTroikaIsOutline", "setMatrixTexture", "isTextOutlineMaterial"]) {
      expect(source).toContain(member);
    }
  });

  it("the batch's outline material is marked and both materials carry the uniform and the texture setter", () => {
    const batch = new BatchedText() as unknown as BatchInternals;
    const text = new Text();
    text.outlineWidth = 0.02;
    (batch as unknown as { outlineWidth: number }).outlineWidth = 0.02;
    batch.addText(text);
    const materials = batch.material;
    expect(Array.isArray(materials)).toBe(true);
    expect(materials.filter((m) => m.isTextOutlineMaterial)).toHaveLength(1);
    for (const material of materials) {
      expect(material.uniforms.uTroikaIsOutline).toBeDefined();
      expect(typeof material.setMatrixTexture).toBe("function");
    }
  });
});
