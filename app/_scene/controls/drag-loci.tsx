// Moving a concept by dragging it across the floor (overview camera, editors only). The drag
// follows the pointer on the floor plane and shows where the concept will land; letting go in a
// room moves it there, letting go outside every room puts it back. A press without movement
// stays a click, which opens the concept.
import { type ThreeEvent, useThree } from "@react-three/fiber";
import { useState } from "react";
import * as THREE from "three";
import { roomAt } from "~/server/domain/room/walk.logic";
import type { TLiveRoom } from "~/server/realtime/live.schema";

const floor = new THREE.Plane(new THREE.Vector3(0, 1, 0), 0);
const hit = new THREE.Vector3();
const START_DISTANCE = 0.15;

interface Drag {
  conceptId: string;
  pointerId: number;
  from: THREE.Vector3;
  at: THREE.Vector3;
  moved: boolean;
}

export function useDragLoci(rooms: TLiveRoom[], onMove?: (conceptId: string, room: TLiveRoom, x: number, z: number) => void) {
  const controls = useThree((s) => s.controls) as { enabled: boolean } | null;
  const [drag, setDrag] = useState<Drag | null>(null);

  const onPointerDown = (conceptId: string, event: ThreeEvent<PointerEvent>) => {
    if (!onMove || event.button !== 0 || !event.ray.intersectPlane(floor, hit)) return;
    event.stopPropagation();
    // The orbit camera must not turn while an object is being carried.
    if (controls) controls.enabled = false;
    (event.target as Element | null)?.setPointerCapture?.(event.pointerId);
    setDrag({ conceptId, pointerId: event.pointerId, from: hit.clone(), at: hit.clone(), moved: false });
  };

  const onPointerMove = (event: ThreeEvent<PointerEvent>) => {
    if (!drag || event.pointerId !== drag.pointerId || !event.ray.intersectPlane(floor, hit)) return;
    const moved = drag.moved || hit.distanceTo(drag.from) > START_DISTANCE;
    setDrag({ ...drag, at: hit.clone(), moved });
  };

  const onPointerUp = (event: ThreeEvent<PointerEvent>) => {
    if (!drag || event.pointerId !== drag.pointerId) return;
    (event.target as Element | null)?.releasePointerCapture?.(event.pointerId);
    if (controls) controls.enabled = true;
    setDrag(null);
    if (!drag.moved) return;
    // The drag consumed this press: do not let it also count as a click that selects.
    event.stopPropagation();
    const room = roomAt(rooms, { x: drag.at.x, z: drag.at.z });
    if (room && onMove) onMove(drag.conceptId, room, drag.at.x - room.gridX, drag.at.z - room.gridZ);
  };

  const landing = drag?.moved ? roomAt(rooms, { x: drag.at.x, z: drag.at.z }) : null;
  const ghost = drag?.moved ? (
    <mesh position={[drag.at.x, 0.04, drag.at.z]} rotation-x={-Math.PI / 2}>
      <ringGeometry args={[0.3, 0.55, 32]} />
      <meshBasicMaterial color={landing ? "#8b83ff" : "#b3261e"} toneMapped={false} />
    </mesh>
  ) : null;

  return { dragging: drag?.moved ?? false, onPointerDown, onPointerMove, onPointerUp, ghost };
}
