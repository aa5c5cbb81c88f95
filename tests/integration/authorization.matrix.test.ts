// Every tRPC procedure against every kind of caller, on a private palace. The table below is
// checked against the app router itself: a procedure without a row fails the test, so a new
// procedure cannot ship without deciding who may call it.
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/server/db/client";
import * as pictures from "~/server/domain/picture/picture.service";
import { appRouter, createCaller } from "~/server/trpc/root";
import { testDatabases } from "../helpers/databases";
import { pngOf } from "../helpers/pictures";
import { addMember, busFor, placeConcept, signUp } from "../helpers/world";
import { writeApkg } from "~/server/domain/anki/anki.package";

const KINDS = ["signedOut", "stranger", "viewer", "editor", "owner", "otherPalaceMember"] as const;
type Kind = (typeof KINDS)[number];
type Outcome = "OK" | TRPCError["code"];
type Expect = Record<Kind, Outcome>;

// The common shapes of a row. "otherPalaceMember" owns a palace of their own and calls with
// ids from this one: to them this palace does not exist.
const row = (signedOut: Outcome, stranger: Outcome, viewer: Outcome, editor: Outcome, owner: Outcome, otherPalaceMember: Outcome = stranger): Expect => ({
  signedOut,
  stranger,
  viewer,
  editor,
  owner,
  otherPalaceMember,
});
const READ = row("NOT_FOUND", "NOT_FOUND", "OK", "OK", "OK");
const MEMBER_READ = row("UNAUTHORIZED", "NOT_FOUND", "OK", "OK", "OK");
const EDIT = row("UNAUTHORIZED", "NOT_FOUND", "FORBIDDEN", "OK", "OK");
const OWNER = row("UNAUTHORIZED", "NOT_FOUND", "FORBIDDEN", "FORBIDDEN", "OK");
const SIGNED_IN = row("UNAUTHORIZED", "OK", "OK", "OK", "OK", "OK");

type World = Awaited<ReturnType<typeof buildWorld>>;
interface Cell {
  expect: Expect;
  /** Builds a fresh input for one call, so a write by one caller cannot affect the next. */
  input: (w: World) => Promise<unknown>;
}

let spot = 0;
/** A free 4x4 spot far from the palace's two rooms. */
const freeSpot = () => ({ gridX: -900 + (spot++ % 150) * 10, gridZ: 500 + Math.floor(spot / 150) * 10 });

async function buildWorld(database: Database) {
  const [owner, viewer, editor, stranger, other] = await Promise.all(
    ["Owner", "Viewer", "Editor", "Stranger", "Other"].map((n) => signUp(database, n)),
  );
  const palace = await owner!.caller.palace.create({ title: "Private palace" });
  const roomA = await owner!.caller.room.create({ palaceId: palace.id, name: "A", gridX: 0, gridZ: 0, width: 8, depth: 8 });
  const roomB = await owner!.caller.room.create({ palaceId: palace.id, name: "B", gridX: 8, gridZ: 0, width: 6, depth: 8 });
  await addMember(database, palace.id, viewer!.user.id, "viewer");
  await addMember(database, palace.id, editor!.user.id, "editor");
  await other!.caller.palace.create({ title: "Someone else's palace" });
  const { concept } = await placeConcept(owner!.caller, palace.id, roomA.id, "Placed");
  const users = { owner: owner!, viewer: viewer!, editor: editor!, stranger: stranger!, otherPalaceMember: other! };

  /** A palace with the same members, for calls that change membership or delete the palace. */
  const freshPalace = async () => {
    const p = await owner!.caller.palace.create({ title: "Fresh palace" });
    await addMember(database, p.id, viewer!.user.id, "viewer");
    await addMember(database, p.id, editor!.user.id, "editor");
    return p;
  };
  const o = owner!.caller;
  const freshConcept = () => o.concept.create({ palaceId: palace.id, title: `C${spot++}` });
  const freshLocus = async () => (await placeConcept(o, palace.id, roomA.id, `L${spot++}`)).locus;
  const freshRoom = () => o.room.create({ palaceId: palace.id, name: `R${spot}`, ...freeSpot(), width: 4, depth: 4 });
  const freshLink = async () => o.link.create({ fromConceptId: (await freshConcept()).id, toConceptId: (await freshConcept()).id });
  return { database, palace, roomA, roomB, concept, users, freshPalace, freshConcept, freshLocus, freshRoom, freshLink };
}

