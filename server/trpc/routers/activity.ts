import "server-only";
import { z } from "zod";
import { ZActivityEntry, ZActivityListInput, ZWatchInput } from "../../domain/activity/activity.schema";
import * as activity from "../../domain/activity/activity.service";
import { domainStream, protectedProcedure, publicProcedure, router } from "../init";

export const activityRouter = router({
  list: protectedProcedure
    .input(ZActivityListInput)
    .output(z.array(ZActivityEntry))
    .query(({ ctx, input }) => activity.list(ctx.db, ctx.actor, input)),
  /** Server-sent events: one tracked item per change, resumable with lastEventId. */
  watch: publicProcedure
    .input(ZWatchInput)
    .subscription(async ({ ctx, input, signal }) => domainStream(await activity.watch(ctx.db, ctx.bus, ctx.actor, input, signal))),
});
