// The signed-in user for a server component or route, read from the request's cookies.
import type { SessionUser } from "./auth";
import { runtime } from "./runtime";

export async function sessionUser(headers: Headers): Promise<SessionUser | null> {
  const { auth } = await runtime();
  const session = await auth.api.getSession({ headers });
  return session?.user ? { id: session.user.id, name: session.user.name, email: session.user.email } : null;
}
