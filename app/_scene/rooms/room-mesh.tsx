// One room: a patterned floor, walls with openings where doors are, lintels over the doors,
// and the room's name written on the floor by the south wall, facing the overview camera.
import { Text } from "@react-three/drei";
import type { ThreeEvent } from "@react-three/fiber";
import { useEffect, useMemo } from "react";
import * as THREE from "three";
import { mergeGeometries } from "three/examples/jsm/utils/BufferGeometryUtils.js";
import { sharedWall, wallLayout, type Rect, type WallSide } from "~/server/domain/room/room.logic";
import { SCENE_FONT_BOLD } from "../fonts";
import { THEMES } from "./palette";
import { floorTexture } from "./themes";
import type { TLiveRoom } from "~/server/realtime/live.schema";

const WALL_THICKNESS = 0.14;
const DOOR_HEIGHT = 2.2;
/** Seen from above, walls are cut down to this height so they never hide a room's contents. */
const CUTAWAY_HEIGHT = 1.1;

/** Which way a sign on each wall faces to be read from inside the room. */
const FACING: Record<WallSide, number> = { north: 0, south: Math.PI, west: Math.PI / 2, east: -Math.PI / 2 };

/** Each room draws its walls just inside its own edge, so neighbours' walls never overlap. */
const INWARD: Record<string, [number, number]> = {
  north: [0, 1],
  south: [0, -1],
  west: [1, 0],
  east: [-1, 0],
};

export interface RoomDoor {
  other: Rect & { name: string };
  position: number;
  width: number;
}

export function RoomMesh(props: {
  room: TLiveRoom;
  doors: RoomDoor[];
  highlighted: boolean;
  /** Cut the walls down (overview camera) instead of full height (walking inside). */
  cutaway: boolean;
  onFloorClick?: (room: TLiveRoom, localX: number, localZ: number) => void;
}) {
  const { room, doors } = props;
  const look = THEMES[room.theme];
  const { pieces, gaps } = useMemo(() => wallLayout(room, doors), [room, doors]);
  const wallHeight = props.cutaway ? CUTAWAY_HEIGHT : room.height;

  const floorGeometry = useMemo(() => {
    const geometry = new THREE.PlaneGeometry(room.width, room.depth);
    const uv = geometry.attributes.uv as THREE.BufferAttribute;
    for (let i = 0; i < uv.count; i++) uv.setXY(i, (uv.getX(i) * room.width) / 2, (uv.getY(i) * room.depth) / 2);
    return geometry;
  }, [room.width, room.depth]);

  const texture = useMemo(() => floorTexture(room.theme), [room.theme]);

  // Walls and door lintels merged into one geometry (coloured per vertex): one draw call a room.
  const wallGeometry = useMemo(() => {
    const parts: THREE.BufferGeometry[] = [];
    const add = (width: number, height: number, x: number, y: number, z: number, alongX: boolean, colour: string) => {
      const box = new THREE.BoxGeometry(width, height, WALL_THICKNESS).toNonIndexed();
      box.rotateY(alongX ? 0 : Math.PI / 2);
      box.translate(x, y, z);
      const c = new THREE.Color(colour);
      const colours = new Float32Array(box.attributes.position!.count * 3);
      for (let i = 0; i < colours.length; i += 3) colours.set([c.r, c.g, c.b], i);
      box.setAttribute("color", new THREE.BufferAttribute(colours, 3));
      box.deleteAttribute("uv");
      parts.push(box);
    };
    const half = WALL_THICKNESS / 2;
    for (const p of pieces) {
      const [ix, iz] = INWARD[p.side]!;
      const length = Math.hypot(p.x1 - p.x0, p.z1 - p.z0);
      add(length, wallHeight, (p.x0 + p.x1) / 2 + ix * half, wallHeight / 2, (p.z0 + p.z1) / 2 + iz * half, p.z0 === p.z1, look.wall);
    }
    if (wallHeight > DOOR_HEIGHT) {
      for (const g of gaps) {
        const [ix, iz] = INWARD[g.side]!;
        const lintel = wallHeight - DOOR_HEIGHT;
        add(g.width, lintel, g.x + ix * half, DOOR_HEIGHT + lintel / 2, g.z + iz * half, g.side === "north" || g.side === "south", look.trim);
      }
    }
    const merged = parts.length > 0 ? mergeGeometries(parts) : new THREE.BufferGeometry();
    for (const part of parts) part.dispose();
    return merged;
  }, [pieces, gaps, wallHeight, look]);
  useEffect(() => () => wallGeometry.dispose(), [wallGeometry]);
  const cx = room.gridX + room.width / 2;
  const cz = room.gridZ + room.depth / 2;

  // Walking, each door carries a sign over it naming the room it leads to.
  const signs = useMemo(() => {
    if (props.cutaway || room.height < DOOR_HEIGHT + 0.35) return [];
    return doors.flatMap((door) => {
      const wall = sharedWall(room, door.other);
      if (!wall) return [];
      const side: WallSide =
        wall.axis === "x" ? (wall.at === room.gridX ? "west" : "east") : wall.at === room.gridZ ? "north" : "south";
      const [ix, iz] = INWARD[side]!;
      const inset = WALL_THICKNESS + 0.01;
      const x = wall.axis === "x" ? wall.at + ix * inset : door.position;
      const z = wall.axis === "x" ? door.position : wall.at + iz * inset;
      return [{ key: `${door.other.name}-${door.position}`, name: door.other.name, x, z, facing: FACING[side] }];
    });
  }, [props.cutaway, room, doors]);

  const onClick = (event: ThreeEvent<MouseEvent>) => {
    if (!props.onFloorClick) return;
    event.stopPropagation();
    props.onFloorClick(room, event.point.x - room.gridX, event.point.z - room.gridZ);
  };

  return (
    <group userData={{ kind: "room", roomId: room.id }}>
      <mesh geometry={floorGeometry} rotation-x={-Math.PI / 2} position={[cx, 0, cz]} onClick={onClick} receiveShadow>
        <meshStandardMaterial map={texture} color={props.highlighted ? "#ffffff" : "#f2f2f2"} roughness={0.9} />
      </mesh>
      <mesh geometry={wallGeometry}>
        <meshStandardMaterial vertexColors roughness={0.9} />
      </mesh>
      {signs.map((sign) => (
        <Text
          key={sign.key}
          font={SCENE_FONT_BOLD}
          position={[sign.x, DOOR_HEIGHT + 0.22, sign.z]}
          rotation-y={sign.facing}
          fontSize={0.2}
          maxWidth={2.4}
          color={look.label}
          outlineWidth={0.012}
          outlineColor={look.wall}
          anchorX="center"
          anchorY="middle"
          textAlign="center"
        >
          {`→ ${sign.name}`}
        </Text>
      ))}
      <Text
        font={SCENE_FONT_BOLD}
        position={[cx, 0.02, room.gridZ + room.depth - 1.0]}
        rotation-x={-Math.PI / 2}
        fontSize={Math.min(0.55, room.width / 12)}
        maxWidth={room.width - 1}
        color={look.label}
        anchorX="center"
        anchorY="bottom"
        textAlign="center"
      >
        {room.name}
      </Text>
    </group>
  );
}