const MATRIX: Record<string, Cell> = {
  "palace.list": { expect: SIGNED_IN, input: async () => undefined },
  "palace.summary": { expect: MEMBER_READ, input: async (w) => ({ id: w.palace.id }) },
  "palace.get": { expect: READ, input: async (w) => ({ id: w.palace.id }) },
  "palace.snapshot": { expect: READ, input: async (w) => ({ id: w.palace.id }) },
  "palace.arrival": { expect: READ, input: async (w) => ({ id: w.palace.id, conceptId: w.concept.id }) },
  "palace.live": { expect: READ, input: async (w) => ({ palaceId: w.palace.id, presence: true }) },
  "palace.create": { expect: SIGNED_IN, input: async () => ({ title: "New" }) },
  "palace.update": {
    expect: EDIT,
    input: async (w) => {
      const { palace } = await w.users.owner.caller.palace.get({ id: w.palace.id });
      return { id: palace.id, version: palace.version, description: `Changed ${spot++}` };
    },
  },
  "palace.delete": { expect: OWNER, input: async (w) => ({ id: (await w.freshPalace()).id }) },
  "palace.duplicate": { expect: MEMBER_READ, input: async (w) => ({ id: w.palace.id }) },

  "room.create": { expect: EDIT, input: async (w) => ({ palaceId: w.palace.id, name: "New room", ...freeSpot(), width: 4, depth: 4 }) },
  "room.update": { expect: EDIT, input: async (w) => w.freshRoom().then(({ id, version }) => ({ id, version, name: "Renamed" })) },
  "room.delete": { expect: EDIT, input: async (w) => w.freshRoom().then(({ id, version }) => ({ id, version })) },

  "door.create": {
    expect: EDIT,
    input: async (w) => {
      const scene = await w.users.owner.caller.palace.get({ id: w.palace.id });
      for (const d of scene.doors) await w.users.owner.caller.door.delete({ id: d.id });
      return { palaceId: w.palace.id, roomAId: w.roomA.id, roomBId: w.roomB.id };
    },
  },
  "door.delete": {
    expect: EDIT,
    input: async (w) => {
      const scene = await w.users.owner.caller.palace.get({ id: w.palace.id });
      const door = scene.doors[0] ?? (await w.users.owner.caller.door.create({ palaceId: w.palace.id, roomAId: w.roomA.id, roomBId: w.roomB.id }));
      return { id: door.id };
    },
  },

  "concept.get": { expect: READ, input: async (w) => ({ id: w.concept.id }) },
  "concept.listInbox": { expect: READ, input: async (w) => ({ palaceId: w.palace.id }) },
  "concept.create": { expect: EDIT, input: async (w) => ({ palaceId: w.palace.id, title: "New concept" }) },
  "concept.update": { expect: EDIT, input: async (w) => w.freshConcept().then(({ id, version }) => ({ id, version, title: "Renamed" })) },
  "concept.delete": { expect: EDIT, input: async (w) => w.freshConcept().then(({ id, version }) => ({ id, version })) },
  "concept.restore": {
    expect: EDIT,
    input: async (w) => {
      const { id, version } = await w.freshConcept();
      await w.users.owner.caller.concept.delete({ id, version });
      return { id };
    },
  },
  "picture.delete": {
    expect: EDIT,
    input: async (w) => {
      const concept = await w.freshConcept();
      const hung = await pictures.put(w.database.db, { userId: w.users.owner.user.id }, { conceptId: concept.id, version: concept.version, bytes: await pngOf(16, 16, { r: 9, g: 9, b: 9 }) });
      return { conceptId: concept.id, version: hung.version };
    },
  },

  "locus.place": { expect: EDIT, input: async (w) => ({ conceptId: (await w.freshConcept()).id, roomId: w.roomB.id, x: 2, z: 2 }) },
  "locus.move": { expect: EDIT, input: async (w) => w.freshLocus().then(({ id, version }) => ({ id, version, roomId: w.roomB.id, x: 3, z: 3 })) },
  "locus.update": { expect: EDIT, input: async (w) => w.freshLocus().then(({ id, version }) => ({ id, version, shape: "cube" })) },
  "locus.delete": { expect: EDIT, input: async (w) => w.freshLocus().then(({ id, version }) => ({ id, version })) },

  "link.create": {
    expect: EDIT,
    input: async (w) => ({ fromConceptId: (await w.freshConcept()).id, toConceptId: (await w.freshConcept()).id, label: "uses" }),
  },
  "link.update": { expect: EDIT, input: async (w) => w.freshLink().then(({ id, version }) => ({ id, version, label: "feeds" })) },
  "link.delete": { expect: EDIT, input: async (w) => w.freshLink().then(({ id, version }) => ({ id, version })) },

  "route.reroute": { expect: EDIT, input: async (w) => ({ palaceId: w.palace.id }) },
  "route.move": { expect: EDIT, input: async (w) => w.freshLocus().then(({ id, version }) => ({ locusId: id, version, toOrder: 1 })) },

  // Grading and walking follow reading: a visitor may walk a public palace, a stranger finds
  // no private one; a schedule needs an account, which the signed-out cell never reaches here.
  "recall.grade": {
    expect: READ,
    input: async (w) => ({ conceptId: w.concept.id, rating: 3, idempotencyKey: crypto.randomUUID() }),
  },
  "recall.walk": { expect: READ, input: async (w) => ({ palaceId: w.palace.id }) },
  "recall.retrievability": { expect: READ, input: async (w) => ({ palaceId: w.palace.id }) },
  "recall.today": { expect: SIGNED_IN, input: async () => undefined },
  "recall.stats": { expect: MEMBER_READ, input: async (w) => ({ palaceId: w.palace.id }) },
  // Anki history goes into the caller's own schedules of a palace they can read.
  "recall.importAnki": {
    expect: MEMBER_READ,
    input: async (w) => ({
      palaceId: w.palace.id,
      fileName: "deck.apkg",
      data: Buffer.from(await writeApkg("Deck", [{ guid: "g1", fields: ["Placed", "back", ""], tags: [] }], [], new Date())).toString("base64"),
    }),
  },
  "settings.get": { expect: SIGNED_IN, input: async () => undefined },
  "settings.update": { expect: SIGNED_IN, input: async () => ({ desiredRetention: 0.9 }) },
  "schedule.status": { expect: SIGNED_IN, input: async () => undefined },
  // Nobody in this world has the reviews a fit needs: signed in, the refusal says so.
  "schedule.optimise": { expect: row("UNAUTHORIZED", "BAD_REQUEST", "BAD_REQUEST", "BAD_REQUEST", "BAD_REQUEST", "BAD_REQUEST"), input: async () => ({}) },
  "schedule.reset": { expect: SIGNED_IN, input: async () => ({}) },

  // Starting points and imports create a new palace of the caller's own: any signed-in person.
  "template.list": { expect: SIGNED_IN, input: async () => undefined },
  "template.create": {
    expect: SIGNED_IN,
    input: async (w) => ({ templateId: (await w.users.owner.caller.template.list())[0]!.id }),
  },
  "transfer.import": {
    expect: SIGNED_IN,
    input: async () => ({ fileName: "notes.md", data: Buffer.from("# Hall\n\n- Dropout\n").toString("base64") }),
  },
  "transfer.importPlanned": {
    expect: SIGNED_IN,
    input: async () => ({
      palace: {
        title: "Planned",
        description: "",
        rooms: [{ key: "r", name: "Stem", gridX: 0, gridZ: 0, width: 6, depth: 6, height: 3.5, theme: "slate" }],
        doors: [],
        concepts: [{ key: "c", title: "Conv", kind: "layer", tags: [], notes: "", place: { room: "r", x: 3, z: 3, shape: "cube", color: "#4f7cac" } }],
        links: [],
      },
    }),
  },
  "search.concepts": { expect: READ, input: async (w) => ({ query: "Placed", palaceId: w.palace.id }) },

  "member.list": { expect: MEMBER_READ, input: async (w) => ({ palaceId: w.palace.id }) },
  "member.changeRole": {
    expect: OWNER,
    input: async (w) => ({ palaceId: (await w.freshPalace()).id, userId: w.users.viewer.user.id, role: "editor" }),
  },
  "member.remove": { expect: OWNER, input: async (w) => ({ palaceId: (await w.freshPalace()).id, userId: w.users.viewer.user.id }) },
  // The owner cannot leave (they must hand the palace on first), so that cell is a refusal.
  "member.leave": {
    expect: row("UNAUTHORIZED", "NOT_FOUND", "OK", "OK", "BAD_REQUEST"),
    input: async (w) => ({ palaceId: (await w.freshPalace()).id }),
  },
  "member.transferOwnership": {
    expect: OWNER,
    input: async (w) => ({ palaceId: (await w.freshPalace()).id, userId: w.users.editor.user.id }),
  },

  "invite.create": { expect: OWNER, input: async (w) => ({ palaceId: w.palace.id, role: "viewer" }) },
  "invite.list": { expect: OWNER, input: async (w) => ({ palaceId: w.palace.id }) },
  "invite.revoke": {
    expect: OWNER,
    input: async (w) => ({ id: (await w.users.owner.caller.invite.create({ palaceId: w.palace.id })).invite.id }),
  },
  // The token is the permission: whoever holds the link may see what it opens, and join.
  "invite.preview": {
    expect: row("OK", "OK", "OK", "OK", "OK", "OK"),
    input: async (w) => ({ token: (await w.users.owner.caller.invite.create({ palaceId: w.palace.id })).token }),
  },
  "invite.accept": {
    expect: SIGNED_IN,
    input: async (w) => ({ token: (await w.users.owner.caller.invite.create({ palaceId: (await w.freshPalace()).id })).token }),
  },

  // Anyone signed in may delete their own account and no one else's: the input names no
  // person. Here everyone names this palace with the right password: to all but the owner it
  // is not theirs, and the owner always has another palace without a choice, so nobody is
  // deleted (the deletions themselves run in account.router.test.ts and hostile-input.test.ts).
  "account.deletionPlan": { expect: SIGNED_IN, input: async () => undefined },
  "account.delete": {
    expect: row("UNAUTHORIZED", "BAD_REQUEST", "BAD_REQUEST", "BAD_REQUEST", "BAD_REQUEST", "BAD_REQUEST"),
    input: async (w) => {
      await w.freshPalace();
      return { password: "correct horse battery", decisions: [{ palaceId: w.palace.id, action: "delete" }] };
    },
  },

  "activity.list": { expect: MEMBER_READ, input: async (w) => ({ palaceId: w.palace.id }) },
  "live.watch": { expect: READ, input: async (w) => ({ palaceId: w.palace.id, presence: true }) },
  "presence.update": {
    expect: row("UNAUTHORIZED", "NOT_FOUND", "OK", "OK", "OK"),
    input: async (w) => ({ palaceId: w.palace.id, roomId: w.roomA.id, x: 1, z: 1, heading: 0 }),
  },
};

