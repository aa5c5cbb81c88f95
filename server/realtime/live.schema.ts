// The live palace contract: the compact snapshot a page loads once, and the stream of changes
// (each carrying its rows) that patches it. Shared by the server and the client store.
import "../domain/zod-config";
import { z } from "zod";
import { ZId } from "../domain/common.schema";
import { ZConceptKind, ZConceptSummary } from "../domain/concept/concept.schema";
import { ZDoor } from "../domain/door/door.schema";
import { ZLink } from "../domain/link/link.schema";
import { ZPresenceUpdate } from "../domain/presence/presence.schema";
import { ZLocus, ZLocusShape } from "../domain/locus/locus.schema";
import { ZPalaceRole, ZPalaceVisibility } from "../domain/palace/palace.schema";
import { ZPictureMeta } from "../domain/picture/picture.schema";
import { ZRoom, ZRoomTheme } from "../domain/room/room.schema";
import { ZEventAction } from "../domain/activity/activity.schema";

/**
 * The notes excerpt a snapshot and a change carry: enough to preview; the concept card loads
 * the full text on demand. Short because it is repeated for every concept of a big palace.
 */
export const LIVE_EXCERPT_LENGTH = 40;

/** A client this many events behind is told to load a fresh snapshot instead of a replay. */
export const LIVE_STALE_AFTER = 500;

export const ZLiveAccess = z.object({ role: ZPalaceRole.nullable(), canEdit: z.boolean() });
export type TLiveAccess = z.infer<typeof ZLiveAccess>;

// Row shapes: what the scene and the panels read, derived from the domain rows. No palace id
// (the whole snapshot is one palace) and no timestamps (nothing on the page shows them).
export const ZLivePalace = z.object({
  id: ZId,
  ownerId: z.string(),
  ownerName: z.string(),
  title: z.string(),
  description: z.string(),
  visibility: ZPalaceVisibility,
  version: z.number().int(),
  /** The reader's own access: differs between readers of one palace. */
  access: ZLiveAccess,
});
export type TLivePalace = z.infer<typeof ZLivePalace>;

export const ZLiveRoom = ZRoom.omit({ palaceId: true });
export type TLiveRoom = z.infer<typeof ZLiveRoom>;

export const ZLiveDoor = ZDoor.omit({ palaceId: true });
export type TLiveDoor = z.infer<typeof ZLiveDoor>;

export const ZLiveConcept = ZConceptSummary.omit({ palaceId: true, createdAt: true, updatedAt: true });
export type TLiveConcept = z.infer<typeof ZLiveConcept>;

export const ZLiveLocus = ZLocus.omit({ palaceId: true });
export type TLiveLocus = z.infer<typeof ZLiveLocus>;

export const ZLiveLink = ZLink.omit({ palaceId: true });
export type TLiveLink = z.infer<typeof ZLiveLink>;

/** The palace as the client store holds it, after `decodeSnapshot` (live.logic.ts). */
export const ZPalaceSnapshot = z.object({
  /** The palace's event head when it was read: apply only changes with a higher seq. */
  seq: z.number().int(),
  /** False for the first part of a progressive load (the focus room and its neighbours). */
  complete: z.boolean(),
  palace: ZLivePalace,
  rooms: z.array(ZLiveRoom),
  doors: z.array(ZLiveDoor),
  concepts: z.array(ZLiveConcept),
  loci: z.array(ZLiveLocus),
  links: z.array(ZLiveLink),
});
export type TPalaceSnapshot = z.infer<typeof ZPalaceSnapshot>;

// On the wire each table sends its column names once and then one array of values per row,
// and a reference to another row of the snapshot (a locus's room and concept, a door's rooms,
// a link's ends) is that row's index in its table. A 1,000-concept palace is then about a
// quarter of its size as objects with ids; `decodeSnapshot` turns it back into the rows above.
export const ROOM_COLUMNS = ["id", "name", "gridX", "gridZ", "width", "depth", "height", "theme", "version"] as const;
export const DOOR_COLUMNS = ["id", "roomA", "roomB", "position", "width"] as const;
export const CONCEPT_COLUMNS = ["id", "title", "kind", "tags", "sourceUrl", "version", "notesExcerpt", "notesLength", "picture"] as const;
export const LOCUS_COLUMNS = ["id", "concept", "room", "x", "y", "z", "rotationY", "shape", "color", "routeOrder", "version"] as const;
export const LINK_COLUMNS = ["id", "from", "to", "label", "version"] as const;

const ref = z.number().int().min(0);
const table = <T extends z.ZodTuple>(columns: readonly string[], row: T) =>
  z.object({
    columns: z.array(z.string()).refine((c) => c.join() === columns.join(), `Columns must be ${columns.join(", ")}.`),
    rows: z.array(row),
  });

