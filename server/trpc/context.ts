// Builds the tRPC context for an HTTP request: the shared database and the signed-in user.
import { runtime } from "../runtime";
import type { Context } from "./init";

export async function contextForRequest(headers: Headers): Promise<Context> {
  const { database, auth } = await runtime();
  const session = await auth.api.getSession({ headers });
  const user = session?.user ? { id: session.user.id, name: session.user.name, email: session.user.email } : null;
  return { db: database.db, user };
}
