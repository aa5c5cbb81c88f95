// Turns an export request into an HTTP response: the file as a download, or the refusal as a
// status with a sentence. Kept out of the route file so integration tests can call it directly.
import "server-only";
import type { Db } from "../../db/client";
import type { Actor } from "../access";
import { DomainError } from "../errors";
import { ZId } from "../common.schema";
import { exportPalaceFile } from "./transfer.service";
import { ZExportFormat } from "./transfer.schema";

const STATUS = { NOT_FOUND: 404, FORBIDDEN: 403, CONFLICT: 409, INVALID: 400, UNAUTHORIZED: 401, TOO_MANY_REQUESTS: 429 } as const;

const refuse = (status: number, message: string) =>
  new Response(`${message}\n`, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });

export async function exportResponse(db: Db, actor: Actor, palaceId: string, format: string | null, now = new Date()): Promise<Response> {
  const parsedFormat = ZExportFormat.safeParse(format ?? "engram");
  if (!parsedFormat.success) {
    return refuse(400, `Unknown export format "${format}". Choose one of: ${ZExportFormat.options.join(", ")}.`);
  }
  if (!ZId.safeParse(palaceId).success) return refuse(404, "Palace was not found.");
  try {
    const file = await exportPalaceFile(db, actor, palaceId, parsedFormat.data, now);
    // The ASCII name keeps old browsers happy; filename* carries the real one in UTF-8.
    const ascii = file.fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
    return new Response(file.body, {
      headers: {
        "content-type": file.contentType,
        "content-disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        // A private palace's contents must never sit in a shared cache.
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
      },
    });
  } catch (e) {
    if (e instanceof DomainError) return refuse(STATUS[e.code], e.message);
    throw e;
  }
}
