// A small world for integration tests: real users created through better-auth, tRPC callers
// acting as each of them, and a helper to build a palace with rooms.
import { TRPCError } from "@trpc/server";
import { expect } from "vitest";
import type { Database } from "~/server/db/client";
import { createAuth } from "~/server/auth";
import { palaceMembers } from "~/server/db/schema";
import type { TPalaceRole } from "~/server/domain/palace/palace.schema";
import { lockPalace } from "~/server/domain/palace-lock";
import { createBus, type RealtimeBus } from "~/server/realtime/bus";
import { createCaller } from "~/server/trpc/root";

export type Caller = ReturnType<typeof createCaller>;

// One bus per test database, as the app has one per process.
const buses = new WeakMap<Database, RealtimeBus>();
export function busFor(database: Database): RealtimeBus {
  let bus = buses.get(database);
  if (!bus) buses.set(database, (bus = createBus(database)));
  return bus;
}

export function callerFor(database: Database, user: { id: string; name: string; email: string } | null): Caller {
  return createCaller({ db: database.db, bus: busFor(database), user });
}

export function makeAuth(database: Database, options: { trustProxy?: boolean } = {}) {
  return createAuth({ db: database.db, secret: "test-secret-test-secret-test-secret!", baseURL: "http://localhost:3999", ...options });
}

export async function signUp(database: Database, name: string) {
  const auth = makeAuth(database);
  const email = `${name.toLowerCase().replace(/\W+/g, "-")}-${crypto.randomUUID().slice(0, 8)}@example.com`;
  const result = await auth.api.signUpEmail({ body: { email, password: "correct horse battery", name } });
  const user = { id: result.user.id, name: result.user.name, email: result.user.email };
  return { user, caller: callerFor(database, user) };
}

export function anonymous(database: Database): Caller {
  return callerFor(database, null);
}

/** An owner with a palace of two touching rooms (A at 0,0 and B east of it). */
export async function palaceWithTwoRooms(database: Database) {
  const owner = await signUp(database, "Owner");
  const palace = await owner.caller.palace.create({ title: "Test palace" });
  const roomA = await owner.caller.room.create({ palaceId: palace.id, name: "A", gridX: 0, gridZ: 0, width: 8, depth: 8 });
  const roomB = await owner.caller.room.create({ palaceId: palace.id, name: "B", gridX: 8, gridZ: 0, width: 6, depth: 8 });
  return { owner, palace, roomA, roomB };
}

/** Gives `userId` a role in a palace directly, without going through an invite link. */
export async function addMember(database: Database, palaceId: string, userId: string, role: TPalaceRole) {
  await database.db.insert(palaceMembers).values({ palaceId, userId, role });
}

/** The error a call rejects with; fails the test when the call succeeds. */
export async function rejectionOf(call: Promise<unknown>): Promise<TRPCError> {
  const outcome = await call.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  if (outcome.ok) throw new Error(`Expected the call to be refused, but it returned ${JSON.stringify(outcome.value)}`);
  expect(outcome.error).toBeInstanceOf(TRPCError);
  return outcome.error as TRPCError;
}

/**
 * Asserts that `write` is refused with `code` and a message matching `message`, and that the
 * palace reads back exactly as before: a refused write must leave nothing half-written.
 */
export async function expectRefused(
  reader: Caller,
  palaceId: string,
  write: () => Promise<unknown>,
  code: TRPCError["code"],
  message: RegExp,
) {
  const before = await reader.palace.get({ id: palaceId });
  const error = await rejectionOf(write());
  expect({ code: error.code, message: error.message }).toEqual({ code, message: expect.stringMatching(message) });
  expect(await reader.palace.get({ id: palaceId })).toEqual(before);
  return error;
}

/** Creates a concept and places it in a room, returning both. */
export async function placeConcept(caller: Caller, palaceId: string, roomId: string, title: string, at = { x: 2, z: 2 }) {
  const concept = await caller.concept.create({ palaceId, title });
  const locus = await caller.locus.place({ conceptId: concept.id, roomId, ...at });
  return { concept, locus };
}

/** The route as [concept title, route order] pairs, in walking order. */
export async function routeOf(caller: Caller, palaceId: string) {
  const scene = await caller.palace.get({ id: palaceId });
  const title = new Map(scene.concepts.map((c) => [c.id, c.title]));
  return scene.loci.map((l) => [title.get(l.conceptId), l.routeOrder] as const);
}

/**
 * Runs `change` in a transaction that holds the palace lock, as a room edit does, and keeps it
 * open until `during` has had `ms` to run: a write that skipped the lock would finish first.
 */
export async function whileLocked<T>(
  database: Database,
  palaceId: string,
  change: (tx: Database["db"]) => Promise<unknown>,
  during: () => Promise<T>,
  ms = 300,
): Promise<PromiseSettledResult<T>> {
  let outcome!: Promise<PromiseSettledResult<T>>;
  await database.db.transaction(async (tx) => {
    await lockPalace(tx, palaceId);
    await change(tx);
    outcome = during().then(
      (value) => ({ status: "fulfilled" as const, value }),
      (reason: unknown) => ({ status: "rejected" as const, reason }),
    );
    await new Promise((resolve) => setTimeout(resolve, ms));
  });
  return outcome;
}

type Write = (caller: Caller) => Promise<unknown>;

/** A stranger tries each write on a private palace: each is NOT_FOUND and changes nothing. */
export async function expectStrangerNotFound(database: Database, owner: { caller: Caller }, palaceId: string, writes: Write[]) {
  const stranger = await signUp(database, "Stranger");
  for (const write of writes) {
    await expectRefused(owner.caller, palaceId, () => write(stranger.caller), "NOT_FOUND", /was not found/);
  }
}

/**
 * A public palace's writes, tried by a stranger and a viewer member (FORBIDDEN) and by someone
 * signed out (UNAUTHORIZED); none changes anything. Makes the palace public first.
 */
export async function expectVisitorsRefused(database: Database, owner: { caller: Caller }, palaceId: string, writes: Write[]) {
  const { version } = (await owner.caller.palace.get({ id: palaceId })).palace;
  await owner.caller.palace.update({ id: palaceId, version, visibility: "public" });
  const stranger = await signUp(database, "Visitor");
  const viewer = await signUp(database, "Viewer");
  await addMember(database, palaceId, viewer.user.id, "viewer");
  for (const write of writes) {
    for (const who of [stranger, viewer]) {
      await expectRefused(owner.caller, palaceId, () => write(who.caller), "FORBIDDEN", /not change it/);
    }
    await expectRefused(owner.caller, palaceId, () => write(anonymous(database)), "UNAUTHORIZED", /Sign in/);
  }
}
