import "server-only";
import { ZWatchInput } from "../../realtime/live.schema";
import * as live from "../../domain/live/live.service";
import { domainStream, publicProcedure, router } from "../init";

export const liveRouter = router({
  /** Server-sent events: one tracked item per change, resumable with lastEventId. */
  watch: publicProcedure
    .input(ZWatchInput)
    .subscription(async ({ ctx, input, signal }) => domainStream(await live.watch(ctx.db, ctx.bus, ctx.actor, input, signal))),
});
