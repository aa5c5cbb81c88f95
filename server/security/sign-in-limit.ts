// Password guesses per account, counted in the rate_limits table so every instance sees the same
// counts. better-auth already limits sign-ins per address across accounts; this adds two counts
// per account. Per account and address: three tries, then a wait that doubles with every further
// failure, so a guesser slows down without touching anyone else. Per account, from addresses
// that never signed in to it: a higher ceiling, against guessing from many addresses. The owner,
// signing in from an address they have used before, is held by neither stranger's count.
import "server-only";
import { APIError } from "better-auth/api";
import { eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { rateLimits } from "../db/schema";

/** Tries per account and address before the waits begin. */
export const PAIR_FREE_TRIES = 3;
/** The first wait, doubled after each further failure, up to PAIR_DELAY_MAX_MS. */
export const PAIR_FIRST_DELAY_MS = 10_000;
export const PAIR_DELAY_MAX_MS = 15 * 60_000;
/** A pair's failures are forgotten after this long without a try. */
export const PAIR_MEMORY_MS = 60 * 60_000;
/** Failures per account from addresses new to it, per window. */
export const ACCOUNT_CEILING = 20;
export const ACCOUNT_WINDOW_MS = 15 * 60_000;
/** How long an address that signed in stays one the owner uses. */
export const KNOWN_ADDRESS_MS = 90 * 24 * 60 * 60_000;

export const TOO_MANY_SIGN_INS_MESSAGE = "Too many sign-in attempts for this account. Wait a little and try again.";

const prefix = (email: string) => `signin|${email.trim().toLowerCase()}|`;
const pairKey = (email: string, address: string) => `${prefix(email)}pair|${address}`;
const accountKey = (email: string) => `${prefix(email)}account`;
const knownKey = (email: string, address: string) => `${prefix(email)}known|${address}`;

/** The wait after `failures` failed tries, in ms: none for the free tries, then doubling. */
export function pairDelayMs(failures: number): number {
  if (failures < PAIR_FREE_TRIES) return 0;
  return Math.min(PAIR_FIRST_DELAY_MS * 2 ** (failures - PAIR_FREE_TRIES), PAIR_DELAY_MAX_MS);
}

/**
 * One try for the pair, taken only when its wait is over, in one atomic statement so a burst of
 * parallel guesses cannot all slip through on a stale count. Answers the ms left to wait, or 0.
 */
async function takePairTry(db: Db, key: string, now: number): Promise<number> {
  const forgotten = sql`${rateLimits.lastRequest} <= ${now - PAIR_MEMORY_MS}::bigint`;
  const delay = sql`least(${PAIR_FIRST_DELAY_MS}::bigint * power(2, greatest(${rateLimits.count} - ${PAIR_FREE_TRIES}, 0))::bigint, ${PAIR_DELAY_MAX_MS}::bigint)`;
  const open = sql`(${rateLimits.count} < ${PAIR_FREE_TRIES} or ${rateLimits.lastRequest} + ${delay} <= ${now}::bigint)`;
  // A try that must wait updates nothing, so it returns no row.
  const taken = await db
    .insert(rateLimits)
    .values({ id: crypto.randomUUID(), key, count: 1, lastRequest: now })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${forgotten} then 1 else ${rateLimits.count} + 1 end`,
        lastRequest: sql`${now}::bigint`,
      },
      setWhere: sql`${forgotten} or ${open}`,
    })
    .returning({ count: rateLimits.count });
  if (taken.length > 0) return 0;
  const [row] = await db.select({ count: rateLimits.count, last: rateLimits.lastRequest }).from(rateLimits).where(eq(rateLimits.key, key));
  return row ? Math.max(1, Number(row.last) + pairDelayMs(row.count) - now) : 0;
}

/** One try against the account's ceiling for new addresses. Answers the ms left, or 0. */
const takeAccountTry = (db: Db, key: string, now: number) => takeWindowTry(db, key, now, ACCOUNT_WINDOW_MS, ACCOUNT_CEILING);

/**
 * One try in a fixed window that starts with its first try (kept in `lastRequest`), in one atomic
 * statement. Answers the ms left until the window ends when this try is over the ceiling, or 0.
 */
async function takeWindowTry(db: Db, key: string, now: number, windowMs: number, ceiling: number): Promise<number> {
  const expired = sql`${rateLimits.lastRequest} <= ${now - windowMs}::bigint`;
  const [row] = await db
    .insert(rateLimits)
    .values({ id: crypto.randomUUID(), key, count: 1, lastRequest: now })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${expired} then 1 else ${rateLimits.count} + 1 end`,
        lastRequest: sql`case when ${expired} then ${now}::bigint else ${rateLimits.lastRequest} end`,
      },
    })
    .returning({ count: rateLimits.count, windowStart: rateLimits.lastRequest });
  return row!.count <= ceiling ? 0 : Math.max(1, Number(row!.windowStart) + windowMs - now);
}

