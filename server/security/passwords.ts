// How passwords are hashed and checked: better-auth's own scrypt functions, named here once so
// that better-auth and our re-authentication (deleting an account) always agree on the format.
import "server-only";
import { hashPassword, verifyPassword } from "better-auth/crypto";

export const passwordHashing = {
  hash: (password: string) => hashPassword(password),
  verify: (data: { hash: string; password: string }) => verifyPassword(data),
};
