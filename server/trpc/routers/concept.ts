import "server-only";
import { z } from "zod";
import { ZIdInput, ZOk, ZPalaceRef, ZVersionedIdInput } from "../../domain/common.schema";
import { ZConcept, ZCreateConceptInput, ZRestoreResult, ZUpdateConceptInput } from "../../domain/concept/concept.schema";
import * as conceptsService from "../../domain/concept/concept.service";
import * as tombstones from "../../domain/concept/tombstone.service";
import { protectedProcedure, publicProcedure, router } from "../init";

export const conceptRouter = router({
  get: publicProcedure
    .input(ZIdInput)
    .output(ZConcept)
    .query(({ ctx, input }) => conceptsService.get(ctx.db, ctx.actor, input.id)),
  listInbox: publicProcedure
    .input(ZPalaceRef)
    .output(z.array(ZConcept))
    .query(({ ctx, input }) => conceptsService.listInbox(ctx.db, ctx.actor, input.palaceId)),
  create: protectedProcedure
    .input(ZCreateConceptInput)
    .output(ZConcept)
    .mutation(({ ctx, input }) => conceptsService.create(ctx.db, ctx.actor, input)),
  update: protectedProcedure
    .input(ZUpdateConceptInput)
    .output(ZConcept)
    .mutation(({ ctx, input }) => conceptsService.update(ctx.db, ctx.actor, input)),
  delete: protectedProcedure
    .input(ZVersionedIdInput)
    .output(ZOk)
    .mutation(({ ctx, input }) => conceptsService.remove(ctx.db, ctx.actor, input)),
  restore: protectedProcedure
    .input(ZIdInput)
    .output(ZRestoreResult)
    .mutation(({ ctx, input }) => tombstones.restore(ctx.db, ctx.actor, input)),
});
