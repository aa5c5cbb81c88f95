// Invite link tokens: random on the server, and only their hash is stored.
import "server-only";
import { createHash, randomBytes } from "node:crypto";

/** 32 random bytes, base64url: 43 characters, 256 bits of entropy. */
export function newInviteToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Only this is stored: a leaked database does not leak working links. */
export function hashInviteToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
