// Presence: where each person in a palace is standing right now. Sent often, never stored.
import "../zod-config";
import { z } from "zod";
import { ZId } from "../common.schema";

/** Clients send at most this many updates a second; the server drops the excess. */
export const PRESENCE_MAX_PER_SECOND = 10;
/** A person not heard from for this long has left (a closed laptop sends no goodbye). */
export const PRESENCE_TIMEOUT_MS = 15_000;
/** How often a still client repeats its position so the others know it is there. */
export const PRESENCE_HEARTBEAT_MS = 5_000;

const coordinate = z.number({ message: "Position must be a number." }).finite().min(-10_000).max(10_000);

export const ZPresenceInput = z
  .object({
    palaceId: ZId,
    roomId: ZId.nullable(),
    x: coordinate,
    z: coordinate,
    heading: z.number().finite().min(-100).max(100),
  })
  .strict();
export type TPresenceInput = z.infer<typeof ZPresenceInput>;

export const ZPresenceUpdate = z.object({
  palaceId: z.string(),
  userId: z.string(),
  name: z.string(),
  roomId: z.string().nullable(),
  x: z.number(),
  z: z.number(),
  heading: z.number(),
  here: z.boolean(),
  at: z.number(),
});
export type TPresenceUpdate = z.infer<typeof ZPresenceUpdate>;
