// Typed domain errors: services throw these, the tRPC layer maps the code to a status, and
// the message is a sentence a person can act on.
export type DomainErrorCode = "NOT_FOUND" | "FORBIDDEN" | "CONFLICT" | "INVALID" | "UNAUTHORIZED" | "TOO_MANY_REQUESTS";

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  /** The input field at fault, when one is (for forms). */
  readonly field?: string;
  /** For TOO_MANY_REQUESTS: seconds until a retry may pass, sent as Retry-After. */
  readonly retryAfter?: number;

  constructor(code: DomainErrorCode, message: string, field?: string, retryAfter?: number) {
    super(message);
    this.name = "DomainError";
    this.code = code;
    this.field = field;
    this.retryAfter = retryAfter;
  }
}

export const notFound = (what: string) => new DomainError("NOT_FOUND", `${what} was not found.`);
export const forbidden = (message: string) => new DomainError("FORBIDDEN", message);
export const tooManyRequests = (message: string, retryAfter: number) => new DomainError("TOO_MANY_REQUESTS", message, undefined, retryAfter);
export const invalid = (message: string, field?: string) => new DomainError("INVALID", message, field);
export const conflict = (what: string) =>
  new DomainError(
    "CONFLICT",
    `${what} was changed by someone else since you loaded it. Reload to see the current version, then apply your change again.`,
  );
