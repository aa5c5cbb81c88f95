// Failed sign-ins per account, counted in the rate_limits table so every instance sees the same
// count. better-auth already limits per address; this stops guessing one account's password
// from many addresses (or from one address that forges X-Forwarded-For).
import "server-only";
import { APIError } from "better-auth/api";
import { eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { rateLimits } from "../db/schema";

export const ACCOUNT_SIGN_IN_WINDOW_MS = 10_000;
export const ACCOUNT_SIGN_IN_MAX = 3;

export const TOO_MANY_SIGN_INS_MESSAGE = "Too many sign-in attempts for this account. Wait a few seconds and try again.";

function keyFor(email: string) {
  return `account|/sign-in/email|${email.trim().toLowerCase()}`;
}

/**
 * Counts one password attempt for the account before the password is checked, in one atomic
 * statement, so a burst of parallel guesses cannot all slip through on a stale count. Sign-in
 * and re-authentication (deleting the account) share the count: a stolen session buys no extra
 * guesses. Returns how many seconds to wait when this attempt is one too many, else null.
 */
export async function countPasswordAttempt(db: Db, email: string, now = Date.now()): Promise<number | null> {
  const expired = sql`${rateLimits.lastRequest} <= ${now - ACCOUNT_SIGN_IN_WINDOW_MS}::bigint`;
  const [row] = await db
    .insert(rateLimits)
    .values({ id: crypto.randomUUID(), key: keyFor(email), count: 1, lastRequest: now })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${expired} then 1 else ${rateLimits.count} + 1 end`,
        lastRequest: sql`case when ${expired} then ${now}::bigint else ${rateLimits.lastRequest} end`,
      },
    })
    .returning({ count: rateLimits.count, windowStart: rateLimits.lastRequest });
  if (row!.count <= ACCOUNT_SIGN_IN_MAX) return null;
  return Math.max(1, Math.ceil((row!.windowStart + ACCOUNT_SIGN_IN_WINDOW_MS - now) / 1000));
}

/** The sign-in hook's form: refuses the fourth attempt in the window with better-auth's error. */
export async function countSignInAttempt(db: Db, email: string, now = Date.now()) {
  const retryAfter = await countPasswordAttempt(db, email, now);
  if (retryAfter !== null) {
    throw new APIError(
      "TOO_MANY_REQUESTS",
      { code: "TOO_MANY_SIGN_IN_ATTEMPTS", message: TOO_MANY_SIGN_INS_MESSAGE },
      { "Retry-After": String(retryAfter) },
    );
  }
}

/** A successful sign-in proves the person knows the password: their count starts again. */
export async function forgetSignInAttempts(db: Db, email: string) {
  await db.delete(rateLimits).where(eq(rateLimits.key, keyFor(email)));
}
