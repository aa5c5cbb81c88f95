import "server-only";
import { ZOk, ZVersionedIdInput } from "../../domain/common.schema";
import { ZLocus, ZMoveLocusInput, ZPlaceLocusInput, ZUpdateLocusInput } from "../../domain/locus/locus.schema";
import * as lociService from "../../domain/locus/locus.service";
import { protectedProcedure, router } from "../init";

export const locusRouter = router({
  place: protectedProcedure
    .input(ZPlaceLocusInput)
    .output(ZLocus)
    .mutation(({ ctx, input }) => lociService.place(ctx.db, ctx.actor, input)),
  move: protectedProcedure
    .input(ZMoveLocusInput)
    .output(ZLocus)
    .mutation(({ ctx, input }) => lociService.move(ctx.db, ctx.actor, input)),
  update: protectedProcedure
    .input(ZUpdateLocusInput)
    .output(ZLocus)
    .mutation(({ ctx, input }) => lociService.update(ctx.db, ctx.actor, input)),
  delete: protectedProcedure
    .input(ZVersionedIdInput)
    .output(ZOk)
    .mutation(({ ctx, input }) => lociService.remove(ctx.db, ctx.actor, input)),
});
