// The tRPC endpoint over HTTP: the app router with a context per request, and every refused or
// failed call logged with the request's id (internal errors with their cause, for us only).
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { log } from "../log";
import type { Context } from "./init";
import { appRouter } from "./root";

export function handleTrpcRequest(req: Request, createContext: () => Promise<Context>) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext,
    onError({ error, path, type }) {
      const fields = { procedure: path ?? null, type, code: error.code };
      if (error.code === "INTERNAL_SERVER_ERROR") log.error("procedure failed", { ...fields, error: error.cause ?? error });
      else log.warn("procedure refused", { ...fields, message: error.message });
    },
  });
}
