"use client";
// The 3D palace: rooms, placed concepts and their links, seen from an orbiting camera above.
// The rows come from the open palace's live store through selectors; the scene never fetches.
import { KeyboardControls, OrbitControls, PointerLockControls } from "@react-three/drei";
import { Canvas, useFrame, useThree } from "@react-three/fiber";
import { memo, useCallback, useLayoutEffect, useMemo, useRef } from "react";
import * as THREE from "three";
import { pictureUrl } from "~/server/domain/picture/picture.schema";
import { collisionWalls } from "~/server/domain/room/walk.logic";
import { usePalaceUi } from "../_stores/palace-store";
import { useWalk, type ViewMode } from "../_stores/walk-store";
import { MOVE_KEYS } from "./controls/keymap";
import { useDragLoci } from "./controls/drag-loci";
import { CELL_SIZE, WalkControls } from "./controls/walk-controls";
import { useCommitCount } from "./hooks/use-commit-count";
import { useTestHooks } from "./hooks/use-test-hooks";
import { LinkThreads } from "./loci/link-threads";
import { LightsOut, RecallCover } from "./loci/recall-stop";
import { RoutePath } from "./loci/route-path";
import { Avatars } from "./people/avatars";
import { LociInstances, type PlacedItem } from "./loci/loci-instances";
import { LociLabels } from "./loci/loci-labels";
import { LocusObject } from "./loci/locus-object";
import { frameSize, PictureFrames, type PictureItem } from "./loci/picture-frames";
import { SHAPE_HEIGHT } from "./loci/shape-parts";
import { RoomMeshes, type RoomDoor } from "./rooms/room-mesh";
import type { TLiveRoom } from "~/server/realtime/live.schema";
import { doorList, linkList, locusList, roomList } from "../_stores/live-palace/live-palace.select";
import { usePalace } from "../_stores/live-palace/use-live-palace";

/** Titles are 27 cm tall: beyond this distance (metres) nobody reads them. */
const LABEL_DISTANCE = 14;
/** Height of a hung picture's lower edge above its concept's floor, metres. */
const PICTURE_BOTTOM = 0.7;
const NO_PICTURES: PictureItem[] = [];

export interface PalaceCanvasProps {
  mode: ViewMode;
  selectedConceptId: string | null;
  onSelectConcept: (conceptId: string | null) => void;
  /** When set, clicking a floor reports the room and the room-local point. */
  onFloorClick?: (room: TLiveRoom, x: number, z: number) => void;
  /** Paints each concept in this colour instead of its own (e.g. by how well it is known). */
  colourOf?: Map<string, string>;
  /** This concept's title and picture are covered with a cloth (the current recall stop). */
  untitledConceptId?: string | null;
  /** Lights out: the palace is dark but for a spotlight on this concept (a recall stop). */
  litConceptId?: string | null;
  /** Draws the route, numbered, on the floors. */
  showRoute?: boolean;
  /** When set (editors), concepts can be dragged to a new spot from the overview. */
  onMoveConcept?: (conceptId: string, room: TLiveRoom, x: number, z: number) => void;
  testHooks: boolean;
  /**
   * "instanced" draws every concept with shared instanced meshes and one batched text; "naive"
   * draws one mesh group and one text per concept, kept as the baseline the scene benchmark
   * compares against.
   */
  renderer?: "instanced" | "naive";
  /** Called once, after the first frame is drawn: the page loads the rest of a big palace then. */
  onFirstFrame?: () => void;
}

