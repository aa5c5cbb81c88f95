// Transport only: GET /api/palaces/<id>/export?format=engram|markdown|canvas|anki downloads the
// palace as a file, for anyone who may read it.
import { exportResponse } from "~/server/domain/transfer/export.response";
import { runtime } from "~/server/runtime";
import { sessionUser } from "~/server/session";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { database } = await runtime();
  const user = await sessionUser(req.headers);
  return exportResponse(database.db, { userId: user?.id ?? null }, id, new URL(req.url).searchParams.get("format"));
}
