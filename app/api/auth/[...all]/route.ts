// Transport only: better-auth's sign-up, sign-in, sign-out and session endpoints.
import { runtime } from "~/server/runtime";

const handler = async (req: Request) => (await runtime()).auth.handler(req);

export { handler as GET, handler as POST };
