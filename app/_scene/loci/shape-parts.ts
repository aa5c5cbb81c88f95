// The five locus shapes broken into parts. Every part of every shape is one instanced mesh, so a
// palace draws the same handful of meshes whether it holds ten concepts or ten thousand.
import * as THREE from "three";
import type { TLocusShape } from "~/server/domain/locus/locus.schema";

export type PartColor = "own" | "stone" | "iron";

export interface ShapePart {
  key: string;
  shape: TLocusShape;
  geometry: THREE.BufferGeometry;
  /** Placement of the part relative to the locus (on the floor, before the locus's turn). */
  offset: [number, number, number];
  tiltX?: number;
  color: PartColor;
  /** Unlit, so a lamp's bulb glows the same in software WebGL as on a graphics card. */
  glow?: boolean;
}

export const PART_COLORS: Record<Exclude<PartColor, "own">, string> = { stone: "#ece6da", iron: "#3a3a40" };

export const SHAPE_PARTS: ShapePart[] = [
  { key: "pedestal-column", shape: "pedestal", geometry: new THREE.CylinderGeometry(0.26, 0.32, 0.9, 14), offset: [0, 0.45, 0], color: "stone" },
  { key: "pedestal-plaque", shape: "pedestal", geometry: new THREE.BoxGeometry(0.55, 0.06, 0.38), offset: [0, 1.02, 0], tiltX: -0.5, color: "own" },
  { key: "cube", shape: "cube", geometry: new THREE.BoxGeometry(0.62, 0.62, 0.62), offset: [0, 0.33, 0], color: "own" },
  { key: "sphere-stand", shape: "sphere", geometry: new THREE.CylinderGeometry(0.28, 0.32, 0.1, 14), offset: [0, 0.05, 0], color: "stone" },
  { key: "sphere", shape: "sphere", geometry: new THREE.SphereGeometry(0.35, 18, 12), offset: [0, 0.45, 0], color: "own" },
  { key: "book-lectern", shape: "book", geometry: new THREE.BoxGeometry(0.45, 0.8, 0.35), offset: [0, 0.4, 0], color: "stone" },
  { key: "book", shape: "book", geometry: new THREE.BoxGeometry(0.6, 0.12, 0.45), offset: [0, 0.88, 0], tiltX: -0.35, color: "own" },
  { key: "lamp-foot", shape: "lamp", geometry: new THREE.CylinderGeometry(0.22, 0.25, 0.08, 12), offset: [0, 0.04, 0], color: "iron" },
  { key: "lamp-pole", shape: "lamp", geometry: new THREE.CylinderGeometry(0.035, 0.035, 1.3, 6), offset: [0, 0.7, 0], color: "iron" },
  { key: "lamp-bulb", shape: "lamp", geometry: new THREE.SphereGeometry(0.2, 12, 8), offset: [0, 1.42, 0], color: "own", glow: true },
];

/** How tall each shape stands, so its title floats just above it. */
export const SHAPE_HEIGHT: Record<TLocusShape, number> = {
  pedestal: 1.25,
  cube: 0.7,
  sphere: 0.8,
  book: 1.05,
  lamp: 1.65,
};
