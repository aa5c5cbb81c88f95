// Personal FSRS parameters: the held-out split, our evaluation of a parameter vector on the
// held-out reviews (figures worked out by hand on a tiny log), the adoption rule, the automatic
// trigger on an injected clock, and the optimiser's fit judged on a simulated learner.
import { describe, expect, it } from "vitest";
import {
  adopt,
  AUTO_EVERY_MS,
  AUTO_EVERY_REVIEWS,
  decide,
  DEFAULT_PARAMETERS,
  dueForAutoFit,
  evaluate,
  type Evaluation,
  figuresOf,
  MIN_REVIEWS,
  MIN_SCORED_REVIEWS,
  predictHeldOut,
  PROBABILITY_CLAMP,
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
    expect(splitHeldOut(events)).toEqual(split);
    // The two held-out reviews (a at day 20, b at day 25) are the ones evaluate scores.
    expect(predictHeldOut(events, DEFAULT_PARAMETERS)).toHaveLength(2);
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
  });

  it("scores only held-out reviews made on a later day than the one before", () => {
    // Twelve reviews, two held out: c's return on day 30 and its repeat ten minutes later.
    const sameDay = [...events, { conceptId: "c", rating: 3, reviewedAt: day(30) }, { conceptId: "c", rating: 3, reviewedAt: day(30, 10) }];
    expect(splitHeldOut(sameDay).heldOutCount).toBe(2);
    expect(predictHeldOut(sameDay, DEFAULT_PARAMETERS)).toHaveLength(1);
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

describe("evaluate", () => {
  const w = DEFAULT_PARAMETERS;
  // FSRS-6's forgetting curve, written out from its definition: R = 0.9 after `stability` days.
  const decay = -w[20]!;
  const factor = 0.9 ** (1 / decay) - 1;
  const recallAfter = (days: number, stability: number) => (1 + (factor * days) / stability) ** decay;
  // A same-day grade changes stability by FSRS-6's short-term rule (no floor at 1 for Again).
  const sameDay = (stability: number, rating: number) => stability * stability ** -w[19]! * Math.exp(w[17]! * (rating - 3 + w[18]!));

  // Seven grades; the most recent four (share 0.6) are held out: c's first sight, b's Again two
  // days on, b's repeat ten minutes later, a's Good three days on. Only the second and the last
  // are scored: a first sight predicts nothing, a same-day repeat tests no forgetting curve.
  const log = [
    { conceptId: "a", rating: 3, reviewedAt: day(0) },
    { conceptId: "b", rating: 3, reviewedAt: day(0) },
    { conceptId: "b", rating: 1, reviewedAt: day(0, 10) },
    { conceptId: "c", rating: 3, reviewedAt: day(1) },
    { conceptId: "b", rating: 1, reviewedAt: day(2) },
    { conceptId: "b", rating: 3, reviewedAt: day(2, 10) },
    { conceptId: "a", rating: 3, reviewedAt: day(3) },
  ];

  it("scores the held-out reviews with figures worked out by hand", () => {
    // a: first-sight Good gives stability w2; recalled three days later.
    const ra = recallAfter(3, w[2]!);
    // b: first-sight Good, then Again the same day; missed two days later.
    const rb = recallAfter(2, sameDay(w[2]!, 1));
    expect(ra).toBeGreaterThan(0.5);
    expect(rb).toBeGreaterThan(0);
    const predictions = predictHeldOut(log, w, 0.6);
    expect(predictions).toHaveLength(2);
    const byOutcome = [...predictions].sort((x, y) => Number(x.recalled) - Number(y.recalled));
    expect(byOutcome[0]!.recalled).toBe(false);
    expect(byOutcome[0]!.recall).toBeCloseTo(rb, 6);
    expect(byOutcome[1]!.recalled).toBe(true);
    expect(byOutcome[1]!.recall).toBeCloseTo(ra, 6);

    const result = evaluate(log, w, { share: 0.6, minimum: 1 });
    expect(result.kind).toBe("measured");
    const figures = result as Extract<Evaluation, { kind: "measured" }>;
    expect(figures.scored).toBe(2);
    expect(figures.logLoss).toBeCloseTo((-Math.log(ra) - Math.log(1 - rb)) / 2, 6);
    expect(figures.rmse).toBeCloseTo(Math.sqrt(((1 - ra) ** 2 + rb ** 2) / 2), 6);
  });

  it("gives the same figures whatever order the log came in", () => {
    const events = simulateLearner({ reviews: 600, seed: 3, start: T0 });
    const result = evaluate(events, w);
    expect(result.kind).toBe("measured");
    expect(evaluate([...events].reverse(), w)).toEqual(result);
  });

  it("ranks a perfect predictor above a bad one, and keeps a confident miss finite", () => {
    const outcomes = [true, true, false, true, false];
    const perfect = figuresOf(outcomes.map((recalled) => ({ recall: recalled ? 1 : 0, recalled })));
    const fair = figuresOf(outcomes.map((recalled) => ({ recall: 0.6, recalled })));
    const wrong = figuresOf(outcomes.map((recalled) => ({ recall: recalled ? 0 : 1, recalled })));
    expect(perfect.rmse).toBe(0);
    expect(perfect.logLoss).toBeCloseTo(-Math.log(1 - PROBABILITY_CLAMP), 10);
    expect(fair.logLoss).toBeCloseTo(-(3 * Math.log(0.6) + 2 * Math.log(0.4)) / 5, 10);
    expect(fair.rmse).toBeCloseTo(Math.sqrt((3 * 0.4 ** 2 + 2 * 0.6 ** 2) / 5), 10);
    expect(wrong.rmse).toBe(1);
    expect(wrong.logLoss).toBeCloseTo(-Math.log(PROBABILITY_CLAMP), 10);
    expect(perfect.logLoss).toBeLessThan(fair.logLoss);
    expect(fair.logLoss).toBeLessThan(wrong.logLoss);
    expect(perfect.rmse).toBeLessThan(fair.rmse);
    expect(fair.rmse).toBeLessThan(wrong.rmse);
  });

  it("judges the learner's true parameters better than the defaults on its held-out reviews", () => {
    const events = simulateLearner({ reviews: 3000, seed: 5, start: T0 });
    const truth = evaluate(events, TRUE_PARAMETERS);
    const defaults = evaluate(events, w);
    expect(truth.kind).toBe("measured");
    expect(defaults.kind).toBe("measured");
    expect(adopt(defaults as Extract<Evaluation, { kind: "measured" }>, truth as Extract<Evaluation, { kind: "measured" }>)).toBe(true);
  });

  it("measures a held-out set of one review when asked to, and otherwise says it is too small", () => {
    const tiny = [
      { conceptId: "a", rating: 3, reviewedAt: day(0) },
      { conceptId: "b", rating: 3, reviewedAt: day(1) },
      { conceptId: "a", rating: 2, reviewedAt: day(4) },
    ];
    // share 0.34 holds out one review: a's Hard, four days after its first sight.
    const one = evaluate(tiny, w, { share: 0.34, minimum: 1 });
    const r = recallAfter(4, w[2]!);
    expect(one).toMatchObject({ kind: "measured", scored: 1 });
    expect((one as Extract<Evaluation, { kind: "measured" }>).logLoss).toBeCloseTo(-Math.log(r), 6);
    expect((one as Extract<Evaluation, { kind: "measured" }>).rmse).toBeCloseTo(1 - r, 6);
    expect(evaluate(tiny, w, { share: 0.34 })).toEqual({ kind: "too-few", scored: 1, minimum: MIN_SCORED_REVIEWS });
    // Nothing scored (the held-out review is a first sight): too few even with a minimum of one.
    expect(evaluate(tiny.slice(0, 2), w, { share: 0.5, minimum: 1 })).toEqual({ kind: "too-few", scored: 0, minimum: 1 });
    expect(evaluate([], w, { minimum: 0 })).toEqual({ kind: "too-few", scored: 0, minimum: 1 });
  });
});

describe("decide", () => {
  const measured = (logLoss: number, rmse: number): Evaluation => ({ kind: "measured", scored: 50, logLoss, rmse });

  it("adopts fitted parameters that are better on both measures, and keeps the current ones otherwise", () => {
    expect(decide(measured(0.6, 0.45), measured(0.5, 0.42))).toMatchObject({ adopted: true, outcome: expect.stringMatching(/^Adopted/) });
    expect(decide(measured(0.5, 0.42), measured(0.6, 0.45))).toMatchObject({ adopted: false, outcome: expect.stringMatching(/did not predict/) });
    expect(decide(measured(0.6, 0.42), measured(0.5, 0.43))).toMatchObject({ adopted: false });
  });

  it("keeps the current parameters when the held-out set is too small or the fit unusable, and says why", () => {
    const tooFew: Evaluation = { kind: "too-few", scored: 7, minimum: MIN_SCORED_REVIEWS };
    expect(decide(tooFew, null)).toEqual({
      adopted: false,
      outcome: `Kept your current parameters: only 7 of your recent reviews came a day or more after the one before, and judging a fit needs ${MIN_SCORED_REVIEWS}.`,
    });
    expect(decide(measured(0.6, 0.45), null)).toMatchObject({ adopted: false, outcome: expect.stringMatching(/cannot use/) });
  });
});

describe("the optimiser on a simulated learner", () => {
  it("fits parameters that predict held-out reviews better than the defaults, and the scheduler uses them", async () => {
    const events = simulateLearner({ reviews: 2000, seed: 11, start: T0 });
    const split = splitHeldOut(events);
    const result = (await fit({ train: split.train })) as { parameters: number[] };
    expect(usableParameters(result.parameters)).toBe(true);
    const defaults = evaluate(events, DEFAULT_PARAMETERS);
    const fitted = evaluate(events, result.parameters);
    expect(defaults.kind).toBe("measured");
    expect(fitted.kind).toBe("measured");
    const [d, f] = [defaults, fitted] as Extract<Evaluation, { kind: "measured" }>[];
    expect(f!.logLoss).toBeLessThan(d!.logLoss);
    expect(f!.rmse).toBeLessThan(d!.rmse);
    expect(decide(defaults, fitted).adopted).toBe(true);
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
