"use client";
// The 3D palace: rooms, placed concepts and their links, seen from an orbiting camera above.
// Data arrives through props; the scene never fetches.
import { KeyboardControls, OrbitControls, PointerLockControls } from "@react-three/drei";
import { Canvas, useThree } from "@react-three/fiber";
import { useLayoutEffect, useMemo } from "react";
import * as THREE from "three";
import type { TPalaceScene } from "~/server/domain/palace/palace.schema";
import { pictureUrl } from "~/server/domain/picture/picture.schema";
import type { TRoom } from "~/server/domain/room/room.schema";
import { collisionWalls } from "~/server/domain/room/walk.logic";
import { useWalk, type ViewMode } from "../_stores/walk-store";
import { MOVE_KEYS } from "./controls/keymap";
import { useDragLoci } from "./controls/drag-loci";
import { CELL_SIZE, WalkControls } from "./controls/walk-controls";
import { useTestHooks } from "./hooks/use-test-hooks";
import { LinkThreads } from "./loci/link-threads";
import { RoutePath } from "./loci/route-path";
import { Avatars } from "./people/avatars";
import { LociInstances, type PlacedItem } from "./loci/loci-instances";
import { LociLabels } from "./loci/loci-labels";
import { LocusObject } from "./loci/locus-object";
import { frameSize, PictureFrames, type PictureItem } from "./loci/picture-frames";
import { SHAPE_HEIGHT } from "./loci/shape-parts";
import { RoomMesh, type RoomDoor } from "./rooms/room-mesh";

/** Titles are 27 cm tall: beyond this distance (metres) nobody reads them. */
const LABEL_DISTANCE = 14;
/** Height of a hung picture's lower edge above its concept's floor, metres. */
const PICTURE_BOTTOM = 0.7;
const NO_PICTURES: PictureItem[] = [];

export interface PalaceCanvasProps {
  scene: TPalaceScene;
  mode: ViewMode;
  selectedConceptId: string | null;
  onSelectConcept: (conceptId: string | null) => void;
  /** When set, clicking a floor reports the room and the room-local point. */
  onFloorClick?: (room: TRoom, x: number, z: number) => void;
  /** Paints each concept in this colour instead of its own (e.g. by how well it is known). */
  colourOf?: Map<string, string>;
  /** This concept's title is left out (covered during a recall walk). */
  untitledConceptId?: string | null;
  /** Draws the route, numbered, on the floors. */
  showRoute?: boolean;
  /** When set (editors), concepts can be dragged to a new spot from the overview. */
  onMoveConcept?: (conceptId: string, room: TRoom, x: number, z: number) => void;
  testHooks: boolean;
  /**
   * "instanced" draws every concept with shared instanced meshes and one batched text; "naive"
   * draws one mesh group and one text per concept, kept as the baseline the scene benchmark
   * compares against.
   */
  renderer?: "instanced" | "naive";
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
  }, [camera, aspect, view.cx, view.cz, view.width, view.depth]);
  return null;
}

