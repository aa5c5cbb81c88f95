// Transport only: GET /api/pictures/<conceptId>/<hash>/display|thumb serves a stored picture
// to anyone who may read its palace.
import { pictureResponse } from "~/server/domain/picture/picture.response";
import { runtime } from "~/server/runtime";
import { sessionUser } from "~/server/session";

export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ conceptId: string; hash: string; size: string }> }) {
  const { database } = await runtime();
  const user = await sessionUser(req.headers);
  return pictureResponse(database.db, { userId: user?.id ?? null }, await params, req.headers.get("if-none-match"));
}
