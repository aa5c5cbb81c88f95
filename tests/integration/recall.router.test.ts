import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/server/db/client";
import { reviewLogs } from "~/server/db/schema";
import { createCaller } from "~/server/trpc/root";
import { testDatabases } from "../helpers/databases";
import { addMember, anonymous, busFor, palaceWithTwoRooms, placeConcept, rejectionOf, signUp } from "../helpers/world";

const DAY = 86_400_000;

/** A clock the test moves by hand: every call through `caller` reads it. */
function fakeClock(start = "2026-03-02T09:00:00Z") {
  const clock = { time: new Date(start), pass: (days: number) => (clock.time = new Date(clock.time.getTime() + days * DAY)) };
  return clock;
}

async function personWithClock(database: Database, name: string, clock: { time: Date }) {
  const { user } = await signUp(database, name);
  return { user, caller: createCaller({ db: database.db, bus: busFor(database), user, now: () => clock.time }) };
}

describe.each(testDatabases)("review router on $name", (target) => {
  let database: Database & { drop(): Promise<void> };
  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(() => database.drop());

  /** A palace with three placed concepts, graded by its owner on a fake clock. */
  async function studyPalace() {
    const clock = fakeClock();
    const base = await palaceWithTwoRooms(database);
    const owner = { user: base.owner.user, caller: createCaller({ db: database.db, bus: busFor(database), user: base.owner.user, now: () => clock.time }) };
    const conv = await placeConcept(owner.caller, base.palace.id, base.roomA.id, "Convolution", { x: 2, z: 2 });
    const pool = await placeConcept(owner.caller, base.palace.id, base.roomA.id, "Max pooling", { x: 5, z: 5 });
    const relu = await placeConcept(owner.caller, base.palace.id, base.roomB.id, "ReLU", { x: 3, z: 3 });
    return { ...base, clock, owner, conv, pool, relu };
  }

  describe("grade", () => {
    it("creates the card on first study, schedules Good days ahead, and lets days pass until it is due", async () => {
      const { owner, palace, conv, clock } = await studyPalace();
      const start = clock.time;
      const result = await owner.caller.recall.grade({ conceptId: conv.concept.id, rating: 3, idempotencyKey: crypto.randomUUID() });
      expect(result).toMatchObject({ conceptId: conv.concept.id, rating: 3, state: "review", reps: 1, lapses: 0, duplicate: false });
      expect(result.scheduledDays).toBeGreaterThanOrEqual(2);
      expect(result.due.getTime()).toBe(start.getTime() + result.scheduledDays * DAY);

      const dueOnly = async () => (await owner.caller.recall.walk({ palaceId: palace.id, dueOnly: true })).stops.map((s) => s.concept.title);
      expect(await dueOnly()).toEqual(["Max pooling", "ReLU"]);
      clock.pass(result.scheduledDays - 1);
      expect(await dueOnly()).toEqual(["Max pooling", "ReLU"]);
      clock.pass(1);
      expect(await dueOnly()).toEqual(["Convolution", "Max pooling", "ReLU"]);
    });

    it("grows the gap with each Good, and Again brings the concept back the same day, then within days", async () => {
      const { owner, conv, clock } = await studyPalace();
      const grade = (rating: number) => owner.caller.recall.grade({ conceptId: conv.concept.id, rating, idempotencyKey: crypto.randomUUID() });
      const first = await grade(3);
      clock.time = first.due;
      const second = await grade(3);
      expect(second.scheduledDays).toBeGreaterThan(first.scheduledDays);
      clock.time = second.due;
      const third = await grade(3);
      expect(third.scheduledDays).toBeGreaterThan(second.scheduledDays);
      clock.time = third.due;
      const lapse = await grade(1);
      // The miss is relearnt the same day: due again in ten minutes.
      expect(lapse).toMatchObject({ state: "relearning", lapses: 1, reps: 4, scheduledDays: 0 });
      expect(lapse.due.getTime()).toBe(clock.time.getTime() + 10 * 60_000);
      clock.time = lapse.due;
      const relearnt = await grade(3);
      expect(relearnt.state).toBe("review");
      expect(relearnt.scheduledDays).toBeLessThan(third.scheduledDays / 2);
      expect(relearnt.due.getTime()).toBe(clock.time.getTime() + relearnt.scheduledDays * DAY);
    });

    it("takes a grade made offline and sent after a later one made elsewhere, and schedules from the log in time order", async () => {
      const { owner, conv, clock } = await studyPalace();
      const grade = (rating: number, reviewedAt?: Date) =>
        owner.caller.recall.grade({ conceptId: conv.concept.id, rating, idempotencyKey: crypto.randomUUID(), reviewedAt });
      const start = clock.time;
      const first = await grade(3);
      const offlineAt = first.due;
      clock.time = new Date(first.due.getTime() + 2 * 3_600_000);
      // Graded on the laptop two hours after the phone's offline miss, which only now arrives.
      await grade(3);
      clock.pass(1);
      const late = await grade(1, offlineAt);
      expect(late).toMatchObject({ duplicate: false, reps: 3, lapses: 1 });
      const logs = await database.db.select().from(reviewLogs).where(eq(reviewLogs.conceptId, conv.concept.id));
      expect(logs.map((l) => l.rating).sort()).toEqual([1, 3, 3]);

      // The same three grades made in time order, in a fresh palace, give the same schedule.
      const again = await studyPalace();
      const inOrder = (rating: number, at: Date) => {
        again.clock.time = at;
        return again.owner.caller.recall.grade({ conceptId: again.conv.concept.id, rating, idempotencyKey: crypto.randomUUID() });
      };
      await inOrder(3, start);
      await inOrder(1, offlineAt);
      const last = await inOrder(3, new Date(offlineAt.getTime() + 2 * 3_600_000));
      expect(late.due.getTime()).toBe(last.due.getTime());
      expect(late.scheduledDays).toBe(last.scheduledDays);
    });

    it("takes a grade's time from the client, but never from the future, and refuses one older than 60 days", async () => {
      const { owner, conv, pool, clock } = await studyPalace();
      const future = await owner.caller.recall.grade({
        conceptId: conv.concept.id,
        rating: 3,
        idempotencyKey: crypto.randomUUID(),
        reviewedAt: new Date(clock.time.getTime() + 5 * DAY),
      });
      expect(future.due.getTime()).toBe(clock.time.getTime() + future.scheduledDays * DAY);
      const error = await rejectionOf(
        owner.caller.recall.grade({ conceptId: pool.concept.id, rating: 3, idempotencyKey: crypto.randomUUID(), reviewedAt: new Date(clock.time.getTime() - 61 * DAY) }),
      );
      expect(error).toMatchObject({ code: "BAD_REQUEST" });
      expect(error.message).toContain("more than 60 days ago");
      const stored = await database.db.select().from(reviewLogs).where(eq(reviewLogs.conceptId, pool.concept.id));
      expect(stored).toHaveLength(0);
    });

    it("counts a grade sent twice with the same key once", async () => {
      const { owner, conv } = await studyPalace();
      const key = crypto.randomUUID();
      const first = await owner.caller.recall.grade({ conceptId: conv.concept.id, rating: 3, idempotencyKey: key });
      const again = await owner.caller.recall.grade({ conceptId: conv.concept.id, rating: 3, idempotencyKey: key });
      expect(again).toEqual({ ...first, duplicate: true });
      const together = crypto.randomUUID();
      const both = await Promise.all([
        owner.caller.recall.grade({ conceptId: conv.concept.id, rating: 4, idempotencyKey: together }),
        owner.caller.recall.grade({ conceptId: conv.concept.id, rating: 4, idempotencyKey: together }),
      ]);
      expect(both.map((r) => r.duplicate).sort()).toEqual([false, true]);
      expect(both[0].due).toEqual(both[1].due);
      const logs = await database.db.select().from(reviewLogs).where(eq(reviewLogs.conceptId, conv.concept.id));
      expect(logs).toHaveLength(2);
      expect(logs.map((l) => l.rating).sort()).toEqual([3, 4]);
    });

    it("refuses a key reused for another concept", async () => {
      const { owner, conv, pool } = await studyPalace();
      const key = crypto.randomUUID();
      await owner.caller.recall.grade({ conceptId: conv.concept.id, rating: 3, idempotencyKey: key });
      const error = await rejectionOf(owner.caller.recall.grade({ conceptId: pool.concept.id, rating: 3, idempotencyKey: key }));
      expect(error).toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/already used for another concept/) });
    });

    it("keeps one schedule per person, also on a palace shared with them", async () => {
      const { owner, palace, conv, clock } = await studyPalace();
      const viewer = await personWithClock(database, "Viewer", clock);
      await addMember(database, palace.id, viewer.user.id, "viewer");
      const mine = await owner.caller.recall.grade({ conceptId: conv.concept.id, rating: 4, idempotencyKey: crypto.randomUUID() });
      const theirs = await viewer.caller.recall.grade({ conceptId: conv.concept.id, rating: 1, idempotencyKey: crypto.randomUUID() });
      expect(theirs.scheduledDays).toBeLessThan(mine.scheduledDays);
      const ownerWalk = await owner.caller.recall.walk({ palaceId: palace.id });
      const viewerWalk = await viewer.caller.recall.walk({ palaceId: palace.id });
      expect(ownerWalk.stops[0]!.card).toMatchObject({ due: mine.due, reps: 1 });
      expect(viewerWalk.stops[0]!.card).toMatchObject({ due: theirs.due, reps: 1 });
      expect(viewerWalk.stops[1]!.card).toBeNull();
    });

    it("refuses grading in a private palace the person may not read as not found", async () => {
      const { palace, conv, clock } = await studyPalace();
      const stranger = await personWithClock(database, "Stranger", clock);
      const error = await rejectionOf(stranger.caller.recall.grade({ conceptId: conv.concept.id, rating: 3, idempotencyKey: crypto.randomUUID() }));
      expect(error).toMatchObject({ code: "NOT_FOUND", message: "Concept was not found." });
      expect(await rejectionOf(stranger.caller.recall.walk({ palaceId: palace.id }))).toMatchObject({ code: "NOT_FOUND" });
      expect(await rejectionOf(stranger.caller.recall.retrievability({ palaceId: palace.id }))).toMatchObject({ code: "NOT_FOUND" });
      expect(await rejectionOf(stranger.caller.recall.stats({ palaceId: palace.id }))).toMatchObject({ code: "NOT_FOUND" });
      expect(await database.db.select().from(reviewLogs).where(eq(reviewLogs.conceptId, conv.concept.id))).toEqual([]);
    });

    it("lets visitors of a public palace walk it, but asks them to sign in to grade", async () => {
      const { owner, palace, conv, clock } = await studyPalace();
      await owner.caller.palace.update({ id: palace.id, version: 1, visibility: "public" });
      const visitor = anonymous(database);
      const walk = await visitor.recall.walk({ palaceId: palace.id, dueOnly: true });
      expect(walk).toMatchObject({ canGrade: false, dueOnly: false, routeLength: 3 });
      expect(walk.stops.map((s) => s.card)).toEqual([null, null, null]);
      const error = await rejectionOf(visitor.recall.grade({ conceptId: conv.concept.id, rating: 3, idempotencyKey: crypto.randomUUID() }));
      expect(error).toMatchObject({ code: "UNAUTHORIZED", message: expect.stringMatching(/^Sign in to keep a recall schedule/) });
      // A signed-in visitor keeps a schedule there, and sees it on their day.
      const reader = await personWithClock(database, "Reader", clock);
      await reader.caller.recall.grade({ conceptId: conv.concept.id, rating: 3, idempotencyKey: crypto.randomUUID() });
      const today = await reader.caller.recall.today();
      expect(today.palaces).toEqual([expect.objectContaining({ palaceId: palace.id, studied: 1, new: 2, due: 0 })]);
    });

    it("refuses a grade out of range, naming the field", async () => {
      const { owner, conv } = await studyPalace();
      const error = await rejectionOf(owner.caller.recall.grade({ conceptId: conv.concept.id, rating: 5, idempotencyKey: crypto.randomUUID() }));
      expect(error).toMatchObject({ code: "BAD_REQUEST", message: "rating: Grade must be from 1 (again) to 4 (easy)." });
    });
  });

  describe("walk", () => {
    it("lists the stops in route order with a cue that does not give the concept away", async () => {
      const { owner, palace } = await studyPalace();
      const walk = await owner.caller.recall.walk({ palaceId: palace.id });
      expect(walk).toMatchObject({ palace: { id: palace.id, title: "Test palace" }, canGrade: true, dueOnly: false, routeLength: 3 });
      expect(walk.stops.map((s) => [s.routeOrder, s.concept.title, s.cue])).toEqual([
        [1, "Convolution", "A, stop 1 of 3, on a gold pedestal in the north-west corner"],
        [2, "Max pooling", "A, stop 2 of 3, on a gold pedestal in the middle of the room"],
        [3, "ReLU", "B, stop 3 of 3, on a gold pedestal in the middle of the room"],
      ]);
      expect(walk.stops[0]!.concept).toEqual({ title: "Convolution", kind: "other", tags: [], notes: "", sourceUrl: null });
    });
  });

  describe("today", () => {
    it("counts what is due and new per palace the person can read, and follows the clock", async () => {
      const { owner, palace, conv, pool, clock } = await studyPalace();
      const other = await owner.caller.palace.create({ title: "Empty palace" });
      let today = await owner.caller.recall.today();
      expect(today).toMatchObject({ due: 0, new: 3 });
      expect(today.palaces).toEqual([
        { palaceId: palace.id, title: "Test palace", due: 0, new: 3, studied: 0, placed: 3, relearning: 0, nextDue: null },
        { palaceId: other.id, title: "Empty palace", due: 0, new: 0, studied: 0, placed: 0, relearning: 0, nextDue: null },
      ]);
      const good = await owner.caller.recall.grade({ conceptId: conv.concept.id, rating: 3, idempotencyKey: crypto.randomUUID() });
      const easy = await owner.caller.recall.grade({ conceptId: pool.concept.id, rating: 4, idempotencyKey: crypto.randomUUID() });
      today = await owner.caller.recall.today();
      expect(today.palaces[0]).toMatchObject({ due: 0, new: 1, studied: 2, nextDue: good.due });
      clock.time = good.due;
      today = await owner.caller.recall.today();
      expect(today.palaces[0]).toMatchObject({ due: 1, new: 1, nextDue: easy.due });
      expect(today).toMatchObject({ due: 1, new: 1 });

      // A miss counts as coming back within minutes, then as due again once its step is over.
      const miss = await owner.caller.recall.grade({ conceptId: conv.concept.id, rating: 1, idempotencyKey: crypto.randomUUID() });
      expect(miss.state).toBe("relearning");
      today = await owner.caller.recall.today();
      expect(today).toMatchObject({ due: 0, new: 1, relearning: 1 });
      clock.time = miss.due;
      today = await owner.caller.recall.today();
      expect(today).toMatchObject({ due: 1, relearning: 0 });
    });

    it("needs sign-in", async () => {
      expect(await rejectionOf(anonymous(database).recall.today())).toMatchObject({ code: "UNAUTHORIZED" });
    });
  });

  describe("retrievability", () => {
    it("gives each concept the caller's chance of recall now, null when never studied, fading with time", async () => {
      const { owner, palace, conv, pool, relu, clock } = await studyPalace();
      await owner.caller.recall.grade({ conceptId: conv.concept.id, rating: 3, idempotencyKey: crypto.randomUUID() });
      const now = await owner.caller.recall.retrievability({ palaceId: palace.id });
      expect(now).toEqual([
        { conceptId: conv.concept.id, retrievability: 1 },
        { conceptId: pool.concept.id, retrievability: null },
        { conceptId: relu.concept.id, retrievability: null },
      ]);
      clock.pass(10);
      const later = await owner.caller.recall.retrievability({ palaceId: palace.id });
      expect(later[0]!.retrievability).toBeGreaterThan(0);
      expect(later[0]!.retrievability).toBeLessThan(0.9);
      await owner.caller.palace.update({ id: palace.id, version: 1, visibility: "public" });
      expect((await anonymous(database).recall.retrievability({ palaceId: palace.id })).map((r) => r.retrievability)).toEqual([null, null, null]);
    });
  });

  describe("stats", () => {
    it("counts reviews per day, retention, the forecast and the weakest concepts", async () => {
      const { owner, palace, conv, pool, relu, clock } = await studyPalace();
      const grade = (conceptId: string, rating: number) => owner.caller.recall.grade({ conceptId, rating, idempotencyKey: crypto.randomUUID() });
      await grade(conv.concept.id, 3);
      await grade(pool.concept.id, 1);
      clock.pass(1);
      await grade(relu.concept.id, 4);
      const stats = await owner.caller.recall.stats({ palaceId: palace.id });
      expect(stats.palace).toEqual({ id: palace.id, title: "Test palace" });
      expect(stats.desiredRetention).toBe(0.9);
      expect(stats.totals).toMatchObject({ reviews: 3, studied: 3, recalledShare: 2 / 3 });
      expect(stats.days).toHaveLength(90);
      expect(stats.days.at(-2)).toEqual({ day: "2026-03-02", reviews: 2, again: 1, retention: 0.5 });
      expect(stats.days.at(-1)).toEqual({ day: "2026-03-03", reviews: 1, again: 0, retention: 2 / 3 });
      expect(stats.days[0]).toEqual({ day: "2025-12-04", reviews: 0, again: 0, retention: null });
      expect(stats.forecast).toHaveLength(30);
      expect(stats.forecast[0]).toEqual({ day: "2026-03-03", due: 1 });
      expect(stats.forecast.reduce((n, d) => n + d.due, 0)).toBe(3);
      expect(stats.weakest.map((w) => w.title)).toEqual(["Max pooling", "Convolution", "ReLU"]);
      expect(stats.weakest[0]).toMatchObject({ palaceTitle: "Test palace", lapses: 0, reps: 1 });

      const overall = await owner.caller.recall.stats({});
      expect(overall.palace).toBeNull();
      expect(overall.totals.reviews).toBe(3);
    });

    it("leaves out palaces the person can no longer read", async () => {
      const { palace, conv, clock } = await studyPalace();
      const guest = await personWithClock(database, "Guest", clock);
      await addMember(database, palace.id, guest.user.id, "viewer");
      await guest.caller.recall.grade({ conceptId: conv.concept.id, rating: 3, idempotencyKey: crypto.randomUUID() });
      expect((await guest.caller.recall.stats({})).totals).toMatchObject({ reviews: 1, studied: 1 });
      expect((await guest.caller.recall.today()).palaces).toHaveLength(1);
      await database.db.execute(`delete from palace_members where user_id = '${guest.user.id}'`);
      expect((await guest.caller.recall.stats({})).totals).toMatchObject({ reviews: 0, studied: 0, recalledShare: null });
      expect((await guest.caller.recall.today()).palaces).toEqual([]);
    });
  });

  describe("settings", () => {
    it("starts at the defaults, saves changes, and the scheduler uses them", async () => {
      const { owner, conv, pool } = await studyPalace();
      expect(await owner.caller.settings.get()).toEqual({ desiredRetention: 0.9, maximumInterval: 365 });
      expect(await owner.caller.settings.update({ maximumInterval: 2 })).toEqual({ desiredRetention: 0.9, maximumInterval: 2 });
      expect(await owner.caller.settings.update({ desiredRetention: 0.95 })).toEqual({ desiredRetention: 0.95, maximumInterval: 2 });
      const easy = await owner.caller.recall.grade({ conceptId: conv.concept.id, rating: 4, idempotencyKey: crypto.randomUUID() });
      expect(easy.scheduledDays).toBe(2);
      await owner.caller.settings.update({ maximumInterval: 365, desiredRetention: 0.7 });
      const relaxed = await owner.caller.recall.grade({ conceptId: pool.concept.id, rating: 4, idempotencyKey: crypto.randomUUID() });
      expect(relaxed.scheduledDays).toBeGreaterThan(2);
    });

    it("refuses values out of range with a sentence, and needs sign-in", async () => {
      const { owner } = await studyPalace();
      expect(await rejectionOf(owner.caller.settings.update({ desiredRetention: 0.99 }))).toMatchObject({
        code: "BAD_REQUEST",
        message: "desiredRetention: Desired retention must be at most 97%.",
      });
      expect(await rejectionOf(owner.caller.settings.update({ maximumInterval: 0 }))).toMatchObject({
        message: "maximumInterval: Maximum interval must be at least 1 day.",
      });
      expect(await owner.caller.settings.get()).toEqual({ desiredRetention: 0.9, maximumInterval: 365 });
      expect(await rejectionOf(anonymous(database).settings.get())).toMatchObject({ code: "UNAUTHORIZED" });
    });
  });
});
