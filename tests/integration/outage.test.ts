// When the database cannot be reached, calls fail fast with a 503 and a sentence that says so,
// rather than hanging or answering "something went wrong". A port nobody listens on stands in
// for a stopped PostgreSQL.
import { createBus } from "~/server/realtime/bus";
import { TRPCError } from "@trpc/server";
import { sql } from "drizzle-orm";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "~/server/db/client";
import { DATABASE_BUSY_MESSAGE, DATABASE_UNAVAILABLE_MESSAGE } from "~/server/domain/db-errors";
import { createCaller } from "~/server/trpc/root";
import { handleTrpcRequest } from "~/server/trpc/http";
import { testDatabases } from "../helpers/databases";
import { freePort } from "../helpers/serve";

const ORIGIN = "http://localhost:3999";
const USER = { id: "someone", name: "Someone", email: "someone@example.com" };

describe("database unreachable", () => {
  let dead: Database;
  beforeAll(async () => {
    dead = await openDatabase({ kind: "postgres", url: `postgres://postgres@127.0.0.1:${await freePort()}/engram`, maxConnections: 2 });
  });
  afterAll(() => dead.close());

  it("answers a procedure with SERVICE_UNAVAILABLE and a clear sentence, within 5 s", async () => {
    const started = Date.now();
    const error = await createCaller({ db: dead.db, bus: createBus(dead), user: USER })
      .palace.list()
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(TRPCError);
    expect({ code: (error as TRPCError).code, message: (error as TRPCError).message }).toEqual({
      code: "SERVICE_UNAVAILABLE",
      message: DATABASE_UNAVAILABLE_MESSAGE,
    });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("answers HTTP 503 when even the session cannot be read", async () => {
    const res = await handleTrpcRequest(
      new Request(`${ORIGIN}/api/trpc/palace.list?input=${encodeURIComponent(JSON.stringify(superjson.serialize(undefined)))}`),
      async () => {
        await dead.db.execute(sql`select 1`);
        return { db: dead.db, bus: createBus(dead), user: null };
      },
    );
    expect(res.status).toBe(503);
    expect(JSON.stringify(await res.json())).toContain(DATABASE_UNAVAILABLE_MESSAGE);
  });

  it("still answers any other failure as an internal error, without its details", async () => {
    const res = await handleTrpcRequest(new Request(`${ORIGIN}/api/trpc/palace.list`), async () => {
      throw new Error("secret driver detail");
    });
    expect(res.status).toBe(500);
    const body = JSON.stringify(await res.json());
    expect(body).toContain("Something went wrong on our side");
    expect(body).not.toContain("secret driver detail");
  });
});

// A database that is up but cannot answer in time (a statement cut off by the statement timeout)
// is a 503 that says to try again, not an internal error.
const server = testDatabases.find((d) => d.name === "postgres");
describe.skipIf(!server)("database too busy", () => {
  let busy: Awaited<ReturnType<NonNullable<typeof server>["open"]>>;
  beforeAll(async () => {
    busy = await server!.open();
  });
  afterAll(() => busy?.drop());

  it("answers HTTP 503 with a sentence when a statement runs past the statement timeout", async () => {
    const started = Date.now();
    const res = await handleTrpcRequest(new Request(`${ORIGIN}/api/trpc/palace.list`), async () => {
      await busy.db.transaction(async (tx) => {
        await tx.execute(sql`set local statement_timeout = 100`);
        await tx.execute(sql`select pg_sleep(3)`);
      });
      return { db: busy.db, bus: createBus(busy), user: null };
    });
    expect(res.status).toBe(503);
    expect(JSON.stringify(await res.json())).toContain(DATABASE_BUSY_MESSAGE);
    expect(Date.now() - started).toBeLessThan(2500);
  });
});
