// Palace members: who belongs to a palace and with which role.
import "../zod-config";
import { z } from "zod";
import { ZId } from "../common.schema";
import { ZPalaceRole } from "../palace/palace.schema";

/** Roles an owner can give; there is one owner, changed only by a transfer. */
export const ZGrantableRole = z.enum(["editor", "viewer"], { message: "Role must be editor or viewer." });
export type TGrantableRole = z.infer<typeof ZGrantableRole>;

export const ZUserId = z.string({ message: "Must be a user id." }).min(1, "Must be a user id.").max(100, "Must be a user id.");

export const ZMember = z.object({
  userId: z.string(),
  name: z.string(),
  role: ZPalaceRole,
  joinedAt: z.date(),
  isMe: z.boolean(),
});
export type TMember = z.infer<typeof ZMember>;

export const ZChangeRoleInput = z.object({ palaceId: ZId, userId: ZUserId, role: ZGrantableRole }).strict();
export const ZMemberRef = z.object({ palaceId: ZId, userId: ZUserId }).strict();
export type TMemberRef = z.infer<typeof ZMemberRef>;
