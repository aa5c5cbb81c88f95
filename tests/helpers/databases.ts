// Real databases for integration tests: a fresh in-memory PGlite migrated from drizzle/, and a
// fresh PostgreSQL database on TEST_DATABASE_URL's server when that variable is set.
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { type Database, openDatabase } from "~/server/db/client";

export interface TestDatabase {
  name: "pglite" | "postgres";
  open(options?: { onQuery?: (sql: string) => void }): Promise<Database & { drop(): Promise<void> }>;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export const testDatabases: TestDatabase[] = [
  {
    name: "pglite",
    async open(options = {}) {
      const database = await openDatabase({ kind: "pglite", ...options });
      await database.migrate();
      return { ...database, drop: () => database.close() };
    },
  },
];

const serverUrl = process.env.TEST_DATABASE_URL;
if (serverUrl) {
  testDatabases.push({
    name: "postgres",
    async open(options = {}) {
      const name = `engram_test_${randomBytes(6).toString("hex")}`;
      const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database ${name}`);
      const database = await openDatabase({ kind: "postgres", url: withDatabase(serverUrl, name), maxConnections: 4, ...options });
      await database.migrate();
      return {
        ...database,
        async drop() {
          await database.close();
          await admin.unsafe(`drop database if exists ${name} with (force)`);
          await admin.end();
        },
      };
    },
  });
}
