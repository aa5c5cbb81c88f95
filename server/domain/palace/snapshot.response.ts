// GET /api/palaces/<id>/snapshot[?focus=<roomId>]: the compact snapshot as plain JSON, brotli or
// gzip as the browser accepts, with an ETag from the palace's event head so an unchanged palace
// answers 304; over the read limit, an immediate 429 with Retry-After. Kept out of the route
// file so integration tests and the benchmark's instances call it with a real database.
import "server-only";
import type { Db } from "../../db/client";
import { readLimiterFor, TOO_MANY_READS_MESSAGE } from "../../security/read-limit";
import type { Actor } from "../access";
import { ZId } from "../common.schema";
import { serviceUnavailableMessage } from "../db-errors";
import { DomainError } from "../errors";
import { type Encoding, snapshot } from "./snapshot.service";

const refuse = (status: number, message: string, headers: Record<string, string> = {}) =>
  Response.json({ error: { message } }, { status, headers: { "cache-control": "no-store", ...headers } });

function encodingFor(accept: string | null): Encoding {
  const offered = (accept ?? "").split(",").map((part) => part.split(";")[0]!.trim().toLowerCase());
  if (offered.includes("br")) return "br";
  if (offered.includes("gzip")) return "gzip";
  return "identity";
}

/** `limited: false` is for benchmarks measuring the unlimited path. */
export async function snapshotResponse(db: Db, actor: Actor, address: string, palaceId: string, req: Request, options = { limited: true }): Promise<Response> {
  const wait = options.limited ? readLimiterFor(db).take({ userId: actor.userId, address }) : null;
  if (wait !== null) return refuse(429, TOO_MANY_READS_MESSAGE, { "retry-after": String(wait) });
  const focus = new URL(req.url).searchParams.get("focus");
  if (!ZId.safeParse(palaceId).success) return refuse(404, "Palace was not found.");
  if (focus !== null && !ZId.safeParse(focus).success) return refuse(400, "focus must be the id of a room of this palace.");
  try {
    const snap = await snapshot(db, actor, { id: palaceId, focusRoomId: focus ?? undefined });
    // The access check above runs before a 304 too, so a remembered ETag tells a stranger nothing.
    const headers: Record<string, string> = { etag: snap.etag, "cache-control": "private, no-cache", vary: "accept-encoding, cookie" };
    const known = req.headers.get("if-none-match");
    if (known && known.split(",").some((tag) => tag.trim().replace(/^W\//, "") === snap.etag)) return new Response(null, { status: 304, headers });
    const encoding = encodingFor(req.headers.get("accept-encoding"));
    const bytes = await snap.bytes(encoding);
    if (encoding !== "identity") headers["content-encoding"] = encoding;
    // The cached buffer as it is (Response takes its own copy; no second one here).
    return new Response(bytes as Uint8Array<ArrayBuffer>, {
      headers: { ...headers, "content-type": "application/json; charset=utf-8", "content-length": String(bytes.byteLength) },
    });
  } catch (error) {
    if (error instanceof DomainError && error.code === "NOT_FOUND") return refuse(404, error.message);
    const unavailable = serviceUnavailableMessage(error);
    if (unavailable) return refuse(503, unavailable, { "retry-after": "1" });
    throw error;
  }
}
