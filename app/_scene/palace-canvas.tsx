"use client";
// The 3D palace: rooms, placed concepts and their links, seen from an orbiting camera above.
// Data arrives through props; the scene never fetches.
import { KeyboardControls, OrbitControls, PointerLockControls, QuadraticBezierLine } from "@react-three/drei";
import { Canvas, useThree } from "@react-three/fiber";
import { useLayoutEffect, useMemo } from "react";
import * as THREE from "three";
import type { TPalaceScene } from "~/server/domain/palace/palace.schema";
import type { TRoom } from "~/server/domain/room/room.schema";
import { collisionWalls } from "~/server/domain/room/walk.logic";
import type { ViewMode } from "../_stores/walk-store";
import { MOVE_KEYS } from "./controls/keymap";
import { WalkControls } from "./controls/walk-controls";
import { useTestHooks } from "./hooks/use-test-hooks";
import { LocusObject, SHAPE_HEIGHT } from "./loci/locus-object";
import { RoomMesh, type RoomDoor } from "./rooms/room-mesh";

export interface PalaceCanvasProps {
  scene: TPalaceScene;
  mode: ViewMode;
  selectedConceptId: string | null;
  onSelectConcept(conceptId: string | null): void;
  /** When set, clicking a floor reports the room and the room-local point. */
  onFloorClick?: (room: TRoom, x: number, z: number) => void;
  testHooks: boolean;
}

function bounds(rooms: TRoom[]) {
  if (rooms.length === 0) return { cx: 0, cz: 0, width: 12, depth: 12, size: 12 };
  const minX = Math.min(...rooms.map((r) => r.gridX));
  const minZ = Math.min(...rooms.map((r) => r.gridZ));
  const maxX = Math.max(...rooms.map((r) => r.gridX + r.width));
  const maxZ = Math.max(...rooms.map((r) => r.gridZ + r.depth));
  const width = Math.max(maxX - minX, 6);
  const depth = Math.max(maxZ - minZ, 6);
  return { cx: (minX + maxX) / 2, cz: (minZ + maxZ) / 2, width, depth, size: Math.max(width, depth) };
}

// The overview looks down from the south at this slant.
const VIEW_DIRECTION = new THREE.Vector3(0, 0.8, 0.6).normalize();

