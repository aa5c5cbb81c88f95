// tRPC setup: the request context, the error formatter that turns domain and validation
// errors into a sentence with the field at fault, and the public/protected procedures.
import "server-only";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import type { SessionUser } from "../auth";
import type { Db } from "../db/client";
import type { Actor } from "../domain/access";
import type { RealtimeBus } from "../realtime/bus";
import { fromDbError, serviceUnavailableMessage } from "../domain/db-errors";
import { MAX_BATCH_SIZE } from "../domain/request.limits";
import { DomainError, type DomainErrorCode, tooManyRequests } from "../domain/errors";
import { readLimiterFor, TOO_MANY_READS_MESSAGE } from "../security/read-limit";

export interface Context {
  db: Db;
  user: SessionUser | null;
  /** The clock every service reads; tests pass a fake one to let days pass. */
  now?: () => Date;
  /** This process's end of the realtime bus, for subscriptions. */
  bus: RealtimeBus;
  /** The caller's address, for per-address read limits; absent for in-process callers. */
  address?: string;
}

const CODE: Record<DomainErrorCode, TRPCError["code"]> = {
  NOT_FOUND: "NOT_FOUND",
  FORBIDDEN: "FORBIDDEN",
  CONFLICT: "CONFLICT",
  INVALID: "BAD_REQUEST",
  UNAUTHORIZED: "UNAUTHORIZED",
  TOO_MANY_REQUESTS: "TOO_MANY_REQUESTS",
};

/**
 * What a person reads when the request itself could not be read: tRPC and superjson describe
 * such failures in their own internal terms (a stack overflow on deep nesting, a destructured
 * null, a regular expression that does not compile), which say nothing useful to anyone.
 */
function unreadableRequest(error: TRPCError): string {
  if (error.message === "Batch call exceeds maximum size") return `A request may carry at most ${MAX_BATCH_SIZE} calls.`;
  if (error.cause instanceof SyntaxError) return "The request could not be read: its input is not valid JSON.";
  if (error.cause instanceof RangeError) return "The request could not be read: its input is nested too deeply.";
  switch (error.code) {
    case "NOT_FOUND":
      return "There is no such procedure.";
    case "METHOD_NOT_SUPPORTED":
      return "This procedure cannot be called with that HTTP method.";
    case "UNSUPPORTED_MEDIA_TYPE":
      return "The request could not be read: send its input as JSON.";
    default:
      return "The request could not be read: its input is not in the form this procedure expects.";
  }
}

/** Errors whose message we wrote ourselves, for a person to read. */
function isOurs(error: TRPCError): boolean {
  const cause = error.cause;
  return (
    cause instanceof ZodError ||
    cause instanceof DomainError ||
    error.code === "UNAUTHORIZED" ||
    error.code === "SERVICE_UNAVAILABLE" ||
    error.code === "INTERNAL_SERVER_ERROR"
  );
}

function firstZodIssue(error: ZodError) {
  const issue = error.issues[0];
  const field = issue?.path.map(String).join(".") || undefined;
  return { field, message: issue ? (field ? `${field}: ${issue.message}` : issue.message) : "Invalid input." };
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  // Live streams ping so that proxies keep them open and a client whose connection silently
  // died reconnects (and resumes from its last event) instead of waiting forever.
  sse: { ping: { enabled: true, intervalMs: 15_000 }, client: { reconnectAfterInactivityMs: 40_000 } },
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    let field: string | undefined;
    let message = shape.message;
    if (cause instanceof ZodError) {
      ({ field, message } = firstZodIssue(cause));
    } else if (cause instanceof DomainError) {
      field = cause.field;
    } else if (error.code === "INTERNAL_SERVER_ERROR") {
      // Never show a stack trace or driver message to a person.
      message = "Something went wrong on our side. Please try again.";
    } else if (!isOurs(error)) {
      message = unreadableRequest(error);
    }
    return {
      ...shape,
      message,
      data: { code: shape.data.code, httpStatus: shape.data.httpStatus, path: shape.data.path, field },
    };
  },
});

/** Maps domain errors and database constraint violations to tRPC errors with their message. */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const original = result.error.cause ?? result.error;
    const domain = original instanceof DomainError ? original : fromDbError(original);
    if (domain) {
      return { ...result, error: new TRPCError({ code: CODE[domain.code], message: domain.message, cause: domain }) };
    }
    const unavailable = serviceUnavailableMessage(original);
    if (unavailable) {
      return { ...result, error: new TRPCError({ code: "SERVICE_UNAVAILABLE", message: unavailable, cause: original }) };
    }
    if (original instanceof ZodError) {
      return { ...result, error: new TRPCError({ code: "BAD_REQUEST", message: firstZodIssue(original).message, cause: original }) };
    }
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

export const publicProcedure = t.procedure.use(domainErrors).use(({ ctx, next }) =>
  next({ ctx: { ...ctx, now: ctx.now ?? (() => new Date()), actor: { userId: ctx.user?.id ?? null } satisfies Actor } }),
);

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first." });
  return next({ ctx: { ...ctx, user: ctx.user, actor: { userId: ctx.user.id } satisfies Actor } });
});

/**
 * Reads that anyone may make (a public palace) are limited per address, or per person when
 * signed in: a burst gets a quick TOO_MANY_REQUESTS instead of slowing everyone down. Callers
 * inside the process (tests, server components) carry no address and are not limited.
 * `signedIn: false` leaves signed-in people alone (palace.get, which editors' pages still use).
 */
export function limitedReadProcedure(options: { signedIn: boolean }) {
  return publicProcedure.use(({ ctx, next }) => {
    if (ctx.address !== undefined && (options.signedIn || ctx.actor.userId === null)) {
      const wait = readLimiterFor(ctx.db).take({ userId: ctx.actor.userId, address: ctx.address });
      if (wait !== null) throw tooManyRequests(TOO_MANY_READS_MESSAGE, wait);
    }
    return next();
  });
}

/**
 * Response headers for a tRPC answer: a refusal for too many requests says when to come back
 * (Retry-After), as the snapshot route's 429 does. Every HTTP adapter passes this as responseMeta.
 */
export function responseMeta({ errors }: { errors: TRPCError[] }): { headers?: Headers } {
  let wait = 0;
  for (const error of errors) if (error.cause instanceof DomainError && error.cause.retryAfter) wait = Math.max(wait, error.cause.retryAfter);
  return wait > 0 ? { headers: new Headers({ "retry-after": String(Math.ceil(wait)) }) } : {};
}

/**
 * Wraps a subscription's stream so that a domain error thrown while it runs (the palace was
 * deleted, the person lost access) reaches the client as the same coded error a call would get.
 */
export async function* domainStream<T>(stream: AsyncIterable<T>): AsyncGenerator<T, void, unknown> {
  try {
    yield* stream;
  } catch (error) {
    if (error instanceof DomainError) throw new TRPCError({ code: CODE[error.code], message: error.message, cause: error });
    throw error;
  }
}
