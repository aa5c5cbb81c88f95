import "server-only";
import { z } from "zod";
import { ZActivityEntry, ZActivityListInput } from "../../domain/activity/activity.schema";
import * as activity from "../../domain/activity/activity.service";
import { protectedProcedure, router } from "../init";

export const activityRouter = router({
  list: protectedProcedure
    .input(ZActivityListInput)
    .output(z.array(ZActivityEntry))
    .query(({ ctx, input }) => activity.list(ctx.db, ctx.actor, input)),
});
