// The activity feed and the live change stream of a palace.
import "../zod-config";
import { z } from "zod";
import { ZId } from "../common.schema";

// What a change did and to what: kept here, beside the feed, so the browser's types of the
// feed never pull in the realtime module that writes the log.
export const ZEventAction = z.enum(["added", "changed", "moved", "deleted"]);
export const ZEventEntity = z.enum(["palace", "room", "door", "concept", "locus", "link", "member", "invite"]);

export const ACTIVITY_PAGE_MAX = 100;

export const ZActivityListInput = z
  .object({
    palaceId: ZId,
    limit: z.number().int().min(1).max(ACTIVITY_PAGE_MAX, `Ask for at most ${ACTIVITY_PAGE_MAX} entries.`).default(30),
    /** Entries older than this event number: the next page. */
    before: z.number().int().min(1).optional(),
  })
  .strict();

export const ZActivityEntry = z.object({
  seq: z.number().int(),
  action: ZEventAction,
  entity: ZEventEntity,
  entityId: z.string(),
  label: z.string(),
  actorName: z.string().nullable(),
  at: z.date(),
});
export type TActivityEntry = z.infer<typeof ZActivityEntry>;

/** tRPC adds `lastEventId` itself when a client reconnects to a tracked stream. */
export const ZWatchInput = z
  .object({
    palaceId: ZId,
    lastEventId: z.string().nullish(),
    /** Also follow who is where; a signed-in watcher is announced as gone when the stream ends. */
    presence: z.boolean().default(false),
  })
  .strict();
