// Every room in a few draw calls whatever their number: the floors of each theme in one mesh,
// all walls, door lintels and sign boards in one instanced box mesh, and (walking) the plaques
// and door signs in one batched text. Room names seen from above are labels (loci-labels.tsx). Built from room-layout.ts, rebuilt only when a room or door actually changes.
import type { ThreeEvent } from "@react-three/fiber";
import { useEffect, useLayoutEffect, useMemo, useRef } from "react";
import * as THREE from "three";
import type { TRoomTheme } from "~/server/domain/room/room.schema";
import { roomAt } from "~/server/domain/room/walk.logic";
import { TextBatch, type TextSpec } from "../loci/text-batch";
import { floorsByTheme, layoutKey, wallBoxes, wallSigns, type RoomDoor, type RoomShape } from "./room-layout";
import { THEMES } from "./palette";
import { floorTexture } from "./themes";

export type { RoomDoor } from "./room-layout";

const NO_TEXTS: TextSpec[] = [];
const FLOOR = new THREE.Color("#f2f2f2");
const FLOOR_HIGHLIGHTED = new THREE.Color("#ffffff");
const UNIT_BOX = new THREE.BoxGeometry(1, 1, 1);
/** Ceilings are unlit: this share of the wall's colour reads as a ceiling in shade. */
const CEILING_SHADE = 0.82;
const matrix = new THREE.Matrix4();
const colour = new THREE.Color();

/** Instance buffers are sized in powers of two so adding a room rarely replaces the mesh. */
const capacityFor = (n: number) => Math.max(16, 2 ** Math.ceil(Math.log2(Math.max(1, n))));

/**
 * One horizontal quad per room as one geometry: at floor level facing up (floors), or at each
 * room's height facing down (ceilings, wound the other way so the face seen from below is the
 * front). Floors carry texture coordinates in metres / 2 from each room's corner.
 */
function roomQuads(rooms: RoomShape[], facing: "up" | "down", colourOf: (room: RoomShape) => THREE.Color) {
  const up = facing === "up";
  const position = new Float32Array(rooms.length * 12);
  const normal = new Float32Array(rooms.length * 12);
  const uv = up ? new Float32Array(rooms.length * 8) : null;
  const color = new Float32Array(rooms.length * 12);
  const index: number[] = [];
  const ny = up ? 1 : -1;
  rooms.forEach((r, i) => {
    const [x0, x1, z0, z1, y] = [r.gridX, r.gridX + r.width, r.gridZ, r.gridZ + r.depth, up ? 0 : r.height];
    position.set([x0, y, z1, x1, y, z1, x1, y, z0, x0, y, z0], i * 12);
    normal.set([0, ny, 0, 0, ny, 0, 0, ny, 0, 0, ny, 0], i * 12);
    uv?.set([0, 0, r.width / 2, 0, r.width / 2, r.depth / 2, 0, r.depth / 2], i * 8);
    const c = colourOf(r);
    for (let v = 0; v < 4; v++) color.set([c.r, c.g, c.b], i * 12 + v * 3);
    const base = i * 4;
    if (up) index.push(base, base + 1, base + 2, base, base + 2, base + 3);
    else index.push(base, base + 2, base + 1, base, base + 3, base + 2);
  });
  const geometry = new THREE.BufferGeometry();
  geometry.setAttribute("position", new THREE.BufferAttribute(position, 3));
  geometry.setAttribute("normal", new THREE.BufferAttribute(normal, 3));
  if (uv) geometry.setAttribute("uv", new THREE.BufferAttribute(uv, 2));
  geometry.setAttribute("color", new THREE.BufferAttribute(color, 3));
  geometry.setIndex(index);
  geometry.computeBoundingSphere();
  return geometry;
}

/** One theme's floors, the highlighted room's a little brighter. */
const floorGeometry = (rooms: RoomShape[], highlightedRoomId: string | undefined) =>
  roomQuads(rooms, "up", (r) => (r.id === highlightedRoomId ? FLOOR_HIGHLIGHTED : FLOOR));

/**
 * Walking, every visible room's ceiling in one mesh, in a shade of its wall colour: without it,
 * a door opening showed the dark sky above the next room's far wall, which read as a hole over
 * the door.
 */
const ceilingGeometry = (rooms: RoomShape[]) => roomQuads(rooms, "down", (r) => colour.set(THEMES[r.theme].wall).multiplyScalar(CEILING_SHADE));