function procedurePaths(): string[] {
  return Object.keys((appRouter._def as unknown as { procedures: Record<string, unknown> }).procedures).sort();
}

type AnyProcedure = { _def: { type: "query" | "mutation" | "subscription" } };

/** Calls one procedure by its dotted path; a subscription counts as allowed once it opens. */
async function outcomeOf(w: World, kind: Kind, path: string, input: unknown): Promise<Outcome> {
  const user = kind === "signedOut" ? null : w.users[kind].user;
  const controller = new AbortController();
  const caller = createCaller({ db: w.database.db, bus: busFor(w.database), user }, { signal: controller.signal });
  const fn = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (i: unknown) => Promise<unknown>;
  const type = (appRouter._def as unknown as { procedures: Record<string, AnyProcedure> }).procedures[path]!._def.type;
  try {
    const result = await fn(input);
    if (type === "subscription") {
      const iterator = (result as AsyncIterable<unknown>)[Symbol.asyncIterator]();
      // A stream that checks access fails on its first step; one that is allowed either yields
      // (the event stream says "ready") or waits quietly for something to happen.
      const first = iterator.next();
      const opened = await Promise.race([first.then(() => "OK" as const), new Promise<"OK">((r) => setTimeout(() => r("OK"), 250))]);
      controller.abort();
      await first.catch(() => undefined);
      return opened;
    }
    return "OK";
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

describe.each(testDatabases)("authorization matrix on $name", (target) => {
  let database: Database & { drop(): Promise<void> };
  let world: World;
  beforeAll(async () => {
    database = await target.open();
    world = await buildWorld(database);
  });
  afterAll(async () => {
    await busFor(database).close();
    await database.drop();
  });

  it("has a row for every procedure of the app router, and none for a procedure that is gone", () => {
    expect(Object.keys(MATRIX).sort()).toEqual(procedurePaths());
  });

  it.each(procedurePaths())("%s answers every kind of caller as the matrix says", async (path) => {
    const cell = MATRIX[path];
    expect(cell, `${path} has no row in the authorization matrix`).toBeDefined();
    const seen = {} as Expect;
    for (const kind of KINDS) seen[kind] = await outcomeOf(world, kind, path, await cell!.input(world));
    expect(seen).toEqual(cell!.expect);
  });
});

describe.each(testDatabases)("ids from another palace on $name", (target) => {
  let database: Database & { drop(): Promise<void> };
  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(async () => {
    await busFor(database).close();
    await database.drop();
  });

  it("refuses every write that mixes in an id from another palace, even one the caller owns", async () => {
    const { caller } = await signUp(database, "Owner of two");
    const memberOfQ = await signUp(database, "Member of Q");
    const p = await caller.palace.create({ title: "P" });
    const q = await caller.palace.create({ title: "Q" });
    const pRoom = await caller.room.create({ palaceId: p.id, name: "P room", gridX: 0, gridZ: 0, width: 8, depth: 8 });
    const qRoom = await caller.room.create({ palaceId: q.id, name: "Q room", gridX: 8, gridZ: 0, width: 8, depth: 8 });
    const { concept: pConcept, locus: pLocus } = await placeConcept(caller, p.id, pRoom.id, "In P");
    const qConcept = await caller.concept.create({ palaceId: q.id, title: "In Q" });
    await addMember(database, q.id, memberOfQ.user.id, "viewer");
    const before = await caller.palace.get({ id: p.id });

    const attempts: [string, () => Promise<unknown>][] = [
      ["door.create", () => caller.door.create({ palaceId: p.id, roomAId: pRoom.id, roomBId: qRoom.id })],
      ["locus.place", () => caller.locus.place({ conceptId: qConcept.id, roomId: pRoom.id, x: 2, z: 2 })],
      ["locus.move", () => caller.locus.move({ id: pLocus.id, version: pLocus.version, roomId: qRoom.id, x: 2, z: 2 })],
      ["link.create", () => caller.link.create({ fromConceptId: pConcept.id, toConceptId: qConcept.id })],
      ["presence.update", () => caller.presence.update({ palaceId: p.id, roomId: qRoom.id, x: 1, z: 1, heading: 0 })],
      ["member.changeRole", () => caller.member.changeRole({ palaceId: p.id, userId: memberOfQ.user.id, role: "editor" })],
      ["member.remove", () => caller.member.remove({ palaceId: p.id, userId: memberOfQ.user.id })],
      ["member.transferOwnership", () => caller.member.transferOwnership({ palaceId: p.id, userId: memberOfQ.user.id })],
    ];
    const codes: Record<string, string> = {};
    for (const [name, attempt] of attempts) {
      codes[name] = await attempt().then(
        () => "OK",
        (e: unknown) => (e instanceof TRPCError ? e.code : String(e)),
      );
    }
    expect(codes).toEqual(Object.fromEntries(attempts.map(([name]) => [name, "NOT_FOUND"])));
    expect(await caller.palace.get({ id: p.id })).toEqual(before);
    expect((await caller.member.list({ palaceId: q.id })).map((m) => m.role)).toEqual(["owner", "viewer"]);
  });
});
