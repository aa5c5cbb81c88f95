// Turns PostgreSQL constraint violations that slip past the services' own checks (usually a
// race between two writers) into domain errors with a sentence instead of a 500.
import { DomainError } from "./errors";

interface PgLikeError {
  code?: string;
  constraint?: string;
  constraint_name?: string;
  cause?: unknown;
}

function pgError(error: unknown): PgLikeError | null {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === "object"; depth++) {
    const e = current as PgLikeError;
    if (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)) return e;
    current = e.cause;
  }
  return null;
}

const CONSTRAINT_MESSAGES: Record<string, string> = {
  loci_concept_id_unique: "That concept is already placed. Move it instead.",
  doors_room_pair_unique: "Those rooms already have a door between them.",
  links_pair_unique: "Those concepts are already linked.",
  loci_route_order_unique: "Someone else changed the route at the same moment. Try again.",
};

export function fromDbError(error: unknown): DomainError | null {
  const e = pgError(error);
  if (!e) return null;
  const constraint = e.constraint ?? e.constraint_name ?? "";
  switch (e.code) {
    case "23505":
      return new DomainError("CONFLICT", CONSTRAINT_MESSAGES[constraint] ?? "That already exists.");
    case "23503":
      return new DomainError("NOT_FOUND", "Something this change refers to no longer exists. Reload and try again.");
    case "23514":
    case "22001":
    case "22003":
    case "22P02":
      return new DomainError("INVALID", "That value is not allowed.");
    // PostgreSQL text cannot hold the NUL character; the property tests sent one in a label.
    case "22021":
      return new DomainError("INVALID", "Text cannot contain the NUL character.");
    case "40001":
    case "40P01":
      return new DomainError("CONFLICT", "Someone else changed this at the same moment. Try again.");
    default:
      return null;
  }
}

// Socket errors, postgres.js connection codes and PostgreSQL's own "shutting down / cannot
// connect now / connection failure" SQLSTATEs: the database is away, the request is not at fault.
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_DESTROYED",
  "CONNECTION_ENDED",
  "57P01",
  "57P02",
  "57P03",
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
]);

export const DATABASE_UNAVAILABLE_MESSAGE = "Service unavailable: the database cannot be reached right now. Try again in a few seconds.";

// A statement cut off by the statement timeout, or a lock that could not be had: the database
// is up but too busy to answer this request in time; trying again shortly is the right advice.
const BUSY_CODES = new Set(["57014", "55P03"]);

export const DATABASE_BUSY_MESSAGE = "Service busy: the database took too long to answer. Try again in a few seconds.";

function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === "object"; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") codes.push(code);
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}

/** Whether `error` (or one of its causes) says the database cannot be reached. */
export function isDatabaseUnavailable(error: unknown): boolean {
  return errorCodes(error).some((code) => UNAVAILABLE_CODES.has(code));
}

/**
 * The sentence for a 503 when `error` means the database cannot serve the request right now
 * (away, or too busy to answer in time); null when the request failed for another reason.
 */
export function serviceUnavailableMessage(error: unknown): string | null {
  const codes = errorCodes(error);
  if (codes.some((code) => UNAVAILABLE_CODES.has(code))) return DATABASE_UNAVAILABLE_MESSAGE;
  if (codes.some((code) => BUSY_CODES.has(code))) return DATABASE_BUSY_MESSAGE;
  return null;
}
