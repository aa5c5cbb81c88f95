// Opens the database: PGlite persisted in a folder when no DATABASE_URL is given, otherwise a
// postgres.js pool. Either way the rest of the app sees one Drizzle `Db`.
import "server-only";
import path from "node:path";
import { PGlite, type Transaction } from "@electric-sql/pglite";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite, PgliteSession } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import * as schema from "./schema";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

/**
 * The embedded database's own connection (or transaction) under a drizzle `Db`, for what drizzle
 * cannot say: COPY from a blob. Null on PostgreSQL.
 */
export function embeddedClientOf(db: Db): Pick<Transaction, "query"> | null {
  const session = (db as unknown as { session?: unknown }).session;
  return session instanceof PgliteSession ? (session as unknown as { client: Pick<Transaction, "query"> }).client : null;
}

export interface Database {
  db: Db;
  kind: "pglite" | "postgres";
  /** Applies every migration in drizzle/ that has not run yet; safe to call on every start. */
  migrate(): Promise<void>;
  /**
   * LISTENs on a channel: `onMessage` gets each NOTIFY payload, `onReconnect` runs when the
   * listening connection came back after a drop (notifications sent meanwhile were missed).
   * Resolves to a function that stops listening.
   */
  listen(channel: string, onMessage: (payload: string) => void, onReconnect?: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

interface CommonConfig {
  /** Called with every SQL statement the app sends (tests count them; logs could use it). */
  onQuery?: (sql: string) => void;
}

export type DatabaseConfig = CommonConfig &
  ({ kind: "pglite"; dataDir?: string } | { kind: "postgres"; url: string; maxConnections?: number });

export const MIGRATIONS_DIR = path.join(process.cwd(), "drizzle");

// Any fixed number works: it only has to be the same for every instance running migrations.
const MIGRATION_LOCK_KEY = 724_201_113;

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  const onQuery = config.onQuery;
  const logger = onQuery ? { logQuery: (query: string) => onQuery(query) } : undefined;
  if (config.kind === "pglite") {
    const client = config.dataDir ? new PGlite(config.dataDir) : new PGlite();
    await client.waitReady;
    const db = drizzlePglite({ client, schema, casing: "snake_case", logger }) as unknown as Db;
    return {
      db,
      kind: "pglite",
      migrate: () => migratePglite(drizzlePglite({ client, casing: "snake_case" }), { migrationsFolder: MIGRATIONS_DIR }),
      // One embedded connection never drops, so there is nothing to reconnect.
      async listen(channel, onMessage) {
        const stop = await client.listen(channel, onMessage);
        return () => stop();
      },
      close: () => client.close(),
    };
  }

  const client = postgres(config.url, {
    max: config.maxConnections ?? 10,
    // postgres.js would otherwise wait ~20 s on a dead server and let queries run forever.
    connect_timeout: 5,
    // After a failed connection postgres.js waits before the next attempt, exponentially and
    // shared by the whole pool: after a few seconds' outage a query sat up to 20 s before even
    // trying. Half a second at most: requests fail fast while the server is away and the pool
    // is back within a moment of it.
    backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 0.5),
    idle_timeout: 30,
    max_lifetime: 60 * 30,
    connection: { statement_timeout: 15_000, application_name: "engram" },
    onnotice: () => {},
  });
  const db = drizzlePostgres({ client, schema, casing: "snake_case", logger }) as unknown as Db;
  return {
    db,
    kind: "postgres",
    async migrate() {
      // One connection holds an advisory lock so that instances starting together migrate once.
      const lockClient = postgres(config.url, { max: 1, connect_timeout: 5, onnotice: () => {} });
      try {
        await lockClient`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
        await migratePostgres(drizzlePostgres({ client: lockClient, casing: "snake_case" }), {
          migrationsFolder: MIGRATIONS_DIR,
        });
        await lockClient`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
      } finally {
        await lockClient.end({ timeout: 5 });
      }
    },
    async listen(channel, onMessage, onReconnect) {
      // postgres.js keeps one connection for LISTEN and reconnects it by itself; onlisten runs
      // after every (re)connect, so every call after the first means a gap to catch up on.
      let connects = 0;
      const listener = await client.listen(channel, onMessage, () => {
        if (connects++ > 0) onReconnect?.();
      });
      return () => listener.unlisten();
    },
    close: () => client.end({ timeout: 5 }),
  };
}
