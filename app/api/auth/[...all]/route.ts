// Transport only: better-auth's sign-up, sign-in, sign-out and session endpoints, logged, and
// no body over 64 KB reaches them (no account form comes near that).
import { withRequestLog } from "~/server/log";
import { runtime } from "~/server/runtime";
import { AUTH_BODY_LIMIT, withBodyLimit } from "~/server/security/body-limit";

const handler = withRequestLog(
  "auth",
  withBodyLimit(AUTH_BODY_LIMIT, async (req) => (await runtime()).auth.handler(req)),
);

export { handler as GET, handler as POST };
