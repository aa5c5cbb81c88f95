import "server-only";
import { ZMoveStopInput, ZRerouteInput, ZRoute } from "../../domain/route/route.schema";
import * as routes from "../../domain/route/route.service";
import { protectedProcedure, router } from "../init";

export const routeRouter = router({
  reroute: protectedProcedure
    .input(ZRerouteInput)
    .output(ZRoute)
    .mutation(({ ctx, input }) => routes.reroute(ctx.db, ctx.actor, input)),
  move: protectedProcedure
    .input(ZMoveStopInput)
    .output(ZRoute)
    .mutation(({ ctx, input }) => routes.moveStop(ctx.db, ctx.actor, input)),
});
