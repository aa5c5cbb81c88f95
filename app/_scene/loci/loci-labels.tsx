// Every concept title of the visible rooms in one batched text mesh (troika's BatchedText).
// Each title is written on both faces of a thin card, turned with its object, so it reads from
// in front and from behind without turning every frame; the batch then repacks only when a
// title changes, not on every frame.
import { useThree } from "@react-three/fiber";
import { useEffect, useLayoutEffect, useMemo, useRef } from "react";
import * as THREE from "three";
import { BatchedText, Text } from "troika-three-text";
import { SCENE_FONT } from "../fonts";
import type { PlacedItem } from "./loci-instances";
import { SHAPE_HEIGHT } from "./shape-parts";

/** BatchedText repacks every member on every render; this one skips that while nothing changed. */
export class QuietBatchedText extends BatchedText {
  private version = 0;
  private packed = new Map<string, number>();

  /** Call after changing members, so the next frame packs them again. */
  touch() {
    this.version += 1;
  }

  constructor() {
    super();
    this.addEventListener("synccomplete" as never, () => this.touch());
  }

  // BatchedText recomputes every member's matrix and the batch bounds on every frame; titles
  // only move when the palace changes, so do that work only then.
  private boundsVersion = -1;
  override updateMatrixWorld(force?: boolean) {
    THREE.Mesh.prototype.updateMatrixWorld.call(this, force);
    if (this.boundsVersion !== this.version) {
      this.boundsVersion = this.version;
      this.updateBounds();
    }
  }

  override _prepareForRender(material: THREE.Material & { isTextOutlineMaterial?: boolean; uniforms: Record<string, { value: unknown }>; setMatrixTexture(t: unknown): void }) {
    const key = material.isTextOutlineMaterial ? "outline" : "main";
    let busy = this._needsRepack;
    if (!busy) for (const [text, info] of this._members) if (info.dirty || text._needsSync) busy = true;
    const texture = this._dataTextures[key];
    if (!busy && texture && this.packed.get(key) === this.version) {
      material.uniforms.uTroikaIsOutline!.value = key === "outline";
      material.setMatrixTexture(texture);
      Text.prototype._prepareForRender.call(this, material);
      return;
    }
    super._prepareForRender(material);
    this.packed.set(key, this.version);
  }
}

interface Label {
  front: Text;
  back: Text;
  signature: string;
}

function styleText(text: Text, fontSize: number) {
  text.font = SCENE_FONT;
  text.fontSize = fontSize;
  text.maxWidth = 2.2;
  text.textAlign = "center";
  text.anchorX = "center";
  text.anchorY = "bottom";
  text.color = 0xffffff;
  text.outlineWidth = 0.02;
  text.outlineColor = 0x1d2330;
}

/** `large` writes bigger titles, for reading the plan from the overview camera far above. */
export function LociLabels({ items, large = false }: { items: PlacedItem[]; large?: boolean }) {
  const fontSize = large ? 0.38 : 0.27;
  const invalidate = useThree((s) => s.invalidate);
  const labels = useRef(new Map<string, Label>());
  const batch = useMemo(() => {
    const b = new QuietBatchedText();
    // Front faces only: the back of each card carries its own copy of the title.
    b.material = new THREE.MeshBasicMaterial({ side: THREE.FrontSide, transparent: true, toneMapped: false });
    return b;
  }, []);

  useLayoutEffect(() => {
    const seen = new Set<string>();
    for (const item of items) {
      seen.add(item.locusId);
      const signature = `${item.title}|${item.shape}|${item.position.join(",")}|${item.rotationY}|${fontSize}`;
      let label = labels.current.get(item.locusId);
      if (label?.signature === signature) continue;
      if (!label) {
        label = { front: new Text(), back: new Text(), signature };
        styleText(label.front, fontSize);
        styleText(label.back, fontSize);
        batch.addText(label.front);
        batch.addText(label.back);
        labels.current.set(item.locusId, label);
      }
      label.signature = signature;
      const [x, y, z] = item.position;
      const height = y + SHAPE_HEIGHT[item.shape] + 0.22;
      for (const [text, turn] of [
        [label.front, 0],
        [label.back, Math.PI],
      ] as const) {
        text.text = item.title;
        text.fontSize = fontSize;
        text.position.set(x, height, z);
        text.rotation.set(0, item.rotationY + turn, 0);
        text.updateMatrix();
      }
    }
    for (const [id, label] of labels.current) {
      if (seen.has(id)) continue;
      batch.removeText(label.front);
      batch.removeText(label.back);
      label.front.dispose();
      label.back.dispose();
      labels.current.delete(id);
    }
    batch.touch();
    batch.sync(() => invalidate());
    invalidate();
  }, [items, fontSize, batch, invalidate]);

  useEffect(() => {
    const current = labels.current;
    return () => {
      for (const label of current.values()) {
        label.front.dispose();
        label.back.dispose();
      }
      current.clear();
      batch.dispose();
    };
  }, [batch]);

  return <primitive object={batch} frustumCulled={false} />;
}
