// Personal FSRS parameters as pure functions: a review log becomes the optimiser's items (one
// per review, with the card's history before it), the most recent reviews are held out for the
// evaluation, the adoption rule compares default and fitted figures, and the automatic trigger
// says when a person's history has grown enough (or aged enough) to fit again.
import { default_w } from "ts-fsrs";

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

/**
 * Splits the log at the time of the most recent `share` of reviews: items whose review comes
 * before the cut train the fit, items after it test it (with their whole history before them,
 * as a schedule would have seen it). The first review of a card predicts nothing and makes no item.
 */
export function splitHeldOut(events: ReviewEvent[], share = HELD_OUT_SHARE) {
  const ordered = [...events].sort((a, b) => a.reviewedAt.getTime() - b.reviewedAt.getTime() || a.conceptId.localeCompare(b.conceptId));
  const heldOutCount = Math.floor(ordered.length * share);
  const cutIndex = ordered.length - heldOutCount;
  const cut = ordered[cutIndex]?.reviewedAt ?? null;
  const byCard = new Map<string, ReviewEvent[]>();
  for (const e of ordered) {
    const list = byCard.get(e.conceptId) ?? [];
    list.push(e);
    byCard.set(e.conceptId, list);
  }
  const train: FitItem[] = [];
  const test: FitItem[] = [];
  const heldOut = new Set(ordered.slice(cutIndex));
  for (const reviews of byCard.values()) {
    const history: FitItem = [];
    reviews.forEach((r, i) => {
      history.push([r.rating, i === 0 ? 0 : daysBetween(reviews[i - 1]!.reviewedAt, r.reviewedAt)]);
      // The optimiser refuses (it aborts the process) an item with no review on a later day.
      if (i === 0 || !hasLongTerm(history)) return;
      const item = history.map((pair) => [...pair] as [number, number]);
      // Log loss and RMSE judge a prediction across days: a same-day repeat is no test of one.
      if (!heldOut.has(r)) train.push(item);
      else if (isLongTerm(item)) test.push(item);
    });
  }
  return { train, test, cut, heldOutCount, reviewCount: ordered.length };
}

/** Whether any review of the item came on a later day than the one before: the optimiser needs one. */
export function hasLongTerm(item: FitItem): boolean {
  return item.some(([, days]) => days > 0);
}

/** Only items ending on a later day than the review before count in log loss and RMSE (FSRS's own rule). */
export function isLongTerm(item: FitItem): boolean {
  return (item.at(-1)?.[1] ?? 0) > 0;
}

export interface Figures {
  logLoss: number;
  rmse: number;
}

/** Fitted parameters are adopted only when they predict the held-out reviews better on both measures. */
export function adopt(defaults: Figures, fitted: Figures): boolean {
  const finite = [defaults.logLoss, defaults.rmse, fitted.logLoss, fitted.rmse].every(Number.isFinite);
  return finite && fitted.logLoss < defaults.logLoss && fitted.rmse < defaults.rmse;
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
