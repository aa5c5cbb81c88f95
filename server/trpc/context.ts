// Builds the tRPC context for an HTTP request: the shared database and the signed-in user.
import { runtime } from "../runtime";
import { sessionUser } from "../session";
import type { Context } from "./init";

export async function contextForRequest(headers: Headers): Promise<Context> {
  const { database, bus } = await runtime();
  return { db: database.db, bus, user: await sessionUser(headers) };
}
