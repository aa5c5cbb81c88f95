import "server-only";
import { z } from "zod";
import { ZDeleteAccountInput, ZDeletedAccount, ZDeletionPlan } from "../../domain/account/account.schema";
import * as account from "../../domain/account/account.service";
import { protectedProcedure, router } from "../init";

export const accountRouter = router({
  deletionPlan: protectedProcedure
    .input(z.void())
    .output(ZDeletionPlan)
    .query(({ ctx }) => account.deletionPlan(ctx.db, ctx.actor)),
  delete: protectedProcedure
    .input(ZDeleteAccountInput)
    .output(ZDeletedAccount)
    .mutation(({ ctx, input }) => account.deleteAccount(ctx.db, ctx.actor, input)),
});
