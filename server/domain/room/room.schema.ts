// Room inputs and outputs. Rooms sit on the palace floor plan in whole metres; height is free.
import "../zod-config";
import { z } from "zod";
import { title, ZId, ZVersion } from "../common.schema";

export const ROOM_NAME_MAX = 80;
export const ROOM_SIZE_MIN = 3;
export const ROOM_SIZE_MAX = 40;
export const ROOM_HEIGHT_MIN = 2.5;
export const ROOM_HEIGHT_MAX = 10;
export const GRID_LIMIT = 1000;

export const ZRoomTheme = z.enum(["sandstone", "slate", "moss", "terracotta", "indigo", "ivory"]);
export type TRoomTheme = z.infer<typeof ZRoomTheme>;

const gridCoord = (label: string) =>
  z
    .number({ message: `${label} must be a number.` })
    .int(`${label} must be a whole number of metres.`)
    .min(-GRID_LIMIT, `${label} must be at least -${GRID_LIMIT}.`)
    .max(GRID_LIMIT, `${label} must be at most ${GRID_LIMIT}.`);

const size = (label: string) =>
  z
    .number({ message: `${label} must be a number.` })
    .int(`${label} must be a whole number of metres.`)
    .min(ROOM_SIZE_MIN, `${label} must be at least ${ROOM_SIZE_MIN} m.`)
    .max(ROOM_SIZE_MAX, `${label} must be at most ${ROOM_SIZE_MAX} m.`);

const ZHeight = z
  .number({ message: "Height must be a number." })
  .min(ROOM_HEIGHT_MIN, `Height must be at least ${ROOM_HEIGHT_MIN} m.`)
  .max(ROOM_HEIGHT_MAX, `Height must be at most ${ROOM_HEIGHT_MAX} m.`);

const ZRoomName = title("Room name", ROOM_NAME_MAX);

export const ZCreateRoomInput = z
  .object({
    palaceId: ZId,
    name: ZRoomName,
    gridX: gridCoord("X position"),
    gridZ: gridCoord("Z position"),
    width: size("Width").default(8),
    depth: size("Depth").default(8),
    height: ZHeight.default(3.5),
    theme: ZRoomTheme.default("sandstone"),
  })
  .strict();
export type TCreateRoomInput = z.input<typeof ZCreateRoomInput>;

export const ZUpdateRoomInput = z
  .object({
    id: ZId,
    version: ZVersion,
    name: ZRoomName.optional(),
    gridX: gridCoord("X position").optional(),
    gridZ: gridCoord("Z position").optional(),
    width: size("Width").optional(),
    depth: size("Depth").optional(),
    height: ZHeight.optional(),
    theme: ZRoomTheme.optional(),
  })
  .strict();
export type TUpdateRoomInput = z.input<typeof ZUpdateRoomInput>;

export const ZRoom = z.object({
  id: ZId,
  palaceId: ZId,
  name: z.string(),
  gridX: z.number().int(),
  gridZ: z.number().int(),
  width: z.number().int(),
  depth: z.number().int(),
  height: z.number(),
  theme: ZRoomTheme,
  version: z.number().int(),
});
export type TRoom = z.infer<typeof ZRoom>;
