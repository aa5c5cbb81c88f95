// Builds the tRPC context for an HTTP request: the shared database, this process's end of the
// realtime bus, and the signed-in user. Any HTTP adapter (Next.js here, the standalone one in
// the multi-instance tests and the benchmark) goes through `contextFactory`.
import "server-only";
import type { Auth } from "../auth";
import type { Db } from "../db/client";
import type { RealtimeBus } from "../realtime/bus";
import { env } from "../env";
import { runtime } from "../runtime";
import { addressOf } from "../security/read-limit";
import { sessionUserFrom } from "../session";
import type { Context } from "./init";

export function contextFactory(deps: { db: Db; bus: RealtimeBus; auth: Auth; trustProxy?: boolean }) {
  return async (headers: Headers): Promise<Context> => ({
    db: deps.db,
    bus: deps.bus,
    user: await sessionUserFrom(deps.auth, headers),
    address: addressOf(headers, deps.trustProxy ?? false),
  });
}

export async function contextForRequest(headers: Headers): Promise<Context> {
  const { database, bus, auth } = await runtime();
  return contextFactory({ db: database.db, bus, auth, trustProxy: env().TRUST_PROXY })(headers);
}
