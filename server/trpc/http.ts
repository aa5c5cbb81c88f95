// The tRPC endpoint over HTTP: the app router with a context per request, writes from other
// sites refused, and every refused or failed call logged with the request's id (internal errors
// with their cause, for us only).
import "server-only";
import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { serviceUnavailableMessage } from "../domain/db-errors";
import { log } from "../log";
import { crossSiteRefusal, isCrossSiteWrite } from "../security/same-origin";
import { MAX_BATCH_SIZE } from "../domain/request.limits";
import { type Context, responseMeta } from "./init";
import { appRouter } from "./root";

export function handleTrpcRequest(req: Request, createContext: () => Promise<Context>): Promise<Response> {
  if (isCrossSiteWrite(req)) return Promise.resolve(crossSiteRefusal());
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    // One request does a bounded amount of work: a longer batch is refused before any call runs.
    maxBatchSize: MAX_BATCH_SIZE,
    responseMeta,
    // The session is read from the database before any procedure runs: an outage there is a
    // 503 with a sentence too, not an internal error.
    createContext: () =>
      createContext().catch((error: unknown) => {
        const unavailable = serviceUnavailableMessage(error);
        if (unavailable) throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: unavailable, cause: error });
        throw error;
      }),
    onError({ error, path, type }) {
      const fields = { procedure: path ?? null, type, code: error.code };
      if (error.code === "INTERNAL_SERVER_ERROR" || error.code === "SERVICE_UNAVAILABLE") log.error("procedure failed", { ...fields, error: error.cause ?? error });
      else log.warn("procedure refused", { ...fields, message: error.message });
    },
  });
}
