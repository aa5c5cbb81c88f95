import "server-only";
import { z } from "zod";
import { ZPalaceSummary } from "../../domain/palace/palace.schema";
import { ZCreateFromTemplateInput, ZTemplateSummary } from "../../domain/template/template.schema";
import * as templates from "../../domain/template/template.service";
import { protectedProcedure, router } from "../init";

export const templateRouter = router({
  list: protectedProcedure
    .input(z.void())
    .output(z.array(ZTemplateSummary))
    .query(({ ctx }) => templates.list(ctx.actor)),
  create: protectedProcedure
    .input(ZCreateFromTemplateInput)
    .output(ZPalaceSummary)
    .mutation(({ ctx, input }) => templates.create(ctx.db, ctx.actor, input)),
});
