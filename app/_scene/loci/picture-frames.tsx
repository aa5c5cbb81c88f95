// Pictures hung beside their concepts, on the viewer's right, turned to face them. Only the pictures nearest the camera are loaded (a
// thumbnail at a distance, the display size up close) and each draws as one quad whose frame
// is painted by its shader, so a room of hundreds of pictures costs a couple of dozen draw
// calls and textures; pictures that fall out of range are unloaded and their textures freed.
import { useFrame, useThree } from "@react-three/fiber";
import { useEffect, useMemo, useRef, useState } from "react";
import * as THREE from "three";

export interface PictureItem {
  conceptId: string;
  thumbUrl: string;
  displayUrl: string;
  /** Aspect of the stored picture (width / height). */
  aspect: number;
  /** Where the picture hangs when seen face on: centred on its concept, at picture height. */
  position: [number, number, number];
}

type Level = "thumb" | "display";

/** Pictures further than this from the camera (metres) are not loaded at all. */
const LOAD_RADIUS = 30;
/** At most this many pictures are loaded at once, the nearest first. */
const MAX_LOADED = 24;
/** Closer than NEAR a picture shows its display size; it goes back to the thumbnail past FAR. */
const NEAR = 5;
const FAR = 7;
/** How often the set of loaded pictures is reconsidered, in ms. */
const CHECK_MS = 250;
/** Longest side of a hung picture, in metres. */
export const PICTURE_SIZE = 0.7;

/** Width of the painted frame around a picture, in metres. */
const FRAME_BAND = 0.05;

const QUAD = new THREE.PlaneGeometry(1, 1);
const FRAME_COLOUR = new THREE.Color("#5a4632");
const cameraAt = new THREE.Vector3();
/** From a concept's centre to the near edge of its picture: just clear of the widest object. */
const SIDE_GAP = 0.3;

const vertexShader = /* glsl */ `
varying vec2 vUv;
void main() {
  vUv = uv;
  gl_Position = projectionMatrix * modelViewMatrix * vec4(position, 1.0);
}`;

// The frame is the outer band of the quad; inside it the picture is sampled.
const fragmentShader = /* glsl */ `
uniform sampler2D map;
uniform vec3 frameColour;
uniform vec2 border;
varying vec2 vUv;
void main() {
  vec2 inner = (vUv - border) / (1.0 - 2.0 * border);
  if (any(lessThan(inner, vec2(0.0))) || any(greaterThan(inner, vec2(1.0)))) {
    gl_FragColor = vec4(frameColour, 1.0);
  } else {
    gl_FragColor = vec4(texture2D(map, inner).rgb, 1.0);
  }
  #include <colorspace_fragment>
}`;

const loader = new THREE.TextureLoader();

/** Width and height of a hung picture with its frame, in metres. */
export function frameSize(aspect: number): [number, number] {
  const width = aspect >= 1 ? PICTURE_SIZE : PICTURE_SIZE * aspect;
  const height = aspect >= 1 ? PICTURE_SIZE / aspect : PICTURE_SIZE;
  return [width + 2 * FRAME_BAND, height + 2 * FRAME_BAND];
}

function framedMaterial(width: number, height: number) {
  return new THREE.ShaderMaterial({
    uniforms: {
      map: { value: null },
      frameColour: { value: FRAME_COLOUR },
      border: { value: new THREE.Vector2(FRAME_BAND / width, FRAME_BAND / height) },
    },
    vertexShader,
    fragmentShader,
    side: THREE.DoubleSide,
    toneMapped: false,
  });
}

