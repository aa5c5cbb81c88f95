// Transport only: POST /api/pictures/<conceptId>?version=<n> with the picture file as the body
// hangs it on the concept. Bodies over 5 MB are refused before anything reads them.
import { uploadHandler } from "~/server/domain/picture/picture.response";
import { withRequestLog } from "~/server/log";
import { runtime } from "~/server/runtime";
import { sessionUser } from "~/server/session";

export const dynamic = "force-dynamic";

export const POST = withRequestLog(
  "picture",
  uploadHandler(async (req) => {
    const { database } = await runtime();
    const user = await sessionUser(req.headers);
    return { db: database.db, actor: { userId: user?.id ?? null } };
  }),
);
