// The app's one database and auth instance per process: opened, migrated and seeded once at
// start-up (instrumentation.ts calls warm()), then shared by every request.
import "server-only";
import { createAuth, type Auth } from "./auth";
import { type Database, openDatabase } from "./db/client";
import { env } from "./env";
import { createBus, type RealtimeBus } from "./realtime/bus";
import { seedDemo } from "./seed/seed.service";

export interface Runtime {
  database: Database;
  auth: Auth;
  bus: RealtimeBus;
}

// Kept on globalThis because Next.js may load this module more than once in one process.
const holder = globalThis as typeof globalThis & { __engramRuntime?: Promise<Runtime> };

async function start(): Promise<Runtime> {
  const config = env();
  const database = await openDatabase(
    config.DATABASE_URL
      ? { kind: "postgres", url: config.DATABASE_URL }
      : { kind: "pglite", dataDir: config.PGLITE_DIR },
  );
  await database.migrate();
  await seedDemo(database.db);
  const baseURL = config.BETTER_AUTH_URL ?? `http://localhost:${config.PORT}`;
  const auth = createAuth({
    db: database.db,
    secret: config.BETTER_AUTH_SECRET,
    baseURL,
    trustedOrigins: [`http://localhost:${config.PORT}`, `http://127.0.0.1:${config.PORT}`],
    // Browsers keep Secure cookies on http://localhost too, so production can insist on them.
    secureCookies: config.NODE_ENV === "production" || baseURL.startsWith("https://"),
    trustProxy: config.TRUST_PROXY,
  });
  return { database, auth, bus: createBus(database) };
}

export function runtime(): Promise<Runtime> {
  holder.__engramRuntime ??= start().catch((error: unknown) => {
    holder.__engramRuntime = undefined;
    throw error;
  });
  return holder.__engramRuntime;
}
