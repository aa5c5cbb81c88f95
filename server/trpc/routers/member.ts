import "server-only";
import { z } from "zod";
import { ZOk, ZPalaceRef } from "../../domain/common.schema";
import { ZChangeRoleInput, ZMember, ZMemberRef } from "../../domain/member/member.schema";
import * as members from "../../domain/member/member.service";
import { protectedProcedure, router } from "../init";

export const memberRouter = router({
  list: protectedProcedure
    .input(ZPalaceRef)
    .output(z.array(ZMember))
    .query(({ ctx, input }) => members.list(ctx.db, ctx.actor, input.palaceId)),
  changeRole: protectedProcedure
    .input(ZChangeRoleInput)
    .output(z.array(ZMember))
    .mutation(({ ctx, input }) => members.changeRole(ctx.db, ctx.actor, input)),
  remove: protectedProcedure
    .input(ZMemberRef)
    .output(z.array(ZMember))
    .mutation(({ ctx, input }) => members.remove(ctx.db, ctx.actor, input)),
  leave: protectedProcedure
    .input(ZPalaceRef)
    .output(ZOk)
    .mutation(({ ctx, input }) => members.leave(ctx.db, ctx.actor, input.palaceId)),
  transferOwnership: protectedProcedure
    .input(ZMemberRef)
    .output(z.array(ZMember))
    .mutation(({ ctx, input }) => members.transferOwnership(ctx.db, ctx.actor, input)),
});
