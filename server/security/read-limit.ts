// Read limits: a token bucket per address for people who are not signed in, and a more generous
// one per signed-in person. A burst beyond it gets an immediate 429 with Retry-After instead of
// queueing behind everyone else's reads.
//
// The buckets live in this instance's memory, unlike the sign-in limit (rate_limits table): a
// read limit sheds load, and a database round trip to count each read would cost about what a
// cached snapshot costs to serve. Each instance limiting on its own lets a caller spread over N
// instances read N times as much, which is fine for shedding load; password guessing, which
// must be bounded across instances, keeps its shared count.
import { PEER_ADDRESS_HEADER } from "./peer-address";

export interface Bucket {
  /** Reads allowed at once. */
  burst: number;
  /** Reads per second after that. */
  perSecond: number;
}

export const ANONYMOUS_READS: Bucket = { burst: 30, perSecond: 10 };
export const SIGNED_IN_READS: Bucket = { burst: 120, perSecond: 40 };

export const TOO_MANY_READS_MESSAGE = "Too many requests for this palace right now. Wait a moment and try again.";

const MAX_KEYS = 50_000;

export interface ReadLimiter {
  /** null: go ahead; a number: refused, retry after that many seconds. */
  take(key: { userId: string | null; address: string }, now?: number): number | null;
}

export function createReadLimiter(anonymous = ANONYMOUS_READS, signedIn = SIGNED_IN_READS): ReadLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take({ userId, address }, now = Date.now()) {
      const rule = userId ? signedIn : anonymous;
      const key = userId ? `user:${userId}` : `address:${address}`;
      let bucket = buckets.get(key);
      if (!bucket) {
        // Full buckets hold no information: forget them when the map grows.
        if (buckets.size >= MAX_KEYS) for (const [k, b] of buckets) if (b.tokens + ((now - b.at) / 1000) * rule.perSecond >= rule.burst) buckets.delete(k);
        bucket = { tokens: rule.burst, at: now };
        buckets.set(key, bucket);
      }
      bucket.tokens = Math.min(rule.burst, bucket.tokens + ((now - bucket.at) / 1000) * rule.perSecond);
      bucket.at = now;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return null;
      }
      return Math.max(1, Math.ceil((1 - bucket.tokens) / rule.perSecond));
    },
  };
}

const limiters = new WeakMap<object, ReadLimiter>();

/** The limiter of one app instance, keyed by something it holds once (its database). */
export function readLimiterFor(instance: object): ReadLimiter {
  let limiter = limiters.get(instance);
  if (!limiter) limiters.set(instance, (limiter = createReadLimiter()));
  return limiter;
}

/** The caller's address: the proxy's X-Forwarded-For when one is trusted, else the TCP peer. */
export function addressOf(headers: Headers, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  return headers.get(PEER_ADDRESS_HEADER) ?? "unknown";
}
