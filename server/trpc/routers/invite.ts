import "server-only";
import { z } from "zod";
import { ZIdInput, ZPalaceRef } from "../../domain/common.schema";
import {
  ZAcceptedInvite,
  ZCreatedInvite,
  ZCreateInviteInput,
  ZInvite,
  ZInvitePreview,
  ZInviteTokenInput,
} from "../../domain/invite/invite.schema";
import * as invites from "../../domain/invite/invite.service";
import { protectedProcedure, publicProcedure, router } from "../init";

export const inviteRouter = router({
  create: protectedProcedure
    .input(ZCreateInviteInput)
    .output(ZCreatedInvite)
    .mutation(({ ctx, input }) => invites.create(ctx.db, ctx.actor, input)),
  list: protectedProcedure
    .input(ZPalaceRef)
    .output(z.array(ZInvite))
    .query(({ ctx, input }) => invites.list(ctx.db, ctx.actor, input.palaceId)),
  revoke: protectedProcedure
    .input(ZIdInput)
    .output(z.array(ZInvite))
    .mutation(({ ctx, input }) => invites.revoke(ctx.db, ctx.actor, input.id)),
  preview: publicProcedure
    .input(ZInviteTokenInput)
    .output(ZInvitePreview)
    .query(({ ctx, input }) => invites.preview(ctx.db, ctx.actor, input)),
  accept: protectedProcedure
    .input(ZInviteTokenInput)
    .output(ZAcceptedInvite)
    .mutation(({ ctx, input }) => invites.accept(ctx.db, ctx.actor, input)),
});
