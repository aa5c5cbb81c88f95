// The activity feed and the live change stream of a palace.
import "../zod-config";
import { z } from "zod";
import { ZId } from "../common.schema";

export const ACTIVITY_PAGE_MAX = 100;

export const ZEventAction = z.enum(["added", "changed", "moved", "deleted"]);
export const ZEventEntity = z.enum(["palace", "room", "door", "concept", "locus", "link", "member", "invite"]);

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
