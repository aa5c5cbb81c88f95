import "server-only";
import { z } from "zod";
import { ZPalaceRef } from "../../domain/common.schema";
import {
  ZGradeInput,
  ZGradeResult,
  ZRetrievabilityEntry,
  ZStats,
  ZStatsInput,
  ZToday,
  ZWalk,
  ZWalkInput,
} from "../../domain/recall/recall.schema";
import * as reviews from "../../domain/recall/recall.service";
import { ZAnkiImportInput, ZAnkiImportResult } from "../../domain/anki/anki.schema";
import { importAnkiHistory } from "../../domain/anki/anki.service";
import { protectedProcedure, publicProcedure, router } from "../init";

export const recallRouter = router({
  // Public so a visitor is told why their grade was not kept, in a sentence of its own.
  grade: publicProcedure
    .input(ZGradeInput)
    .output(ZGradeResult)
    .mutation(({ ctx, input }) => reviews.grade(ctx.db, ctx.actor, input, ctx.now())),
  walk: publicProcedure
    .input(ZWalkInput)
    .output(ZWalk)
    .query(({ ctx, input }) => reviews.walk(ctx.db, ctx.actor, input, ctx.now())),
  today: protectedProcedure.output(ZToday).query(({ ctx }) => reviews.today(ctx.db, ctx.actor, ctx.now())),
  retrievability: publicProcedure
    .input(ZPalaceRef)
    .output(z.array(ZRetrievabilityEntry))
    .query(({ ctx, input }) => reviews.retrievability(ctx.db, ctx.actor, input.palaceId, ctx.now())),
  stats: protectedProcedure
    .input(ZStatsInput)
    .output(ZStats)
    .query(({ ctx, input }) => reviews.stats(ctx.db, ctx.actor, input, ctx.now())),
  /** An Anki review log (from an .apkg or .colpkg) brought into the caller's schedules of a palace. */
  importAnki: protectedProcedure
    .input(ZAnkiImportInput)
    .output(ZAnkiImportResult)
    .mutation(({ ctx, input }) => importAnkiHistory(ctx.db, ctx.actor, input, ctx.now())),
});
