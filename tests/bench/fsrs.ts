// `npm run bench:fsrs`: personal FSRS parameters on simulated learners whose memory follows FSRS
// with known non-default parameters (tests/helpers/fsrs-learner.ts). After 1,000 and 5,000
// reviews: log loss and RMSE (binned) on each learner's held-out most recent 20 % of reviews, with
// the default and the fitted parameters; the fitting time for 10,000 reviews through the app's
// own path (the optimiser in a child process); and the p99 of palace reads through the real
// service while a fit runs against the same run's reads with none.
import os from "node:os";
import { openDatabase } from "~/server/db/client";
import { DEFAULT_PARAMETERS, splitHeldOut } from "~/server/domain/recall/fsrs.logic";
import { fitInChild } from "~/server/domain/recall/fsrs.service";
import { palaceWithTwoRooms, placeConcept } from "../helpers/world";
import { simulateLearner } from "../helpers/fsrs-learner";
import { writeSection } from "./section";

const START = new Date("2026-01-01T00:00:00Z");
const LEARNERS = 5;
const READS = 400;

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.99))]!;
const f4 = (n: number) => n.toFixed(4);

async function accuracy(reviews: number) {
  const rows = [];
  let refused = 0;
  for (let seed = 1; seed <= LEARNERS; seed++) {
    const split = splitHeldOut(simulateLearner({ reviews, seed, start: START }));
    try {
      const r = await fitInChild({ train: split.train, test: split.test, defaults: [...DEFAULT_PARAMETERS] });
      rows.push({ ...r, heldOut: split.test.length });
    } catch {
      // The optimiser's evaluation refuses a held-out set it finds too small (NotEnoughData).
      refused++;
    }
  }
  return {
    reviews,
    defaults: { logLoss: mean(rows.map((r) => r.defaults.logLoss)), rmse: mean(rows.map((r) => r.defaults.rmse)) },
    fitted: { logLoss: mean(rows.map((r) => r.fitted.logLoss)), rmse: mean(rows.map((r) => r.fitted.rmse)) },
    better: rows.filter((r) => r.fitted.logLoss < r.defaults.logLoss && r.fitted.rmse < r.defaults.rmse).length,
    heldOut: Math.round(mean(rows.map((r) => r.heldOut))),
    measured: rows.length,
    refused,
  };
}

async function main() {
  const load = os.loadavg().map((n) => n.toFixed(2)).join(" ");
  const results = [await accuracy(1000), await accuracy(5000)];

  const big = splitHeldOut(simulateLearner({ reviews: 10_000, seed: 99, start: START }));
  const bigInput = { train: big.train, test: big.test, defaults: [...DEFAULT_PARAMETERS] };
  const wallStart = performance.now();
  const bigFit = await fitInChild(bigInput);
  const wallMs = performance.now() - wallStart;

  // Palace reads through the real service on an in-process PGlite, with and without a fit running.
  const database = await openDatabase({ kind: "pglite" });
  await database.migrate();
  const base = await palaceWithTwoRooms(database);
  for (let i = 0; i < 20; i++) await placeConcept(base.owner.caller, base.palace.id, i % 2 ? base.roomB.id : base.roomA.id, `Concept ${i}`, { x: 1 + (i % 5), z: 1 + Math.floor(i / 5) });
  const reads = async () => {
    const times: number[] = [];
    for (let i = 0; i < READS; i++) {
      const t = performance.now();
      await base.owner.caller.palace.get({ id: base.palace.id });
      times.push(performance.now() - t);
    }
    return times;
  };
  await reads(); // warm-up
  const idle = await reads();
  let fitting = true;
  let fitsDuring = 0;
  const fitLoop = (async () => {
    while (fitting) {
      await fitInChild(bigInput);
      fitsDuring++;
    }
  })();
  const busy = await reads();
  fitting = false;
  await fitLoop;
  await database.close();
  const loadAfter = os.loadavg().map((n) => n.toFixed(2)).join(" ");

  const table = [
    "| reviews per learner | held-out items (mean) | log loss default | log loss fitted | RMSE default | RMSE fitted | learners where fitted is better on both | learners whose held-out set the optimiser found too small |",
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...results.map(
      (r) => `| ${r.reviews} | ${r.heldOut} | ${f4(r.defaults.logLoss)} | ${f4(r.fitted.logLoss)} | ${f4(r.defaults.rmse)} | ${f4(r.fitted.rmse)} | ${r.better} of ${r.measured} | ${r.refused} |`,
    ),
  ].join("\n");
  const timing = [
    "| measure | figure |",
    "| --- | ---: |",
    `| fit of 10,000 reviews (${big.train.length} training items): optimiser time | ${(bigFit.fitMs / 1000).toFixed(2)} s (budget 10 s) |`,
    `| same, whole child process (start, fit, evaluate, answer) | ${(wallMs / 1000).toFixed(2)} s |`,
    `| palace.get p99, no fit running (${READS} reads) | ${p99(idle).toFixed(2)} ms |`,
    `| palace.get p99, fits of 10,000 reviews running meanwhile (${fitsDuring} fits) | ${p99(busy).toFixed(2)} ms |`,
    `| ratio busy / idle p99 | ${(p99(busy) / p99(idle)).toFixed(2)} |`,
    `| median busy / idle | ${(p99(busy.slice().sort((a, b) => a - b).slice(0, busy.length / 2)) / p99(idle.slice().sort((a, b) => a - b).slice(0, idle.length / 2))).toFixed(2)} |`,
  ].join("\n");
  const body = [
    "## Personal FSRS parameters (`npm run bench:fsrs`)",
    "",
    `Simulated learners (${LEARNERS} per row, seeds 1–${LEARNERS}) whose memory follows FSRS with parameters far from the defaults (first-sight stabilities ×0.2, growth ×0.5, decay 0.5); the app schedules them with the defaults, recall is drawn from their true retrievability. Figures are means over the learners on each one's most recent 20 % of reviews (held out of the fit). "Before" is the default parameters, "after" the fitted ones, in the same run.`,
    "",
    table,
    "",
    timing,
    "",
    `Load average (1/5/15 min) at the start: ${load}; at the end: ${loadAfter}. Measured on the shared 2-core machine while other work ran, so absolute times are noisy; the ratio comes from one run.`,
  ].join("\n");
  console.log(body);
  writeSection("fsrs", body);
}

await main();
