// Pure invite rules: whether a link can still be used, and until when.
import type { TInviteStatus } from "./invite.schema";

export function inviteStatus(invite: { expiresAt: Date; revokedAt: Date | null }, now: Date): TInviteStatus {
  if (invite.revokedAt) return "revoked";
  if (invite.expiresAt.getTime() <= now.getTime()) return "expired";
  return "active";
}

export function inviteExpiry(now: Date, days: number): Date {
  return new Date(now.getTime() + days * 24 * 60 * 60 * 1000);
}
