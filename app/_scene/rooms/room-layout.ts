// What every room is drawn from, as plain data: wall and lintel boxes, floor rectangles by theme,
// and the texts (room names over the rooms from above; plaques and door signs on the walls). The meshes in
// room-mesh.tsx turn these into a handful of draw calls whatever the number of rooms.
import type { TRoomTheme } from "~/server/domain/room/room.schema";
import { sharedWall, wallLayout, type Rect, type WallPiece, type WallSide } from "~/server/domain/room/room.logic";
import { SCENE_FONT_BOLD } from "../fonts";
import type { TextSpec } from "../loci/text-batch";
import { LABEL, PLAQUE, THEMES, type ThemeLook } from "./palette";

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

/** Door casing: a trim strip under each lintel, a little proud of the wall, framing the opening. */
const CASING = { height: 0.09, proud: 0.03 };
/** Boards stand this far off the wall's face; their writing a little further. */
const BOARD_DEPTH = 0.02;

/**
 * The walls of every room (split around its doors). At full height each door gets a lintel in
 * the wall's own colour with a trim casing under it, so the wall reads as closed above the
 * opening; signs and name plaques hang on boards (see `wallSigns`).
 */
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
      const across = WALL_THICKNESS + CASING.proud;
      boxes.push(
        {
          x: g.x + ix * half,
          y: DOOR_HEIGHT + lintel / 2,
          z: g.z + iz * half,
          sx: alongX ? g.width : WALL_THICKNESS,
          sy: lintel,
          sz: alongX ? WALL_THICKNESS : g.width,
          colour: look.wall,
        },
        {
          x: g.x + ix * (across / 2),
          y: DOOR_HEIGHT + CASING.height / 2,
          z: g.z + iz * (across / 2),
          sx: alongX ? g.width + 0.16 : across,
          sy: CASING.height,
          sz: alongX ? across : g.width + 0.16,
          colour: look.trim,
        },
      );
    }
  }
  if (!cutaway) boxes.push(...wallSigns(rooms, doorsByRoom).boards);
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

/**
 * From above, each room's name stands on the middle of its near (south) wall, facing the viewer:
 * on screen it rises from that wall over the strip of floor along it, below the titles, which
 * float higher over their objects.
 */
export function roomLabelTexts(rooms: RoomShape[]): TextSpec[] {
  return rooms.map((room) => ({
    key: `room:${room.id}`,
    text: room.name,
    font: SCENE_FONT_BOLD,
    fontSize: 0.5,
    maxWidth: Math.max(3, room.width - 1),
    color: LABEL.roomName,
    outlineWidth: 0.5 * LABEL.haloShare,
    outlineColor: LABEL.halo,
    anchorY: "bottom",
    position: [room.gridX + room.width / 2, CUTAWAY_HEIGHT + 0.05, room.gridZ + room.depth - WALL_THICKNESS],
    rotation: [0, 0, 0],
    label: { kind: "room", id: room.id, minPx: LABEL.roomNameMinPx },
  }));
}

/** About how wide a line of bold scene text is, per character and metre of font size. */
const BOLD_EM_PER_CHAR = 0.68;

/** A board and the writing on it, centred at `at` on the inside face of a wall. */
function board(
  key: string,
  text: string,
  look: ThemeLook,
  side: WallSide,
  at: { x: number; z: number; y: number },
  fontSize: number,
  maxWidth: number,
): { text: TextSpec; board: WallBox } {
  const oneLine = text.length * BOLD_EM_PER_CHAR * fontSize;
  const lines = Math.ceil(oneLine / maxWidth);
  const width = Math.min(oneLine, maxWidth) + fontSize * 1.2;
  const height = lines * fontSize * 1.2 + fontSize * 0.7;
  const [ix, iz] = INWARD[side];
  const face = WALL_THICKNESS;
  const alongX = side === "north" || side === "south";
  return {
    text: {
      key,
      text,
      font: SCENE_FONT_BOLD,
      fontSize,
      maxWidth,
      color: look.label,
      anchorY: "middle",
      position: [at.x + ix * (face + BOARD_DEPTH + 0.005), at.y, at.z + iz * (face + BOARD_DEPTH + 0.005)],
      rotation: [0, FACING[side], 0],
    },
    board: {
      x: at.x + ix * (face + BOARD_DEPTH / 2),
      y: at.y,
      z: at.z + iz * (face + BOARD_DEPTH / 2),
      sx: alongX ? width : BOARD_DEPTH,
      sy: height,
      sz: alongX ? BOARD_DEPTH : width,
      colour: PLAQUE,
    },
  };
}

/**
 * Walking, the writing on the walls, each on a light board: over every door a sign naming the
 * room it leads to, and on each wall a plaque with the room's own name (on the wall's longest
 * stretch between doors, above head height).
 */
export function wallSigns(rooms: RoomShape[], doorsByRoom: ReadonlyMap<string, RoomDoor[]>): { texts: TextSpec[]; boards: WallBox[] } {
  const texts: TextSpec[] = [];
  const boards: WallBox[] = [];
  const add = (made: { text: TextSpec; board: WallBox }) => {
    texts.push(made.text);
    boards.push(made.board);
  };
  for (const room of rooms) {
    const look = THEMES[room.theme];
    const doors = doorsByRoom.get(room.id) ?? NO_DOORS;
    if (room.height >= DOOR_HEIGHT + 0.55) {
      for (const door of doors) {
        const wall = sharedWall(room, door.other);
        if (!wall) continue;
        const side: WallSide = wall.axis === "x" ? (wall.at === room.gridX ? "west" : "east") : wall.at === room.gridZ ? "north" : "south";
        const at = wall.axis === "x" ? { x: wall.at, z: door.position } : { x: door.position, z: wall.at };
        add(board(`sign:${room.id}:${door.other.name}:${door.position}`, `→ ${door.other.name}`, look, side, { ...at, y: DOOR_HEIGHT + 0.3 }, 0.2, 2.4));
      }
    }
    if (room.height < 2.3) continue;
    const y = Math.min(room.height - 0.4, 2.8);
    const longest = new Map<WallSide, WallPiece>();
    const span = (p: WallPiece) => Math.hypot(p.x1 - p.x0, p.z1 - p.z0);
    for (const piece of wallLayout(room, doors).pieces) {
      const best = longest.get(piece.side);
      if (!best || span(piece) > span(best)) longest.set(piece.side, piece);
    }
    for (const [side, piece] of longest) {
      const free = span(piece) - 0.6;
      if (free < 1.2) continue;
      add(board(`plaque:${room.id}:${side}`, room.name, look, side, { x: (piece.x0 + piece.x1) / 2, z: (piece.z0 + piece.z1) / 2, y }, 0.26, Math.min(free - 0.4, 3.2)));
    }
  }
  return { texts, boards };
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
