// Transport only: hands the request to the tRPC app router with the caller's session, logged.
import { withRequestLog } from "~/server/log";
import { contextForRequest } from "~/server/trpc/context";
import { handleTrpcRequest } from "~/server/trpc/http";

const handler = withRequestLog("trpc", (req) => handleTrpcRequest(req, () => contextForRequest(req.headers)));

export { handler as GET, handler as POST };
