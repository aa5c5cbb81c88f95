import "server-only";
import { ZDeletePictureInput, ZPictureResult } from "../../domain/picture/picture.schema";
import * as pictures from "../../domain/picture/picture.service";
import { protectedProcedure, router } from "../init";

// Pictures are files, so uploads and downloads go through app/api/pictures; removing one is
// an ordinary mutation.
export const pictureRouter = router({
  delete: protectedProcedure
    .input(ZDeletePictureInput)
    .output(ZPictureResult)
    .mutation(({ ctx, input }) => pictures.remove(ctx.db, ctx.actor, input)),
});
