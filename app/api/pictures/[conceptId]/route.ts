// Transport only: POST /api/pictures/<conceptId>?version=<n> with the picture file as the body
// hangs it on the concept. Bodies over 5 MB are refused before anything reads them.
import { PICTURE_MESSAGES } from "~/server/domain/picture/picture.schema";
import { uploadResponse } from "~/server/domain/picture/picture.response";
import { withRequestLog } from "~/server/log";
import { runtime } from "~/server/runtime";
import { PICTURE_BODY_LIMIT, withBodyLimit } from "~/server/security/body-limit";
import { sessionUser } from "~/server/session";

export const dynamic = "force-dynamic";

const tooLarge = () =>
  Response.json({ error: { message: PICTURE_MESSAGES.tooLarge } }, { status: 413, headers: { connection: "close", "cache-control": "no-store" } });

export const POST = withRequestLog(
  "picture",
  withBodyLimit(
    PICTURE_BODY_LIMIT,
    async (req: Request) => {
      const url = new URL(req.url);
      const conceptId = decodeURIComponent(url.pathname.split("/").pop() ?? "");
      const { database } = await runtime();
      const user = await sessionUser(req.headers);
      const body = new Uint8Array(await req.arrayBuffer());
      return uploadResponse(database.db, { userId: user?.id ?? null }, conceptId, url.searchParams.get("version"), body);
    },
    tooLarge,
  ),
);
