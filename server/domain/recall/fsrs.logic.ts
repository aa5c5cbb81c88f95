// Personal FSRS parameters as pure functions: a review log becomes the optimiser's items (one
// per review, with the card's history before it), the most recent reviews are held out, any
// parameter vector is scored on them (log loss and RMSE of its predicted recall), the adoption
// rule compares default and fitted figures, and the automatic trigger says when a person's
// history has grown enough (or aged enough) to fit again.
import { default_w, type FSRSState, fsrs, generatorParameters } from "ts-fsrs";

const DAY_MS = 86_400_000;

/** One grade from the log: which card, when, how. */
export interface ReviewEvent {
  conceptId: string;
  rating: number;
  reviewedAt: Date;
}

/** One optimiser item: the card's reviews up to and including this one, as [rating, days since the previous]. */
export type FitItem = [rating: number, deltaDays: number][];

/** Below this many reviews the optimiser has too little to learn from (it returns the defaults). */
export const MIN_REVIEWS = 400;
/** The share of a person's most recent reviews kept out of the fit to judge it. */
export const HELD_OUT_SHARE = 0.2;
/** A fit runs again by itself after this many new reviews... */
export const AUTO_EVERY_REVIEWS = 500;
/** ...or after a week with any new review. */
export const AUTO_EVERY_MS = 7 * DAY_MS;
export const DEFAULT_PARAMETERS: readonly number[] = default_w;

/** Whole UTC days between two moments, as FSRS counts them (same day: 0). */
export function daysBetween(earlier: Date, later: Date): number {
  return Math.floor(later.getTime() / DAY_MS) - Math.floor(earlier.getTime() / DAY_MS);
}

/** The log in review order (ties by card, so the split never depends on arrival order), the most recent `share` of it held out. */
function holdOut(events: ReviewEvent[], share: number) {
  const ordered = [...events].sort((a, b) => a.reviewedAt.getTime() - b.reviewedAt.getTime() || a.conceptId.localeCompare(b.conceptId));
  const heldOutCount = Math.floor(ordered.length * share);
  const cutIndex = ordered.length - heldOutCount;
  const byCard = new Map<string, ReviewEvent[]>();
  for (const e of ordered) {
    const list = byCard.get(e.conceptId) ?? [];
    list.push(e);
    byCard.set(e.conceptId, list);
  }
  return { ordered, byCard, heldOut: new Set(ordered.slice(cutIndex)), heldOutCount, cut: ordered[cutIndex]?.reviewedAt ?? null };
}

/**
 * Splits the log at the time of the most recent `share` of reviews: items whose review comes
 * before the cut train the fit (with the card's whole history before it); the reviews from the
 * cut on are kept out of it, for evaluate to judge the fit on. The first review of a card
 * predicts nothing and makes no item.
 */
export function splitHeldOut(events: ReviewEvent[], share = HELD_OUT_SHARE) {
  const { ordered, byCard, heldOut, heldOutCount, cut } = holdOut(events, share);
  const train: FitItem[] = [];
  for (const reviews of byCard.values()) {
    const history: FitItem = [];
    reviews.forEach((r, i) => {
      history.push([r.rating, i === 0 ? 0 : daysBetween(reviews[i - 1]!.reviewedAt, r.reviewedAt)]);
      // The optimiser refuses (it aborts the process) an item with no review on a later day.
      if (i === 0 || heldOut.has(r) || !hasLongTerm(history)) return;
      train.push(history.map((pair) => [...pair] as [number, number]));
    });
  }
  return { train, cut, heldOutCount, reviewCount: ordered.length };
}

/** Whether any review of the item came on a later day than the one before: the optimiser needs one. */
export function hasLongTerm(item: FitItem): boolean {
  return item.some(([, days]) => days > 0);
}

export interface Figures {
  logLoss: number;
  rmse: number;
}

/** Fewer scored held-out reviews than this say too little to tell two parameter sets apart. */
export const MIN_SCORED_REVIEWS = 20;
/** Predictions are kept this far from 0 and 1 in log loss, so one confident miss costs a lot but not infinitely much. */
export const PROBABILITY_CLAMP = 1e-4;

/** One held-out review: the recall chance the parameters gave it, and whether it was recalled (any grade but Again). */
export interface Prediction {
  recall: number;
  recalled: boolean;
}

/**
 * Replays each card's whole history with `parameters` (FSRS's memory state: first-sight
 * stability from the first grade, then one update per grade) and, at each held-out review, reads
 * the chance of recall the state gave it. Same-day repeats update the state by FSRS's short-term
 * rule, as the scheduler does (short-term steps on), but are not scored: a repeat minutes after a
 * miss tests the learning step, not the forgetting curve, and the scheduler itself reports no
 * recall chance while a card is in a step (FSRS's own evaluation skips them too). So a scored
 * review is a held-out review that is not the card's first and came on a later UTC day than the
 * one before.
 */
