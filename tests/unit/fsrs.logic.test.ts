// Personal FSRS parameters: the held-out split, the adoption rule, the automatic trigger on an
// injected clock, and the optimiser's figures on a simulated learner.
import { describe, expect, it } from "vitest";
import {
  adopt,
  AUTO_EVERY_MS,
  AUTO_EVERY_REVIEWS,
  DEFAULT_PARAMETERS,
  dueForAutoFit,
  MIN_REVIEWS,
  splitHeldOut,
  usableParameters,
} from "~/server/domain/recall/fsrs.logic";
import { grade, newCard } from "~/server/domain/recall/recall.logic";
import { simulateLearner, TRUE_PARAMETERS } from "../helpers/fsrs-learner";
// @ts-expect-error the optimiser's child is plain JavaScript
import { fit } from "~/server/domain/recall/fsrs-fit.worker.mjs";

const T0 = new Date("2026-01-01T09:00:00Z");
const day = (n: number, minutes = 0) => new Date(T0.getTime() + n * 86_400_000 + minutes * 60_000);

describe("splitHeldOut", () => {
  const events = [
    { conceptId: "a", rating: 3, reviewedAt: day(0) },
    { conceptId: "a", rating: 1, reviewedAt: day(2) },
    { conceptId: "a", rating: 3, reviewedAt: day(2, 10) },
    { conceptId: "b", rating: 3, reviewedAt: day(1) },
    { conceptId: "b", rating: 3, reviewedAt: day(4) },
    { conceptId: "a", rating: 3, reviewedAt: day(7) },
    { conceptId: "b", rating: 4, reviewedAt: day(9) },
    { conceptId: "c", rating: 3, reviewedAt: day(9, 5) },
    { conceptId: "a", rating: 3, reviewedAt: day(20) },
    { conceptId: "b", rating: 3, reviewedAt: day(25) },
  ];

  it("holds out the most recent fifth by time, whatever order the log came in", () => {
    const split = splitHeldOut([...events].reverse());
    expect(split.reviewCount).toBe(10);
    expect(split.heldOutCount).toBe(2);
    expect(split.cut).toEqual(day(20));
    // The two held-out reviews test with their whole history before them, in days between reviews.
    expect(split.test).toEqual([
      [[3, 0], [1, 2], [3, 0], [3, 5], [3, 13]],
      [[3, 0], [3, 3], [4, 5], [3, 16]],
    ]);
  });

  it("trains on earlier reviews only, and never on a first sight", () => {
    const { train } = splitHeldOut(events);
    expect(train).toEqual([
      [[3, 0], [1, 2]],
      [[3, 0], [1, 2], [3, 0]],
      [[3, 0], [1, 2], [3, 0], [3, 5]],
      [[3, 0], [3, 3]],
      [[3, 0], [3, 3], [4, 5]],
    ]);
    expect(train.flat(2).length).toBeGreaterThan(0);
  });

  it("tests only reviews made on a later day than the one before", () => {
    const sameDay = [...events, { conceptId: "c", rating: 3, reviewedAt: day(30) }, { conceptId: "c", rating: 3, reviewedAt: day(30, 10) }];
    const { test } = splitHeldOut(sameDay);
    expect(test.every((item) => item.at(-1)![1] > 0)).toBe(true);
  });
});

describe("adopt", () => {
  it("adopts only when both log loss and RMSE are lower", () => {
    expect(adopt({ logLoss: 0.5, rmse: 0.1 }, { logLoss: 0.4, rmse: 0.05 })).toBe(true);
    expect(adopt({ logLoss: 0.5, rmse: 0.1 }, { logLoss: 0.4, rmse: 0.1 })).toBe(false);
    expect(adopt({ logLoss: 0.5, rmse: 0.1 }, { logLoss: 0.5, rmse: 0.05 })).toBe(false);
    expect(adopt({ logLoss: 0.5, rmse: 0.1 }, { logLoss: 0.6, rmse: 0.05 })).toBe(false);
    expect(adopt({ logLoss: 0.5, rmse: 0.1 }, { logLoss: Number.NaN, rmse: 0.05 })).toBe(false);
  });

  it("schedules only with a full set of finite parameters", () => {
    expect(usableParameters([...DEFAULT_PARAMETERS])).toBe(true);
    expect(usableParameters(DEFAULT_PARAMETERS.slice(0, 19))).toBe(false);
    expect(usableParameters([...DEFAULT_PARAMETERS.slice(0, 20), Number.POSITIVE_INFINITY])).toBe(false);
    expect(usableParameters(null)).toBe(false);
  });
});

describe("dueForAutoFit on an injected clock", () => {
  const lastFitAt = new Date("2026-03-01T00:00:00Z");
  const at = (ms: number) => new Date(lastFitAt.getTime() + ms);

  it("waits for enough reviews before the first fit", () => {
    expect(dueForAutoFit({ totalReviews: MIN_REVIEWS - 1, reviewsSinceLastFit: MIN_REVIEWS - 1, lastFitAt: null }, at(0))).toBe(false);
    expect(dueForAutoFit({ totalReviews: MIN_REVIEWS, reviewsSinceLastFit: MIN_REVIEWS, lastFitAt: null }, at(0))).toBe(true);
  });

  it("fits again after N new reviews, or after a week with any new review", () => {
    const base = { totalReviews: 2000, lastFitAt };
    expect(dueForAutoFit({ ...base, reviewsSinceLastFit: AUTO_EVERY_REVIEWS - 1 }, at(AUTO_EVERY_MS - 1))).toBe(false);
    expect(dueForAutoFit({ ...base, reviewsSinceLastFit: AUTO_EVERY_REVIEWS }, at(60_000))).toBe(true);
    expect(dueForAutoFit({ ...base, reviewsSinceLastFit: 1 }, at(AUTO_EVERY_MS))).toBe(true);
    expect(dueForAutoFit({ ...base, reviewsSinceLastFit: 0 }, at(AUTO_EVERY_MS * 10))).toBe(false);
  });
});

describe("the optimiser on a simulated learner", () => {
  it("fits parameters that predict held-out reviews better than the defaults, and the scheduler uses them", async () => {
    const events = simulateLearner({ reviews: 2000, seed: 11, start: T0 });
    const split = splitHeldOut(events);
    const result = (await fit({ train: split.train, test: split.test, defaults: [...DEFAULT_PARAMETERS] })) as {
      parameters: number[];
      defaults: { logLoss: number; rmse: number };
      fitted: { logLoss: number; rmse: number };
    };
    expect(usableParameters(result.parameters)).toBe(true);
    expect(result.fitted.logLoss).toBeLessThan(result.defaults.logLoss);
    expect(result.fitted.rmse).toBeLessThan(result.defaults.rmse);
    expect(adopt(result.defaults, result.fitted)).toBe(true);
    // The learner's true first-sight memory is far weaker than the default; the fit moves toward it.
    expect(result.parameters[2]!).toBeLessThan(DEFAULT_PARAMETERS[2]!);
    expect(Math.abs(result.parameters[2]! - TRUE_PARAMETERS[2]!)).toBeLessThan(Math.abs(DEFAULT_PARAMETERS[2]! - TRUE_PARAMETERS[2]!));
    // A Good on a new concept now schedules the gap the fitted memory calls for.
    const settings = { desiredRetention: 0.9, maximumInterval: 365 };
    const seen = grade(newCard(T0), 3, T0, settings).card;
    const later = day(1);
    expect(grade(seen, 3, later, { ...settings, parameters: result.parameters }).card.scheduledDays).toBeLessThan(
      grade(seen, 3, later, settings).card.scheduledDays,
    );
  }, 60_000);
});
