// Invite links: an owner hands out a link with a role and an expiry; whoever opens it signed
// in joins the palace with that role.
import "../zod-config";
import { z } from "zod";
import { ZId } from "../common.schema";
import { ZPalaceRole } from "../palace/palace.schema";
import { ZGrantableRole } from "../member/member.schema";

export const INVITE_DEFAULT_DAYS = 7;
export const INVITE_MAX_DAYS = 30;

export const ZInviteToken = z
  .string({ message: "The invite link is incomplete." })
  .regex(/^[A-Za-z0-9_-]{43}$/, "The invite link is incomplete. Copy the whole link and try again.");

export const ZCreateInviteInput = z
  .object({
    palaceId: ZId,
    role: ZGrantableRole.default("viewer"),
    expiresInDays: z
      .number({ message: "Expiry must be a number of days." })
      .int("Expiry must be a whole number of days.")
      .min(1, "An invite must last at least 1 day.")
      .max(INVITE_MAX_DAYS, `An invite can last at most ${INVITE_MAX_DAYS} days.`)
      .default(INVITE_DEFAULT_DAYS),
  })
  .strict();
export type TCreateInviteInput = z.input<typeof ZCreateInviteInput>;

export const ZInviteStatus = z.enum(["active", "expired", "revoked"]);
export type TInviteStatus = z.infer<typeof ZInviteStatus>;

export const ZInvite = z.object({
  id: ZId,
  palaceId: ZId,
  role: ZPalaceRole,
  createdByName: z.string(),
  createdAt: z.date(),
  expiresAt: z.date(),
  revokedAt: z.date().nullable(),
  acceptedCount: z.number().int(),
  status: ZInviteStatus,
});
export type TInvite = z.infer<typeof ZInvite>;

/** Returned once, at creation: the only time the token exists outside the person's link. */
export const ZCreatedInvite = z.object({ invite: ZInvite, token: ZInviteToken });

export const ZInviteTokenInput = z.object({ token: ZInviteToken }).strict();

/** What the invite page shows before someone accepts. */
export const ZInvitePreview = z.object({
  palaceId: ZId,
  palaceTitle: z.string(),
  ownerName: z.string(),
  role: ZPalaceRole,
  status: ZInviteStatus,
  expiresAt: z.date(),
  myRole: ZPalaceRole.nullable(),
});
export type TInvitePreview = z.infer<typeof ZInvitePreview>;

export const ZAcceptedInvite = z.object({ palaceId: ZId, role: ZPalaceRole });
