// The signed-in user for a server component or route, read from the request's cookies.
import "server-only";
import type { Auth, SessionUser } from "./auth";
import { runtime } from "./runtime";

export async function sessionUserFrom(auth: Auth, headers: Headers): Promise<SessionUser | null> {
  const session = await auth.api.getSession({ headers });
  return session?.user ? { id: session.user.id, name: session.user.name, email: session.user.email } : null;
}

export async function sessionUser(headers: Headers): Promise<SessionUser | null> {
  const { auth } = await runtime();
  return sessionUserFrom(auth, headers);
}
