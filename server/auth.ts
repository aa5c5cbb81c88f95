// Accounts: better-auth with email and password, sessions and rate-limit counters in our own
// database tables. Built per database so tests and the app share one construction.
import "server-only";
import { drizzleAdapter } from "@better-auth/drizzle-adapter";
import { betterAuth } from "better-auth";
import { createAuthMiddleware, isAPIError } from "better-auth/api";
import type { Db } from "./db/client";
import { write } from "./log";
import { accounts, rateLimits, sessions, users, verifications } from "./db/schema";
import { PEER_ADDRESS_HEADER } from "./security/peer-address";
import { applyPasswordPolicy } from "./security/password-policy";
import { passwordHashing } from "./security/passwords";
import { countSignInAttempt, countSignUp, forgetSignInAttempts } from "./security/sign-in-limit";

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;

export interface AuthOptions {
  db: Db;
  secret: string;
  baseURL: string;
  /** Extra origins allowed to post to the auth endpoints (the app's own is always allowed). */
  trustedOrigins?: string[];
  /** Cookies marked Secure: on in production and for https deployments. */
  secureCookies?: boolean;
  /**
   * Whether X-Forwarded-For names the client. Only a reverse proxy of our own makes it true;
   * otherwise anyone can write that header, so the address is the TCP peer's (PEER_ADDRESS_HEADER).
   */
  trustProxy?: boolean;
}

/** Email of a sign-in request body, when it has one. */
/** The address rate limits count by, read as better-auth reads it for its own limits. */
function clientAddress(headers: Headers | undefined, trustProxy: boolean): string {
  const value = trustProxy ? headers?.get("x-forwarded-for")?.split(",")[0] : headers?.get(PEER_ADDRESS_HEADER);
  return value?.trim() || "unknown";
}

function signInEmail(body: unknown): string | undefined {
  const email = (body as { email?: unknown } | undefined)?.email;
  return typeof email === "string" ? email : undefined;
}

export function createAuth({ db, secret, baseURL, trustedOrigins = [], secureCookies = false, trustProxy = false }: AuthOptions) {
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
      password: passwordHashing,
      autoSignIn: true,
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        const email = ctx.path === "/sign-in/email" ? signInEmail(ctx.body) : undefined;
        if (email) await countSignInAttempt(db, email, clientAddress(ctx.headers, trustProxy));
        // Like better-auth's own limits, none without an address (in-process calls, never a page).
        const address = clientAddress(ctx.headers, trustProxy);
        if (ctx.path === "/sign-up/email" && address !== "unknown") await countSignUp(db, address);
        return applyPasswordPolicy(ctx);
      }),
      after: createAuthMiddleware(async (ctx) => {
        const email = ctx.path === "/sign-in/email" ? signInEmail(ctx.body) : undefined;
        if (email && !isAPIError(ctx.context.returned)) await forgetSignInAttempts(db, email, clientAddress(ctx.headers, trustProxy));
      }),
    },
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
      },
    },
    advanced: {
      useSecureCookies: secureCookies,
      ipAddress: { ipAddressHeaders: [trustProxy ? "x-forwarded-for" : PEER_ADDRESS_HEADER] },
      database: { generateId: () => crypto.randomUUID() },
    },
    telemetry: { enabled: false },
    // Into our JSON log, where the request id is added and secret-looking fields are masked.
    logger: { log: (level, message, ...args) => write(level, `better-auth: ${message}`, args.length ? { details: args } : {}) },
  });
}

export type Auth = ReturnType<typeof createAuth>;

/** The signed-in person as the rest of the server sees them. */
export interface SessionUser {
  id: string;
  name: string;
  email: string;
}
