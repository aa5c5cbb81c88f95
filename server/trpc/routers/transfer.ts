import "server-only";
import { ZImportInput, ZImportPlannedInput, ZImportResult } from "../../domain/transfer/transfer.schema";
import * as transfer from "../../domain/transfer/transfer.service";
import { protectedProcedure, router } from "../init";

// Exports are files, so they are served by app/api/palaces/[id]/export; imports come in here.
export const transferRouter = router({
  import: protectedProcedure
    .input(ZImportInput)
    .output(ZImportResult)
    .mutation(({ ctx, input, signal }) => transfer.importPalace(ctx.db, ctx.actor, input, signal)),
  // Model files too large to upload are planned in the browser; only the palace comes here.
  importPlanned: protectedProcedure
    .input(ZImportPlannedInput)
    .output(ZImportResult)
    .mutation(({ ctx, input, signal }) => transfer.importPlannedPalace(ctx.db, ctx.actor, input, signal)),
});