/** Puts the camera where the whole floor plan fits the canvas, whatever its shape. */
function FitCamera({ view }: { view: ReturnType<typeof bounds> }) {
  const camera = useThree((s) => s.camera) as THREE.PerspectiveCamera;
  const aspect = useThree((s) => s.size.width / Math.max(1, s.size.height));
  useLayoutEffect(() => {
    const vHalf = THREE.MathUtils.degToRad(camera.fov / 2);
    const hHalf = Math.atan(Math.tan(vHalf) * aspect);
    // The plan is seen at a slant, so its depth shrinks on screen by the view's elevation.
    const distance = 1.1 * Math.max(view.width / 2 / Math.tan(hHalf), (view.depth * VIEW_DIRECTION.y) / 2 / Math.tan(vHalf)) + 2;
    camera.position.set(view.cx, 0, view.cz).addScaledVector(VIEW_DIRECTION, distance);
    camera.lookAt(view.cx, 0, view.cz);
    camera.updateProjectionMatrix();
    // Only a change of the plan's extent re-frames the view, not every edit inside it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [camera, aspect, view.cx, view.cz, view.width, view.depth]);
  return null;
}

function TestHooks({ enabled }: { enabled: boolean }) {
  useTestHooks(enabled);
  return null;
}

export default function PalaceCanvas(props: PalaceCanvasProps) {
  const { scene } = props;
  const view = useMemo(() => bounds(scene.rooms), [scene.rooms]);

  const doorsByRoom = useMemo(() => {
    const byId = new Map(scene.rooms.map((r) => [r.id, r]));
    const map = new Map<string, RoomDoor[]>();
    for (const d of scene.doors) {
      const a = byId.get(d.roomAId);
      const b = byId.get(d.roomBId);
      if (!a || !b) continue;
      map.set(a.id, [...(map.get(a.id) ?? []), { other: b, position: d.position, width: d.width }]);
      map.set(b.id, [...(map.get(b.id) ?? []), { other: a, position: d.position, width: d.width }]);
    }
    return map;
  }, [scene.rooms, scene.doors]);

  const placed = useMemo(() => {
    const rooms = new Map(scene.rooms.map((r) => [r.id, r]));
    const concepts = new Map(scene.concepts.map((c) => [c.id, c]));
    return scene.loci.flatMap((l) => {
      const room = rooms.get(l.roomId);
      const concept = concepts.get(l.conceptId);
      if (!room || !concept) return [];
      return [{ locus: l, concept, position: [room.gridX + l.x, l.y, room.gridZ + l.z] as [number, number, number] }];
    });
  }, [scene.rooms, scene.concepts, scene.loci]);

  const threads = useMemo(() => {
    const at = new Map(placed.map((p) => [p.concept.id, p]));
    return scene.links.flatMap((link) => {
      const a = at.get(link.fromConceptId);
      const b = at.get(link.toConceptId);
      if (!a || !b) return [];
      const start: [number, number, number] = [a.position[0], a.position[1] + SHAPE_HEIGHT[a.locus.shape] + 0.1, a.position[2]];
      const end: [number, number, number] = [b.position[0], b.position[1] + SHAPE_HEIGHT[b.locus.shape] + 0.1, b.position[2]];
      const span = Math.hypot(end[0] - start[0], end[2] - start[2]);
      const mid: [number, number, number] = [(start[0] + end[0]) / 2, Math.max(start[1], end[1]) + 0.6 + span * 0.12, (start[2] + end[2]) / 2];
      return [{ id: link.id, start, end, mid }];
    });
  }, [placed, scene.links]);

  const walls = useMemo(() => collisionWalls(scene.rooms, scene.doors), [scene.rooms, scene.doors]);
  const walking = props.mode === "walk";

  const selectedRoomId = placed.find((p) => p.concept.id === props.selectedConceptId)?.locus.roomId;

  return (
    <KeyboardControls map={MOVE_KEYS}>
    <Canvas
      frameloop={walking ? "always" : "demand"}
      dpr={[1, 2]}
      camera={{ fov: 45, near: 0.1, far: 1000 }}
      gl={{ antialias: true, preserveDrawingBuffer: props.testHooks }}
      onPointerMissed={() => props.onSelectConcept(null)}
      role="img"
      aria-label={`3D view of ${scene.palace.title}`}
    >
      <color attach="background" args={["#1b2030"]} />
      <hemisphereLight args={["#fff6e8", "#3a3f55", 1.1]} />
      <ambientLight intensity={0.35} />
      <directionalLight position={[view.cx + 10, 25, view.cz + 15]} intensity={1.3} />
      <mesh rotation-x={-Math.PI / 2} position={[view.cx, -0.02, view.cz]}>
        <planeGeometry args={[view.size * 4, view.size * 4]} />
        <meshStandardMaterial color="#262c3d" roughness={1} />
      </mesh>
      {scene.rooms.map((room) => (
        <RoomMesh
          key={room.id}
          room={room}
          doors={doorsByRoom.get(room.id) ?? []}
          highlighted={room.id === selectedRoomId}
          cutaway={!walking}
          onFloorClick={props.onFloorClick}
        />
      ))}
      {placed.map(({ locus, concept, position }) => (
        <LocusObject
          key={locus.id}
          locusId={locus.id}
          title={concept.title}
          shape={locus.shape}
          color={locus.color}
          position={position}
          rotationY={locus.rotationY}
          selected={concept.id === props.selectedConceptId}
          onSelect={() => props.onSelectConcept(concept.id)}
        />
      ))}
      {threads.map((t) => (
        <QuadraticBezierLine key={t.id} start={t.start} end={t.end} mid={t.mid} color="#f2b35b" lineWidth={1.6} transparent opacity={0.85} />
      ))}
      {walking ? (
        <>
          <WalkControls walls={walls} rooms={scene.rooms} />
          <PointerLockControls selector="#walk-look" />
        </>
      ) : (
        <>
          <FitCamera view={view} />
          <OrbitControls
            makeDefault
            target={[view.cx, 0, view.cz]}
            maxPolarAngle={Math.PI / 2.15}
            minDistance={3}
            maxDistance={view.size * 3}
            enableDamping={false}
          />
        </>
      )}
      <TestHooks enabled={props.testHooks} />
    </Canvas>
    </KeyboardControls>
  );
}
