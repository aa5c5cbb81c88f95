// Deleting an account: what happens to each palace the person owns (deleted, or handed to one
// of its members), and the plan the settings page shows before anyone types a password.
import { z } from "zod";
import { ZId } from "../common.schema";
import { ZGrantableRole, ZUserId } from "../member/member.schema";

export const ZPalaceDecision = z.discriminatedUnion(
  "action",
  [
    z.object({ palaceId: ZId, action: z.literal("delete") }).strict(),
    z.object({ palaceId: ZId, action: z.literal("transfer"), newOwnerId: ZUserId }).strict(),
  ],
  { message: "Each palace needs a choice: delete it, or transfer it to a member." },
);
export type TPalaceDecision = z.infer<typeof ZPalaceDecision>;

export const ZDeleteAccountInput = z
  .object({
    // No real password is this long; the bound only keeps hostile input small.
    password: z.string({ message: "Enter your current password." }).min(1, "Enter your current password.").max(1024, "That is not your current password."),
    decisions: z.array(ZPalaceDecision).max(1000, "Too many choices."),
  })
  .strict();
export type TDeleteAccountInput = z.input<typeof ZDeleteAccountInput>;

export const ZHeir = z.object({ userId: z.string(), name: z.string(), role: ZGrantableRole });
export type THeir = z.infer<typeof ZHeir>;

export const ZOwnedPalace = z.object({
  id: ZId,
  title: z.string(),
  conceptCount: z.number().int(),
  /** The members who could take the palace over, strongest role first. */
  members: z.array(ZHeir),
});
export type TOwnedPalace = z.infer<typeof ZOwnedPalace>;

export const ZDeletionPlan = z.object({
  ownedPalaces: z.array(ZOwnedPalace),
  /** Palaces of other people the account belongs to: it simply leaves them. */
  memberOfCount: z.number().int(),
});
export type TDeletionPlan = z.infer<typeof ZDeletionPlan>;

export const ZDeletedAccount = z.object({
  ok: z.literal(true),
  palacesDeleted: z.number().int(),
  palacesTransferred: z.number().int(),
});
export type TDeletedAccount = z.infer<typeof ZDeletedAccount>;
