// Transport only: hands the request to the tRPC app router with the caller's session, logged,
// and refuses bodies over 1 MB before they are parsed.
import { withRequestLog } from "~/server/log";
import { TRPC_BODY_LIMIT, withBodyLimit } from "~/server/security/body-limit";
import { contextForRequest } from "~/server/trpc/context";
import { handleTrpcRequest } from "~/server/trpc/http";

const handler = withRequestLog(
  "trpc",
  withBodyLimit(TRPC_BODY_LIMIT, (req) => handleTrpcRequest(req, () => contextForRequest(req.headers))),
);

export { handler as GET, handler as POST };
