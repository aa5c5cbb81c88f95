import "server-only";
import { z } from "zod";
import { ZIdInput, ZOk } from "../../domain/common.schema";
import {
  ZCreatePalaceInput,
  ZDuplicatePalaceInput,
  ZPalaceScene,
  ZPalaceSummary,
  ZUpdatePalaceInput,
} from "../../domain/palace/palace.schema";
import * as palaces from "../../domain/palace/palace.service";
import * as live from "../../domain/palace/live.service";
import { ZArrival, ZArrivalInput, ZLiveInput, ZSnapshotInput, ZSnapshotWire } from "../../realtime/live.schema";
import { domainStream, limitedReadProcedure, protectedProcedure, publicProcedure, router } from "../init";

export const palaceRouter = router({
  list: protectedProcedure.output(z.array(ZPalaceSummary)).query(({ ctx }) => palaces.listMine(ctx.db, ctx.actor)),
  /** Title and the caller's role, for pages about a palace that do not draw it (members). */
  summary: protectedProcedure
    .input(ZIdInput)
    .output(ZPalaceSummary)
    .query(({ ctx, input }) => palaces.mine(ctx.db, ctx.actor, input.id)),
  get: limitedReadProcedure({ signedIn: false })
    .input(ZIdInput)
    .output(ZPalaceScene)
    .query(({ ctx, input }) => palaces.getScene(ctx.db, ctx.actor, input.id)),
  /** The compact snapshot (also at GET /api/palaces/<id>/snapshot with ETag and compression). */
  snapshot: limitedReadProcedure({ signedIn: true })
    .input(ZSnapshotInput)
    .output(ZSnapshotWire)
    .query(({ ctx, input }) => live.snapshotWire(ctx.db, ctx.actor, input)),
  /** Where the palace page opens (title, first room), without waiting for the palace itself. */
  arrival: limitedReadProcedure({ signedIn: true })
    .input(ZArrivalInput)
    .output(ZArrival)
    .query(({ ctx, input }) => live.arrival(ctx.db, ctx.actor, input)),
  /** Server-sent events: the palace's changes with their rows, resumable with lastEventId. */
  live: publicProcedure
    .input(ZLiveInput)
    .subscription(async ({ ctx, input, signal }) => domainStream(await live.follow(ctx.db, ctx.bus, ctx.actor, input, signal))),
  create: protectedProcedure
    .input(ZCreatePalaceInput)
    .output(ZPalaceSummary)
    .mutation(({ ctx, input }) => palaces.create(ctx.db, ctx.actor, input)),
  update: protectedProcedure
    .input(ZUpdatePalaceInput)
    .output(ZPalaceSummary)
    .mutation(({ ctx, input }) => palaces.update(ctx.db, ctx.actor, input)),
  delete: protectedProcedure
    .input(ZIdInput)
    .output(ZOk)
    .mutation(({ ctx, input }) => palaces.remove(ctx.db, ctx.actor, input.id)),
  duplicate: protectedProcedure
    .input(ZDuplicatePalaceInput)
    .output(ZPalaceSummary)
    .mutation(({ ctx, input }) => palaces.duplicate(ctx.db, ctx.actor, input)),
});

