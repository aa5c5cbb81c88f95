// Accounts: better-auth with email and password, sessions and rate-limit counters in our own
// database tables. Built per database so tests and the app share one construction.
import { drizzleAdapter } from "@better-auth/drizzle-adapter";
import { betterAuth } from "better-auth";
import type { Db } from "./db/client";
import { accounts, rateLimits, sessions, users, verifications } from "./db/schema";
import { passwordPolicyHook } from "./security/password-policy";

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;

export interface AuthOptions {
  db: Db;
  secret: string;
  baseURL: string;
  /** Extra origins allowed to post to the auth endpoints (the app's own is always allowed). */
  trustedOrigins?: string[];
  /** Cookies marked Secure: on for https deployments. */
  secureCookies?: boolean;
}

export function createAuth({ db, secret, baseURL, trustedOrigins = [], secureCookies = false }: AuthOptions) {
  return betterAuth({
    appName: "Engram",
    secret,
    baseURL,
    trustedOrigins,
    database: drizzleAdapter(db, {
      provider: "pg",
      schema: { user: users, session: sessions, account: accounts, verification: verifications, rateLimit: rateLimits },
    }),
    emailAndPassword: {
      enabled: true,
      minPasswordLength: PASSWORD_MIN,
      maxPasswordLength: PASSWORD_MAX,
      autoSignIn: true,
    },
    hooks: { before: passwordPolicyHook },
    session: {
      expiresIn: 60 * 60 * 24 * 30,
      updateAge: 60 * 60 * 24,
    },
    // On in every environment and kept in the database, so limits hold across instances.
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 200,
      customRules: {
        "/sign-in/email": { window: 10, max: 3 },
        "/sign-up/email": { window: 60, max: 10 },
      },
    },
    advanced: {
      useSecureCookies: secureCookies,
      database: { generateId: () => crypto.randomUUID() },
    },
    telemetry: { enabled: false },
  });
}

export type Auth = ReturnType<typeof createAuth>;

/** The signed-in person as the rest of the server sees them. */
export interface SessionUser {
  id: string;
  name: string;
  email: string;
}
