import "server-only";
import { z } from "zod";
import { ZIdInput, ZOk } from "../../domain/common.schema";
import {
  ZCreatePalaceInput,
  ZDuplicatePalaceInput,
  ZPalaceScene,
  ZPalaceSummary,
  ZUpdatePalaceInput,
} from "../../domain/palace/palace.schema";
import * as palaces from "../../domain/palace/palace.service";
import { protectedProcedure, publicProcedure, router } from "../init";

export const palaceRouter = router({
  list: protectedProcedure.output(z.array(ZPalaceSummary)).query(({ ctx }) => palaces.listMine(ctx.db, ctx.actor)),
  get: publicProcedure
    .input(ZIdInput)
    .output(ZPalaceScene)
    .query(({ ctx, input }) => palaces.getScene(ctx.db, ctx.actor, input.id)),
  create: protectedProcedure
    .input(ZCreatePalaceInput)
    .output(ZPalaceSummary)
    .mutation(({ ctx, input }) => palaces.create(ctx.db, ctx.actor, input)),
  update: protectedProcedure
    .input(ZUpdatePalaceInput)
    .output(ZPalaceSummary)
    .mutation(({ ctx, input }) => palaces.update(ctx.db, ctx.actor, input)),
  delete: protectedProcedure
    .input(ZIdInput)
    .output(ZOk)
    .mutation(({ ctx, input }) => palaces.remove(ctx.db, ctx.actor, input.id)),
  duplicate: protectedProcedure
    .input(ZDuplicatePalaceInput)
    .output(ZPalaceSummary)
    .mutation(({ ctx, input }) => palaces.duplicate(ctx.db, ctx.actor, input)),
});

