"use client";
// Placing a concept at a clicked point: clamps the point inside the room's walls, then saves.
import { useMutation } from "@tanstack/react-query";
import { WALL_MARGIN } from "~/server/domain/room/room.logic";
import type { TRoom } from "~/server/domain/room/room.schema";
import { useTRPC } from "../../_trpc/client";
import { useEditHandlers } from "./use-palace-mutation";

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

export function usePlaceAt(palaceId: string) {
  const trpc = useTRPC();
  const handlers = useEditHandlers(palaceId);
  const place = useMutation(trpc.locus.place.mutationOptions(handlers));
  return (conceptId: string, room: TRoom, x: number, z: number) =>
    place.mutate({
      conceptId,
      roomId: room.id,
      x: Math.round(clamp(x, WALL_MARGIN, room.width - WALL_MARGIN) * 100) / 100,
      z: Math.round(clamp(z, WALL_MARGIN, room.depth - WALL_MARGIN) * 100) / 100,
    });
}
