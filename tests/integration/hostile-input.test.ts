// Property-based tests for every mutating procedure of the app router: inputs drawn from our
// zod schemas, mostly valid and partly hostile, sent by owners, editors, viewers, strangers and
// visitors. Every answer must be a success or a typed 4xx (never an internal error), an unknown
// field must be refused, and after every call the palaces must still be sound. FUZZ_RUNS sets
// the number of runs per procedure (200 here, 2,000 in `npm run fuzz`). The list is checked
// against the router: a new mutation without an entry fails the first test.
import fs from "node:fs";
import path from "node:path";
import { TRPCError } from "@trpc/server";
import { eq, type SQL, sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import type { Database } from "~/server/db/client";
import { accounts, conceptPictures, concepts, palaceMembers, palaces, rooms, users } from "~/server/db/schema";
import { ZDeleteAccountInput } from "~/server/domain/account/account.schema";
import { ZIdInput, ZPalaceRef, ZVersionedIdInput } from "~/server/domain/common.schema";
import { ZCreateConceptInput, ZUpdateConceptInput } from "~/server/domain/concept/concept.schema";
import { keepTombstone } from "~/server/domain/concept/tombstone.service";
import { ZCreateDoorInput } from "~/server/domain/door/door.schema";
import { ZCreateInviteInput, ZInviteTokenInput } from "~/server/domain/invite/invite.schema";
import { ZCreateLinkInput, ZUpdateLinkInput } from "~/server/domain/link/link.schema";
import { ZMoveLocusInput, ZPlaceLocusInput, ZUpdateLocusInput } from "~/server/domain/locus/locus.schema";
import { ZChangeRoleInput, ZMemberRef } from "~/server/domain/member/member.schema";
import { ZCreatePalaceInput, ZDuplicatePalaceInput, ZUpdatePalaceInput } from "~/server/domain/palace/palace.schema";
import { ZDeletePictureInput } from "~/server/domain/picture/picture.schema";
import { ZPresenceInput } from "~/server/domain/presence/presence.schema";
import { ZScheduleActionInput } from "~/server/domain/recall/fsrs.schema";
import { ZGradeInput } from "~/server/domain/recall/recall.schema";
import { ZCreateRoomInput, ZUpdateRoomInput } from "~/server/domain/room/room.schema";
import { ZMoveStopInput, ZRerouteInput } from "~/server/domain/route/route.schema";
import { ZUpdateSettingsInput } from "~/server/domain/settings/settings.schema";
import { ZCreateFromTemplateInput } from "~/server/domain/template/template.schema";
import { ZImportInput, ZImportPlannedInput } from "~/server/domain/transfer/transfer.schema";
import { readArchitecture } from "~/server/import/arch";
import { readImport } from "~/server/import/import.logic";
import { compactRoute } from "~/server/domain/palace-lock";
import { passwordHashing } from "~/server/security/passwords";
import { appRouter, createCaller } from "~/server/trpc/root";
import { arbitraryFor, CurrentVersion, IdRef, importFileArbitrary, plannedPalaceArbitrary, unknownKeys } from "../helpers/arbitraries";
import { concatSkip, tinyResNet, writeOnnx } from "../helpers/onnx-writer";
import { testDatabases } from "../helpers/databases";
import { addMember, busFor, type Caller, callerFor, placeConcept, signUp } from "../helpers/world";
import { ZAnkiImportInput } from "~/server/domain/anki/anki.schema";

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const TYPED_4XX = new Set<TRPCError["code"]>(["BAD_REQUEST", "UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND", "CONFLICT", "TOO_MANY_REQUESTS"]);
const PASSWORD = "correct horse battery";

/** Where a reference in an input is filled from at run time. */
type Pool =
  | "palaces"
  | "rooms"
  | "concepts"
  | "loci"
  | "links"
  | "doors"
  | "inbox"
  | "invites"
  | "users"
  | "tokens"
  | "templates"
  | "owned"
  | "password";
type Actor = "owner" | "editor" | "viewer" | "stranger" | "visitor";

/** What one run of account.delete (or any procedure that needs it) gets ready before the call. */
interface Prepared {
  caller?: Caller;
  pools?: Partial<Record<Pool, string[]>>;
  /** Palaces to hold to the invariants after this run. */
  palaceIds?: string[];
  /** Checked after a successful call. */
  afterSuccess?: () => Promise<void>;
}

interface Procedure {
  schema: z.ZodType;
  /** Which rows a plain `id` field names. */
  ids?: Pool;
  /** Fields filled from a pool other than the one their name suggests. */
  pools?: Record<string, Pool>;
  /** Inputs for when the schema alone would rarely reach the rules (files to import). */
  arbitrary?: fc.Arbitrary<unknown>;
  /**
   * A palace a successful call makes: "track" adds it to the palaces later runs draw from and
   * check; "once" checks it right after the call only (its contents are the import's, not
   * something later runs change).
   */
  creates?: "track" | "once";
  /** World extras: invite links to revoke and accept; members put back after leaving. */
  needs?: { invites?: true; members?: true };
  prepare?: (kit: Kit, pick: number) => Promise<Prepared>;
  /** For procedures whose runs do more than most (a restore writes a dozen statements). */
  timeoutMs?: number;
  /**
   * Every call is refused in this world (schedule.optimise: nobody here has the reviews a fit
   * needs; recall.importAnki: drawn bytes are never a collection).
   */
  refusesAll?: true;
}

/** What `prepare` may use: the database and the world's people. */
interface Kit {
  database: Database;
  users: Record<Exclude<Actor, "visitor">, string>;
  palaceId: string;
  passwordHash: string;
}

// One entry per mutation of the app router, by its path; adding a procedure is one line here,
// or a few when its input needs rows that only exist at run time.
const PROCEDURES: Record<string, Procedure> = {
  "palace.create": { schema: ZCreatePalaceInput, creates: "track" },
  "palace.update": { schema: ZUpdatePalaceInput, ids: "palaces" },
  "palace.duplicate": { schema: ZDuplicatePalaceInput, ids: "palaces", creates: "once", timeoutMs: 180_000 },
  "palace.delete": { schema: ZIdInput, ids: "palaces" },
  "room.create": { schema: ZCreateRoomInput },
  "room.update": { schema: ZUpdateRoomInput, ids: "rooms" },
  "room.delete": { schema: ZVersionedIdInput, ids: "rooms" },
  "door.create": { schema: ZCreateDoorInput },
  "door.delete": { schema: ZIdInput, ids: "doors" },
  "concept.create": { schema: ZCreateConceptInput },
  "concept.update": { schema: ZUpdateConceptInput, ids: "concepts" },
  "concept.delete": { schema: ZVersionedIdInput, ids: "concepts" },
  "concept.restore": { schema: ZIdInput, ids: "concepts", prepare: deletedConcept, timeoutMs: 180_000 },
  // Placing needs a concept still in the inbox; drawing from every concept would mostly hit
  // placed ones and leave too few successes to say anything about the rules.
  "locus.place": { schema: ZPlaceLocusInput, pools: { conceptId: "inbox" } },
  "locus.move": { schema: ZMoveLocusInput, ids: "loci" },
  "locus.update": { schema: ZUpdateLocusInput, ids: "loci" },
  "locus.delete": { schema: ZVersionedIdInput, ids: "loci" },
  "link.create": { schema: ZCreateLinkInput },
  "link.update": { schema: ZUpdateLinkInput, ids: "links" },
  "link.delete": { schema: ZVersionedIdInput, ids: "links" },
  "route.reroute": { schema: ZRerouteInput, timeoutMs: 180_000 },
  "route.move": { schema: ZMoveStopInput },
  "recall.grade": { schema: ZGradeInput },
  // Drawn bytes are never an Anki collection, so every run here is a refusal; imports that
  // succeed (our decks and a third-party exporter's) are tested in anki.test.ts.
  "recall.importAnki": { schema: ZAnkiImportInput, refusesAll: true },
  "settings.update": { schema: ZUpdateSettingsInput },
  // These take an empty object (the person is the caller); hostile runs name someone else's id.
  "schedule.optimise": { schema: ZScheduleActionInput, arbitrary: emptyOrNamingSomeone(), refusesAll: true },
  "schedule.reset": { schema: ZScheduleActionInput, arbitrary: emptyOrNamingSomeone() },
  "member.changeRole": { schema: ZChangeRoleInput, needs: { members: true } },
  "member.remove": { schema: ZMemberRef, needs: { members: true } },
  "member.leave": { schema: ZPalaceRef, needs: { members: true } },
  "member.transferOwnership": { schema: ZMemberRef, needs: { members: true } },
  "invite.create": { schema: ZCreateInviteInput },
  "invite.revoke": { schema: ZIdInput, ids: "invites", needs: { invites: true } },
  "invite.accept": { schema: ZInviteTokenInput, needs: { invites: true, members: true } },
  "presence.update": { schema: ZPresenceInput },
  "template.create": { schema: ZCreateFromTemplateInput, creates: "once", timeoutMs: 180_000 },
  "transfer.import": { schema: ZImportInput, arbitrary: importFileArbitrary(importFixtures()), creates: "once" },
  // Removing needs a concept that has a picture: each run hangs one on a concept of the world's
  // palace first (stored bytes stand in for an image; removal never decodes them).
  "picture.delete": { schema: ZDeletePictureInput, prepare: conceptWithPicture },
  "transfer.importPlanned": { schema: ZImportPlannedInput, arbitrary: plannedPalaceArbitrary(plannedPalaces(), ZImportPlannedInput), creates: "once" },
  "account.delete": { schema: ZDeleteAccountInput, pools: { palaceId: "owned" }, prepare: throwawayAccount, timeoutMs: 180_000 },
};

function emptyOrNamingSomeone() {
  return fc.oneof({ weight: 3, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: fc.record({ userId: fc.uuid() }) });
}

function importFixtures() {
  const dir = path.resolve("tests/fixtures/import");
  // The xmind-* fixtures are the insides of an .xmind archive: the XMind tests zip them first.
  return fs
    .readdirSync(dir)
    .filter((name) => !name.startsWith("xmind-"))
    .map((name) => ({ name, text: fs.readFileSync(path.join(dir, name), "utf8") }));
}

/** Palaces as the browser's model reader and the text importers plan them. */
function plannedPalaces() {
  const models = [
    { fileName: "resnet.onnx", bytes: writeOnnx(tinyResNet(3)) },
    { fileName: "skip.onnx", bytes: writeOnnx(concatSkip()) },
  ];
  const texts = importFixtures().map((f) => ({ fileName: f.name, bytes: new TextEncoder().encode(f.text) }));
  return [...models.map((m) => readArchitecture(m).palace), ...texts.map((t) => readImport({ format: "auto", ...t }).palace)];
}

function mutationPaths(): string[] {
  const procedures = (appRouter._def as unknown as { procedures: Record<string, { _def: { type: string } }> }).procedures;
  return Object.keys(procedures)
    .filter((p) => procedures[p]!._def.type === "mutation")
    .sort();
}

/** Calls a procedure by its dotted path. */
function call(caller: Caller, procedurePath: string, input: unknown): Promise<unknown> {
  const fn = procedurePath.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
  return (fn as (i: unknown) => Promise<unknown>)(input);
}

/** The pool a reference field draws from, by its name. */
function poolFor(key: string, procedure: Procedure): Pool {
  if (procedure.pools?.[key]) return procedure.pools[key];
  if (key === "id") return procedure.ids ?? "palaces";
  if (key === "userId" || key === "newOwnerId") return "users";
  if (key === "token") return "tokens";
  if (key === "templateId") return "templates";
  if (key === "password") return "password";
  if (/room/i.test(key)) return "rooms";
  if (/concept/i.test(key)) return "concepts";
  if (/locus/i.test(key)) return "loci";
  return "palaces";
}

/**
 * account.delete runs as a new person each time, made directly in the tables (one scrypt hash
 * for all of them) so that 200 runs stay cheap. They own none, one or two palaces (the world's
 * editor is a member of the first, so a transfer can succeed), belong to the world's palace,
 * and sometimes have graded a concept there.
 */
async function conceptWithPicture(kit: Kit, pick: number): Promise<Prepared> {
  const db = kit.database.db;
  const rows = await db.select({ id: concepts.id }).from(concepts).where(eq(concepts.palaceId, kit.palaceId)).orderBy(concepts.id);
  const concept = rows[pick % rows.length]!;
  const bytes = Buffer.from("not decoded by a removal");
  await db
    .insert(conceptPictures)
    .values({ conceptId: concept.id, palaceId: kit.palaceId, hash: "0".repeat(64), width: 4, height: 4, display: bytes, thumbWidth: 2, thumbHeight: 2, thumb: bytes })
    .onConflictDoNothing();
  return { pools: { concepts: [concept.id] } };
}

/**
 * A concept deleted through the service's own tombstone, made with direct inserts so that 200
 * runs stay cheap; two runs in three ask again for the previous one, which may be back already.
 */
const lastDeleted = new Map<string, string>();
async function deletedConcept(kit: Kit, pick: number): Promise<Prepared> {
  const previous = lastDeleted.get(kit.palaceId);
  if (previous && pick % 3) return { pools: { concepts: [previous] } };
  const db = kit.database.db;
  const [concept] = await db.insert(concepts).values({ palaceId: kit.palaceId, title: `Deleted ${pick}`, tags: ["gone"] }).returning({ id: concepts.id });
  if (pick % 2) {
    const [room] = await db.select({ id: rooms.id }).from(rooms).where(eq(rooms.palaceId, kit.palaceId)).orderBy(rooms.id).limit(1);
    if (room) {
      await db.execute(sql`insert into loci (palace_id, concept_id, room_id, x, z, color, route_order)
        select ${kit.palaceId}, ${concept!.id}, ${room.id}, 1, 1, '#336699', coalesce(max(route_order), 0) + 1 from loci where palace_id = ${kit.palaceId}`);
    }
  }
  await db.transaction(async (tx) => {
    await keepTombstone(tx, { userId: kit.users.owner }, concept!.id);
    await tx.delete(concepts).where(eq(concepts.id, concept!.id));
    await compactRoute(tx, kit.palaceId);
  });
  lastDeleted.set(kit.palaceId, concept!.id);
  return { pools: { concepts: [concept!.id] } };
}

async function throwawayAccount(kit: Kit, pick: number): Promise<Prepared> {
  const db = kit.database.db;
  const id = crypto.randomUUID();
  const user = { id, name: "Throwaway", email: `throwaway-${id}@example.com` };
  await db.insert(users).values(user);
  await db.insert(accounts).values({ id: crypto.randomUUID(), accountId: id, providerId: "credential", userId: id, password: kit.passwordHash });
  const owned: string[] = [];
  for (let i = 0; i < pick % 3; i++) {
    const [palace] = await db.insert(palaces).values({ ownerId: id, title: `Throwaway ${i}` }).returning({ id: palaces.id });
    await db.insert(palaceMembers).values({ palaceId: palace!.id, userId: id, role: "owner" });
    owned.push(palace!.id);
  }
  if (owned[0]) await addMember(kit.database, owned[0], kit.users.editor, "editor");
  const caller = callerFor(kit.database, user);
  await addMember(kit.database, kit.palaceId, id, pick % 2 ? "viewer" : "editor").catch(() => undefined);
  return {
    caller,
    pools: { owned, password: [PASSWORD], users: [kit.users.editor, kit.users.viewer, kit.users.stranger, id] },
    palaceIds: owned,
    async afterSuccess() {
      const left = await rowsOf(
        db,
        sql`select (select count(*) from users where id = ${id}) + (select count(*) from sessions where user_id = ${id})
          + (select count(*) from accounts where user_id = ${id}) + (select count(*) from palace_members where user_id = ${id})
          + (select count(*) from palaces where owner_id = ${id}) + (select count(*) from review_cards where user_id = ${id})
          + (select count(*) from review_logs where user_id = ${id}) + (select count(*) from palace_invites where created_by_id = ${id})
          + (select count(*) from palace_events where actor_id = ${id}) as n`,
      );
      expect(Number((left[0] as { n: number | string }).n), "rows of a deleted account are left").toBe(0);
    },
  };
}

/** Rows of a raw query, whichever driver ran it. */
async function rowsOf(db: Database["db"], query: SQL): Promise<Record<string, unknown>[]> {
  const result: unknown = await db.execute(query);
  return Array.isArray(result) ? result : (result as { rows: Record<string, unknown>[] }).rows;
}

/** A text literal of a uuid array, which both drivers pass the same way. */
const uuids = (ids: string[]) => sql`${`{${ids.join(",")}}`}::uuid[]`;

describe.each(testDatabases)("hostile input on $name", (target) => {
  let database: Database & { drop(): Promise<void> };
  const callers = {} as Record<Actor, Caller>;
  const people = {} as Kit["users"];
  let passwordHash: string;
  let templateIds: string[];

  beforeAll(async () => {
    database = await target.open();
    const [owner, editor, viewer, stranger] = await Promise.all(["Owner", "Editor", "Viewer", "Stranger"].map((n) => signUp(database, n)));
    for (const [actor, person] of [["owner", owner], ["editor", editor], ["viewer", viewer], ["stranger", stranger]] as const) {
      callers[actor] = person!.caller;
      people[actor] = person!.user.id;
    }
    callers.visitor = createCaller({ db: database.db, bus: busFor(database), user: null });
    passwordHash = await passwordHashing.hash(PASSWORD);
    templateIds = (await callers.owner.template.list()).map((t) => t.id);
  });
  afterAll(async () => {
    await busFor(database).close();
    await database.drop();
  });

  let modelId: string | undefined;

  /**
   * A palace of four rooms, two doors (two more could be added), five placed concepts, three
   * in the inbox and three links, with the world's editor and viewer. Built once through the
   * routers, then copied for each test in one call (a copy is the same graph with new ids).
   */
  async function buildWorld() {
    modelId ??= await buildModel();
    const { id } = await callers.owner.palace.duplicate({ id: modelId, title: "Fuzzed palace" });
    await addMember(database, id, people.editor, "editor");
    await addMember(database, id, people.viewer, "viewer");
    return id;
  }

  async function buildModel() {
    const owner = callers.owner;
    const palace = await owner.palace.create({ title: "Fuzzed palace" });
    const a = await owner.room.create({ palaceId: palace.id, name: "A", gridX: 0, gridZ: 0, width: 8, depth: 8 });
    const b = await owner.room.create({ palaceId: palace.id, name: "B", gridX: 8, gridZ: 0, width: 6, depth: 8 });
    const c = await owner.room.create({ palaceId: palace.id, name: "C", gridX: 0, gridZ: 8, width: 8, depth: 6 });
    await owner.room.create({ palaceId: palace.id, name: "D", gridX: 8, gridZ: 8, width: 6, depth: 6 });
    await owner.door.create({ palaceId: palace.id, roomAId: a.id, roomBId: b.id });
    await owner.door.create({ palaceId: palace.id, roomAId: a.id, roomBId: c.id });
    const placed = [];
    for (const [i, room] of [a, a, b, c, c].entries()) placed.push(await placeConcept(owner, palace.id, room.id, `Concept ${i}`, { x: 2 + i % 3, z: 2 }));
    for (const title of ["Inbox one", "Inbox two", "Inbox three"]) await owner.concept.create({ palaceId: palace.id, title });
    for (const [from, to] of [[0, 1], [1, 2], [3, 4]] as const) {
      await owner.link.create({ fromConceptId: placed[from]!.concept.id, toConceptId: placed[to]!.concept.id });
    }
    return palace.id;
  }

  /** Invite links on the palace: two that work, one revoked, one expired; returns their tokens. */
  async function inviteLinks(palaceId: string): Promise<string[]> {
    const owner = callers.owner;
    const tokens = [];
    for (const role of ["editor", "viewer", "viewer", "editor"] as const) tokens.push(await owner.invite.create({ palaceId, role }));
    await owner.invite.revoke({ id: tokens[2]!.invite.id });
    await database.db.execute(sql`update palace_invites set expires_at = now() - interval '1 day' where id = ${tokens[3]!.invite.id}`);
    return tokens.map((t) => t.token);
  }

  /**
   * Every row of the palaces under test, by pool, and every versioned row's version, in one
   * query (a run makes two round trips besides its call: this and the invariants).
   */
  async function snapshot(palaceIds: string[]) {
    const ids = uuids(palaceIds);
    const rows = (await rowsOf(
      database.db,
      sql`select 'palaces' as pool, id::text as id, version, null::boolean as placed from palaces where id = any(${ids})
        union all select 'rooms', id::text, version, null::boolean from rooms where palace_id = any(${ids})
        union all select 'concepts', c.id::text, c.version, (l.id is not null) from concepts c left join loci l on l.concept_id = c.id where c.palace_id = any(${ids})
        union all select 'loci', id::text, version, null::boolean from loci where palace_id = any(${ids})
        union all select 'links', id::text, version, null::boolean from links where palace_id = any(${ids})
        union all select 'doors', id::text, null::int, null::boolean from doors where palace_id = any(${ids})
        union all select 'invites', id::text, null::int, null::boolean from palace_invites where palace_id = any(${ids})
        order by 1, 2`,
    )) as { pool: Pool; id: string; version: number | null; placed: boolean | null }[];
    const versions = new Map<string, number>();
    const pools: Partial<Record<Pool, string[]>> = {};
    for (const row of rows) {
      (pools[row.pool] ??= []).push(row.id);
      if (row.pool === "concepts" && !row.placed) (pools.inbox ??= []).push(row.id);
      if (row.version !== null) versions.set(row.id, Number(row.version));
    }
    return { pools, versions };
  }
  type State = Awaited<ReturnType<typeof snapshot>>;

  /** The invariants, in one query; returns what is wrong, empty when all hold. */
  async function brokenInvariants(palaceIds: string[]): Promise<string[]> {
    const ids = uuids(palaceIds);
    const rows = await rowsOf(
      database.db,
      sql`select 'locus outside its room' as problem, l.id::text as id from loci l join rooms r on r.id = l.room_id
            where l.palace_id = any(${ids}) and not (l.x between 0 and r.width and l.z between 0 and r.depth and l.y between 0 and r.height)
        union all select 'route is not 1..n', palace_id::text from loci where palace_id = any(${ids})
            group by palace_id having min(route_order) <> 1 or max(route_order) <> count(*)
        union all select 'orphan locus', l.id::text from loci l left join rooms r on r.id = l.room_id left join concepts c on c.id = l.concept_id
            where l.palace_id = any(${ids}) and (r.id is null or c.id is null)
        union all select 'orphan link', k.id::text from links k left join concepts a on a.id = k.from_concept_id left join concepts b on b.id = k.to_concept_id
            where k.palace_id = any(${ids}) and (a.id is null or b.id is null)
        union all select 'orphan door', d.id::text from doors d left join rooms a on a.id = d.room_a_id left join rooms b on b.id = d.room_b_id
            where d.palace_id = any(${ids}) and (a.id is null or b.id is null)
        union all select 'orphan room', r.id::text from rooms r left join palaces p on p.id = r.palace_id where r.palace_id = any(${ids}) and p.id is null
        union all select 'palace without exactly one owner, its owner_id', p.id::text from palaces p where p.id = any(${ids})
            and ((select count(*) from palace_members m where m.palace_id = p.id and m.role = 'owner') <> 1
              or not exists (select 1 from palace_members m where m.palace_id = p.id and m.user_id = p.owner_id and m.role = 'owner'))
        union all select 'membership of a missing person or palace', m.palace_id::text || ' ' || m.user_id from palace_members m
            left join users u on u.id = m.user_id left join palaces p on p.id = m.palace_id where m.palace_id = any(${ids}) and (u.id is null or p.id is null)
        union all select 'invite made by a missing person', i.id::text from palace_invites i left join users u on u.id = i.created_by_id
            where i.palace_id = any(${ids}) and u.id is null
        union all select 'schedule of a missing person or concept', c.id::text from review_cards c left join users u on u.id = c.user_id
            left join concepts k on k.id = c.concept_id where c.palace_id = any(${ids}) and (u.id is null or k.id is null)`,
    );
    return rows.map((r) => `${String(r.problem)}: ${String(r.id)}`);
  }

  /** Fills in references with the rows that exist now. */
  function resolve(value: unknown, procedure: Procedure, pools: Partial<Record<Pool, string[]>>, versions: Map<string, number>): unknown {
    if (value instanceof IdRef) {
      const pool = pools[poolFor(value.key, procedure)] ?? [];
      return pool.length ? pool[value.pick % pool.length] : crypto.randomUUID();
    }
    if (Array.isArray(value)) return value.map((v) => resolve(v, procedure, pools, versions));
    if (value && typeof value === "object" && !(value instanceof CurrentVersion) && !(value instanceof Uint8Array)) {
      const out: Record<string, unknown> = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, procedure, pools, versions)]));
      for (const [k, v] of Object.entries(out)) {
        if (v instanceof CurrentVersion) {
          const target = (out.id ?? out.locusId) as string | undefined;
          out[k] = (target && versions.get(target)) ?? 1;
        }
      }
      return out;
    }
    return value;
  }

  /** Puts the world's editor and viewer back after a run removed them (or they left). */
  async function restoreMembers(palaceId: string) {
    await database.db
      .insert(palaceMembers)
      .values([
        { palaceId, userId: people.editor, role: "editor" },
        { palaceId, userId: people.viewer, role: "viewer" },
      ])
      .onConflictDoNothing();
  }

  const actors = fc.constantFrom<Actor>("owner", "owner", "owner", "owner", "owner", "editor", "editor", "viewer", "stranger", "visitor");

  it("has an entry for every mutation of the app router, and none for one that is gone", () => {
    expect(Object.keys(PROCEDURES).sort()).toEqual(mutationPaths());
  });

  it("refuses fields that would take over a row, by name, and changes nothing", async () => {
    const palaceId = await buildWorld();
    const owner = callers.owner;
    const scene = await owner.palace.get({ id: palaceId });
    const [room] = scene.rooms;
    const [locus] = scene.loci;
    const concept = scene.concepts.find((c) => c.id === locus!.conceptId)!;
    const strangerId = crypto.randomUUID();
    const attempts: [string, () => Promise<unknown>][] = [
      ["ownerId", () => owner.palace.create({ title: "Mine", ownerId: strangerId } as never)],
      ["role", () => owner.palace.update({ id: palaceId, version: scene.palace.version, role: "owner" } as never)],
      ["palaceId", () => owner.room.update({ id: room!.id, version: room!.version, palaceId: crypto.randomUUID() } as never)],
      ["palaceId", () => owner.concept.update({ id: concept.id, version: concept.version, palaceId: crypto.randomUUID() } as never)],
      ["routeOrder", () => owner.locus.move({ id: locus!.id, version: locus!.version, roomId: room!.id, x: 2, z: 2, routeOrder: 1 } as never)],
      ["palaceId", () => owner.concept.delete({ id: concept.id, version: concept.version, palaceId } as never)],
      ["userId", () => owner.recall.grade({ conceptId: concept.id, rating: 3, idempotencyKey: crypto.randomUUID(), userId: strangerId } as never)],
      ["userId", () => owner.settings.update({ desiredRetention: 0.9, userId: strangerId } as never)],
      ["version", () => owner.palace.create({ title: "Versioned", version: 99 } as never)],
      ["role", () => owner.member.transferOwnership({ palaceId, userId: people.editor, role: "viewer" } as never)],
      ["ownerId", () => owner.transfer.import({ data: "", ownerId: strangerId } as never)],
      ["userId", () => callers.stranger.account.delete({ password: PASSWORD, decisions: [], userId: people.owner } as never)],
    ];
    for (const [key, attempt] of attempts) {
      const error = await attempt().then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, `an input with "${key}" was accepted`).toBeInstanceOf(TRPCError);
      expect({ code: (error as TRPCError).code, message: (error as TRPCError).message }).toEqual({
        code: "BAD_REQUEST",
        message: `Unrecognized key: "${key}"`,
      });
    }
    expect(await owner.palace.get({ id: palaceId })).toEqual(scene);
    expect((await owner.member.list({ palaceId })).map((m) => m.role)).toEqual(["owner", "editor", "viewer"]);
  });

  for (const [procedurePath, procedure] of Object.entries(PROCEDURES)) {
    it(`${procedurePath}: only success or a typed 4xx, unknown fields refused, the palace stays sound`, async () => {
      const worldId = await buildWorld();
      const palaceIds = [worldId];
      const fixed: Partial<Record<Pool, string[]>> = {
        users: Object.values(people),
        templates: templateIds,
        tokens: procedure.needs?.invites ? await inviteLinks(worldId) : [],
      };
      const kit: Kit = { database, users: people, palaceId: worldId, passwordHash };
      let before: State = await snapshot(palaceIds);
      let successes = 0;
      await fc.assert(
        fc.asyncProperty(actors, procedure.arbitrary ?? arbitraryFor(procedure.schema), fc.nat(), async (actor, raw, pick) => {
          if (procedure.needs?.members) await restoreMembers(worldId);
          const prepared = procedure.prepare ? await procedure.prepare(kit, pick) : {};
          const caller = actor === "visitor" ? callers.visitor : (prepared.caller ?? callers[actor]);
          const input = resolve(raw, procedure, { ...before.pools, ...fixed, ...prepared.pools }, before.versions) as never;
          const extra = unknownKeys(procedure.schema, input);
          const checked = [...palaceIds, ...(prepared.palaceIds ?? [])];
          let outcome: { ok: true; value: unknown } | { ok: false; error: unknown };
          try {
            outcome = { ok: true, value: await call(caller, procedurePath, input) };
          } catch (error) {
            outcome = { ok: false, error };
          }
          if (outcome.ok) {
            successes++;
            expect(extra, "an input with unknown fields was accepted").toEqual([]);
            const created = outcome.value as { id?: string; version?: number } | undefined;
            if (procedure.creates === "track") palaceIds.push(created!.id!);
            if (procedure.creates === "once") checked.push(created!.id!);
            const sent = (input as { version?: unknown }).version;
            if (typeof sent === "number" && typeof created?.version === "number") expect(created.version).toBeGreaterThan(sent);
            await prepared.afterSuccess?.();
          } else {
            const error = outcome.error;
            if (!(error instanceof TRPCError)) throw error;
            if (!TYPED_4XX.has(error.code)) throw new Error(`${procedurePath} answered ${error.code}: ${error.message}`, { cause: error.cause });
            // Validation comes first; only a visitor is turned away earlier, for not being signed in.
            if (extra.length && actor !== "visitor") expect(error.code).toBe("BAD_REQUEST");
          }
          const after = await snapshot(palaceIds);
          for (const [id, version] of before.versions) {
            const now = after.versions.get(id);
            if (now !== undefined) expect(now, `version of ${id} went back`).toBeGreaterThanOrEqual(version);
          }
          expect(await brokenInvariants(checked)).toEqual([]);
          before = after;
        }),
        { numRuns: RUNS },
      );
      // A property that only ever saw refusals would prove little about the rules themselves.
      if (procedure.refusesAll) expect(successes).toBe(0);
      else expect(successes).toBeGreaterThan(0);
    }, procedure.timeoutMs);
  }
});
