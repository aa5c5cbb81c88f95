// Door inputs and outputs. A door joins two touching rooms of one palace through their shared wall.
import "../zod-config";
import { z } from "zod";
import { ZId } from "../common.schema";

/** Every door is this wide (metres): wide enough to walk through, narrow enough to read as a door. */
export const DOOR_WIDTH = 1.4;

export const ZCreateDoorInput = z
  .object({
    palaceId: ZId,
    roomAId: ZId,
    roomBId: ZId,
    /** Centre of the door along the shared wall in palace coordinates; the middle when omitted. */
    position: z.number({ message: "Door position must be a number." }).finite().optional(),
  })
  .strict();
export type TCreateDoorInput = z.input<typeof ZCreateDoorInput>;

export const ZDoor = z.object({
  id: ZId,
  palaceId: ZId,
  roomAId: ZId,
  roomBId: ZId,
  position: z.number(),
  width: z.number(),
});
export type TDoor = z.infer<typeof ZDoor>;
