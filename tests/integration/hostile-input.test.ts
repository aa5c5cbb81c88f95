// Property-based tests for every mutating procedure: inputs drawn from our zod schemas, mostly
// valid and partly hostile, sent by owners, editors, viewers, strangers and visitors. Every
// answer must be a success or a typed 4xx (never an internal error), an unknown field must be
// refused, and after every call the palace must still be sound. FUZZ_RUNS sets the number of
// runs per procedure (200 here, 2,000 in `npm run fuzz`).
import { TRPCError } from "@trpc/server";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import type { Database } from "~/server/db/client";
import { concepts, doors, links, loci, palaces, rooms } from "~/server/db/schema";
import { ZIdInput, ZVersionedIdInput } from "~/server/domain/common.schema";
import { ZCreateConceptInput, ZUpdateConceptInput } from "~/server/domain/concept/concept.schema";
import { ZCreateDoorInput } from "~/server/domain/door/door.schema";
import { ZCreateLinkInput, ZUpdateLinkInput } from "~/server/domain/link/link.schema";
import { ZMoveLocusInput, ZPlaceLocusInput, ZUpdateLocusInput } from "~/server/domain/locus/locus.schema";
import { ZCreatePalaceInput, ZDuplicatePalaceInput, ZUpdatePalaceInput } from "~/server/domain/palace/palace.schema";
import { ZGradeInput } from "~/server/domain/review/review.schema";
import { ZCreateRoomInput, ZUpdateRoomInput } from "~/server/domain/room/room.schema";
import { ZMoveStopInput, ZRerouteInput } from "~/server/domain/route/route.schema";
import { ZUpdateSettingsInput } from "~/server/domain/settings/settings.schema";
import { createCaller } from "~/server/trpc/root";
import { arbitraryFor, CurrentVersion, IdRef, unknownKeys } from "../helpers/arbitraries";
import { testDatabases } from "../helpers/databases";
import { addMember, busFor, type Caller, placeConcept, signUp } from "../helpers/world";

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const TYPED_4XX = new Set<TRPCError["code"]>(["BAD_REQUEST", "UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND", "CONFLICT"]);

type Pool = "palaces" | "rooms" | "concepts" | "loci" | "links" | "doors" | "inbox";
type Actor = "owner" | "editor" | "viewer" | "stranger" | "visitor";

interface Procedure {
  name: string;
  schema: z.ZodType;
  /** Which rows a plain `id` field names. */
  ids?: Pool;
  call(caller: Caller, input: never): Promise<unknown>;
}

const PROCEDURES: Procedure[] = [
  { name: "palace.create", schema: ZCreatePalaceInput, call: (c, i) => c.palace.create(i) },
  { name: "palace.update", schema: ZUpdatePalaceInput, ids: "palaces", call: (c, i) => c.palace.update(i) },
  { name: "palace.duplicate", schema: ZDuplicatePalaceInput, ids: "palaces", call: (c, i) => c.palace.duplicate(i) },
  { name: "palace.delete", schema: ZIdInput, ids: "palaces", call: (c, i) => c.palace.delete(i) },
  { name: "room.create", schema: ZCreateRoomInput, call: (c, i) => c.room.create(i) },
  { name: "room.update", schema: ZUpdateRoomInput, ids: "rooms", call: (c, i) => c.room.update(i) },
  { name: "room.delete", schema: ZVersionedIdInput, ids: "rooms", call: (c, i) => c.room.delete(i) },
  { name: "door.create", schema: ZCreateDoorInput, call: (c, i) => c.door.create(i) },
  { name: "door.delete", schema: ZIdInput, ids: "doors", call: (c, i) => c.door.delete(i) },
  { name: "concept.create", schema: ZCreateConceptInput, call: (c, i) => c.concept.create(i) },
  { name: "concept.update", schema: ZUpdateConceptInput, ids: "concepts", call: (c, i) => c.concept.update(i) },
  { name: "concept.delete", schema: ZVersionedIdInput, ids: "concepts", call: (c, i) => c.concept.delete(i) },
  { name: "locus.place", schema: ZPlaceLocusInput, call: (c, i) => c.locus.place(i) },
  { name: "locus.move", schema: ZMoveLocusInput, ids: "loci", call: (c, i) => c.locus.move(i) },
  { name: "locus.update", schema: ZUpdateLocusInput, ids: "loci", call: (c, i) => c.locus.update(i) },
  { name: "locus.delete", schema: ZVersionedIdInput, ids: "loci", call: (c, i) => c.locus.delete(i) },
  { name: "link.create", schema: ZCreateLinkInput, call: (c, i) => c.link.create(i) },
  { name: "link.update", schema: ZUpdateLinkInput, ids: "links", call: (c, i) => c.link.update(i) },
  { name: "link.delete", schema: ZVersionedIdInput, ids: "links", call: (c, i) => c.link.delete(i) },
  { name: "route.reroute", schema: ZRerouteInput, call: (c, i) => c.route.reroute(i) },
  { name: "route.move", schema: ZMoveStopInput, call: (c, i) => c.route.move(i) },
  { name: "review.grade", schema: ZGradeInput, call: (c, i) => c.review.grade(i) },
  { name: "settings.update", schema: ZUpdateSettingsInput, call: (c, i) => c.settings.update(i) },
];

