import { describe, expect, it } from "vitest";
import { addDays, dueForecast, grade, newCard, replayGrades, retrievability } from "~/server/domain/recall/recall.logic";

const settings = { desiredRetention: 0.9, maximumInterval: 365 };
const start = new Date("2026-03-02T09:00:00Z");

describe("FSRS scheduling", () => {
  it("keeps a new concept graded Again or Hard in the day, and moves Good and Easy on in whole days", () => {
    const next = ([1, 2, 3, 4] as const).map((r) => grade(newCard(start), r, start, settings).card);
    const minutes = (c: { due: Date }) => (c.due.getTime() - start.getTime()) / 60_000;
    expect(minutes(next[0]!)).toBe(10);
    expect(minutes(next[1]!)).toBeGreaterThan(10);
    expect(minutes(next[1]!)).toBeLessThan(60);
    expect(next[2]!.scheduledDays).toBeGreaterThanOrEqual(1);
    expect(next[3]!.scheduledDays).toBeGreaterThan(next[2]!.scheduledDays);
  });

  it("brings a lapse back within minutes, relearning, with no chance of recall claimed until it is recalled", () => {
    let card = grade(newCard(start), 3, start, settings).card;
    card = grade(card, 3, card.due, settings).card;
    const missedAt = card.due;
    const lapse = grade(card, 1, missedAt, settings).card;
    expect(lapse.due.getTime() - missedAt.getTime()).toBe(10 * 60_000);
    expect(retrievability(lapse, missedAt, settings)).toBe(0);
    const relearnt = grade(lapse, 3, lapse.due, settings).card;
    expect(relearnt.scheduledDays).toBeGreaterThanOrEqual(1);
    expect(retrievability(relearnt, lapse.due, settings)).toBeGreaterThan(0.9);
  });

  it("lengthens the gap after each good recall and shortens it after a lapse", () => {
    let card = grade(newCard(start), 3, start, settings).card;
    const first = card.scheduledDays;
    card = grade(card, 3, card.due, settings).card;
    expect(card.scheduledDays).toBeGreaterThan(first);
    const lapse = grade(card, 1, card.due, settings);
    expect(lapse.card.lapses).toBe(1);
    const relearnt = grade(lapse.card, 3, lapse.card.due, settings).card;
    expect(relearnt.scheduledDays).toBeLessThan(card.scheduledDays);
    expect(lapse.log).toMatchObject({ rating: 1, state: 2, scheduledDays: card.scheduledDays });
  });

  it("asks for reviews sooner when the person wants to be surer, and caps the gap", () => {
    let card = grade(newCard(start), 3, start, settings).card;
    card = grade(card, 3, card.due, settings).card;
    const relaxed = grade(card, 3, card.due, { ...settings, desiredRetention: 0.8 }).card.scheduledDays;
    const strict = grade(card, 3, card.due, { ...settings, desiredRetention: 0.97 }).card.scheduledDays;
    expect(strict).toBeLessThan(relaxed);
    expect(grade(card, 4, card.due, { ...settings, maximumInterval: 5 }).card.scheduledDays).toBeLessThanOrEqual(5);
  });

  it("gives about the desired retention when a card falls due, less later on", () => {
    const card = grade(newCard(start), 3, start, settings).card;
    expect(retrievability(newCard(start), start, settings)).toBe(0);
    expect(retrievability(card, start, settings)).toBeCloseTo(1, 5);
    expect(retrievability(card, card.due, settings)).toBeCloseTo(0.9, 1);
    expect(retrievability(card, addDays(card.due, 30), settings)).toBeLessThan(0.75);
  });
});

describe("replayGrades", () => {
  const start = new Date("2026-03-02T09:00:00Z");
  const history = [
    { rating: 3 as const, reviewedAt: start },
    { rating: 3 as const, reviewedAt: addDays(start, 3) },
    { rating: 1 as const, reviewedAt: addDays(start, 10) },
    { rating: 4 as const, reviewedAt: addDays(start, 12) },
  ];

  it("gives the card that grading one by one in time order gives", () => {
    let card = newCard(start);
    for (const g of history) card = grade(card, g.rating, g.reviewedAt, settings).card;
    expect(replayGrades(history, settings).card).toEqual(card);
  });

  it("is the same whatever order the grades arrived in", () => {
    const shuffled = [history[2]!, history[0]!, history[3]!, history[1]!];
    expect(replayGrades(shuffled, settings).card).toEqual(replayGrades(history, settings).card);
    expect(replayGrades(shuffled, settings).logs.map((l) => l.rating)).toEqual([3, 3, 1, 4]);
  });

  it("logs the state each grade saw: the miss is logged from the review state", () => {
    const { logs, card } = replayGrades(history, settings);
    expect(logs[2]).toMatchObject({ rating: 1, reviewedAt: history[2]!.reviewedAt });
    expect(card.lapses).toBe(1);
    expect(card.reps).toBe(4);
  });
});

describe("dueForecast", () => {
  it("counts due dates per day from today, with overdue ones today", () => {
    const now = new Date("2026-03-02T15:00:00Z");
    const dues = [addDays(now, -3), new Date("2026-03-02T23:00:00Z"), new Date("2026-03-03T01:00:00Z"), addDays(now, 40)];
    expect(dueForecast(dues, now, 3)).toEqual([2, 1, 0]);
  });
});
