// Transport only: GET /api/palaces/<id>/snapshot[?focus=<roomId>] answers the compact palace
// snapshot (ETag, 304, compressed, read-limited) for anyone who may read the palace.
import { snapshotResponse } from "~/server/domain/palace/snapshot.response";
import { env } from "~/server/env";
import { withRequestLog } from "~/server/log";
import { runtime } from "~/server/runtime";
import { addressOf } from "~/server/security/read-limit";
import { sessionUser } from "~/server/session";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return withRequestLog("snapshot", async (request) => {
    const { database } = await runtime();
    const user = await sessionUser(request.headers);
    return snapshotResponse(database.db, { userId: user?.id ?? null }, addressOf(request.headers, env().TRUST_PROXY), id, request);
  })(req);
}