export function predictHeldOut(events: ReviewEvent[], parameters: readonly number[], share = HELD_OUT_SHARE): Prediction[] {
  const { byCard, heldOut } = holdOut(events, share);
  const memory = fsrs(generatorParameters({ w: [...parameters], enable_short_term: true }));
  const predictions: Prediction[] = [];
  for (const reviews of byCard.values()) {
    // The held-out reviews are the latest, so a card whose last review is not one has none.
    if (!heldOut.has(reviews.at(-1)!)) continue;
    let state: FSRSState | null = null;
    let previous: Date | null = null;
    for (const r of reviews) {
      const days = previous ? daysBetween(previous, r.reviewedAt) : 0;
      if (state && days > 0 && heldOut.has(r)) predictions.push({ recall: memory.forgetting_curve(days, state.stability), recalled: r.rating > 1 });
      state = memory.next_state(state, days, r.rating);
      previous = r.reviewedAt;
    }
  }
  return predictions;
}

/**
 * Log loss and RMSE of predictions (at least one). RMSE here is the plain per-review one: the
 * root of the mean squared gap between predicted recall and outcome (1 recalled, 0 not), that
 * is the root of the Brier score. FSRS's benchmark bins reviews first and compares each bin's
 * mean prediction with its recall rate; that needs many reviews per bin, and ours must judge a
 * few dozen, so we score each review on its own. Its figures are larger than binned ones
 * (outcome noise stays in) and are not comparable with them.
 */
export function figuresOf(predictions: Prediction[]): Figures {
  let logLoss = 0;
  let squared = 0;
  for (const { recall, recalled } of predictions) {
    const p = Math.min(1 - PROBABILITY_CLAMP, Math.max(PROBABILITY_CLAMP, recall));
    logLoss -= recalled ? Math.log(p) : Math.log(1 - p);
    squared += (recall - (recalled ? 1 : 0)) ** 2;
  }
  return { logLoss: logLoss / predictions.length, rmse: Math.sqrt(squared / predictions.length) };
}

/** How a parameter vector did on a person's held-out reviews, or why it was not judged. */
export type Evaluation = ({ kind: "measured" } & Figures & { scored: number }) | { kind: "too-few"; scored: number; minimum: number };

/**
 * Scores `parameters` on the most recent `share` of the log. Any number of scored reviews from
 * `minimum` up is measured (a minimum of 1 measures whatever there is); below it, the answer
 * says so instead of giving figures that would be noise.
 */
export function evaluate(events: ReviewEvent[], parameters: readonly number[], options: { share?: number; minimum?: number } = {}): Evaluation {
  const minimum = Math.max(1, options.minimum ?? MIN_SCORED_REVIEWS);
  const predictions = predictHeldOut(events, parameters, options.share);
  if (predictions.length < minimum) return { kind: "too-few", scored: predictions.length, minimum };
  return { kind: "measured", scored: predictions.length, ...figuresOf(predictions) };
}

/** Fitted parameters are adopted only when they predict the held-out reviews better on both measures. */
export function adopt(defaults: Figures, fitted: Figures): boolean {
  const finite = [defaults.logLoss, defaults.rmse, fitted.logLoss, fitted.rmse].every(Number.isFinite);
  return finite && fitted.logLoss < defaults.logLoss && fitted.rmse < defaults.rmse;
}

/**
 * The end of a fit: whether to adopt, and the sentence the person reads. `fitted` is null when
 * the optimiser's parameters cannot schedule at all.
 */
export function decide(defaults: Evaluation, fitted: Evaluation | null): { adopted: boolean; outcome: string } {
  const tooFew = ({ scored, minimum }: Extract<Evaluation, { kind: "too-few" }>) => ({
    adopted: false,
    outcome: `Kept your current parameters: only ${scored} of your recent reviews came a day or more after the one before, and judging a fit needs ${minimum}.`,
  });
  if (defaults.kind === "too-few") return tooFew(defaults);
  if (!fitted) return { adopted: false, outcome: "Kept your current parameters: the optimiser returned parameters the scheduler cannot use." };
  // Both are scored on the same reviews, so this holds whenever the defaults were measured.
  if (fitted.kind === "too-few") return tooFew(fitted);
  return adopt(defaults, fitted)
    ? { adopted: true, outcome: "Adopted: your fitted parameters predicted your recent reviews better than the defaults." }
    : { adopted: false, outcome: "Kept your current parameters: the fitted ones did not predict your recent reviews better than the defaults." };
}

/** Parameters a scheduler may use: the right count, every one a finite number. */
export function usableParameters(parameters: readonly number[] | null | undefined): parameters is number[] {
  return !!parameters && parameters.length === DEFAULT_PARAMETERS.length && parameters.every(Number.isFinite);
}

/**
 * Whether a person's history calls for a fit by itself at `now`: enough reviews, and either
 * AUTO_EVERY_REVIEWS new ones since the last fit or a week since it with at least one new.
 */
export function dueForAutoFit(input: { totalReviews: number; reviewsSinceLastFit: number; lastFitAt: Date | null }, now: Date): boolean {
  if (input.totalReviews < MIN_REVIEWS || input.reviewsSinceLastFit === 0) return false;
  if (!input.lastFitAt) return true;
  return input.reviewsSinceLastFit >= AUTO_EVERY_REVIEWS || now.getTime() - input.lastFitAt.getTime() >= AUTO_EVERY_MS;
}
