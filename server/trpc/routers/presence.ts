import { z } from "zod";
import { ZPresenceInput, ZPresenceWatchInput } from "../../domain/presence/presence.schema";
import * as presence from "../../domain/presence/presence.service";
import { domainStream, protectedProcedure, publicProcedure, router } from "../init";

export const presenceRouter = router({
  update: protectedProcedure
    .input(ZPresenceInput)
    .output(z.object({ accepted: z.boolean() }))
    .mutation(({ ctx, input }) => presence.update(ctx.db, ctx.actor, input)),
  watch: publicProcedure
    .input(ZPresenceWatchInput)
    .subscription(async ({ ctx, input, signal }) => domainStream(await presence.watch(ctx.db, ctx.bus, ctx.actor, input, signal))),
});
