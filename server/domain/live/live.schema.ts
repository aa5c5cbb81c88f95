// What a page sends to follow one palace live.
import "../zod-config";
import { z } from "zod";
import { ZId } from "../common.schema";

/** tRPC adds `lastEventId` itself when a client reconnects to a tracked stream. */
export const ZWatchInput = z
  .object({
    palaceId: ZId,
    lastEventId: z.string().nullish(),
    /** Also follow who is where; a signed-in watcher is announced as gone when the stream ends. */
    presence: z.boolean().default(false),
  })
  .strict();
