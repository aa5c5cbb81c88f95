// Transport only: hands the request to the tRPC app router with the caller's session, logged,
// and refuses bodies over 1 MB (8 MB for imports) before they are parsed.
import { withRequestLog } from "~/server/log";
import { trpcBodyLimit, withBodyLimit } from "~/server/security/body-limit";
import { contextForRequest } from "~/server/trpc/context";
import { handleTrpcRequest } from "~/server/trpc/http";

const handler = withRequestLog(
  "trpc",
  withBodyLimit(trpcBodyLimit, (req) => handleTrpcRequest(req, () => contextForRequest(req.headers))),
);

export { handler as GET, handler as POST };