function DraggableLoci(props: {
  items: PlacedItem[];
  rooms: TRoom[];
  onSelect: (conceptId: string) => void;
  onMove?: (conceptId: string, room: TRoom, x: number, z: number) => void;
}) {
  const drag = useDragLoci(props.rooms, props.onMove);
  return (
    <>
      <LociInstances
        items={props.items}
        handlers={{
          onSelect: props.onSelect,
          onPointerDown: props.onMove ? drag.onPointerDown : undefined,
          onPointerMove: drag.onPointerMove,
          onPointerUp: drag.onPointerUp,
        }}
      />
      {drag.ghost}
    </>
  );
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

  const walking = props.mode === "walk";
  const currentRoomId = useWalk((st) => st.roomId);

  // Walking, only the room you stand in and the rooms seen through its doors are drawn, so a
  // palace of hundreds of rooms costs what a handful does. From above, everything is in view.
  const visibleRoomIds = useMemo(() => {
    if (!walking || !currentRoomId) return new Set(scene.rooms.map((r) => r.id));
    const ids = new Set([currentRoomId]);
    for (const d of scene.doors) {
      if (d.roomAId === currentRoomId) ids.add(d.roomBId);
      if (d.roomBId === currentRoomId) ids.add(d.roomAId);
    }
    return ids;
  }, [walking, currentRoomId, scene.rooms, scene.doors]);

  const placed = useMemo(() => {
    const rooms = new Map(scene.rooms.map((r) => [r.id, r]));
    const concepts = new Map(scene.concepts.map((c) => [c.id, c]));
    return scene.loci.flatMap((l): PlacedItem[] => {
      const room = rooms.get(l.roomId);
      const concept = concepts.get(l.conceptId);
      if (!room || !concept || !visibleRoomIds.has(room.id)) return [];
      return [
        {
          locusId: l.id,
          conceptId: concept.id,
          title: concept.title,
          shape: l.shape,
          color: props.colourOf?.get(concept.id) ?? l.color,
          rotationY: l.rotationY,
          position: [room.gridX + l.x, l.y, room.gridZ + l.z],
        },
      ];
    });
  }, [scene.rooms, scene.concepts, scene.loci, visibleRoomIds, props.colourOf]);

  const routeStops = useMemo(() => {
    if (!props.showRoute) return [];
    const order = new Map(scene.loci.map((l) => [l.id, l.routeOrder]));
    return placed.map((p) => ({ order: order.get(p.locusId) ?? 0, position: p.position }));
  }, [props.showRoute, placed, scene.loci]);

  // Walking, titles further than you could read are left out of the batch; the set changes
  // only when you cross into another 3 m square of floor.
  const cell = useWalk((st) => st.cell);
  const labelled = useMemo(() => {
    const shown = props.untitledConceptId ? placed.filter((p) => p.conceptId !== props.untitledConceptId) : placed;
    if (!walking || !cell) return shown;
    const cx = (cell.x + 0.5) * CELL_SIZE;
    const cz = (cell.z + 0.5) * CELL_SIZE;
    return shown.filter((p) => Math.hypot(p.position[0] - cx, p.position[2] - cz) <= LABEL_DISTANCE);
  }, [walking, cell, placed, props.untitledConceptId]);

  const threads = useMemo(() => {
    const at = new Map(placed.map((p) => [p.conceptId, p]));
    return scene.links.flatMap((link) => {
      const a = at.get(link.fromConceptId);
      const b = at.get(link.toConceptId);
      if (!a || !b) return [];
      const start: [number, number, number] = [a.position[0], a.position[1] + SHAPE_HEIGHT[a.shape] + 0.1, a.position[2]];
      const end: [number, number, number] = [b.position[0], b.position[1] + SHAPE_HEIGHT[b.shape] + 0.1, b.position[2]];
      return [{ start, end }];
    });
  }, [placed, scene.links]);

  // A picture hangs beside its concept's object, low enough to stay clear of the title above
  // it and in view of someone standing in front; a covered concept's picture is hidden too.
  const pictures = useMemo(() => {
    const pictureOf = new Map(scene.concepts.flatMap((c) => (c.picture ? [[c.id, c.picture] as const] : [])));
    if (pictureOf.size === 0) return NO_PICTURES;
    return placed.flatMap((p): PictureItem[] => {
      const picture = pictureOf.get(p.conceptId);
      if (!picture || p.conceptId === props.untitledConceptId) return [];
      const aspect = picture.width / picture.height;
      const [, height] = frameSize(aspect);
      return [
        {
          conceptId: p.conceptId,
          thumbUrl: pictureUrl(p.conceptId, picture.hash, "thumb"),
          displayUrl: pictureUrl(p.conceptId, picture.hash, "display"),
          aspect,
          position: [p.position[0], p.position[1] + PICTURE_BOTTOM + height / 2, p.position[2]],
        },
      ];
    });
  }, [scene.concepts, placed, props.untitledConceptId]);

  const walls = useMemo(() => collisionWalls(scene.rooms, scene.doors), [scene.rooms, scene.doors]);
  const selected = placed.find((p) => p.conceptId === props.selectedConceptId);
  const selectedRoomId = scene.loci.find((l) => l.conceptId === props.selectedConceptId)?.roomId;

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
      {scene.rooms.filter((room) => visibleRoomIds.has(room.id)).map((room) => (
        <RoomMesh
          key={room.id}
          room={room}
          doors={doorsByRoom.get(room.id) ?? []}
          highlighted={room.id === selectedRoomId}
          cutaway={!walking}
          onFloorClick={props.onFloorClick}
        />
      ))}
      {props.renderer === "naive" ? (
        placed.map((item) => (
          <LocusObject
            key={item.locusId}
            locusId={item.locusId}
            title={item.title}
            shape={item.shape}
            color={item.color}
            position={item.position}
            rotationY={item.rotationY}
            selected={false}
            onSelect={() => props.onSelectConcept(item.conceptId)}
          />
        ))
      ) : (
        <>
          <DraggableLoci items={placed} rooms={scene.rooms} onSelect={props.onSelectConcept} onMove={walking ? undefined : props.onMoveConcept} />
          <LociLabels items={labelled} large={!walking} />
        </>
      )}
      {selected && (
        <mesh rotation-x={-Math.PI / 2} position={[selected.position[0], selected.position[1] + 0.03, selected.position[2]]}>
          <ringGeometry args={[0.45, 0.58, 40]} />
          <meshBasicMaterial color="#f2b35b" toneMapped={false} />
        </mesh>
      )}
      <PictureFrames items={pictures} />
      <LinkThreads threads={threads} />
      {props.showRoute && <RoutePath stops={routeStops} />}
      <Avatars rooms={scene.rooms} />
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
