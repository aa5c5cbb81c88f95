import "server-only";
import { ZIdInput, ZOk } from "../../domain/common.schema";
import { ZCreateDoorInput, ZDoor } from "../../domain/door/door.schema";
import * as doorsService from "../../domain/door/door.service";
import { protectedProcedure, router } from "../init";

export const doorRouter = router({
  create: protectedProcedure
    .input(ZCreateDoorInput)
    .output(ZDoor)
    .mutation(({ ctx, input }) => doorsService.create(ctx.db, ctx.actor, input)),
  delete: protectedProcedure
    .input(ZIdInput)
    .output(ZOk)
    .mutation(({ ctx, input }) => doorsService.remove(ctx.db, ctx.actor, input)),
});
