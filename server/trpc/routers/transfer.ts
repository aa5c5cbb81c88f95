import "server-only";
import { ZPalaceSummary } from "../../domain/palace/palace.schema";
import { ZImportInput, ZImportPlannedInput } from "../../domain/transfer/transfer.schema";
import * as transfer from "../../domain/transfer/transfer.service";
import { protectedProcedure, router } from "../init";

// Exports are files, so they are served by app/api/palaces/[id]/export; imports come in here.
export const transferRouter = router({
  import: protectedProcedure
    .input(ZImportInput)
    .output(ZPalaceSummary)
    .mutation(({ ctx, input, signal }) => transfer.importPalace(ctx.db, ctx.actor, input, signal)),
  // Model files too large to upload are planned in the browser; only the palace comes here.
  importPlanned: protectedProcedure
    .input(ZImportPlannedInput)
    .output(ZPalaceSummary)
    .mutation(({ ctx, input, signal }) => transfer.importPlannedPalace(ctx.db, ctx.actor, input, signal)),
});