function bounds(rooms: TLiveRoom[]) {
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

const corner = new THREE.Vector3();
/** Share of the canvas, from its centre to each edge, that the plan may fill. */
const FIT_MARGIN = 0.92;
/** How high above the floors the plan's contents reach (walls, objects, their titles), metres. */
const CONTENT_HEIGHT = 2.2;

/**
 * Puts the camera where the whole floor plan and what stands on it fit the canvas, whatever its
 * shape: the nearest distance along the view's slant at which every corner of the plan's box
 * projects inside the canvas (the near edge, seen larger, is what usually decides).
 */
function FitCamera({ view }: { view: ReturnType<typeof bounds> }) {
  const camera = useThree((s) => s.camera) as THREE.PerspectiveCamera;
  const aspect = useThree((s) => s.size.width / Math.max(1, s.size.height));
  useLayoutEffect(() => {
    camera.aspect = aspect;
    camera.updateProjectionMatrix();
    const place = (distance: number) => {
      camera.position.set(view.cx, 0, view.cz).addScaledVector(VIEW_DIRECTION, distance);
      camera.lookAt(view.cx, 0, view.cz);
      camera.updateMatrixWorld();
    };
    const fits = (distance: number) => {
      place(distance);
      for (const x of [-1, 1])
        for (const z of [-1, 1])
          for (const y of [0, CONTENT_HEIGHT]) {
            corner.set(view.cx + (x * view.width) / 2, y, view.cz + (z * view.depth) / 2).project(camera);
            if (Math.abs(corner.x) > FIT_MARGIN || Math.abs(corner.y) > FIT_MARGIN || corner.z > 1) return false;
          }
      return true;
    };
    let near = 1;
    let far = 4 * (Math.max(view.width / aspect, view.depth) + 10);
    for (let i = 0; i < 40 && far - near > 0.05; i++) {
      const middle = (near + far) / 2;
      if (fits(middle)) far = middle;
      else near = middle;
    }
    place(far);
    // Only a change of the plan's extent re-frames the view, not every edit inside it.
  }, [camera, aspect, view.cx, view.cz, view.width, view.depth]);
  return null;
}

/** Keeps the last list while every entry's signature is unchanged, so its readers stay still. */
function useStableList<T>(list: T[], signature: (item: T) => string): T[] {
  const key = list.map(signature).join("\n");
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the signatures stand for the list: a new array with the same entries keeps the old one
  return useMemo(() => list, [key]);
}

const Rooms = memo(function Rooms(props: Parameters<typeof RoomMeshes<TLiveRoom>>[0]) {
  useCommitCount("room");
  return <RoomMeshes {...props} />;
});

const DraggableLoci = memo(function DraggableLoci(props: {
  items: PlacedItem[];
  rooms: TLiveRoom[];
  onSelect: (conceptId: string) => void;
  onMove?: (conceptId: string, room: TLiveRoom, x: number, z: number) => void;
}) {
  useCommitCount("loci");
  const drag = useDragLoci(props.rooms, props.onMove);
  const spotlight = usePalaceUi((s) => s.spotlight);
  return (
    <>
      <LociInstances
        items={props.items}
        handlers={{
          onSelect: props.onSelect,
          onPointerDown: props.onMove ? drag.onPointerDown : undefined,
          onPointerMove: drag.onPointerMove,
          onPointerUp: drag.onPointerUp,
          onHover: spotlight,
        }}
      />
      {drag.ghost}
    </>
  );
});

/**
 * Titles of the visible concepts (and, from above, the rooms' names). Walking, titles further
 * than you could read are left out of the batch; the set changes only when you cross into
 * another 3 m square of floor, and only this part of the scene renders again when it does.
 */
const Labels = memo(function Labels(props: {
  items: PlacedItem[];
  rooms: TLiveRoom[];
  walking: boolean;
  untitledConceptId?: string | null;
  litConceptId?: string | null;
}) {
  const { items, rooms, walking, untitledConceptId, litConceptId } = props;
  useCommitCount("labels");
  const cell = useWalk((st) => (walking ? st.cell : null));
  const labelled = useMemo(() => {
    // In the dark only the lit stop's title could be read.
    const lit = litConceptId ? items.filter((p) => p.conceptId === litConceptId) : items;
    const shown = untitledConceptId ? lit.filter((p) => p.conceptId !== untitledConceptId) : lit;
    if (!cell) return shown;
    const cx = (cell.x + 0.5) * CELL_SIZE;
    const cz = (cell.z + 0.5) * CELL_SIZE;
    return shown.filter((p) => Math.hypot(p.position[0] - cx, p.position[2] - cz) <= LABEL_DISTANCE);
  }, [cell, items, untitledConceptId, litConceptId]);
  // In the dark the rooms' names are not shown either.
  return <LociLabels items={labelled} rooms={litConceptId ? [] : rooms} overview={!walking} />;
});

const Threads = memo(function Threads(props: Parameters<typeof LinkThreads>[0]) {
  useCommitCount("threads");
  return <LinkThreads {...props} />;
});

const Pictures = memo(function Pictures(props: Parameters<typeof PictureFrames>[0]) {
  useCommitCount("pictures");
  return <PictureFrames {...props} />;
});

/** Tells the page once the first frame is drawn. */
function FirstFrame({ onDrawn }: { onDrawn?: () => void }) {
  const told = useRef(false);
  useFrame(() => {
    if (told.current || !onDrawn) return;
    told.current = true;
    // This runs just before the frame renders; a task queued now runs once it is drawn.
    setTimeout(onDrawn, 0);
  });
  return null;
}

function TestHooks({ enabled }: { enabled: boolean }) {
  useTestHooks(enabled);
  return null;
}

const NO_STOPS: { order: number; position: [number, number, number] }[] = [];
const geometryOf = (p: PlacedItem) => `${p.locusId}|${p.conceptId}|${p.shape}|${p.color}|${p.rotationY}|${p.position.join(",")}`;
const labelOf = (p: PlacedItem) => `${geometryOf(p)}|${p.title}`;
const threadOf = (t: { start: number[]; end: number[] }) => `${t.start.join(",")}|${t.end.join(",")}`;
const pictureOf = (p: PictureItem) => `${p.conceptId}|${p.thumbUrl}|${p.position.join(",")}`;

function PalaceCanvas(props: PalaceCanvasProps) {
  useCommitCount("canvas");
  const title = usePalace((v) => v.palace.title);
  const rooms = usePalace((v) => roomList(v.room));
  const doors = usePalace((v) => doorList(v.door));
  const concepts = usePalace((v) => v.concept);
  const loci = usePalace((v) => locusList(v.locus));
  const links = usePalace((v) => linkList(v.link));
  const view = useMemo(() => bounds(rooms), [rooms]);

  const doorsByRoom = useMemo(() => {
    const byId = new Map(rooms.map((r) => [r.id, r]));
    const map = new Map<string, RoomDoor[]>();
    for (const d of doors) {
      const a = byId.get(d.roomAId);
      const b = byId.get(d.roomBId);
      if (!a || !b) continue;
      map.set(a.id, [...(map.get(a.id) ?? []), { other: b, position: d.position, width: d.width }]);
      map.set(b.id, [...(map.get(b.id) ?? []), { other: a, position: d.position, width: d.width }]);
    }
    return map;
  }, [rooms, doors]);

  const walking = props.mode === "walk";
  const currentRoomId = useWalk((st) => (walking ? st.roomId : null));

  // Walking, only the room you stand in and the rooms seen through its doors are drawn, so a
  // palace of hundreds of rooms costs what a handful does. From above, everything is in view.
  const visibleRoomIds = useMemo(() => {
    if (!currentRoomId) return new Set(rooms.map((r) => r.id));
    const ids = new Set([currentRoomId]);
    for (const d of doors) {
      if (d.roomAId === currentRoomId) ids.add(d.roomBId);
      if (d.roomBId === currentRoomId) ids.add(d.roomAId);
    }
    return ids;
  }, [currentRoomId, rooms, doors]);
  const visibleRooms = useMemo(() => rooms.filter((room) => visibleRoomIds.has(room.id)), [rooms, visibleRoomIds]);

  const allPlaced = useMemo(() => {
    const roomById = new Map(rooms.map((r) => [r.id, r]));
    return loci.flatMap((l): PlacedItem[] => {
      const room = roomById.get(l.roomId);
      const concept = concepts[l.conceptId];
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
  }, [rooms, concepts, loci, visibleRoomIds, props.colourOf]);
  // A renamed concept changes its title only: the objects, threads and pictures stay as they are.
  const placed = useStableList(allPlaced, geometryOf);
  const titled = useStableList(allPlaced, labelOf);

  const routeStops = useMemo(() => {
    if (!props.showRoute) return NO_STOPS;
    const order = new Map(loci.map((l) => [l.id, l.routeOrder]));
    return placed.map((p) => ({ order: order.get(p.locusId) ?? 0, position: p.position }));
  }, [props.showRoute, placed, loci]);

  const threads = useStableList(
    useMemo(() => {
      const at = new Map(placed.map((p) => [p.conceptId, p]));
      return links.flatMap((link) => {
        const a = at.get(link.fromConceptId);
        const b = at.get(link.toConceptId);
        if (!a || !b) return [];
        const start: [number, number, number] = [a.position[0], a.position[1] + SHAPE_HEIGHT[a.shape] + 0.1, a.position[2]];
        const end: [number, number, number] = [b.position[0], b.position[1] + SHAPE_HEIGHT[b.shape] + 0.1, b.position[2]];
        return [{ start, end }];
      });
    }, [placed, links]),
    threadOf,
  );

  // A picture hangs beside its concept's object, low enough to stay clear of the title above
  // it and in view of someone standing in front; a covered concept's picture is hidden too.
  const pictures = useStableList(
    useMemo(() => {
      const pictured = placed.flatMap((p): PictureItem[] => {
        const picture = concepts[p.conceptId]?.picture;
        if (!picture || p.conceptId === props.untitledConceptId) return [];
        if (props.litConceptId && p.conceptId !== props.litConceptId) return [];
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
      return pictured.length === 0 ? NO_PICTURES : pictured;
    }, [concepts, placed, props.untitledConceptId, props.litConceptId]),
    pictureOf,
  );

  const walls = useMemo(() => collisionWalls(rooms, doors), [rooms, doors]);
  const selected = placed.find((p) => p.conceptId === props.selectedConceptId);
  const selectedRoomId = loci.find((l) => l.conceptId === props.selectedConceptId)?.roomId;
  const { onSelectConcept } = props;
  const covered = placed.find((p) => p.conceptId === props.untitledConceptId);
  const coveredPicture = covered ? concepts[covered.conceptId]?.picture : undefined;
  const coverFrame = coveredPicture ? frameSize(coveredPicture.width / coveredPicture.height) : null;
  const lit = props.litConceptId ? placed.find((p) => p.conceptId === props.litConceptId) : undefined;
  const onPointerMissed = useCallback(() => onSelectConcept(null), [onSelectConcept]);

  return (
    <KeyboardControls map={MOVE_KEYS}>
    <Canvas
      frameloop="demand"
      dpr={[1, 2]}
      camera={{ fov: 45, near: 0.1, far: 1000 }}
      gl={{ antialias: true, preserveDrawingBuffer: props.testHooks }}
      onPointerMissed={onPointerMissed}
      role="img"
      aria-label={`3D view of ${title}`}
    >
      {props.litConceptId ? (
        <LightsOut spot={lit ? { position: lit.position, height: SHAPE_HEIGHT[lit.shape] } : null} />
      ) : (
        <>
          <color attach="background" args={["#1b2030"]} />
          <hemisphereLight args={["#fff6e8", "#3a3f55", 1.1]} />
          <ambientLight intensity={0.35} />
          <directionalLight position={[view.cx + 10, 25, view.cz + 15]} intensity={1.3} />
        </>
      )}
      <mesh rotation-x={-Math.PI / 2} position={[view.cx, -0.02, view.cz]}>
        <planeGeometry args={[view.size * 4, view.size * 4]} />
        <meshStandardMaterial color="#262c3d" roughness={1} />
      </mesh>
      <Rooms
        rooms={visibleRooms}
        doorsByRoom={doorsByRoom}
        highlightedRoomId={selectedRoomId}
        cutaway={!walking}
        onFloorClick={props.onFloorClick}
      />
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
          <DraggableLoci items={placed} rooms={rooms} onSelect={props.onSelectConcept} onMove={walking ? undefined : props.onMoveConcept} />
          <Labels items={titled} rooms={visibleRooms} walking={walking} untitledConceptId={props.untitledConceptId} litConceptId={props.litConceptId} />
        </>
      )}
      {selected && (
        <mesh rotation-x={-Math.PI / 2} position={[selected.position[0], selected.position[1] + 0.03, selected.position[2]]}>
          <ringGeometry args={[0.45, 0.58, 40]} />
          <meshBasicMaterial color="#f2b35b" toneMapped={false} />
        </mesh>
      )}
      {covered && (
        <RecallCover
          spot={{ position: covered.position, height: SHAPE_HEIGHT[covered.shape] }}
          picture={coverFrame && { width: coverFrame[0], height: coverFrame[1] }}
        />
      )}
      <Pictures items={pictures} />
      {!props.litConceptId && <Threads threads={threads} />}
      {props.showRoute && <RoutePath stops={routeStops} />}
      <Avatars rooms={rooms} />
      {walking ? (
        <>
          <WalkControls walls={walls} rooms={rooms} />
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
            maxDistance={view.size * 6}
            enableDamping={false}
          />
        </>
      )}
      <FirstFrame onDrawn={props.onFirstFrame} />
      <TestHooks enabled={props.testHooks} />
    </Canvas>
    </KeyboardControls>
  );
}

/** Renders again only when its own props change; the palace's rows come from the live store. */
export default memo(PalaceCanvas);
