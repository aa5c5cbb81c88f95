// Refuses request bodies over a size limit before anything parses them: by the declared
// Content-Length when there is one, and by counting bytes as they stream in when there is not,
// so a chunked upload cannot get around it either.

export const TRPC_BODY_LIMIT = 1024 * 1024;
export const AUTH_BODY_LIMIT = 64 * 1024;
/** Imports carry a whole file (5 MB, base64) or a palace planned from a model in the browser. */
export const IMPORT_BODY_LIMIT = 8 * 1024 * 1024;
const IMPORT_PROCEDURES = new Set(["transfer.import", "transfer.importPlanned", "recall.importAnki"]);

/** The limit for a tRPC request: larger only when every procedure in it is an import. */
export function trpcBodyLimit(req: Request): number {
  let procedures: string[];
  try {
    procedures = decodeURIComponent(new URL(req.url).pathname.replace(/^\/api\/trpc\/?/, "")).split(",");
  } catch {
    return TRPC_BODY_LIMIT;
  }
  return procedures.every((p) => IMPORT_PROCEDURES.has(p)) ? IMPORT_BODY_LIMIT : TRPC_BODY_LIMIT;
}
/** A picture upload: the file itself, at most this big (see PICTURE_MAX_BYTES). */
export const PICTURE_BODY_LIMIT = 5 * 1024 * 1024;

function describeSize(bytes: number) {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MB` : `${bytes / 1024} KB`;
}

export function tooLarge(maxBytes: number): Response {
  return Response.json(
    { error: { code: "PAYLOAD_TOO_LARGE", message: `The request is too large: at most ${describeSize(maxBytes)} is accepted here.` } },
    { status: 413, headers: { connection: "close" } },
  );
}

/** Reads the body up to `maxBytes`; undefined as soon as it goes over. */
async function readAtMost(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return all;
}

/**
 * Wraps a route handler so that it only ever sees bodies of at most `limit` bytes (fixed, or
 * chosen per request). `refusal` lets a route say in its own words what is too large.
 */
export function withBodyLimit<A extends unknown[]>(
  limit: number | ((req: Request) => number),
  handler: (req: Request, ...rest: A) => Promise<Response>,
  refusal: (maxBytes: number) => Response = tooLarge,
) {
  return async (req: Request, ...rest: A): Promise<Response> => {
    if (!req.body) return handler(req, ...rest);
    const maxBytes = typeof limit === "number" ? limit : limit(req);
    const declared = Number(req.headers.get("content-length"));
    if (Number.isFinite(declared) && declared > maxBytes) return refusal(maxBytes);
    const body = await readAtMost(req.body, maxBytes);
    if (!body) return refusal(maxBytes);
    return handler(new Request(req, { body }), ...rest);
  };
}
