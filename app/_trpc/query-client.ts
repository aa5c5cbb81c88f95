// One QueryClient recipe for server and browser: superjson so dates survive hydration, and a
// short stale time so a prefetched page does not refetch at once.
import { defaultShouldDehydrateQuery, QueryClient } from "@tanstack/react-query";
import superjson from "superjson";

export function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 30_000, retry: shouldRetry },
      dehydrate: {
        serializeData: superjson.serialize,
        shouldDehydrateQuery: (query) => defaultShouldDehydrateQuery(query) || query.state.status === "pending",
      },
      hydrate: { deserializeData: superjson.deserialize },
    },
  });
}

/**
 * The codes of refusals that asking again cannot change (the request or the asker is the
 * problem), so a query fails at once instead of after two retries and three seconds.
 */
const FINAL_CODES = new Set([
  "PARSE_ERROR",
  "BAD_REQUEST",
  "UNAUTHORIZED",
  "FORBIDDEN",
  "NOT_FOUND",
  "METHOD_NOT_SUPPORTED",
  "CONFLICT",
  "PRECONDITION_FAILED",
  "PAYLOAD_TOO_LARGE",
  "UNSUPPORTED_MEDIA_TYPE",
  "UNPROCESSABLE_CONTENT",
  "TOO_MANY_REQUESTS",
]);

/**
 * A failed query is tried again twice, unless it was refused. In the browser a refusal arrives
 * as a TRPCClientError with its HTTP status; on the server (a page's prefetch calls the router
 * in process) as a TRPCError with its code only.
 */
export function shouldRetry(failures: number, error: unknown): boolean {
  const e = error as { data?: { httpStatus?: number }; code?: unknown } | null;
  const status = e?.data?.httpStatus;
  const refused = (typeof status === "number" && status >= 400 && status < 500) || (typeof e?.code === "string" && FINAL_CODES.has(e.code));
  return failures < 2 && !refused;
}