function PictureFrame({ item, level, onLoaded }: { item: PictureItem; level: Level; onLoaded: () => void }) {
  const [width, height] = frameSize(item.aspect);
  const material = useMemo(() => framedMaterial(width, height), [width, height]);
  const [texture, setTexture] = useState<THREE.Texture | null>(null);
  const held = useRef<THREE.Texture | null>(null);
  const url = level === "display" ? item.displayUrl : item.thumbUrl;

  // The new size replaces the old one only once it has arrived, so nothing blinks.
  useEffect(() => {
    let cancelled = false;
    loader.load(
      url,
      (loaded) => {
        if (cancelled) return loaded.dispose();
        loaded.colorSpace = THREE.SRGBColorSpace;
        loaded.anisotropy = 4;
        held.current?.dispose();
        held.current = loaded;
        setTexture(loaded);
      },
      undefined,
      // A picture that fails to load (removed meanwhile) simply stays hidden.
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [url]);
  useEffect(() => () => material.dispose(), [material]);
  // Leaving range frees the GPU copy at once.
  useEffect(
    () => () => {
      held.current?.dispose();
      held.current = null;
    },
    [],
  );
  useEffect(() => {
    material.uniforms.map!.value = texture;
    if (texture) onLoaded();
  }, [material, texture, onLoaded]);

  return (
    <mesh
      geometry={QUAD}
      material={material}
      position={item.position}
      scale={[width, height, 1]}
      visible={texture !== null}
      userData={{ kind: "picture", conceptId: item.conceptId, level: texture ? level : null, url, base: item.position, width }}
    />
  );
}

/** Which pictures to load, and at which size, for a camera at (x, y, z). */
export function choosePictures(items: PictureItem[], at: { x: number; y: number; z: number }, previous: Map<string, Level>): Map<string, Level> {
  const near = items
    .map((item) => ({ item, d: Math.hypot(item.position[0] - at.x, item.position[1] - at.y, item.position[2] - at.z) }))
    .filter((e) => e.d <= LOAD_RADIUS)
    .sort((a, b) => a.d - b.d)
    .slice(0, MAX_LOADED);
  const next = new Map<string, Level>();
  for (const { item, d } of near) {
    const was = previous.get(item.conceptId);
    next.set(item.conceptId, d < NEAR || (was === "display" && d < FAR) ? "display" : "thumb");
  }
  return next;
}

const sameChoice = (a: Map<string, Level>, b: Map<string, Level>) => a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);

export function PictureFrames({ items }: { items: PictureItem[] }) {
  const camera = useThree((s) => s.camera);
  const invalidate = useThree((s) => s.invalidate);
  const [chosen, setChosen] = useState<Map<string, Level>>(() => new Map());
  const group = useRef<THREE.Group>(null);

  // Checked on a timer, not per frame: the choice changes only when the camera has moved a lot.
  useEffect(() => {
    if (items.length === 0) return;
    const check = () => {
      camera.getWorldPosition(cameraAt);
      setChosen((previous) => {
        const next = choosePictures(items, cameraAt, previous);
        return sameChoice(previous, next) ? previous : next;
      });
    };
    check();
    const timer = setInterval(check, CHECK_MS);
    return () => clearInterval(timer);
  }, [items, camera]);

  // Every picture stands to the viewer's right of its concept and turns to face the viewer, so
  // from any side it is beside the object rather than behind or in front of it.
  useFrame(() => {
    const g = group.current;
    if (!g) return;
    camera.getWorldPosition(cameraAt);
    for (const child of g.children) {
      const { base, width } = child.userData as { base: [number, number, number]; width: number };
      const dx = cameraAt.x - base[0];
      const dz = cameraAt.z - base[2];
      const length = Math.hypot(dx, dz) || 1;
      const side = SIDE_GAP + width / 2;
      child.position.set(base[0] + (dz / length) * side, base[1], base[2] - (dx / length) * side);
      child.rotation.y = Math.atan2(cameraAt.x - child.position.x, cameraAt.z - child.position.z);
    }
  });

  const loaded = useMemo(() => items.filter((i) => chosen.has(i.conceptId)), [items, chosen]);
  return (
    <group ref={group}>
      {loaded.map((item) => (
        <PictureFrame key={item.conceptId} item={item} level={chosen.get(item.conceptId)!} onLoaded={invalidate} />
      ))}
    </group>
  );
}
