// Transport only: better-auth's sign-up, sign-in, sign-out and session endpoints, logged.
import { withRequestLog } from "~/server/log";
import { runtime } from "~/server/runtime";

const handler = withRequestLog("auth", async (req) => (await runtime()).auth.handler(req));

export { handler as GET, handler as POST };
