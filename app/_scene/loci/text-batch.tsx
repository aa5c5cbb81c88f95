// Many short texts in one draw call (troika's BatchedText), kept in step with a list of specs:
// only texts whose spec changed are touched, and a long list is made after the first frame, so a
// big palace shows its rooms before every title is set.
import { useThree } from "@react-three/fiber";
import { useEffect, useLayoutEffect, useMemo, useRef } from "react";
import * as THREE from "three";
import { BatchedText, Text } from "troika-three-text";

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

export interface TextSpec {
  key: string;
  text: string;
  font: string;
  fontSize: number;
  maxWidth: number;
  color: string;
  anchorY: "bottom" | "middle";
  outlineWidth?: number;
  outlineColor?: string;
  position: readonly [number, number, number];
  rotation: readonly [number, number, number];
}

/**
 * Up to this many new texts join at once. More (the titles of a whole big palace) are made in
 * slices between frames and join together at the end: the batch repacks every member whenever
 * one joins, so joining slice by slice would cost the square of their number.
 */
const AT_ONCE = 500;
/** Main-thread time one slice of new texts may take, so frames keep coming while they are made. */
const SLICE_MS = 8;

function signatureOf(s: TextSpec) {
  return `${s.text}|${s.font}|${s.fontSize}|${s.maxWidth}|${s.color}|${s.anchorY}|${s.outlineWidth ?? 0}|${s.outlineColor ?? ""}|${s.position.join(",")}|${s.rotation.join(",")}`;
}

function apply(text: Text, s: TextSpec) {
  text.text = s.text;
  text.font = s.font;
  text.fontSize = s.fontSize;
  text.maxWidth = s.maxWidth;
  text.textAlign = "center";
  text.anchorX = "center";
  text.anchorY = s.anchorY;
  text.color = s.color;
  text.outlineWidth = s.outlineWidth ?? 0;
  text.outlineColor = s.outlineColor ?? 0;
  text.position.set(...s.position);
  text.rotation.set(...s.rotation);
  text.updateMatrix();
}

export function TextBatch({ specs }: { specs: TextSpec[] }) {
  const invalidate = useThree((s) => s.invalidate);
  const members = useRef(new Map<string, { text: Text; signature: string }>());
  const batch = useMemo(() => {
    const b = new QuietBatchedText();
    // Front faces only: a title read from both sides carries a second, turned copy.
    b.material = new THREE.MeshBasicMaterial({ side: THREE.FrontSide, transparent: true, toneMapped: false });
    return b;
  }, []);

  useLayoutEffect(() => {
    const wanted = new Set(specs.map((s) => s.key));
    for (const [key, member] of members.current) {
      if (wanted.has(key)) continue;
      batch.removeText(member.text);
      member.text.dispose();
      members.current.delete(key);
    }
    const fresh: TextSpec[] = [];
    for (const spec of specs) {
      const member = members.current.get(spec.key);
      if (!member) fresh.push(spec);
      else if (member.signature !== signatureOf(spec)) {
        member.signature = signatureOf(spec);
        apply(member.text, spec);
      }
    }
    const join = (made: { spec: TextSpec; text: Text }[]) => {
      for (const { spec, text } of made) {
        members.current.set(spec.key, { text, signature: signatureOf(spec) });
        batch.addText(text);
      }
      batch.touch();
      batch.sync(() => invalidate());
      invalidate();
    };
    const make = (spec: TextSpec) => {
      const text = new Text();
      apply(text, spec);
      return { spec, text };
    };
    if (fresh.length <= AT_ONCE) {
      join(fresh.map(make));
      return;
    }
    const made: { spec: TextSpec; text: Text }[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const slice = () => {
      const started = performance.now();
      while (made.length < fresh.length && performance.now() - started < SLICE_MS) made.push(make(fresh[made.length]!));
      if (made.length < fresh.length) timer = setTimeout(slice, 0);
      else {
        timer = undefined;
        join(made);
      }
    };
    // The first slice waits for the frame being prepared, which then comes sooner.
    timer = setTimeout(slice, 0);
    join([]);
    return () => {
      clearTimeout(timer);
      if (timer !== undefined) for (const { text } of made) text.dispose();
    };
  }, [specs, batch, invalidate]);

  useEffect(() => {
    const current = members.current;
    return () => {
      for (const member of current.values()) member.text.dispose();
      current.clear();
      batch.dispose();
    };
  }, [batch]);

  return <primitive object={batch} frustumCulled={false} />;
}