/** Accounts one address may create per window. */
export const SIGN_UPS_PER_WINDOW = 10;
export const SIGN_UP_WINDOW_MS = 60_000;
export const TOO_MANY_SIGN_UPS_MESSAGE = "Too many new accounts from this address. Wait a minute and try again.";

/**
 * Counts one sign-up from `address` in a fixed window. better-auth's own rule restarts its window
 * only after a minute with no request at all, so a steady trickle of sign-ups from one address
 * (a school behind one router) was refused for good after the tenth.
 */
export async function countSignUp(db: Db, address: string, now = Date.now()) {
  const wait = await takeWindowTry(db, `signup|${address}`, now, SIGN_UP_WINDOW_MS, SIGN_UPS_PER_WINDOW);
  if (wait > 0) {
    throw new APIError("TOO_MANY_REQUESTS", { code: "TOO_MANY_SIGN_UPS", message: TOO_MANY_SIGN_UPS_MESSAGE }, { "Retry-After": String(Math.ceil(wait / 1000)) });
  }
}

async function isKnownAddress(db: Db, email: string, address: string, now: number): Promise<boolean> {
  const rows = await db
    .select({ key: rateLimits.key })
    .from(rateLimits)
    .where(sql`${rateLimits.key} = ${knownKey(email, address)} and ${rateLimits.lastRequest} > ${now - KNOWN_ADDRESS_MS}::bigint`);
  return rows.length > 0;
}

/**
 * Counts one password try for the account from `address` before the password is checked.
 * Sign-in and re-authentication (deleting the account, address "session") share the counts, so
 * a stolen session buys no extra guesses. Answers how many seconds to wait, or null to go on.
 */
export async function countPasswordAttempt(db: Db, email: string, address: string, now = Date.now()): Promise<number | null> {
  let wait = await takePairTry(db, pairKey(email, address), now);
  if (wait === 0 && !(await isKnownAddress(db, email, address, now))) wait = await takeAccountTry(db, accountKey(email), now);
  return wait > 0 ? Math.max(1, Math.ceil(wait / 1000)) : null;
}

/** The sign-in hook's form: refuses a try that has to wait with better-auth's error. */
export async function countSignInAttempt(db: Db, email: string, address: string, now = Date.now()) {
  const retryAfter = await countPasswordAttempt(db, email, address, now);
  if (retryAfter !== null) {
    throw new APIError(
      "TOO_MANY_REQUESTS",
      { code: "TOO_MANY_SIGN_IN_ATTEMPTS", message: TOO_MANY_SIGN_INS_MESSAGE },
      { "Retry-After": String(retryAfter) },
    );
  }
}

/**
 * A right password proves the person: this address's failures and the account's count start
 * again, and the address is remembered as one they use.
 */
export async function forgetSignInAttempts(db: Db, email: string, address: string, now = Date.now()) {
  await db.delete(rateLimits).where(sql`${rateLimits.key} in (${pairKey(email, address)}, ${accountKey(email)})`);
  await db
    .insert(rateLimits)
    .values({ id: crypto.randomUUID(), key: knownKey(email, address), count: 1, lastRequest: now })
    .onConflictDoUpdate({ target: rateLimits.key, set: { lastRequest: now } });
}

/** Every count and remembered address of an account, for when the account goes. */
export async function forgetAccountSignIns(db: Db, email: string) {
  await db.delete(rateLimits).where(sql`starts_with(${rateLimits.key}, ${prefix(email)})`);
}
