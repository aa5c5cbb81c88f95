"use client";
// Placing a concept at a clicked point: clamps the point inside the room's walls, then saves
// (undoably).
import { useCallback } from "react";
import { WALL_MARGIN } from "~/server/domain/room/room.logic";
import { usePalaceActions } from "./use-palace-actions";
import type { TLiveRoom } from "~/server/realtime/live.schema";

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** A room-local point pulled inside the room's walls and rounded to the centimetre. */
export function spotInside(room: TLiveRoom, x: number, z: number) {
  return {
    roomId: room.id,
    x: Math.round(clamp(x, WALL_MARGIN, room.width - WALL_MARGIN) * 100) / 100,
    z: Math.round(clamp(z, WALL_MARGIN, room.depth - WALL_MARGIN) * 100) / 100,
  };
}

/** The same function for the life of the palace, so passing it to the scene re-renders nothing. */
export function usePlaceAt() {
  const { place } = usePalaceActions();
  return useCallback((conceptId: string, room: TLiveRoom, x: number, z: number) => place(conceptId, spotInside(room, x, z)), [place]);
}