function Ceilings({ rooms }: { rooms: RoomShape[] }) {
  const geometry = useMemo(() => ceilingGeometry(rooms), [rooms]);
  useEffect(() => () => geometry.dispose(), [geometry]);
  return (
    <mesh geometry={geometry}>
      <meshBasicMaterial vertexColors toneMapped={false} />
    </mesh>
  );
}

function Floors<R extends RoomShape>(props: { theme: TRoomTheme; rooms: R[]; highlightedRoomId: string | undefined; onClick: (event: ThreeEvent<MouseEvent>) => void }) {
  const { rooms, highlightedRoomId } = props;
  const geometry = useMemo(() => floorGeometry(rooms, highlightedRoomId), [rooms, highlightedRoomId]);
  useEffect(() => () => geometry.dispose(), [geometry]);
  return (
    <mesh geometry={geometry} onClick={props.onClick} receiveShadow>
      <meshStandardMaterial map={floorTexture(props.theme)} vertexColors roughness={0.9} />
    </mesh>
  );
}

function Walls({ rooms, doorsByRoom, cutaway, layout }: { rooms: RoomShape[]; doorsByRoom: ReadonlyMap<string, RoomDoor[]>; cutaway: boolean; layout: string }) {
  const ref = useRef<THREE.InstancedMesh>(null);
  const material = useMemo(() => new THREE.MeshStandardMaterial({ roughness: 0.9 }), []);
  useEffect(() => () => material.dispose(), [material]);
  // `layout` names the rooms' shapes and doors: a new array holding the same rooms builds nothing.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const boxes = useMemo(() => wallBoxes(rooms, doorsByRoom, cutaway), [layout, cutaway]);
  const capacity = capacityFor(boxes.length);

  useLayoutEffect(() => {
    const mesh = ref.current;
    if (!mesh) return;
    boxes.forEach((b, i) => {
      mesh.setMatrixAt(i, matrix.makeScale(b.sx, b.sy, b.sz).setPosition(b.x, b.y, b.z));
      mesh.setColorAt(i, colour.set(b.colour));
    });
    mesh.count = boxes.length;
    mesh.instanceMatrix.needsUpdate = true;
    if (mesh.instanceColor) mesh.instanceColor.needsUpdate = true;
    mesh.computeBoundingSphere();
  }, [boxes, capacity]);

  return <instancedMesh key={capacity} ref={ref} args={[UNIT_BOX, material, capacity]} visible={boxes.length > 0} />;
}

export function RoomMeshes<R extends RoomShape>(props: {
  rooms: R[];
  doorsByRoom: ReadonlyMap<string, RoomDoor[]>;
  highlightedRoomId: string | undefined;
  /** Cut the walls down (overview camera) instead of full height (walking inside). */
  cutaway: boolean;
  onFloorClick?: (room: R, localX: number, localZ: number) => void;
}) {
  const { rooms, doorsByRoom, cutaway, onFloorClick } = props;
  const layout = layoutKey(rooms, doorsByRoom);
  // Keyed by `layout` rather than by the arrays, which the caller may build anew each render.
  /* eslint-disable react-hooks/exhaustive-deps */
  const stable = useMemo(() => rooms, [layout]);
  const byTheme = useMemo(() => floorsByTheme(stable), [stable]);
  const texts = useMemo(() => (cutaway ? NO_TEXTS : wallSigns(stable, doorsByRoom).texts), [stable, cutaway]);
  /* eslint-enable react-hooks/exhaustive-deps */
  const roomIds = useMemo(() => stable.map((r) => r.id), [stable]);

  const onClick = (event: ThreeEvent<MouseEvent>) => {
    if (!onFloorClick) return;
    const room = roomAt(stable, { x: event.point.x, z: event.point.z });
    if (!room) return;
    event.stopPropagation();
    onFloorClick(room, event.point.x - room.gridX, event.point.z - room.gridZ);
  };

  return (
    <group userData={{ kind: "rooms", roomIds }}>
      {[...byTheme].map(([theme, themed]) => (
        <Floors
          key={theme}
          theme={theme}
          rooms={themed}
          highlightedRoomId={themed.some((r) => r.id === props.highlightedRoomId) ? props.highlightedRoomId : undefined}
          onClick={onClick}
        />
      ))}
      <Walls rooms={stable} doorsByRoom={doorsByRoom} cutaway={cutaway} layout={layout} />
      {!cutaway && <Ceilings rooms={stable} />}
      <TextBatch specs={texts} />
    </group>
  );
}
