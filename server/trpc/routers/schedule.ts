import "server-only";
import { ZScheduleActionInput, ZScheduleStatus } from "../../domain/recall/fsrs.schema";
import * as schedule from "../../domain/recall/fsrs.service";
import { protectedProcedure, router } from "../init";

// The caller's personal FSRS parameters: how their fit stands, ask for one, go back to defaults.
export const scheduleRouter = router({
  status: protectedProcedure.output(ZScheduleStatus).query(({ ctx }) => schedule.status(ctx.db, ctx.actor)),
  optimise: protectedProcedure
    .input(ZScheduleActionInput)
    .output(ZScheduleStatus)
    .mutation(({ ctx }) => schedule.optimise(ctx.db, ctx.actor, ctx.now())),
  reset: protectedProcedure
    .input(ZScheduleActionInput)
    .output(ZScheduleStatus)
    .mutation(({ ctx }) => schedule.reset(ctx.db, ctx.actor)),
});
