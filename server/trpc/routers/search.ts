import "server-only";
import { z } from "zod";
import { ZSearchInput, ZSearchResult } from "../../domain/search/search.schema";
import { searchConcepts } from "../../domain/search/search.service";
import { publicProcedure, router } from "../init";

export const searchRouter = router({
  concepts: publicProcedure
    .input(ZSearchInput)
    .output(z.array(ZSearchResult))
    .query(({ ctx, input }) => searchConcepts(ctx.db, ctx.actor, input)),
});
