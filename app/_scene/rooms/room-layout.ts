// What every room is drawn from, as plain data: wall and lintel boxes, floor rectangles by theme,
// and the texts (room names on the floors, door signs over the doors). The meshes in
// room-mesh.tsx turn these into a handful of draw calls whatever the number of rooms.
import type { TRoomTheme } from "~/server/domain/room/room.schema";
import { sharedWall, wallLayout, type Rect, type WallSide } from "~/server/domain/room/room.logic";
import { SCENE_FONT_BOLD } from "../fonts";
import type { TextSpec } from "../loci/text-batch";
import { THEMES } from "./palette";

export const WALL_THICKNESS = 0.14;
export const DOOR_HEIGHT = 2.2;
/** Seen from above, walls are cut down to this height so they never hide a room's contents. */
export const CUTAWAY_HEIGHT = 1.1;

/** The fields of a room its drawing depends on. */
export interface RoomShape extends Rect {
  id: string;
  name: string;
  height: number;
  theme: TRoomTheme;
}

export interface RoomDoor {
  other: Rect & { name: string };
  position: number;
  width: number;
}

/** An axis-aligned box: centre, size and colour. */
export interface WallBox {
  x: number;
  y: number;
  z: number;
  sx: number;
  sy: number;
  sz: number;
  colour: string;
}

/** Which way a sign on each wall faces to be read from inside the room. */
const FACING: Record<WallSide, number> = { north: 0, south: Math.PI, west: Math.PI / 2, east: -Math.PI / 2 };

/** Each room draws its walls just inside its own edge, so neighbours' walls never overlap. */
const INWARD: Record<WallSide, [number, number]> = {
  north: [0, 1],
  south: [0, -1],
  west: [1, 0],
  east: [-1, 0],
};

const NO_DOORS: RoomDoor[] = [];

/** The walls of every room (split around its doors) and, at full height, a lintel over each door. */
export function wallBoxes(rooms: RoomShape[], doorsByRoom: ReadonlyMap<string, RoomDoor[]>, cutaway: boolean): WallBox[] {
  const boxes: WallBox[] = [];
  const half = WALL_THICKNESS / 2;
  for (const room of rooms) {
    const look = THEMES[room.theme];
    const height = cutaway ? CUTAWAY_HEIGHT : room.height;
    const { pieces, gaps } = wallLayout(room, doorsByRoom.get(room.id) ?? NO_DOORS);
    for (const p of pieces) {
      const [ix, iz] = INWARD[p.side];
      const length = Math.hypot(p.x1 - p.x0, p.z1 - p.z0);
      const alongX = p.z0 === p.z1;
      boxes.push({
        x: (p.x0 + p.x1) / 2 + ix * half,
        y: height / 2,
        z: (p.z0 + p.z1) / 2 + iz * half,
        sx: alongX ? length : WALL_THICKNESS,
        sy: height,
        sz: alongX ? WALL_THICKNESS : length,
        colour: look.wall,
      });
    }
    if (height <= DOOR_HEIGHT) continue;
    for (const g of gaps) {
      const [ix, iz] = INWARD[g.side];
      const lintel = height - DOOR_HEIGHT;
      const alongX = g.side === "north" || g.side === "south";
      boxes.push({
        x: g.x + ix * half,
        y: DOOR_HEIGHT + lintel / 2,
        z: g.z + iz * half,
        sx: alongX ? g.width : WALL_THICKNESS,
        sy: lintel,
        sz: alongX ? WALL_THICKNESS : g.width,
        colour: look.trim,
      });
    }
  }
  return boxes;
}

/** The rooms grouped by theme: each theme's floors share one texture, so one draw call. */
export function floorsByTheme<R extends RoomShape>(rooms: R[]): Map<TRoomTheme, R[]> {
  const map = new Map<TRoomTheme, R[]>();
  for (const room of rooms) {
    const list = map.get(room.theme);
    if (list) list.push(room);
    else map.set(room.theme, [room]);
  }
  return map;
}

/** Each room's name, written on its floor by the south wall, facing the overview camera. */
export function roomNameTexts(rooms: RoomShape[]): TextSpec[] {
  return rooms.map((room) => ({
    key: `name:${room.id}`,
    text: room.name,
    font: SCENE_FONT_BOLD,
    fontSize: Math.min(0.55, room.width / 12),
    maxWidth: room.width - 1,
    color: THEMES[room.theme].label,
    anchorY: "bottom",
    position: [room.gridX + room.width / 2, 0.02, room.gridZ + room.depth - 1.0],
    rotation: [-Math.PI / 2, 0, 0],
  }));
}

/** Walking, each door carries a sign over it naming the room it leads to, read from inside. */
export function doorSignTexts(rooms: RoomShape[], doorsByRoom: ReadonlyMap<string, RoomDoor[]>): TextSpec[] {
  const signs: TextSpec[] = [];
  for (const room of rooms) {
    if (room.height < DOOR_HEIGHT + 0.35) continue;
    const look = THEMES[room.theme];
    for (const door of doorsByRoom.get(room.id) ?? NO_DOORS) {
      const wall = sharedWall(room, door.other);
      if (!wall) continue;
      const side: WallSide = wall.axis === "x" ? (wall.at === room.gridX ? "west" : "east") : wall.at === room.gridZ ? "north" : "south";
      const [ix, iz] = INWARD[side];
      const inset = WALL_THICKNESS + 0.01;
      const x = wall.axis === "x" ? wall.at + ix * inset : door.position;
      const z = wall.axis === "x" ? door.position : wall.at + iz * inset;
      signs.push({
        key: `sign:${room.id}:${door.other.name}:${door.position}`,
        text: `→ ${door.other.name}`,
        font: SCENE_FONT_BOLD,
        fontSize: 0.2,
        maxWidth: 2.4,
        color: look.label,
        outlineWidth: 0.012,
        outlineColor: look.wall,
        anchorY: "middle",
        position: [x, DOOR_HEIGHT + 0.22, z],
        rotation: [0, FACING[side], 0],
      });
    }
  }
  return signs;
}

/** A string that changes exactly when something `wallBoxes` and the texts depend on changes. */
export function layoutKey(rooms: RoomShape[], doorsByRoom: ReadonlyMap<string, RoomDoor[]>): string {
  const parts: string[] = [];
  for (const r of rooms) {
    parts.push(`${r.id}:${r.gridX}:${r.gridZ}:${r.width}:${r.depth}:${r.height}:${r.theme}:${r.name}`);
    for (const d of doorsByRoom.get(r.id) ?? NO_DOORS) parts.push(`${d.other.gridX}:${d.other.gridZ}:${d.other.width}:${d.other.depth}:${d.other.name}:${d.position}:${d.width}`);
  }
  return parts.join("|");
}
