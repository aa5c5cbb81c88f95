// Many short texts in one draw call (troika's BatchedText), kept in step with a list of specs:
// only texts whose spec changed are touched, and a long list is made after the first frame, so a
// big palace shows its rooms before every title is set. Texts marked as labels face the viewer
// (turned in the vertex shader, so turning costs nothing per text), never shrink below a size on
// screen, and fade where they would overlap a more important label (label-layout.ts).
import { useFrame, useThree } from "@react-three/fiber";
import { useEffect, useLayoutEffect, useMemo, useRef } from "react";
import * as THREE from "three";
import { BatchedText, Text } from "troika-three-text";
import { usePalaceUi } from "../../_stores/palace-store";
import { declutter, type LabelCandidate, type ScreenBox } from "./label-layout";

type TroikaMaterial = THREE.Material & {
  isTextOutlineMaterial?: boolean;
  uniforms: Record<string, { value: unknown }>;
  setMatrixTexture(t: unknown): void;
  onBeforeCompile: (shader: { vertexShader: string; uniforms: Record<string, { value: unknown }> }) => void;
};

/** Floats per member in BatchedText's data texture; slot 25 is the member's opacity, 27 is unused by troika. */
const FLOATS_PER_MEMBER = 32;
const OPACITY_SLOT = 25;
const FACE_SLOT = 27;

/** A label draws at most this many times its smallest size, however close it is. */
export const LARGEST_TO_SMALLEST = 2.6;

// BatchedText places each glyph with its member's matrix. A member whose face slot holds a
// positive number instead stands at its matrix's origin turned towards the camera, scaled so
// that its font is between that many CSS pixels per local unit on screen and LARGEST_TO_SMALLEST
// times that: readable far off, and not filling the view close up.
const MEMBER_TRANSFORM = /(\w+)\.xyz = \(matrix \* vec4\(\1, 1\.0\)\)\.xyz;/;
const faceTheViewer = (p: string) => `
  float engramFace = troikaBatchTexel(6.0).w;
  if (engramFace > 0.0) {
    vec3 origin = matrix[3].xyz;
    vec3 right = normalize(vec3(modelViewMatrix[0][0], modelViewMatrix[1][0], modelViewMatrix[2][0]));
    vec3 up = normalize(vec3(modelViewMatrix[0][1], modelViewMatrix[1][1], modelViewMatrix[2][1]));
    float depth = max(1e-3, -(modelViewMatrix * vec4(origin, 1.0)).z);
    float pxPerUnit = projectionMatrix[1][1] * uEngramViewHeight * 0.5 / depth;
    float grow = clamp(pxPerUnit, engramFace, engramFace * ${LARGEST_TO_SMALLEST.toFixed(2)}) / pxPerUnit;
    ${p}.xyz = origin + (right * ${p}.x + up * ${p}.y) * length(matrix[0].xyz) * grow;
  } else {
    ${p}.xyz = (matrix * vec4(${p}, 1.0)).xyz;
  }`;

// BatchedText packs each member's colour as its sRGB bytes and the shader reads them as linear
// values, so every batched colour drew lighter than asked (dark room names on the floors came
// out as faint smudges, dark halos as grey). The shader turns them back into linear colour.
const PACKED_COLOUR = /diffuse = troikaFloatToColor\((\w+)\.x\);/;
const LINEAR_FROM_SRGB = `
vec3 engramLinear(vec3 c) {
  c *= 256.0 / 255.0;
  return mix(c / 12.92, pow((c + 0.055) / 1.055, vec3(2.4)), step(0.04045, c));
}`;

const size = new THREE.Vector2();

/** BatchedText repacks every member on every render; this one skips that while nothing changed. */
export class QuietBatchedText extends BatchedText {
  private version = 0;
  private packed = new Map<string, number>();
  /** Per member: its opacity (labels fade) and its face value (0: placed as is; see MEMBER_TRANSFORM). */
  private extras = new Map<Text, { opacity: number; face: number }>();
  private extrasVersion = 0;
  private extrasPacked = new Map<string, number>();
  /** The canvas height in CSS pixels, for the shader's smallest on-screen size. */
  private viewHeight = { value: 1 };

  /** Call after changing members, so the next frame packs them again. */
  touch() {
    this.version += 1;
  }

  get packVersion() {
    return this.version;
  }

  constructor() {
    super();
    this.addEventListener("synccomplete" as never, () => this.touch());
  }

  setExtras(text: Text, opacity: number, face: number) {
    const had = this.extras.get(text);
    if (had && had.opacity === opacity && had.face === face) return;
    this.extras.set(text, { opacity, face });
    this.extrasVersion += 1;
  }

