// Reading the open palace: its rows typed as the page uses them, and lists derived from the
// tables once per table version, so a list stays the same array until one of its rows changes.
import type { TLiveConcept, TLiveDoor, TLiveLink, TLiveLocus, TLivePalace, TLiveRoom } from "~/server/realtime/live.schema";
import type { LiveData, LiveSnapshot } from "./live-palace.logic";
import type { LivePalaceState } from "./live-palace.store";

export interface PalaceRows {
  palace: TLivePalace;
  room: TLiveRoom;
  door: TLiveDoor;
  concept: TLiveConcept;
  locus: TLiveLocus;
  link: TLiveLink;
}

/** The whole open palace as lists, the shape `palace.get` used to have. */
export interface TLiveScene {
  palace: TLivePalace;
  rooms: TLiveRoom[];
  doors: TLiveDoor[];
  concepts: TLiveConcept[];
  loci: TLiveLocus[];
  links: TLiveLink[];
}

export type PalaceView = LiveData<PalaceRows>["view"];
export type PalaceState = LivePalaceState<PalaceRows>;
export type PalaceSnapshot = LiveSnapshot<PalaceRows>;

/** One derived value per input object, forgotten with it. */
function derive<I extends object, O>(compute: (input: I) => O): (input: I) => O {
  const cache = new WeakMap<I, O>();
  return (input) => {
    let out = cache.get(input);
    if (out === undefined) {
      out = compute(input);
      cache.set(input, out);
    }
    return out;
  };
}

const EMPTY_VIEW: PalaceView = {
  palace: { id: "", ownerId: "", ownerName: "", title: "", description: "", visibility: "private", version: 0, access: { role: null, canEdit: false } },
  room: {},
  door: {},
  concept: {},
  locus: {},
  link: {},
};

export const viewOf = (s: PalaceState): PalaceView => s.data?.view ?? EMPTY_VIEW;

/** Rooms as the floor plan reads: north to south, then west to east. */
export const roomList = derive((rooms: PalaceView["room"]) => Object.values(rooms).sort((a, b) => a.gridZ - b.gridZ || a.gridX - b.gridX));
export const doorList = derive((doors: PalaceView["door"]) => Object.values(doors));
export const conceptList = derive((concepts: PalaceView["concept"]) => Object.values(concepts));
/** Placed concepts in route order: the order a tour and a recall walk visit them. */
export const locusList = derive((loci: PalaceView["locus"]) => Object.values(loci).sort((a, b) => a.routeOrder - b.routeOrder));
export const linkList = derive((links: PalaceView["link"]) => Object.values(links));

/**
 * The palace in the shape `palace.get` had, for code that walks whole lists (tour, outline,
 * search). Each list is the same array as long as its table is unchanged.
 */
export const sceneOf = derive(
  (view: PalaceView): TLiveScene => ({
    palace: view.palace,
    rooms: roomList(view.room),
    doors: doorList(view.door),
    concepts: conceptList(view.concept),
    loci: locusList(view.locus),
    links: linkList(view.link),
  }),
);

/** Where each concept stands, by concept id. */
export const locusByConcept = derive((loci: PalaceView["locus"]) => new Map(Object.values(loci).map((l) => [l.conceptId, l])));

/** The doors of each room; a room without doors gets the one shared empty list. */
const NO_DOORS: TLiveDoor[] = [];
export const doorsByRoom = derive((doors: PalaceView["door"]) => {
  const map = new Map<string, TLiveDoor[]>();
  for (const d of Object.values(doors)) {
    map.set(d.roomAId, [...(map.get(d.roomAId) ?? NO_DOORS), d]);
    map.set(d.roomBId, [...(map.get(d.roomBId) ?? NO_DOORS), d]);
  }
  return map;
});
