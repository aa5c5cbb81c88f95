import "server-only";
import { ZOk, ZVersionedIdInput } from "../../domain/common.schema";
import { ZCreateLinkInput, ZLink, ZUpdateLinkInput } from "../../domain/link/link.schema";
import * as linksService from "../../domain/link/link.service";
import { protectedProcedure, router } from "../init";

export const linkRouter = router({
  create: protectedProcedure
    .input(ZCreateLinkInput)
    .output(ZLink)
    .mutation(({ ctx, input }) => linksService.create(ctx.db, ctx.actor, input)),
  update: protectedProcedure
    .input(ZUpdateLinkInput)
    .output(ZLink)
    .mutation(({ ctx, input }) => linksService.update(ctx.db, ctx.actor, input)),
  delete: protectedProcedure
    .input(ZVersionedIdInput)
    .output(ZOk)
    .mutation(({ ctx, input }) => linksService.remove(ctx.db, ctx.actor, input)),
});