  setOpacity(text: Text, opacity: number) {
    this.setExtras(text, opacity, this.extras.get(text)?.face ?? 0);
  }

  forget(text: Text) {
    this.extras.delete(text);
  }

  override createDerivedMaterial(baseMaterial: THREE.Material) {
    const derived = super.createDerivedMaterial(baseMaterial) as TroikaMaterial;
    derived.uniforms.uEngramViewHeight = this.viewHeight;
    const key = derived.customProgramCacheKey.bind(derived);
    derived.customProgramCacheKey = () => `${key()}|engram-face`;
    // Runs after troika has written its shaders (its setter keeps this as an extra step).
    derived.onBeforeCompile = (shader) => {
      if (!MEMBER_TRANSFORM.test(shader.vertexShader) || !PACKED_COLOUR.test(shader.vertexShader)) throw new Error("troika's batched text shader changed: see text-batch.tsx.");
      const body = shader.vertexShader
        .replace(MEMBER_TRANSFORM, (_, p: string) => faceTheViewer(p))
        .replace(PACKED_COLOUR, (_, data: string) => `diffuse = engramLinear(troikaFloatToColor(${data}.x));`);
      shader.vertexShader = `uniform float uEngramViewHeight;\n${LINEAR_FROM_SRGB}\n${body}`;
    };
    return derived;
  }

