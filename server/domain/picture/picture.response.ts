// Turns picture requests into HTTP responses: the upload (the file itself as the body) and
// the download of a stored size. Kept out of the route files so integration tests call them
// directly with a real database.
import "server-only";
import type { Db } from "../../db/client";
import { PICTURE_BODY_LIMIT, withBodyLimit } from "../../security/body-limit";
import { withSameOrigin } from "../../security/same-origin";
import type { Actor } from "../access";
import { ZId, ZVersion } from "../common.schema";
import { DomainError, type DomainErrorCode } from "../errors";
import * as pictures from "./picture.service";
import { PICTURE_MESSAGES, ZPictureHash, ZPictureSize } from "./picture.schema";

const STATUS: Record<DomainErrorCode, number> = { NOT_FOUND: 404, FORBIDDEN: 403, CONFLICT: 409, INVALID: 400, UNAUTHORIZED: 401, TOO_MANY_REQUESTS: 429 };

const refuse = (status: number, message: string) =>
  Response.json({ error: { message } }, { status, headers: { "cache-control": "no-store", "x-content-type-options": "nosniff" } });

const answer = async (work: () => Promise<Response>) => {
  try {
    return await work();
  } catch (e) {
    if (e instanceof DomainError) return refuse(STATUS[e.code], e.message);
    throw e;
  }
};

/** POST /api/pictures/<conceptId>?version=<n>: the body is the picture file. */
export function uploadResponse(db: Db, actor: Actor, conceptId: string, version: string | null, body: Uint8Array): Promise<Response> {
  return answer(async () => {
    if (!actor.userId) return refuse(401, "Sign in to change this palace.");
    if (!ZId.safeParse(conceptId).success) return refuse(404, "Concept was not found.");
    const parsedVersion = ZVersion.safeParse(Number(version));
    if (!parsedVersion.success) return refuse(400, "The upload must say which version of the concept it changes.");
    const result = await pictures.put(db, actor, { conceptId, version: parsedVersion.data, bytes: body });
    return Response.json(result, { headers: { "cache-control": "no-store" } });
  });
}

/**
 * The whole POST handler: bodies over the limit are refused, in the picture's own words,
 * before anything reads them; `resolve` finds the database and the caller for a request.
 */
export function uploadHandler(resolve: (req: Request) => Promise<{ db: Db; actor: Actor }>) {
  return withSameOrigin(withBodyLimit(
    PICTURE_BODY_LIMIT,
    async (req: Request) => {
      const url = new URL(req.url);
      const conceptId = decodeURIComponent(url.pathname.split("/").pop() ?? "");
      const { db, actor } = await resolve(req);
      const body = new Uint8Array(await req.arrayBuffer());
      return uploadResponse(db, actor, conceptId, url.searchParams.get("version"), body);
    },
    () => Response.json({ error: { message: PICTURE_MESSAGES.tooLarge } }, { status: 413, headers: { connection: "close", "cache-control": "no-store" } }),
  ));
}

const CONTENT_TYPE = "image/webp";

/** GET /api/pictures/<conceptId>/<hash>/<size>: the stored WebP, cached for good by the browser. */
export function pictureResponse(db: Db, actor: Actor, params: { conceptId: string; hash: string; size: string }, ifNoneMatch: string | null): Promise<Response> {
  return answer(async () => {
    const size = ZPictureSize.safeParse(params.size);
    if (!ZId.safeParse(params.conceptId).success || !ZPictureHash.safeParse(params.hash).success || !size.success) {
      return refuse(404, "Picture was not found.");
    }
    // Access is checked before answering 304 too, so a cached ETag tells a stranger nothing.
    const picture = await pictures.read(db, actor, params.conceptId, params.hash, size.data);
    const etag = `"${picture.hash}-${size.data}"`;
    const headers = {
      // The URL carries the content hash, so its bytes never change; "private" keeps a
      // picture of a private palace out of shared caches.
      "cache-control": "private, max-age=31536000, immutable",
      etag,
      "x-content-type-options": "nosniff",
    };
    if (ifNoneMatch && ifNoneMatch.split(",").some((tag) => tag.trim() === etag)) return new Response(null, { status: 304, headers });
    return new Response(new Uint8Array(picture.bytes), {
      headers: { ...headers, "content-type": CONTENT_TYPE, "content-length": String(picture.bytes.byteLength) },
    });
  });
}
