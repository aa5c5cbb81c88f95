import "server-only";
import { ZOk, ZVersionedIdInput } from "../../domain/common.schema";
import { ZCreateRoomInput, ZRoom, ZUpdateRoomInput } from "../../domain/room/room.schema";
import * as roomsService from "../../domain/room/room.service";
import { protectedProcedure, router } from "../init";

export const roomRouter = router({
  create: protectedProcedure
    .input(ZCreateRoomInput)
    .output(ZRoom)
    .mutation(({ ctx, input }) => roomsService.create(ctx.db, ctx.actor, input)),
  update: protectedProcedure
    .input(ZUpdateRoomInput)
    .output(ZRoom)
    .mutation(({ ctx, input }) => roomsService.update(ctx.db, ctx.actor, input)),
  delete: protectedProcedure
    .input(ZVersionedIdInput)
    .output(ZOk)
    .mutation(({ ctx, input }) => roomsService.remove(ctx.db, ctx.actor, input)),
});
