// What a parser or importer says when it refuses its input: a DomainError of code INVALID.
import { expect } from "vitest";
import { DomainError } from "~/server/domain/errors";

/** The refusal's message; fails when the call succeeds or throws anything but an INVALID DomainError. */
export function refusal(call: () => unknown): string {
  try {
    call();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe("INVALID");
    return (e as DomainError).message;
  }
  throw new Error("Expected the input to be refused.");
}
