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
