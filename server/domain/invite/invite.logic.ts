// Pure invite rules: token hashing and whether a link can still be used.
import { createHash, randomBytes } from "node:crypto";
import type { TInviteStatus } from "./invite.schema";

/** 32 random bytes, base64url: 43 characters, 256 bits of entropy. */
export function newInviteToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Only this is stored: a leaked database does not leak working links. */
export function hashInviteToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function inviteStatus(invite: { expiresAt: Date; revokedAt: Date | null }, now: Date): TInviteStatus {
  if (invite.revokedAt) return "revoked";
  if (invite.expiresAt.getTime() <= now.getTime()) return "expired";
  return "active";
}

export function inviteExpiry(now: Date, days: number): Date {
  return new Date(now.getTime() + days * 24 * 60 * 60 * 1000);
}
