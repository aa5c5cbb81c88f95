// A small world for integration tests: real users created through better-auth, tRPC callers
// acting as each of them, and a helper to build a palace with rooms.
import type { Database } from "~/server/db/client";
import { createAuth } from "~/server/auth";
import { createCaller } from "~/server/trpc/root";

export type Caller = ReturnType<typeof createCaller>;

export function makeAuth(database: Database) {
  return createAuth({ db: database.db, secret: "test-secret-test-secret-test-secret!", baseURL: "http://localhost:3999" });
}

export async function signUp(database: Database, name: string) {
  const auth = makeAuth(database);
  const email = `${name.toLowerCase().replace(/\W+/g, "-")}-${crypto.randomUUID().slice(0, 8)}@example.com`;
  const result = await auth.api.signUpEmail({ body: { email, password: "correct horse battery", name } });
  const user = { id: result.user.id, name: result.user.name, email: result.user.email };
  return { user, caller: createCaller({ db: database.db, user }) };
}

export function anonymous(database: Database): Caller {
  return createCaller({ db: database.db, user: null });
}

/** An owner with a palace of two touching rooms (A at 0,0 and B east of it). */
export async function palaceWithTwoRooms(database: Database) {
  const owner = await signUp(database, "Owner");
  const palace = await owner.caller.palace.create({ title: "Test palace" });
  const roomA = await owner.caller.room.create({ palaceId: palace.id, name: "A", gridX: 0, gridZ: 0, width: 8, depth: 8 });
  const roomB = await owner.caller.room.create({ palaceId: palace.id, name: "B", gridX: 8, gridZ: 0, width: 6, depth: 8 });
  return { owner, palace, roomA, roomB };
}
