// The FSRS optimiser, run in a child process: a fit never holds up the server's event loop, and
// the optimiser's native code aborts its whole process on some inputs, which must not be the
// server's. Plain JavaScript so Node runs it as it is, outside the app's bundle. Given training
// items, it fits parameters; judging them on held-out reviews is fsrs.logic.ts's evaluate.
import { computeParameters, FSRSBindingItem, FSRSBindingReview } from "@open-spaced-repetition/binding";

/** @param {[number, number][][]} items */
const toItems = (items) => items.map((reviews) => new FSRSBindingItem(reviews.map(([rating, days]) => new FSRSBindingReview(rating, days))));

/**
 * @param {{ train: [number, number][][] }} input
 * @returns {Promise<{ parameters: number[], fitMs: number }>}
 */
export async function fit(input) {
  const started = performance.now();
  const parameters = await computeParameters(toItems(input.train), { enableShortTerm: true, numRelearningSteps: 1 });
  return { parameters, fitMs: Math.round(performance.now() - started) };
}

// Forked by the server: one input in, one answer out, then exit.
const send = process.argv.includes("--fsrs-fit") ? process.send?.bind(process) : undefined;
if (send) {
  process.once("message", (input) => {
    fit(/** @type {any} */ (input)).then(
      (result) => send({ ok: true, result }, () => process.exit(0)),
      (error) => send({ ok: false, message: error instanceof Error ? error.message : String(error) }, () => process.exit(0)),
    );
  });
}