export const ZSnapshotWire = z.object({
  format: z.literal(1),
  seq: z.number().int(),
  complete: z.boolean(),
  palace: ZLivePalace,
  rooms: table(ROOM_COLUMNS, z.tuple([ZId, z.string(), z.number().int(), z.number().int(), z.number().int(), z.number().int(), z.number(), ZRoomTheme, z.number().int()])),
  doors: table(DOOR_COLUMNS, z.tuple([ZId, ref, ref, z.number(), z.number()])),
  concepts: table(
    CONCEPT_COLUMNS,
    z.tuple([ZId, z.string(), ZConceptKind, z.array(z.string()), z.string().nullable(), z.number().int(), z.string(), z.number().int(), ZPictureMeta.nullable()]),
  ),
  loci: table(LOCUS_COLUMNS, z.tuple([ZId, ref, ref, z.number(), z.number(), z.number(), z.number(), ZLocusShape, z.string(), z.number().int(), z.number().int()])),
  links: table(LINK_COLUMNS, z.tuple([ZId, ref, ref, z.string(), z.number().int()])),
});
export type TSnapshotWire = z.infer<typeof ZSnapshotWire>;

/** Where the change stream stood when it opened: load a snapshot, keep changes after its seq. */
export const ZLiveReady = z.object({ type: z.literal("ready"), seq: z.number().int() });

const changeFields = {
  type: z.literal("change"),
  seq: z.number().int(),
  /** Commit time, ms since the epoch. */
  at: z.number(),
  actorId: z.string().nullable(),
  action: ZEventAction,
  entityId: z.string(),
  /** The version the write gave the row (null for doors, members, invites, deletions). */
  version: z.number().int().nullable(),
  /**
   * The locus ids in route order, when this write renumbered the route (a locus placed or
   * removed, a stop moved, a re-route, a room or concept deleted with its loci): set each
   * locus's routeOrder to its index + 1. Absent when the route did not change.
   */
  route: z.array(ZId).optional(),
};

/**
 * One event of the palace's log with the row it touched, read after the event committed: the
 * row is at least as new as the event (later edits may already show in it; their own changes
 * follow). null: deleted, or not a row of the snapshot (members, invites).
 */
export const ZLiveChange = z.discriminatedUnion("entity", [
  z.object({ ...changeFields, entity: z.literal("palace"), row: ZLivePalace.nullable() }),
  z.object({ ...changeFields, entity: z.literal("room"), row: ZLiveRoom.nullable() }),
  z.object({ ...changeFields, entity: z.literal("door"), row: ZLiveDoor.nullable() }),
  z.object({ ...changeFields, entity: z.literal("concept"), row: ZLiveConcept.nullable() }),
  z.object({ ...changeFields, entity: z.literal("locus"), row: ZLiveLocus.nullable() }),
  z.object({ ...changeFields, entity: z.literal("link"), row: ZLiveLink.nullable() }),
  // Membership: the reader's own access after it (they may have become a viewer).
  z.object({ ...changeFields, entity: z.literal("member"), row: z.null(), access: ZLiveAccess }),
  z.object({ ...changeFields, entity: z.literal("invite"), row: z.null() }),
]);
export type TLiveChange = z.infer<typeof ZLiveChange>;

export const ZLivePresence = ZPresenceUpdate.omit({ palaceId: true });
export type TLivePresence = z.infer<typeof ZLivePresence>;

/** Who is where: everyone at once right after `ready`, then one person per update. */
export const ZLivePresenceItem = z.object({ type: z.literal("presence"), people: z.array(ZLivePresence) });

/**
 * The stream cannot bring this client up to date change by change (it was more than
 * LIVE_STALE_AFTER events behind): load a fresh snapshot; changes after `seq` follow.
 */
export const ZLiveStale = z.object({ type: z.literal("stale"), seq: z.number().int() });

export const ZLiveItem = z.discriminatedUnion("type", [ZLiveReady, ZLiveChange, ZLivePresenceItem, ZLiveStale]);
export type TLiveItem = z.infer<typeof ZLiveItem>;

/** `palace.live`: the palace's changes with their rows, resumable with lastEventId. */
export const ZLiveInput = z
  .object({
    palaceId: ZId,
    lastEventId: z.string().nullish(),
    /** Also follow who is where; a signed-in follower is announced as gone when it ends. */
    presence: z.boolean().default(true),
  })
  .strict();

/** `live.watch`: the same palace's events by id (the members page), without presence unless asked. */
export const ZWatchInput = ZLiveInput.extend({
  /** Also follow who is where; a signed-in watcher is announced as gone when the stream ends. */
  presence: z.boolean().default(false),
});

/** `palace.snapshot` (and GET /api/palaces/<id>/snapshot?focus=<roomId>). */
export const ZSnapshotInput = z
  .object({
    id: ZId,
    /** Load this room and its neighbours first (complete: false); then ask again without it. */
    focusRoomId: ZId.optional(),
  })
  .strict();
export type TSnapshotInput = z.input<typeof ZSnapshotInput>;

/** `palace.arrival`: where the palace page opens, asked before anything of the palace is drawn. */
export const ZArrivalInput = z
  .object({
    id: ZId,
    /** A concept the person came for (a search result): its room is the one to open. */
    conceptId: ZId.optional(),
  })
  .strict();
export type TArrivalInput = z.input<typeof ZArrivalInput>;

export const ZArrival = z.object({
  title: z.string(),
  /** The room to load first: the concept's, else the route's first stop's, else the first room; null in an empty palace. */
  entranceRoomId: ZId.nullable(),
});
export type TArrival = z.infer<typeof ZArrival>;
