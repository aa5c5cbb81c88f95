// Placement rules shared by the panel and the services: where a new concept can stand in a room
// without crowding the others or blocking a door.
import { WALL_MARGIN } from "../room/room.logic";

export interface Spot {
  x: number;
  z: number;
}

/** Objects closer than this read as one clump. */
export const MIN_SPACING = 1.2;

/**
 * A free spot in a room of `width` x `depth` metres (room-local coordinates): the grid point
 * farthest from every taken spot and door, scanning rows from the north-west corner. Null when
 * every candidate is crowded.
 */
export function suggestSpot(width: number, depth: number, taken: Spot[], doors: Spot[] = []): Spot | null {
  const inset = Math.max(WALL_MARGIN, 1);
  let best: { spot: Spot; clearance: number } | null = null;
  for (let z = inset; z <= depth - inset + 1e-9; z += 1) {
    for (let x = inset; x <= width - inset + 1e-9; x += 1) {
      const clearance = Math.min(
        ...taken.map((t) => Math.hypot(t.x - x, t.z - z)),
        ...doors.map((d) => Math.hypot(d.x - x, d.z - z) - 0.5),
        Number.POSITIVE_INFINITY,
      );
      if (clearance < MIN_SPACING) continue;
      // Prefer the first spot that is comfortably clear; otherwise the clearest one.
      if (clearance >= 2 * MIN_SPACING) return { x, z };
      if (!best || clearance > best.clearance) best = { spot: { x, z }, clearance };
    }
  }
  return best?.spot ?? null;
}
