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

export interface InstanceHandlers {
  onSelect: (conceptId: string) => void;
  onPointerDown?: (conceptId: string, event: ThreeEvent<PointerEvent>) => void;
  onPointerMove?: (event: ThreeEvent<PointerEvent>) => void;
  onPointerUp?: (event: ThreeEvent<PointerEvent>) => void;
  /** The pointer came onto a concept, or (null) left `left`. */
  onHover?: (conceptId: string | null, left?: string) => void;
}

function PartInstances({ part, items, handlers }: { part: ShapePart; items: PlacedItem[]; handlers: InstanceHandlers }) {
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

  const itemOf = (event: ThreeEvent<MouseEvent | PointerEvent>) => (event.instanceId === undefined ? undefined : items[event.instanceId]);
  const onClick = (event: ThreeEvent<MouseEvent>) => {
    const item = itemOf(event);
    if (!item) return;
    event.stopPropagation();
    handlers.onSelect(item.conceptId);
  };
  const onPointerDown = (event: ThreeEvent<PointerEvent>) => {
    const item = itemOf(event);
    if (item && handlers.onPointerDown) handlers.onPointerDown(item.conceptId, event);
  };

  const onPointerOver = (event: ThreeEvent<PointerEvent>) => {
    const item = itemOf(event);
    if (item) handlers.onHover?.(item.conceptId);
  };
  const onPointerOut = (event: ThreeEvent<PointerEvent>) => {
    const item = itemOf(event);
    if (item) handlers.onHover?.(null, item.conceptId);
  };

  return (
    <instancedMesh
      key={capacity}
      ref={ref}
      args={[part.geometry, material, capacity]}
      visible={items.length > 0}
      frustumCulled={false}
      onClick={onClick}
      onPointerDown={onPointerDown}
      onPointerMove={handlers.onPointerMove}
      onPointerUp={handlers.onPointerUp}
      onPointerOver={handlers.onHover ? onPointerOver : undefined}
      onPointerOut={handlers.onHover ? onPointerOut : undefined}
    />
  );
}

export function LociInstances({ items, handlers }: { items: PlacedItem[]; handlers: InstanceHandlers }) {
  const byShape = useMemo(() => {
    const map = new Map<TLocusShape, PlacedItem[]>();
    for (const item of items) {
      const list = map.get(item.shape);
      if (list) list.push(item);
      else map.set(item.shape, [item]);
    }
    return map;
  }, [items]);
  return (
    <group userData={{ kind: "loci", locusIds: items.map((i) => i.locusId) }}>
      {SHAPE_PARTS.map((part) => (
        <PartInstances key={part.key} part={part} items={byShape.get(part.shape) ?? EMPTY} handlers={handlers} />
      ))}
    </group>
  );
}

const EMPTY: PlacedItem[] = [];
