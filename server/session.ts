// The signed-in user for a server component or route, read from the request's cookies.
import "server-only";
import { getSessionCookie } from "better-auth/cookies";
import type { Auth, SessionUser } from "./auth";
import { runtime } from "./runtime";

/**
 * Without a session cookie nobody is signed in: answered here, so an anonymous request (a
 * public palace's readers, a burst to be refused) costs no trip through auth or the database.
 */
export async function sessionUserFrom(auth: Auth, headers: Headers): Promise<SessionUser | null> {
  if (getSessionCookie(headers) === null) return null;
  const session = await auth.api.getSession({ headers });
  return session?.user ? { id: session.user.id, name: session.user.name, email: session.user.email } : null;
}

export async function sessionUser(headers: Headers): Promise<SessionUser | null> {
  const { auth } = await runtime();
  return sessionUserFrom(auth, headers);
}
