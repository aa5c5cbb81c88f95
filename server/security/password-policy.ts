// Which passwords Engram accepts: 8 to 256 characters (better-auth checks the length), not only
// spaces, and not one of the most common passwords, which are the first ones any attacker tries.
import fs from "node:fs";
import path from "node:path";
import { APIError } from "better-auth/api";

export const COMMON_PASSWORDS_FILE = path.join(process.cwd(), "server", "security", "common-passwords.txt");

export const COMMON_PASSWORD_MESSAGE =
  "This password is one of the most common ones and would be guessed quickly. Choose another, for example a few unrelated words.";

export const BLANK_PASSWORD_MESSAGE = "A password cannot be made only of spaces. Choose one with letters, digits or symbols in it.";

let common: Set<string> | undefined;

/** The shipped list, read once: lower case, comment lines dropped. */
export function commonPasswords(): Set<string> {
  common ??= new Set(
    fs
      .readFileSync(COMMON_PASSWORDS_FILE, "utf8")
      .split("\n")
      .map((line) => line.trim().toLowerCase())
      .filter((line) => line && !line.startsWith("#")),
  );
  return common;
}

/** Case does not make a listed password any harder to guess, so it is ignored. */
export function isCommonPassword(password: string): boolean {
  return commonPasswords().has(password.trim().toLowerCase());
}

/** The body field that carries the new password, per endpoint that sets one. */
const NEW_PASSWORD_FIELD: Record<string, string> = {
  "/sign-up/email": "password",
  "/change-password": "newPassword",
  "/reset-password": "newPassword",
  "/set-password": "newPassword",
};

/**
 * For better-auth's `hooks.before`: refuses a common password wherever one is set, and makes a
 * password change end every other session, whatever the client asked for, since a changed
 * password usually means someone else may know the old one. Returns the context to merge.
 */
export function applyPasswordPolicy(ctx: { path: string; body?: unknown }) {
  const field = NEW_PASSWORD_FIELD[ctx.path];
  if (!field) return undefined;
  const body = (ctx.body ?? {}) as Record<string, unknown>;
  const password = body[field];
  // \s covers tabs, line breaks and Unicode spaces (no-break, ideographic) too.
  if (typeof password === "string" && /^\s*$/u.test(password)) {
    throw new APIError("BAD_REQUEST", { code: "PASSWORD_BLANK", message: BLANK_PASSWORD_MESSAGE });
  }
  if (typeof password === "string" && isCommonPassword(password)) {
    throw new APIError("BAD_REQUEST", { code: "PASSWORD_TOO_COMMON", message: COMMON_PASSWORD_MESSAGE });
  }
  if (ctx.path === "/change-password") {
    return { context: { body: { ...body, revokeOtherSessions: true } } };
  }
  return undefined;
}
