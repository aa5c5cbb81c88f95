import "server-only";
import { z } from "zod";
import { ZPresenceInput } from "../../domain/presence/presence.schema";
import * as presence from "../../domain/presence/presence.service";
import { protectedProcedure, router } from "../init";

// Others receive positions on the palace's live stream (live.watch with presence: true).
export const presenceRouter = router({
  update: protectedProcedure
    .input(ZPresenceInput)
    .output(z.object({ accepted: z.boolean() }))
    .mutation(({ ctx, input }) => presence.update(ctx.db, ctx.actor, input)),
});
