// A simulated learner whose memory follows FSRS with parameters we chose (not the defaults):
// the app schedules with the default parameters, and each review is recalled or not by a draw
// from the learner's true chance of recall. Seeded, so a run can be repeated.
import { type Card, createEmptyCard, default_w, fsrs, generatorParameters, type Grade } from "ts-fsrs";
import type { ReviewEvent } from "~/server/domain/recall/fsrs.logic";

/** A learner who forgets faster than FSRS's average person and gains less from each review. */
export const TRUE_PARAMETERS: number[] = default_w.map((w, i) => (i <= 3 ? w * 0.2 : i === 8 ? w * 0.5 : i === 20 ? 0.5 : w));

export function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const steps = { learning_steps: ["10m"] as const, relearning_steps: ["10m"] as const };

/**
 * `reviews` grades made by one learner, starting `start`: each day up to `newPerDay` new
 * concepts, and every card the app's schedule has due that day (misses come back 10 minutes on).
 */
export function simulateLearner(options: { reviews: number; seed: number; start: Date; trueParameters?: number[]; newPerDay?: number }): ReviewEvent[] {
  const random = seeded(options.seed);
  const newPerDay = options.newPerDay ?? 5;
  const app = fsrs(generatorParameters({ enable_fuzz: false, enable_short_term: true, learning_steps: [...steps.learning_steps], relearning_steps: [...steps.relearning_steps] }));
  const truth = fsrs(generatorParameters({ w: options.trueParameters ?? TRUE_PARAMETERS, enable_fuzz: false, enable_short_term: true }));
  const cards: { id: string; app: Card; truth: Card }[] = [];
  const events: ReviewEvent[] = [];
  const gradeOf = (recalled: boolean): Grade => {
    if (!recalled) return 1;
    const r = random();
    return (r < 0.12 ? 2 : r < 0.9 ? 3 : 4);
  };
  for (let day = 0; events.length < options.reviews; day++) {
    let clock = options.start.getTime() + day * 86_400_000 + 9 * 3_600_000;
    const dayEnd = options.start.getTime() + (day + 1) * 86_400_000;
    for (let n = 0; n < newPerDay; n++) {
      const id = crypto.randomUUID();
      const now = new Date(clock);
      cards.push({ id, app: createEmptyCard(now), truth: createEmptyCard(now) });
    }
    for (;;) {
      const next = cards.filter((c) => c.app.due.getTime() < dayEnd).sort((a, b) => a.app.due.getTime() - b.app.due.getTime())[0];
      if (!next || events.length >= options.reviews) break;
      clock = Math.max(clock, next.app.due.getTime()) + 60_000;
      if (clock >= dayEnd) break;
      const now = new Date(clock);
      const chance = next.truth.reps === 0 ? 0.75 : truth.get_retrievability(next.truth, now, false);
      const rating = gradeOf(random() < chance);
      next.app = app.next(next.app, now, rating).card;
      next.truth = truth.next(next.truth, now, rating).card;
      events.push({ conceptId: next.id, rating, reviewedAt: now });
    }
  }
  return events;
}
