// Deleting an account: the password is checked, every owned palace needs a choice, transfers
// go only to members, and the whole thing happens in one transaction: refused calls change
// nothing, and a deletion leaves no row of the person or of the palaces they chose to delete.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/server/db/client";
import * as schema from "~/server/db/schema";
import { DELETED_ACCOUNT_LABEL } from "~/server/domain/account/account.service";
import { testDatabases } from "../helpers/databases";
import { addMember, busFor, makeAuth, placeConcept, rejectionOf, signUp } from "../helpers/world";

const PASSWORD = "correct horse battery";

/** Every table that holds people's or palaces' data, with its row count. */
const TABLES = {
  users: schema.users,
  sessions: schema.sessions,
  accounts: schema.accounts,
  palaces: schema.palaces,
  palace_members: schema.palaceMembers,
  rooms: schema.rooms,
  doors: schema.doors,
  concepts: schema.concepts,
  loci: schema.loci,
  links: schema.links,
  review_cards: schema.reviewCards,
  review_logs: schema.reviewLogs,
  user_settings: schema.userSettings,
  palace_invites: schema.palaceInvites,
  palace_events: schema.palaceEvents,
  palace_event_heads: schema.palaceEventHeads,
};

describe.each(testDatabases)("account deletion on $name", (target) => {
  let database: Database & { drop(): Promise<void> };
  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(async () => {
    await busFor(database).close();
    await database.drop();
  });

  async function counts() {
    const out: Record<string, number> = {};
    for (const [name, table] of Object.entries(TABLES)) {
      const [row] = await database.db.select({ n: sql<number>`count(*)::int` }).from(table);
      out[name] = row!.n;
    }
    return out;
  }

  /** Rows in each palace-scoped table that still belong to `palaceId`. */
  async function rowsOfPalace(palaceId: string) {
    const scoped = {
      palaces: [schema.palaces, schema.palaces.id],
      palace_members: [schema.palaceMembers, schema.palaceMembers.palaceId],
      rooms: [schema.rooms, schema.rooms.palaceId],
      doors: [schema.doors, schema.doors.palaceId],
      concepts: [schema.concepts, schema.concepts.palaceId],
      loci: [schema.loci, schema.loci.palaceId],
      links: [schema.links, schema.links.palaceId],
      review_cards: [schema.reviewCards, schema.reviewCards.palaceId],
      review_logs: [schema.reviewLogs, schema.reviewLogs.palaceId],
      palace_invites: [schema.palaceInvites, schema.palaceInvites.palaceId],
      palace_events: [schema.palaceEvents, schema.palaceEvents.palaceId],
      palace_event_heads: [schema.palaceEventHeads, schema.palaceEventHeads.palaceId],
    } as const;
    const out: Record<string, number> = {};
    for (const [name, [table, column]] of Object.entries(scoped)) {
      const [row] = await database.db.select({ n: sql<number>`count(*)::int` }).from(table).where(eq(column, palaceId));
      out[name] = row!.n;
    }
    return out;
  }

  /** Rows anywhere that name `userId`. */
  async function rowsOfUser(userId: string) {
    const db = database.db;
    const n = async (q: Promise<{ n: number }[]>) => (await q)[0]!.n;
    const count = sql<number>`count(*)::int`;
    return {
      users: await n(db.select({ n: count }).from(schema.users).where(eq(schema.users.id, userId))),
      sessions: await n(db.select({ n: count }).from(schema.sessions).where(eq(schema.sessions.userId, userId))),
      accounts: await n(db.select({ n: count }).from(schema.accounts).where(eq(schema.accounts.userId, userId))),
      palaces: await n(db.select({ n: count }).from(schema.palaces).where(eq(schema.palaces.ownerId, userId))),
      palace_members: await n(db.select({ n: count }).from(schema.palaceMembers).where(eq(schema.palaceMembers.userId, userId))),
      review_cards: await n(db.select({ n: count }).from(schema.reviewCards).where(eq(schema.reviewCards.userId, userId))),
      review_logs: await n(db.select({ n: count }).from(schema.reviewLogs).where(eq(schema.reviewLogs.userId, userId))),
      user_settings: await n(db.select({ n: count }).from(schema.userSettings).where(eq(schema.userSettings.userId, userId))),
      palace_invites: await n(db.select({ n: count }).from(schema.palaceInvites).where(eq(schema.palaceInvites.createdById, userId))),
      palace_events: await n(db.select({ n: count }).from(schema.palaceEvents).where(eq(schema.palaceEvents.actorId, userId))),
    };
  }

  /** A palace with two rooms, a door, three placed concepts, a link and an inbox concept; graded once. */
  async function furnishedPalace(caller: Awaited<ReturnType<typeof signUp>>["caller"], title: string) {
    const palace = await caller.palace.create({ title });
    const a = await caller.room.create({ palaceId: palace.id, name: "A", gridX: 0, gridZ: 0, width: 8, depth: 8 });
    const b = await caller.room.create({ palaceId: palace.id, name: "B", gridX: 8, gridZ: 0, width: 6, depth: 8 });
    await caller.door.create({ palaceId: palace.id, roomAId: a.id, roomBId: b.id });
    const placed = [];
    for (const [i, room] of [a, a, b].entries()) placed.push(await placeConcept(caller, palace.id, room.id, `Concept ${i}`, { x: 2 + i, z: 2 }));
    await caller.concept.create({ palaceId: palace.id, title: "Inbox" });
    await caller.link.create({ fromConceptId: placed[0]!.concept.id, toConceptId: placed[1]!.concept.id, label: "feeds" });
    await caller.recall.grade({ conceptId: placed[0]!.concept.id, rating: 3, idempotencyKey: crypto.randomUUID() });
    return { palace, concepts: placed.map((p) => p.concept) };
  }

  it("lists the palaces that need a choice, with the members who could take each over", async () => {
    const owner = await signUp(database, "Planner");
    const heir = await signUp(database, "Heir");
    const viewer = await signUp(database, "Looker");
    const other = await signUp(database, "Other");
    const mine = await owner.caller.palace.create({ title: "Mine" });
    const lonely = await owner.caller.palace.create({ title: "Lonely" });
    await addMember(database, mine.id, viewer.user.id, "viewer");
    await addMember(database, mine.id, heir.user.id, "editor");
    const theirs = await other.caller.palace.create({ title: "Theirs" });
    await addMember(database, theirs.id, owner.user.id, "editor");

    const plan = await owner.caller.account.deletionPlan();
    expect(plan).toEqual({
      ownedPalaces: [
        { id: lonely.id, title: "Lonely", conceptCount: 0, members: [] },
        {
          id: mine.id,
          title: "Mine",
          conceptCount: 0,
          members: [
            { userId: heir.user.id, name: "Heir", role: "editor" },
            { userId: viewer.user.id, name: "Looker", role: "viewer" },
          ],
        },
      ],
      memberOfCount: 1,
    });
  });

  it("transfers a palace whole to the chosen member, who becomes its owner", async () => {
    const owner = await signUp(database, "Leaving");
    const heir = await signUp(database, "Keeper");
    const { palace, concepts } = await furnishedPalace(owner.caller, "Handed on");
    await addMember(database, palace.id, heir.user.id, "editor");
    await heir.caller.recall.grade({ conceptId: concepts[1]!.id, rating: 4, idempotencyKey: crypto.randomUUID() });
    const { token } = await owner.caller.invite.create({ palaceId: palace.id, role: "viewer" });
    const before = await heir.caller.palace.get({ id: palace.id });

    const result = await owner.caller.account.delete({
      password: PASSWORD,
      decisions: [{ palaceId: palace.id, action: "transfer", newOwnerId: heir.user.id }],
    });
    expect(result).toEqual({ ok: true, palacesDeleted: 0, palacesTransferred: 1 });

    const after = await heir.caller.palace.get({ id: palace.id });
    expect(after.palace).toMatchObject({ ownerId: heir.user.id, ownerName: "Keeper", version: before.palace.version + 1, access: { role: "owner", canEdit: true } });
    for (const part of ["rooms", "doors", "concepts", "loci", "links"] as const) expect(after[part]).toEqual(before[part]);
    expect(after.concepts).toHaveLength(4);
    expect(await heir.caller.member.list({ palaceId: palace.id })).toEqual([
      expect.objectContaining({ userId: heir.user.id, role: "owner", isMe: true }),
    ]);
    // The heir's schedule stays; the leaver's is gone.
    const cards = await database.db.select({ userId: schema.reviewCards.userId }).from(schema.reviewCards).where(eq(schema.reviewCards.palaceId, palace.id));
    expect(cards).toEqual([{ userId: heir.user.id }]);
    // The invite link still works, now in the new owner's name.
    const invites = await heir.caller.invite.list({ palaceId: palace.id });
    expect(invites).toEqual([expect.objectContaining({ status: "active", createdByName: "Keeper" })]);
    const newcomer = await signUp(database, "Newcomer");
    expect(await newcomer.caller.invite.accept({ token })).toEqual({ palaceId: palace.id, role: "viewer" });
    // Live viewers hear of the new owner; the feed keeps what happened without the leaver's name.
    const feed = await heir.caller.activity.list({ palaceId: palace.id });
    const labels = JSON.stringify(feed);
    expect(labels).not.toContain("Leaving");
    expect(labels).toContain(DELETED_ACCOUNT_LABEL);
    expect(await rowsOfUser(owner.user.id)).toEqual({
      users: 0, sessions: 0, accounts: 0, palaces: 0, palace_members: 0, review_cards: 0, review_logs: 0, user_settings: 0, palace_invites: 0, palace_events: 0,
    });
  });

  it("deletes a chosen palace with every row in it, and every row of the person", async () => {
    const owner = await signUp(database, "Clearing");
    const member = await signUp(database, "Bystander");
    const { palace } = await furnishedPalace(owner.caller, "To be deleted");
    await addMember(database, palace.id, member.user.id, "viewer");
    await owner.caller.invite.create({ palaceId: palace.id });
    await owner.caller.settings.update({ desiredRetention: 0.85 });
    const populated = await rowsOfPalace(palace.id);
    for (const [table, n] of Object.entries(populated)) expect(n, `${table} had no rows to delete`).toBeGreaterThan(0);
    const before = await counts();

    expect(await owner.caller.account.delete({ password: PASSWORD, decisions: [{ palaceId: palace.id, action: "delete" }] })).toEqual({
      ok: true,
      palacesDeleted: 1,
      palacesTransferred: 0,
    });

    expect(Object.values(await rowsOfPalace(palace.id)).every((n) => n === 0), JSON.stringify(await rowsOfPalace(palace.id))).toBe(true);
    expect(Object.values(await rowsOfUser(owner.user.id)).every((n) => n === 0)).toBe(true);
    // Exactly those rows went: the count of each table fell by what the palace and the person had.
    const after = await counts();
    const own = { users: 1, sessions: 1, accounts: 1, user_settings: 1 };
    for (const name of Object.keys(TABLES)) {
      const expected = before[name]! - (populated[name] ?? 0) - (own[name as keyof typeof own] ?? 0);
      expect(after[name], name).toBe(expected);
    }
    expect(await member.caller.palace.list()).toEqual([]);
  });

  it("refuses when a palace has no choice, names it, and changes nothing", async () => {
    const owner = await signUp(database, "Undecided");
    const first = await owner.caller.palace.create({ title: "Decided" });
    await owner.caller.palace.create({ title: "Forgotten one" });
    await owner.caller.palace.create({ title: "Forgotten two" });
    const before = await counts();
    const error = await rejectionOf(owner.caller.account.delete({ password: PASSWORD, decisions: [{ palaceId: first.id, action: "delete" }] }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toBe("Choose what happens to these palaces before deleting your account: “Forgotten one”, “Forgotten two”.");
    // Two choices for one palace, and a choice for a palace that is not theirs, are refused too.
    const stranger = await signUp(database, "Not mine");
    const notMine = await stranger.caller.palace.create({ title: "Not mine" });
    const plan = await owner.caller.account.deletionPlan();
    const all = plan.ownedPalaces.map((p) => ({ palaceId: p.id, action: "delete" as const }));
    expect((await rejectionOf(owner.caller.account.delete({ password: PASSWORD, decisions: [...all, all[0]!] }))).message).toMatch(/more than one choice/);
    expect((await rejectionOf(owner.caller.account.delete({ password: PASSWORD, decisions: [...all, { palaceId: notMine.id, action: "delete" }] }))).message).toMatch(
      /a palace you do not own/,
    );
    expect(await counts()).toEqual({ ...before, users: before.users! + 1, accounts: before.accounts! + 1, sessions: before.sessions! + 1, palaces: before.palaces! + 1, palace_members: before.palace_members! + 1 });
    expect(await owner.caller.palace.list()).toHaveLength(3);
  });

  it("refuses a transfer to someone who is not a member of that palace, and changes nothing", async () => {
    const owner = await signUp(database, "Giver");
    const member = await signUp(database, "Member elsewhere");
    const outsider = await signUp(database, "Outsider");
    const kept = await owner.caller.palace.create({ title: "Kept" });
    const other = await owner.caller.palace.create({ title: "Other" });
    await addMember(database, other.id, member.user.id, "editor");
    const before = await counts();
    for (const newOwnerId of [outsider.user.id, member.user.id, owner.user.id, "no-such-user"]) {
      const error = await rejectionOf(
        owner.caller.account.delete({
          password: PASSWORD,
          decisions: [
            { palaceId: kept.id, action: "transfer", newOwnerId },
            { palaceId: other.id, action: "delete" },
          ],
        }),
      );
      expect({ code: error.code, message: error.message }).toEqual({
        code: "BAD_REQUEST",
        message: "“Kept” can only be transferred to one of its members, and the person chosen is not a member.",
      });
    }
    expect(await counts()).toEqual(before);
  });

  it("refuses a wrong password, changes nothing, and stops guessing after three tries", async () => {
    const owner = await signUp(database, "Guarded");
    const palace = await owner.caller.palace.create({ title: "Guarded palace" });
    const decisions = [{ palaceId: palace.id, action: "delete" as const }];
    const before = await counts();
    for (let i = 0; i < 3; i++) {
      const error = await rejectionOf(owner.caller.account.delete({ password: `wrong guess ${i}`, decisions }));
      expect({ code: error.code, message: error.message }).toEqual({ code: "BAD_REQUEST", message: "That is not your current password." });
    }
    const limited = await rejectionOf(owner.caller.account.delete({ password: PASSWORD, decisions }));
    expect(limited.code).toBe("TOO_MANY_REQUESTS");
    expect(limited.message).toMatch(/Too many password attempts/);
    expect(await counts()).toEqual(before);
    expect(await owner.caller.palace.list()).toHaveLength(1);
  });

  it("ends every session and the person cannot sign in again", async () => {
    const auth = makeAuth(database);
    const owner = await signUp(database, "Session holder");
    const signIn = () => auth.api.signInEmail({ body: { email: owner.user.email, password: PASSWORD }, asResponse: true });
    const response = await signIn();
    expect(response.status).toBe(200);
    const cookie = response.headers.getSetCookie().map((line) => line.split(";")[0]).join("; ");
    const headers = new Headers({ cookie });
    expect((await auth.api.getSession({ headers }))?.user.id).toBe(owner.user.id);

    await owner.caller.account.delete({ password: PASSWORD, decisions: [] });

    expect(await auth.api.getSession({ headers })).toBeNull();
    expect((await signIn()).status).toBe(401);
    const [{ n }] = (await database.db.select({ n: sql<number>`count(*)::int` }).from(schema.sessions).where(eq(schema.sessions.userId, owner.user.id))) as [{ n: number }];
    expect(n).toBe(0);
    // A caller still holding the old identity gets nowhere.
    expect((await rejectionOf(owner.caller.account.delete({ password: PASSWORD, decisions: [] }))).code).toBe("UNAUTHORIZED");
  });

  it("leaves other people's palaces as they were, minus the membership", async () => {
    const leaver = await signUp(database, "Wanderer");
    const host = await signUp(database, "Host");
    const { palace, concepts } = await furnishedPalace(host.caller, "Host's palace");
    await addMember(database, palace.id, leaver.user.id, "editor");
    await leaver.caller.concept.update({ id: concepts[2]!.id, version: concepts[2]!.version, notes: "Wanderer was here" });
    await leaver.caller.recall.grade({ conceptId: concepts[2]!.id, rating: 2, idempotencyKey: crypto.randomUUID() });
    const before = await host.caller.palace.get({ id: palace.id });

    await leaver.caller.account.delete({ password: PASSWORD, decisions: [] });

    const after = await host.caller.palace.get({ id: palace.id });
    expect(after).toEqual(before);
    expect((await host.caller.member.list({ palaceId: palace.id })).map((m) => m.name)).toEqual(["Host"]);
    // The edit stays in the feed, without an author, and the membership's end is recorded.
    const events = await database.db.select().from(schema.palaceEvents).where(eq(schema.palaceEvents.palaceId, palace.id));
    expect(events.filter((e) => e.entity === "concept" && e.action === "changed" && e.entityId === concepts[2]!.id).map((e) => e.actorId)).toEqual([null]);
    expect(events.filter((e) => e.entity === "member" && e.entityId === leaver.user.id).map((e) => [e.action, e.label])).toEqual([["deleted", DELETED_ACCOUNT_LABEL]]);
    expect(await rowsOfUser(leaver.user.id)).toEqual({
      users: 0, sessions: 0, accounts: 0, palaces: 0, palace_members: 0, review_cards: 0, review_logs: 0, user_settings: 0, palace_invites: 0, palace_events: 0,
    });
  });
});
