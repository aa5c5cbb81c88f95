// All placed concepts of the visible rooms in a fixed number of draw calls: one instanced mesh
// per shape part (see shape-parts.ts). Clicking an instance selects its concept.
import type { ThreeEvent } from "@react-three/fiber";
import { useLayoutEffect, useMemo, useRef } from "react";
import * as THREE from "three";
import type { TLocusShape } from "~/server/domain/locus/locus.schema";
import { PART_COLORS, SHAPE_PARTS, type ShapePart } from "./shape-parts";

export interface PlacedItem {
  locusId: string;
  conceptId: string;
  title: string;
  shape: TLocusShape;
  color: string;
  position: [number, number, number];
  rotationY: number;
}

const matrix = new THREE.Matrix4();
const placement = new THREE.Matrix4();
const local = new THREE.Matrix4();
const tilt = new THREE.Matrix4();
const color = new THREE.Color();

/** Instanced meshes are sized in powers of two so small edits do not rebuild them. */
const capacityFor = (n: number) => Math.max(16, 2 ** Math.ceil(Math.log2(Math.max(1, n))));

function PartInstances({ part, items, onSelect }: { part: ShapePart; items: PlacedItem[]; onSelect(conceptId: string): void }) {
  const ref = useRef<THREE.InstancedMesh>(null);
  const material = useMemo(
    () => (part.glow ? new THREE.MeshBasicMaterial({ toneMapped: false }) : new THREE.MeshStandardMaterial({ roughness: 0.6 })),
    [part.glow],
  );
  const capacity = capacityFor(items.length);

  useLayoutEffect(() => {
    const mesh = ref.current;
    if (!mesh) return;
    local.makeTranslation(...part.offset);
    if (part.tiltX) local.multiply(tilt.makeRotationX(part.tiltX));
    items.forEach((item, i) => {
      placement.makeRotationY(item.rotationY).setPosition(...item.position);
      mesh.setMatrixAt(i, matrix.multiplyMatrices(placement, local));
      mesh.setColorAt(i, color.set(part.color === "own" ? item.color : PART_COLORS[part.color]));
    });
    mesh.count = items.length;
    mesh.instanceMatrix.needsUpdate = true;
    if (mesh.instanceColor) mesh.instanceColor.needsUpdate = true;
    mesh.computeBoundingSphere();
    mesh.computeBoundingBox();
  }, [items, part, capacity]);

  const onClick = (event: ThreeEvent<MouseEvent>) => {
    if (event.instanceId === undefined) return;
    const item = items[event.instanceId];
    if (!item) return;
    event.stopPropagation();
    onSelect(item.conceptId);
  };

  return (
    <instancedMesh
      key={capacity}
      ref={ref}
      args={[part.geometry, material, capacity]}
      visible={items.length > 0}
      frustumCulled={false}
      onClick={onClick}
    />
  );
}

export function LociInstances({ items, onSelect }: { items: PlacedItem[]; onSelect(conceptId: string): void }) {
  const byShape = useMemo(() => {
    const map = new Map<TLocusShape, PlacedItem[]>();
    for (const item of items) map.set(item.shape, [...(map.get(item.shape) ?? []), item]);
    return map;
  }, [items]);
  return (
    <group userData={{ kind: "loci", locusIds: items.map((i) => i.locusId) }}>
      {SHAPE_PARTS.map((part) => (
        <PartInstances key={part.key} part={part} items={byShape.get(part.shape) ?? EMPTY} onSelect={onSelect} />
      ))}
    </group>
  );
}

const EMPTY: PlacedItem[] = [];