/** The pool an id field draws from, by its name. */
function poolFor(key: string, procedure: Procedure): Pool {
  if (key === "id") return procedure.ids ?? "palaces";
  if (/room/i.test(key)) return "rooms";
  // Placing needs a concept still in the inbox; drawing from every concept would mostly hit
  // placed ones and leave too few successes to say anything about the rules.
  if (key === "conceptId" && procedure.name === "locus.place") return "inbox";
  if (/concept/i.test(key)) return "concepts";
  if (/locus/i.test(key)) return "loci";
  return "palaces";
}

describe.each(testDatabases)("hostile input on $name", (target) => {
  let database: Database & { drop(): Promise<void> };
  const callers = {} as Record<Actor, Caller>;
  let editorId: string;
  let viewerId: string;

  beforeAll(async () => {
    database = await target.open();
    const [owner, editor, viewer, stranger] = await Promise.all(["Owner", "Editor", "Viewer", "Stranger"].map((n) => signUp(database, n)));
    callers.owner = owner!.caller;
    callers.editor = editor!.caller;
    callers.viewer = viewer!.caller;
    callers.stranger = stranger!.caller;
    callers.visitor = createCaller({ db: database.db, bus: busFor(database), user: null });
    editorId = editor!.user.id;
    viewerId = viewer!.user.id;
  });
  afterAll(() => database.drop());

  /** A palace of four rooms, two doors (two more could be added), five placed concepts, three in the inbox and three links. */
  async function buildWorld() {
    const owner = callers.owner;
    const palace = await owner.palace.create({ title: "Fuzzed palace" });
    await addMember(database, palace.id, editorId, "editor");
    await addMember(database, palace.id, viewerId, "viewer");
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

  /** Every row of the palaces under test, by pool, and every versioned row's version. */
  async function snapshot(palaceIds: string[]) {
    const db = database.db;
    const pick = <T extends { id: string; palaceId: string }>(rows: T[]) => rows.map((r) => r.id);
    const [p, r, c, l, k, d] = await Promise.all([
      db.select({ id: palaces.id, version: palaces.version }).from(palaces).where(inArray(palaces.id, palaceIds)),
      db.select({ id: rooms.id, palaceId: rooms.palaceId, version: rooms.version }).from(rooms).where(inArray(rooms.palaceId, palaceIds)),
      db.select({ id: concepts.id, palaceId: concepts.palaceId, version: concepts.version }).from(concepts).where(inArray(concepts.palaceId, palaceIds)),
      db.select({ id: loci.id, palaceId: loci.palaceId, version: loci.version, conceptId: loci.conceptId }).from(loci).where(inArray(loci.palaceId, palaceIds)),
      db.select({ id: links.id, palaceId: links.palaceId, version: links.version }).from(links).where(inArray(links.palaceId, palaceIds)),
      db.select({ id: doors.id, palaceId: doors.palaceId }).from(doors).where(inArray(doors.palaceId, palaceIds)),
    ]);
    const versions = new Map<string, number>([...p, ...r, ...c, ...l, ...k].map((row) => [row.id, row.version]));
    const placed = new Set(l.map((x) => x.conceptId));
    const pools: Record<Pool, string[]> = {
      palaces: p.map((x) => x.id),
      rooms: pick(r),
      concepts: pick(c),
      inbox: pick(c).filter((id) => !placed.has(id)),
      loci: pick(l),
      links: pick(k),
      doors: pick(d),
    };
    return { pools, versions };
  }

  /** The palace invariants; returns what is wrong, empty when all hold. */
  async function brokenInvariants(palaceIds: string[]): Promise<string[]> {
    const db = database.db;
    const problems: string[] = [];
    const outside = await db
      .select({ id: loci.id })
      .from(loci)
      .innerJoin(rooms, eq(rooms.id, loci.roomId))
      .where(
        and(
          inArray(loci.palaceId, palaceIds),
          sql`not (${loci.x} between 0 and ${rooms.width} and ${loci.z} between 0 and ${rooms.depth} and ${loci.y} between 0 and ${rooms.height})`,
        ),
      );
    if (outside.length) problems.push(`loci outside their room: ${outside.map((o) => o.id).join(", ")}`);

    const orders = await db.select({ palaceId: loci.palaceId, routeOrder: loci.routeOrder }).from(loci).where(inArray(loci.palaceId, palaceIds));
    const byPalace = new Map<string, number[]>();
    for (const o of orders) byPalace.set(o.palaceId, [...(byPalace.get(o.palaceId) ?? []), o.routeOrder]);
    for (const [palaceId, list] of byPalace) {
      const sorted = list.sort((x, y) => x - y);
      if (sorted.some((n, i) => n !== i + 1)) problems.push(`route of ${palaceId} is not 1..${sorted.length}: ${sorted.join(",")}`);
    }

    const orphanLoci = await db
      .select({ id: loci.id })
      .from(loci)
      .leftJoin(rooms, eq(rooms.id, loci.roomId))
      .leftJoin(concepts, eq(concepts.id, loci.conceptId))
      .where(and(inArray(loci.palaceId, palaceIds), sql`(${rooms.id} is null or ${concepts.id} is null)`));
    const orphanLinks = await db
      .select({ id: links.id })
      .from(links)
      .leftJoin(concepts, eq(concepts.id, links.toConceptId))
      .where(and(inArray(links.palaceId, palaceIds), isNull(concepts.id)));
    const orphanDoors = await db
      .select({ id: doors.id })
      .from(doors)
      .leftJoin(rooms, eq(rooms.id, doors.roomBId))
      .where(and(inArray(doors.palaceId, palaceIds), isNull(rooms.id)));
    const orphanRooms = await db.select({ id: rooms.id }).from(rooms).leftJoin(palaces, eq(palaces.id, rooms.palaceId)).where(isNull(palaces.id));
    for (const [what, rows] of [["loci", orphanLoci], ["links", orphanLinks], ["doors", orphanDoors], ["rooms", orphanRooms]] as const) {
      if (rows.length) problems.push(`orphan ${what}: ${rows.map((o) => o.id).join(", ")}`);
    }
    return problems;
  }

  /** Fills in id and version references with the rows that exist now. */
  function resolve(value: unknown, procedure: Procedure, state: Awaited<ReturnType<typeof snapshot>>): unknown {
    if (value instanceof IdRef) {
      const pool = state.pools[poolFor(value.key, procedure)];
      return pool.length ? pool[value.pick % pool.length] : crypto.randomUUID();
    }
    if (Array.isArray(value)) return value.map((v) => resolve(v, procedure, state));
    if (value && typeof value === "object" && !(value instanceof CurrentVersion)) {
      const out: Record<string, unknown> = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, procedure, state)]));
      for (const [k, v] of Object.entries(out)) {
        if (v instanceof CurrentVersion) {
          const target = (out.id ?? out.locusId) as string | undefined;
          out[k] = (target && state.versions.get(target)) ?? 1;
        }
      }
      return out;
    }
    return value;
  }

  const actors = fc.constantFrom<Actor>("owner", "owner", "owner", "owner", "owner", "editor", "editor", "viewer", "stranger", "visitor");

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
      ["userId", () => owner.review.grade({ conceptId: concept.id, rating: 3, idempotencyKey: crypto.randomUUID(), userId: strangerId } as never)],
      ["userId", () => owner.settings.update({ desiredRetention: 0.9, userId: strangerId } as never)],
      ["version", () => owner.palace.create({ title: "Versioned", version: 99 } as never)],
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
  });

  for (const procedure of PROCEDURES) {
    it(`${procedure.name}: only success or a typed 4xx, unknown fields refused, the palace stays sound`, async () => {
      const palaceIds = [await buildWorld()];
      let before = await snapshot(palaceIds);
      let successes = 0;
      await fc.assert(
        fc.asyncProperty(actors, arbitraryFor(procedure.schema), async (actor, raw) => {
          const input = resolve(raw, procedure, before) as never;
          const extra = unknownKeys(procedure.schema, input);
          let outcome: { ok: true; value: unknown } | { ok: false; error: unknown };
          try {
            outcome = { ok: true, value: await procedure.call(callers[actor], input) };
          } catch (error) {
            outcome = { ok: false, error };
          }
          if (outcome.ok) {
            successes++;
            expect(extra, "an input with unknown fields was accepted").toEqual([]);
            const created = outcome.value as { id?: string; version?: number } | undefined;
            if (procedure.name === "palace.create" || procedure.name === "palace.duplicate") palaceIds.push(created!.id!);
            const sent = (input as { version?: unknown }).version;
            if (typeof sent === "number" && typeof created?.version === "number") expect(created.version).toBeGreaterThan(sent);
          } else {
            const error = outcome.error;
            if (!(error instanceof TRPCError)) throw error;
            if (!TYPED_4XX.has(error.code)) throw new Error(`${procedure.name} answered ${error.code}: ${error.message}`, { cause: error.cause });
            // Validation comes first; only a visitor is turned away earlier, for not being signed in.
            if (extra.length && actor !== "visitor") expect(error.code).toBe("BAD_REQUEST");
          }
          const after = await snapshot(palaceIds);
          for (const [id, version] of before.versions) {
            const now = after.versions.get(id);
            if (now !== undefined) expect(now, `version of ${id} went back`).toBeGreaterThanOrEqual(version);
          }
          expect(await brokenInvariants(palaceIds)).toEqual([]);
          before = after;
        }),
        { numRuns: RUNS },
      );
      // A property that only ever saw refusals would prove little about the rules themselves.
      expect(successes).toBeGreaterThan(0);
    });
  }
});
