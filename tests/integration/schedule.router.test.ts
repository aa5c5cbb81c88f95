// Personal FSRS parameters through the router and the job table, on real databases: a person's
// fit is queued once, claimed by one instance of two running at once, runs the real optimiser in
// its child process, and is adopted only when better; only the person can start or reset theirs.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/server/db/client";
import { concepts, fsrsJobs, fsrsParameters, palaces, reviewLogs } from "~/server/db/schema";
import { DEFAULT_PARAMETERS, MIN_REVIEWS, MIN_SCORED_REVIEWS, type ReviewEvent } from "~/server/domain/recall/fsrs.logic";
import { drainJobs, enqueueDue, type Fitter, fitInChild, schedulerSettingsOf } from "~/server/domain/recall/fsrs.service";
import { simulateLearner } from "../helpers/fsrs-learner";
import { testDatabases } from "../helpers/databases";
import { anonymous, rejectionOf, signUp } from "../helpers/world";

const START = new Date("2026-01-01T00:00:00Z");

describe.each(testDatabases)("schedule router on $name", (target) => {
  let database: Database & { drop(): Promise<void> };
  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(() => database.drop());

  /** A person with `reviews` simulated grades (or the given ones) stored in their review log. */
  async function learner(name: string, reviews: number, given?: ReviewEvent[]) {
    const person = await signUp(database, name);
    const palace = await person.caller.palace.create({ title: `${name}'s palace` });
    const events = given ?? simulateLearner({ reviews, seed: 11, start: START });
    const ids = [...new Set(events.map((e) => e.conceptId))];
    await database.db.insert(concepts).values(ids.map((id, i) => ({ id, palaceId: palace.id, title: `C${i}` })));
    for (let i = 0; i < events.length; i += 500) {
      await database.db.insert(reviewLogs).values(
        events.slice(i, i + 500).map((e) => ({
          userId: person.user.id,
          palaceId: palace.id,
          conceptId: e.conceptId,
          idempotencyKey: crypto.randomUUID(),
          rating: e.rating,
          state: 2,
          due: e.reviewedAt,
          stability: 1,
          difficulty: 5,
          elapsedDays: 0,
          lastElapsedDays: 0,
          scheduledDays: 0,
          learningSteps: 0,
          reviewedAt: e.reviewedAt,
        })),
      );
    }
    return { ...person, palace };
  }

  it("runs a person's fit once across two instances claiming at the same time, and adopts it when better", async () => {
    const ann = await learner("Ann", 2000);
    const before = await ann.caller.schedule.status();
    expect(before).toMatchObject({ using: "defaults", reviewCount: 2000, pending: null, last: null });
    const queued = await ann.caller.schedule.optimise({});
    expect(queued.pending).toMatchObject({ status: "queued", reason: "manual" });
    // Asking again while it waits keeps the one job.
    await ann.caller.schedule.optimise({});
    expect(await database.db.select().from(fsrsJobs).where(eq(fsrsJobs.userId, ann.user.id))).toHaveLength(1);

    let fits = 0;
    const counting: Fitter = async (input) => {
      fits++;
      return fitInChild(input);
    };
    const ran = await Promise.all([drainJobs(database.db, "instance-a", counting), drainJobs(database.db, "instance-b", counting)]);
    expect(ran.reduce((a, b) => a + b, 0)).toBe(1);
    expect(fits).toBe(1);

    const after = await ann.caller.schedule.status();
    expect(after.pending).toBeNull();
    expect(after.last).toMatchObject({ status: "done", reviewCount: 2000, adopted: true });
    expect(after.last!.fitted!.logLoss).toBeLessThan(after.last!.defaults!.logLoss);
    expect(after.last!.fitted!.rmse).toBeLessThan(after.last!.defaults!.rmse);
    expect(after.using).toBe("fitted");
    expect((await schedulerSettingsOf(database.db, ann.user.id)).parameters).toHaveLength(21);

    // Going back to defaults leaves the fit's figures listed.
    const reset = await ann.caller.schedule.reset({});
    expect(reset).toMatchObject({ using: "defaults", adoptedAt: null, last: { adopted: true } });
    expect((await schedulerSettingsOf(database.db, ann.user.id)).parameters).toBeNull();
  }, 120_000);

  it("keeps the defaults when the fitted parameters predict the held-out reviews worse, with both figures shown", async () => {
    const di = await learner("Di", 1000);
    await di.caller.schedule.optimise({});
    // A fit that comes back with first-sight stabilities a hundred times the defaults' predicts far too much recall.
    const overconfident: Fitter = async () => ({ parameters: DEFAULT_PARAMETERS.map((w, i) => (i <= 3 ? w * 100 : w)), fitMs: 1 });
    expect(await drainJobs(database.db, "instance-a", overconfident)).toBe(1);
    const after = await di.caller.schedule.status();
    expect(after.using).toBe("defaults");
    expect(after.last).toMatchObject({ status: "done", adopted: false, outcome: expect.stringMatching(/did not predict/) });
    expect(after.last!.heldOutCount).toBeGreaterThanOrEqual(MIN_SCORED_REVIEWS);
    expect(after.last!.fitted!.logLoss).toBeGreaterThan(after.last!.defaults!.logLoss);
  });

  it("runs no fit when too few held-out reviews came on a later day, and says so", async () => {
    // Enough reviews, but every card is seen twice within a morning, except one card seen again a week on.
    const events: ReviewEvent[] = [];
    for (let i = 0; i < MIN_REVIEWS / 2; i++) {
      const at = new Date(START.getTime() + i * 3_600_000);
      events.push({ conceptId: crypto.randomUUID(), rating: 3, reviewedAt: at }, { conceptId: "", rating: 3, reviewedAt: new Date(at.getTime() + 60_000) });
    }
    for (let i = 0; i < events.length; i += 2) events[i + 1]!.conceptId = events[i]!.conceptId;
    events.push({ conceptId: events.at(-1)!.conceptId, rating: 3, reviewedAt: new Date(events.at(-1)!.reviewedAt.getTime() + 7 * 86_400_000) });
    const ed = await learner("Ed", events.length, events);
    await ed.caller.schedule.optimise({});
    let fits = 0;
    const counting: Fitter = async () => {
      fits++;
      return { parameters: [...DEFAULT_PARAMETERS], fitMs: 1 };
    };
    expect(await drainJobs(database.db, "instance-a", counting)).toBe(1);
    expect(fits).toBe(0);
    const after = await ed.caller.schedule.status();
    expect(after.last).toMatchObject({ status: "done", adopted: false, heldOutCount: 1, defaults: null, fitted: null });
    expect(after.last!.outcome).toContain(`only 1 of your recent reviews`);
  });

  it("queues automatic fits once for people with enough new reviews", async () => {
    const bo = await learner("Bo", MIN_REVIEWS + 10);
    const now = new Date("2026-06-01T00:00:00Z");
    const [first, second] = await Promise.all([enqueueDue(database.db, now), enqueueDue(database.db, now)]);
    const jobs = await database.db.select().from(fsrsJobs).where(eq(fsrsJobs.userId, bo.user.id));
    expect(jobs).toMatchObject([{ status: "queued", reason: "auto" }]);
    expect(first + second).toBeGreaterThanOrEqual(1);
  });

  it("refuses a fit with too few reviews, and strangers and visitors can neither start nor reset one", async () => {
    const cy = await signUp(database, "Cy");
    expect(await rejectionOf(cy.caller.schedule.optimise({}))).toMatchObject({ code: "BAD_REQUEST" });
    const visitor = anonymous(database);
    expect(await rejectionOf(visitor.schedule.optimise({}))).toMatchObject({ code: "UNAUTHORIZED" });
    expect(await rejectionOf(visitor.schedule.reset({}))).toMatchObject({ code: "UNAUTHORIZED" });
    // Nobody names whose schedule: an extra field is refused, not used.
    const [someone] = await database.db.select({ userId: fsrsParameters.userId }).from(fsrsParameters).limit(1);
    const victim = someone?.userId ?? (await database.db.select({ ownerId: palaces.ownerId }).from(palaces).limit(1))[0]!.ownerId;
    expect(await rejectionOf(cy.caller.schedule.reset({ userId: victim } as never))).toMatchObject({ code: "BAD_REQUEST" });
    expect(await rejectionOf(cy.caller.schedule.optimise({ userId: victim } as never))).toMatchObject({ code: "BAD_REQUEST" });
  });
});
