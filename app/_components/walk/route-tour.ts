// The tour along the palace route, and the viewpoints it flies to. Shared by the N/P keys, the
// click on a concept while walking, and the minimap teleport.
import { headingTowards, viewpointFor } from "~/server/domain/room/walk.logic";
import type { Pose } from "../../_stores/walk-store";
import type { TLiveScene } from "../../_stores/live-palace/live-palace.select";

/** Where to stand, and which way to face, to look at a concept's locus. */
export function poseForConcept(scene: TLiveScene, conceptId: string): Pose | null {
  const locus = scene.loci.find((l) => l.conceptId === conceptId);
  const room = locus && scene.rooms.find((r) => r.id === locus.roomId);
  if (!locus || !room) return null;
  const { stand, look } = viewpointFor(room, locus);
  return { ...stand, heading: headingTowards(stand, look) };
}

/** Just inside a room's south wall, facing into it: where you arrive when you teleport there. */
export function poseForRoom(scene: TLiveScene, roomId: string): Pose | null {
  const room = scene.rooms.find((r) => r.id === roomId);
  if (!room) return null;
  return { x: room.gridX + room.width / 2, z: room.gridZ + room.depth - Math.min(1.2, room.depth / 3), heading: 0 };
}

/** The concept `step` stops away from `currentConceptId` along the route (wrapping at the ends). */
export function stepAlongRoute(scene: TLiveScene, currentConceptId: string | null, step: 1 | -1): string | null {
  const route = scene.loci;
  if (route.length === 0) return null;
  const index = route.findIndex((l) => l.conceptId === currentConceptId);
  if (index === -1) return route[step === 1 ? 0 : route.length - 1]!.conceptId;
  return route[(index + step + route.length) % route.length]!.conceptId;
}