  override onBeforeRender(renderer: THREE.WebGLRenderer, scene: THREE.Scene, camera: THREE.Camera, geometry: THREE.BufferGeometry, material: THREE.Material, group: THREE.Group) {
    this.viewHeight.value = renderer.getSize(size).y;
    super.onBeforeRender(renderer, scene, camera, geometry, material, group);
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

  override _prepareForRender(material: TroikaMaterial) {
    const key = material.isTextOutlineMaterial ? "outline" : "main";
    let busy = this._needsRepack;
    if (!busy) for (const [text, info] of this._members) if (info.dirty || text._needsSync) busy = true;
    const texture = this._dataTextures[key];
    if (!busy && texture && this.packed.get(key) === this.version) {
      material.uniforms.uTroikaIsOutline!.value = key === "outline";
      this.packExtras(key, texture);
      material.setMatrixTexture(texture);
      Text.prototype._prepareForRender.call(this, material);
      return;
    }
    super._prepareForRender(material);
    this.packed.set(key, this.version);
    this.extrasPacked.delete(key);
    const repacked = this._dataTextures[key];
    if (repacked) this.packExtras(key, repacked);
  }

  /** Writes opacities and face values into a packed data texture, when they changed since. */
  private packExtras(key: string, texture: THREE.DataTexture) {
    if (this.extrasPacked.get(key) === this.extrasVersion) return;
    this.extrasPacked.set(key, this.extrasVersion);
    const data = texture.image.data as Float32Array;
    for (const [text, { index }] of this._members) {
      if (index < 0) continue;
      const extra = this.extras.get(text);
      data[index * FLOATS_PER_MEMBER + OPACITY_SLOT] = extra?.opacity ?? 1;
      data[index * FLOATS_PER_MEMBER + FACE_SLOT] = extra?.face ?? 0;
    }
    texture.needsUpdate = true;
  }
}

/** A text that names something: it faces the viewer, keeps a smallest size and joins decluttering. */
export interface LabelRole {
  kind: "concept" | "room";
  /** The concept or room named. */
  id: string;
  /** Smallest font size on screen, CSS pixels. */
  minPx: number;
}

export interface TextSpec {
  key: string;
  text: string;
  font: string;
  fontSize: number;
  maxWidth: number;
  color: string;
  anchorY: "top" | "bottom" | "middle";
  outlineWidth?: number;
  outlineColor?: string;
  position: readonly [number, number, number];
  rotation: readonly [number, number, number];
  label?: LabelRole;
}

/** What the legibility test reads about each label (see use-test-hooks.ts). */
export interface LabelReport extends ScreenBox {
  key: string;
  kind: LabelRole["kind"];
  id: string;
  text: string;
  /** Font size on screen, CSS pixels. */
  fontPx: number;
  /** In front of the camera and at least partly inside the canvas. */
  onScreen: boolean;
  /** Not faded out by decluttering. */
  shown: boolean;
  opacity: number;
  color: string;
  outlineColor: string | null;
}

/**
 * Up to this many new texts join at once. More (the titles of a whole big palace) are made in
 * slices between frames and join together at the end: the batch repacks every member whenever
 * one joins, so joining slice by slice would cost the square of their number.
 */
const AT_ONCE = 500;
/** Main-thread time one slice of new texts may take, so frames keep coming while they are made. */
const SLICE_MS = 8;
/** Fading in or out takes about 1 / FADE_RATE seconds. */
const FADE_RATE = 7;

function signatureOf(s: TextSpec) {
  const label = s.label ? `${s.label.kind}:${s.label.id}:${s.label.minPx}` : "";
  return `${s.text}|${s.font}|${s.fontSize}|${s.maxWidth}|${s.color}|${s.anchorY}|${s.outlineWidth ?? 0}|${s.outlineColor ?? ""}|${s.position.join(",")}|${s.rotation.join(",")}|${label}`;
}

function apply(batch: QuietBatchedText, text: Text, s: TextSpec) {
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
  batch.setExtras(text, 1, s.label ? s.label.minPx / s.fontSize : 0);
}

interface Member {
  text: Text;
  spec: TextSpec;
  signature: string;
}

interface LabelState {
  member: Member;
  opacity: number;
  target: number;
  report: LabelReport | null;
}

const origin = new THREE.Vector3();
const view = new THREE.Vector3();

/** Where a label stands on screen, as the shader draws it; null when behind the camera. */
function screenBoxOf(member: Member, camera: THREE.Camera, width: number, height: number) {
  const bounds = member.text.textRenderInfo?.blockBounds;
  if (!bounds || !member.spec.label) return null;
  origin.set(...member.spec.position);
  view.copy(origin).applyMatrix4(camera.matrixWorldInverse);
  const depth = -view.z;
  if (depth <= 1e-3) return null;
  origin.project(camera);
  const sx = ((origin.x + 1) / 2) * width;
  const sy = ((1 - origin.y) / 2) * height;
  const pxPerUnit = (camera.projectionMatrix.elements[5] * height) / 2 / depth;
  const smallest = member.spec.label.minPx / member.spec.fontSize;
  const k = Math.min(Math.max(pxPerUnit, smallest), smallest * LARGEST_TO_SMALLEST);
  const pad = member.spec.outlineWidth ?? 0;
  return {
    depth,
    fontPx: member.spec.fontSize * k,
    x0: sx + (bounds[0] - pad) * k,
    x1: sx + (bounds[2] + pad) * k,
    y0: sy - (bounds[3] + pad) * k,
    y1: sy - (bounds[1] - pad) * k,
  };
}

const TIER = { selected: 0, spotlit: 1, room: 2, concept: 3 } as const;

/**
 * Lays the labels out when the view changed (camera, canvas size, selection, hover, texts) and
 * eases each label's opacity towards shown or hidden; asks for frames only while one fades.
 */
function useDeclutter(batch: QuietBatchedText, labels: React.RefObject<LabelState[]>) {
  const invalidate = useThree((s) => s.invalidate);
  const last = useRef({ matrix: new THREE.Matrix4(), projection: new THREE.Matrix4(), width: 0, height: 0, selected: null as string | null, spotlit: null as string | null, version: -1 });

  useEffect(() => usePalaceUi.subscribe((s, before) => (s.selectedConceptId !== before.selectedConceptId || s.spotlitConceptId !== before.spotlitConceptId) && invalidate()), [invalidate]);

  useFrame((state, delta) => {
    const list = labels.current;
    if (list.length === 0) return;
    const { camera } = state;
    const { width, height } = state.size;
    const ui = usePalaceUi.getState();
    camera.updateMatrixWorld();
    const was = last.current;
    const moved =
      !was.matrix.equals(camera.matrixWorld) ||
      !was.projection.equals(camera.projectionMatrix) ||
      was.width !== width ||
      was.height !== height ||
      was.selected !== ui.selectedConceptId ||
      was.spotlit !== ui.spotlitConceptId ||
      was.version !== batch.packVersion;
    if (moved) {
      Object.assign(was, { width, height, selected: ui.selectedConceptId, spotlit: ui.spotlitConceptId, version: batch.packVersion });
      was.matrix.copy(camera.matrixWorld);
      was.projection.copy(camera.projectionMatrix);
      const candidates: LabelCandidate[] = [];
      const placed: LabelState[] = [];
      for (const label of list) {
        const role = label.member.spec.label!;
        const box = screenBoxOf(label.member, camera, width, height);
        const onScreen = !!box && box.x1 > 0 && box.x0 < width && box.y1 > 0 && box.y0 < height;
        label.report = box && {
          key: label.member.spec.key,
          kind: role.kind,
          id: role.id,
          text: label.member.spec.text,
          fontPx: box.fontPx,
          x0: box.x0,
          x1: box.x1,
          y0: box.y0,
          y1: box.y1,
          onScreen,
          shown: true,
          opacity: label.opacity,
          color: label.member.spec.color,
          outlineColor: label.member.spec.outlineWidth ? (label.member.spec.outlineColor ?? null) : null,
        };
        if (!box || !onScreen) {
          label.target = 1;
          continue;
        }
        const tier =
          role.kind === "room" ? TIER.room : role.id === ui.selectedConceptId ? TIER.selected : role.id === ui.spotlitConceptId ? TIER.spotlit : TIER.concept;
        // Labels already showing keep their place against a slightly nearer one, so turning
        // the view does not make neighbours flicker in turn.
        candidates.push({ ...box, rank: tier * 1e5 + box.depth - (label.target > 0.5 ? 0.75 : 0) });
        placed.push(label);
      }
      const shown = declutter(candidates);
      placed.forEach((label, i) => {
        label.target = shown[i] ? 1 : 0;
        if (label.report) label.report.shown = shown[i]!;
      });
    }
    let fading = false;
    for (const label of list) {
      if (label.opacity === label.target) continue;
      const step = Math.min(1, delta * FADE_RATE);
      label.opacity = Math.abs(label.target - label.opacity) <= step ? label.target : label.opacity + Math.sign(label.target - label.opacity) * step;
      if (label.report) label.report.opacity = label.opacity;
      batch.setOpacity(label.member.text, label.opacity);
      fading ||= label.opacity !== label.target;
    }
    if (fading) invalidate();
  });
}

/**
 * `overlay` draws the texts over everything else, as a map's labels are (the overview); without
 * it, walls and objects hide what stands behind them (walking).
 */
export function TextBatch({ specs, overlay = false }: { specs: TextSpec[]; overlay?: boolean }) {
  const invalidate = useThree((s) => s.invalidate);
  const gl = useThree((s) => s.gl);
  const members = useRef(new Map<string, Member>());
  const labels = useRef<LabelState[]>([]);
  const batch = useMemo(() => {
    const b = new QuietBatchedText();
    // Front faces only: a fixed text read from both sides carries a second, turned copy.
    // Halos are see-through at their edge and must not hide what is drawn after them.
    b.material = new THREE.MeshBasicMaterial({ side: THREE.FrontSide, transparent: true, toneMapped: false, depthWrite: false });
    return b;
  }, []);

  useLayoutEffect(() => {
    const material = batch.material as THREE.Material;
    material.depthTest = !overlay;
    batch.renderOrder = overlay ? 10 : 0;
    invalidate();
  }, [batch, overlay, invalidate]);

  useLayoutEffect(() => {
    const wanted = new Set(specs.map((s) => s.key));
    for (const [key, member] of members.current) {
      if (wanted.has(key)) continue;
      batch.removeText(member.text);
      batch.forget(member.text);
      member.text.dispose();
      members.current.delete(key);
    }
    const fresh: TextSpec[] = [];
    for (const spec of specs) {
      const member = members.current.get(spec.key);
      if (!member) fresh.push(spec);
      else if (member.signature !== signatureOf(spec)) {
        member.signature = signatureOf(spec);
        member.spec = spec;
        apply(batch, member.text, spec);
      }
    }
    const relabel = () => {
      const before = new Map(labels.current.map((l) => [l.member, l]));
      labels.current = [...members.current.values()].filter((m) => m.spec.label).map((member) => before.get(member) ?? { member, opacity: 1, target: 1, report: null });
    };
    const join = (made: { spec: TextSpec; text: Text }[]) => {
      for (const { spec, text } of made) {
        members.current.set(spec.key, { text, spec, signature: signatureOf(spec) });
        batch.addText(text);
      }
      relabel();
      batch.touch();
      batch.sync(() => invalidate());
      invalidate();
    };
    const make = (spec: TextSpec) => {
      const text = new Text();
      apply(batch, text, spec);
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

  useDeclutter(batch, labels);

  // The legibility test reads where each label stands on the page (see use-test-hooks.ts).
  useEffect(() => {
    batch.userData = {
      kind: "labels",
      report: (): LabelReport[] => {
        const page = gl.domElement.getBoundingClientRect();
        return labels.current.flatMap((l) =>
          l.report ? [{ ...l.report, x0: l.report.x0 + page.left, x1: l.report.x1 + page.left, y0: l.report.y0 + page.top, y1: l.report.y1 + page.top }] : [],
        );
      },
    };
  }, [batch, gl]);

  return <primitive object={batch} frustumCulled={false} />;
}
