// One JSON line per event on stdout, with the request id that ties a request's lines together.
// Anything that could carry a secret (passwords, tokens, cookies, secrets) is masked by key,
// and request bodies and query strings are never logged at all.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

export type LogLevel = "debug" | "info" | "warn" | "error";
export type LogFields = Record<string, unknown>;

const SECRET_KEY = /pass(word)?|secret|token|cookie|authorization|credential|session/i;
const REDACTED = "[redacted]";

type Sink = (line: string) => void;
let sink: Sink = (line) => process.stdout.write(`${line}\n`);

/** Sends log lines elsewhere (tests capture them); returns a function that restores the old sink. */
export function setLogSink(next: Sink): () => void {
  const previous = sink;
  sink = next;
  return () => {
    sink = previous;
  };
}

/** Drizzle's "Failed query" errors list the query's parameters, which can be anything a person typed. */
function withoutParams(text: string | undefined): string | undefined {
  return text?.replace(/\nparams: .*/g, "\nparams: [redacted]");
}

function clean(value: unknown, depth = 0): unknown {
  if (value instanceof Error) {
    return {
      name: value.name,
      message: withoutParams(value.message),
      stack: withoutParams(value.stack),
      cause: depth < 3 ? clean(value.cause, depth + 1) : undefined,
    };
  }
  if (Array.isArray(value)) return depth < 4 ? value.map((v) => clean(v, depth + 1)) : "[array]";
  if (value && typeof value === "object") {
    if (depth >= 4) return "[object]";
    return Object.fromEntries(
      Object.entries(value).map(([key, v]) => [key, SECRET_KEY.test(key) ? REDACTED : clean(v, depth + 1)]),
    );
  }
  return value;
}

// The request being served, so lines written deep inside (better-auth, a failing query) carry
// its id without every function passing it along.
const current = new AsyncLocalStorage<{ requestId: string }>();

export function write(level: LogLevel, msg: string, fields: LogFields = {}) {
  const requestId = current.getStore()?.requestId;
  const entry = { time: new Date().toISOString(), level, msg, ...(requestId ? { requestId } : {}), ...(clean(fields) as LogFields) };
  sink(JSON.stringify(entry));
}

export const log = {
  debug: (msg: string, fields?: LogFields) => write("debug", msg, fields),
  info: (msg: string, fields?: LogFields) => write("info", msg, fields),
  warn: (msg: string, fields?: LogFields) => write("warn", msg, fields),
  error: (msg: string, fields?: LogFields) => write("error", msg, fields),
};

// A caller's id is echoed back, so it must not be able to smuggle anything into our logs.
const REQUEST_ID = /^[\w.:-]{1,128}$/;

export function requestIdOf(req: Request): string {
  const given = req.headers.get("x-request-id");
  return given && REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * Wraps an API route handler: gives the request an id (the caller's x-request-id when it is
 * sane), echoes it in the answer, and logs method, path, status and duration once it is done.
 * A handler that throws is logged with its error and answered with a plain 500.
 */
export function withRequestLog(route: string, handler: (req: Request, requestId: string) => Promise<Response>) {
  return async (req: Request): Promise<Response> => {
    const requestId = requestIdOf(req);
    const started = performance.now();
    const base = { route, requestId, method: req.method, path: new URL(req.url).pathname };
    let response: Response;
    try {
      response = await current.run({ requestId }, () => handler(req, requestId));
    } catch (error) {
      log.error("request failed", { ...base, status: 500, durationMs: Math.round(performance.now() - started), error });
      response = Response.json({ error: "Something went wrong on our side. Please try again.", requestId }, { status: 500 });
    }
    const status = response.status;
    const level: LogLevel = status >= 500 ? "error" : status >= 400 ? "warn" : "info";
    write(level, "request", { ...base, status, durationMs: Math.round((performance.now() - started) * 10) / 10 });
    try {
      response.headers.set("x-request-id", requestId);
      return response;
    } catch {
      // Some responses come with immutable headers; a copy takes the id.
      const copy = new Response(response.body, response);
      copy.headers.set("x-request-id", requestId);
      return copy;
    }
  };
}
