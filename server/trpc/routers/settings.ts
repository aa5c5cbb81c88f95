import "server-only";
import { ZSettings, ZUpdateSettingsInput } from "../../domain/settings/settings.schema";
import * as settings from "../../domain/settings/settings.service";
import { protectedProcedure, router } from "../init";

export const settingsRouter = router({
  get: protectedProcedure.output(ZSettings).query(({ ctx }) => settings.get(ctx.db, ctx.actor)),
  update: protectedProcedure
    .input(ZUpdateSettingsInput)
    .output(ZSettings)
    .mutation(({ ctx, input }) => settings.update(ctx.db, ctx.actor, input, ctx.now())),
});
