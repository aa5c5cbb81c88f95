// /settings shows the last fit as the service records it: when it finished, how it ended, and
// the default and fitted figures on the held-out reviews, each to four places.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { LastFit } from "~/app/_components/recall/schedule-section";
import { decide, DEFAULT_PARAMETERS, evaluate, type Evaluation } from "~/server/domain/recall/fsrs.logic";
import type { TScheduleFit } from "~/server/domain/recall/fsrs.schema";
import { simulateLearner, TRUE_PARAMETERS } from "../helpers/fsrs-learner";

const T0 = new Date("2026-01-01T09:00:00Z");

describe("the last fit on /settings", () => {
  it("shows the date, the outcome and both figures of both parameter sets", () => {
    // Figures from our evaluation on a simulated learner, with the learner's own parameters standing in for a fit.
    const events = simulateLearner({ reviews: 1000, seed: 2, start: T0 });
    const defaults = evaluate(events, DEFAULT_PARAMETERS) as Extract<Evaluation, { kind: "measured" }>;
    const fitted = evaluate(events, TRUE_PARAMETERS) as Extract<Evaluation, { kind: "measured" }>;
    const { adopted, outcome } = decide(defaults, fitted);
    const fit: TScheduleFit = {
      status: "done",
      reason: "manual",
      createdAt: new Date("2026-03-04T05:00:00Z"),
      finishedAt: new Date("2026-03-04T05:06:07Z"),
      reviewCount: 1000,
      heldOutCount: defaults.scored,
      defaults: { logLoss: defaults.logLoss, rmse: defaults.rmse },
      fitted: { logLoss: fitted.logLoss, rmse: fitted.rmse },
      adopted,
      outcome,
    };
    const html = renderToStaticMarkup(createElement(LastFit, { fit }));
    expect(html).toContain("Last fit 2026-03-04 05:06 UTC (asked for)");
    expect(html).toContain(outcome);
    expect(html).toContain(`On ${defaults.scored} of your most recent reviews`);
    const cells = [...html.matchAll(/<td>([^<]*)<\/td>/g)].map((m) => m[1]);
    expect(cells).toEqual([defaults.logLoss, defaults.rmse, fitted.logLoss, fitted.rmse].map((n) => n.toFixed(4)));
  });

  it("shows no table for a fit that was not judged", () => {
    const fit: TScheduleFit = {
      status: "done",
      reason: "auto",
      createdAt: T0,
      finishedAt: T0,
      reviewCount: 450,
      heldOutCount: 3,
      defaults: null,
      fitted: null,
      adopted: false,
      outcome: decide({ kind: "too-few", scored: 3, minimum: 20 }, null).outcome,
    };
    const html = renderToStaticMarkup(createElement(LastFit, { fit }));
    expect(html).toContain("(automatic)");
    expect(html).toContain("only 3 of your recent reviews");
    expect(html).not.toContain("<table");
  });
});
