// One room: a patterned floor, walls with openings where doors are, lintels over the doors,
// and the room's name written on the floor by the south wall, facing the overview camera.
import { Text } from "@react-three/drei";
import type { ThreeEvent } from "@react-three/fiber";
import { useMemo } from "react";
import * as THREE from "three";
import type { TRoom } from "~/server/domain/room/room.schema";
import { wallLayout, type Rect } from "~/server/domain/room/room.logic";
import { SCENE_FONT_BOLD } from "../fonts";
import { THEMES } from "./palette";
import { floorTexture } from "./themes";

const WALL_THICKNESS = 0.14;
const DOOR_HEIGHT = 2.2;
/** Seen from above, walls are cut down to this height so they never hide a room's contents. */
const CUTAWAY_HEIGHT = 1.1;

/** Each room draws its walls just inside its own edge, so neighbours' walls never overlap. */
const INWARD: Record<string, [number, number]> = {
  north: [0, 1],
  south: [0, -1],
  west: [1, 0],
  east: [-1, 0],
};

export interface RoomDoor {
  other: Rect;
  position: number;
  width: number;
}

export function RoomMesh(props: {
  room: TRoom;
  doors: RoomDoor[];
  highlighted: boolean;
  /** Cut the walls down (overview camera) instead of full height (walking inside). */
  cutaway: boolean;
  onFloorClick?: (room: TRoom, localX: number, localZ: number) => void;
}) {
  const { room, doors } = props;
  const look = THEMES[room.theme];
  const { pieces, gaps } = useMemo(() => wallLayout(room, doors), [room, doors]);

  const floorGeometry = useMemo(() => {
    const geometry = new THREE.PlaneGeometry(room.width, room.depth);
    const uv = geometry.attributes.uv as THREE.BufferAttribute;
    for (let i = 0; i < uv.count; i++) uv.setXY(i, (uv.getX(i) * room.width) / 2, (uv.getY(i) * room.depth) / 2);
    return geometry;
  }, [room.width, room.depth]);

  const texture = useMemo(() => floorTexture(room.theme), [room.theme]);
  const wallHeight = props.cutaway ? CUTAWAY_HEIGHT : room.height;
  const cx = room.gridX + room.width / 2;
  const cz = room.gridZ + room.depth / 2;

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
      {pieces.map((p, i) => {
        const length = Math.hypot(p.x1 - p.x0, p.z1 - p.z0);
        const alongX = p.z0 === p.z1;
        const [ix, iz] = INWARD[p.side]!;
        const half = WALL_THICKNESS / 2;
        return (
          <mesh
            key={i}
            position={[(p.x0 + p.x1) / 2 + ix * half, wallHeight / 2, (p.z0 + p.z1) / 2 + iz * half]}
            rotation-y={alongX ? 0 : Math.PI / 2}
          >
            <boxGeometry args={[length, wallHeight, WALL_THICKNESS]} />
            <meshStandardMaterial color={look.wall} roughness={0.95} />
          </mesh>
        );
      })}
      {!props.cutaway && gaps.map((g, i) => {
        const alongX = g.side === "north" || g.side === "south";
        const lintel = room.height - DOOR_HEIGHT;
        const [ix, iz] = INWARD[g.side]!;
        return (
          <mesh
            key={`lintel-${i}`}
            position={[g.x + (ix * WALL_THICKNESS) / 2, DOOR_HEIGHT + lintel / 2, g.z + (iz * WALL_THICKNESS) / 2]}
            rotation-y={alongX ? 0 : Math.PI / 2}
          >
            <boxGeometry args={[g.width, lintel, WALL_THICKNESS]} />
            <meshStandardMaterial color={look.trim} roughness={0.8} />
          </mesh>
        );
      })}
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
