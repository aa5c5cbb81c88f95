// Recall in the database: grade a concept (once per idempotency key), the walk along a
// palace's route, what is due today across palaces, how well each concept is known, and the
// numbers for the stats pages. Every schedule belongs to the person asking; `now` is passed in
// so tests can move the clock.
import "server-only";
import { and, asc, eq, gte, inArray, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../../db/client";
import { conceptPictures, concepts, loci, palaces, reviewCards, reviewLogs, rooms } from "../../db/schema";
import { type Actor, memberOf, readablePalace, requireRead } from "../access";
import { DomainError, invalid, notFound } from "../errors";
import { pictureUrl } from "../picture/picture.schema";
import { placeInRoom, stopCue } from "../route/route.logic";
import { schedulerSettingsOf } from "./fsrs.service";
import {
  addDays,
  type CardState,
  dayKey,
  dueForecast,
  grade as gradeCard,
  newCard,
  replayGrades,
  retrievability as recallChance,
  type SchedulerSettings,
  startOfUtcDay,
} from "./recall.logic";
import {
  CARD_STATES,
  FORECAST_DAYS,
  STATS_HISTORY_DAYS,
  type TGradeResult,
  type TStats,
  type TToday,
  type TWalk,
  ZGradeInput,
  ZStatsInput,
  ZWalkInput,
} from "./recall.schema";

type CardRow = typeof reviewCards.$inferSelect;

const stateName = (state: number) => CARD_STATES[state] ?? "review";
const asDate = (v: unknown) => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(v as string));
const at = (date: Date) => sql`${date.toISOString()}::timestamptz`;

function cardState(row: CardRow): CardState {
  return {
    due: row.due,
    stability: row.stability,
    difficulty: row.difficulty,
    elapsedDays: row.elapsedDays,
    scheduledDays: row.scheduledDays,
    learningSteps: row.learningSteps,
    reps: row.reps,
    lapses: row.lapses,
    state: row.state,
    lastReview: row.lastReview,
  };
}

function toResult(card: CardRow, rating: number, duplicate: boolean): TGradeResult {
  return {
    conceptId: card.conceptId,
    rating,
    due: card.due,
    scheduledDays: card.scheduledDays,
    state: stateName(card.state),
    reps: card.reps,
    lapses: card.lapses,
    duplicate,
  };
}

function isIdempotencyClash(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 4; depth++) {
    const pg = e as { code?: string; constraint?: string; constraint_name?: string; cause?: unknown };
    if (pg.code === "23505") return (pg.constraint ?? pg.constraint_name) === "review_logs_idempotency_unique";
    e = pg.cause;
  }
  return false;
}

/** The grade already stored under this key, answered again as a duplicate. */
async function replay(db: Db, userId: string, conceptId: string, key: string): Promise<TGradeResult | null> {
  const [log] = await db
    .select()
    .from(reviewLogs)
    .where(and(eq(reviewLogs.userId, userId), eq(reviewLogs.idempotencyKey, key)));
  if (!log) return null;
  if (log.conceptId !== conceptId) throw invalid("That grade's key was already used for another concept. Reveal the card again to grade it.");
  const [card] = await db
    .select()
    .from(reviewCards)
    .where(and(eq(reviewCards.userId, userId), eq(reviewCards.conceptId, conceptId)));
  return toResult(card!, log.rating, true);
}

/** Grades made offline arrive late; one older than this is refused rather than rewriting old history. */
export const GRADE_MAX_AGE_DAYS = 60;

function gradeTime(reviewedAt: Date | undefined, now: Date): Date {
  if (!reviewedAt || reviewedAt.getTime() > now.getTime()) return now;
  if (now.getTime() - reviewedAt.getTime() > GRADE_MAX_AGE_DAYS * 86_400_000) {
    throw invalid(`This grade was made more than ${GRADE_MAX_AGE_DAYS} days ago, so it can no longer be recorded.`, "reviewedAt");
  }
  return reviewedAt;
}

/**
 * A grade made before the card's last review (made offline, sent after grades made elsewhere):
 * the card is recomputed from the whole log with this grade in its place, and the log entry
 * records the state the card had at that moment.
 */
async function regradeFromLog(tx: Db, userId: string, conceptId: string, rating: 1 | 2 | 3 | 4, reviewedAt: Date, settings: SchedulerSettings) {
  const history = await tx
    .select({ rating: reviewLogs.rating, reviewedAt: reviewLogs.reviewedAt })
    .from(reviewLogs)
    .where(and(eq(reviewLogs.userId, userId), eq(reviewLogs.conceptId, conceptId)));
  const grades = [...history.map((h) => ({ rating: h.rating as 1 | 2 | 3 | 4, reviewedAt: h.reviewedAt })), { rating, reviewedAt }];
  const { card, logs } = replayGrades(grades, settings);
  const log = logs.find((l) => l.reviewedAt === reviewedAt)!;
  return { card, log };
}

/**
 * Records one grade and moves the caller's card for the concept to its next due date. The same
 * idempotency key sent again (a double click, a retry after a lost answer) changes nothing and
 * returns the first outcome.
 */
export async function grade(db: Db, actor: Actor, raw: z.input<typeof ZGradeInput>, now = new Date()): Promise<TGradeResult> {
  const input = ZGradeInput.parse(raw);
  const [concept] = await db.select({ palaceId: concepts.palaceId }).from(concepts).where(eq(concepts.id, input.conceptId));
  if (!concept) throw notFound("Concept");
  await requireRead(db, concept.palaceId, actor, "Concept");
  const userId = actor.userId;
  if (!userId) throw new DomainError("UNAUTHORIZED", "Sign in to keep a recall schedule: grades are saved to your account.");
  const reviewedAt = gradeTime(input.reviewedAt, now);
  const settings = await schedulerSettingsOf(db, userId);
  try {
    return await db.transaction(async (tx) => {
      await tx
        .insert(reviewCards)
        .values({ userId, palaceId: concept.palaceId, conceptId: input.conceptId, ...newCard(now) })
        .onConflictDoNothing({ target: [reviewCards.userId, reviewCards.conceptId] });
      // The card's row lock puts two grades of one concept in line; the second then sees the first's log.
      const [card] = await tx
        .select()
        .from(reviewCards)
        .where(and(eq(reviewCards.userId, userId), eq(reviewCards.conceptId, input.conceptId)))
        .for("update");
      const earlier = await replay(tx, userId, input.conceptId, input.idempotencyKey);
      if (earlier) return earlier;
      const current = cardState(card!);
      const inOrder = !current.lastReview || current.lastReview.getTime() <= reviewedAt.getTime();
      const next = inOrder
        ? gradeCard(current, input.rating, reviewedAt, settings)
        : await regradeFromLog(tx, userId, input.conceptId, input.rating, reviewedAt, settings);
      await tx.insert(reviewLogs).values({
        ...next.log,
        userId,
        palaceId: concept.palaceId,
        conceptId: input.conceptId,
        idempotencyKey: input.idempotencyKey,
        durationMs: input.durationMs ?? null,
      });
      const [updated] = await tx
        .update(reviewCards)
        .set({ ...next.card, updatedAt: now })
        .where(eq(reviewCards.id, card!.id))
        .returning();
      return toResult(updated!, input.rating, false);
    });
  } catch (error) {
    if (!isIdempotencyClash(error)) throw error;
    const earlier = await replay(db, userId, input.conceptId, input.idempotencyKey);
    if (!earlier) throw error;
    return earlier;
  }
}

/** The stops of a recall walk in route order: all of them, or only what is due or new. */
export async function walk(db: Db, actor: Actor, raw: z.input<typeof ZWalkInput>, now = new Date()): Promise<TWalk> {
  const input = ZWalkInput.parse(raw);
  const { palace } = await requireRead(db, input.palaceId, actor);
  const rows = await db
    .select({
      locus: loci,
      concept: concepts,
      room: { name: rooms.name, width: rooms.width, depth: rooms.depth },
      picture: { hash: conceptPictures.hash, width: conceptPictures.thumbWidth, height: conceptPictures.thumbHeight },
    })
    .from(loci)
    .innerJoin(concepts, eq(concepts.id, loci.conceptId))
    .innerJoin(rooms, eq(rooms.id, loci.roomId))
    .leftJoin(conceptPictures, eq(conceptPictures.conceptId, concepts.id))
    .where(eq(loci.palaceId, palace.id))
    .orderBy(asc(loci.routeOrder));
  const cards = actor.userId
    ? await db
        .select()
        .from(reviewCards)
        .where(and(eq(reviewCards.userId, actor.userId), eq(reviewCards.palaceId, palace.id)))
    : [];
  const cardOf = new Map(cards.map((c) => [c.conceptId, c]));
  const stops = rows.map(({ locus, concept, room, picture }) => {
    const card = cardOf.get(concept.id);
    return {
      locusId: locus.id,
      conceptId: concept.id,
      routeOrder: locus.routeOrder,
      roomId: locus.roomId,
      roomName: room.name,
      shape: locus.shape,
      color: locus.color,
      cue: stopCue({
        roomName: room.name,
        stop: locus.routeOrder,
        of: rows.length,
        shape: locus.shape,
        color: locus.color,
        where: placeInRoom(room.width, room.depth, locus.x, locus.z),
      }),
      concept: { title: concept.title, kind: concept.kind, tags: concept.tags, notes: concept.notes, sourceUrl: concept.sourceUrl },
      // The thumbnail's address is spelled out so a device keeping the walk offline can find it.
      picture: picture ? { url: pictureUrl(concept.id, picture.hash, "thumb"), width: picture.width, height: picture.height } : null,
      card: card ? { due: card.due, state: stateName(card.state), reps: card.reps, lapses: card.lapses } : null,
    };
  });
  const dueOnly = input.dueOnly && actor.userId !== null;
  return {
    palace: { id: palace.id, title: palace.title },
    canGrade: actor.userId !== null,
    dueOnly,
    routeLength: rows.length,
    stops: dueOnly ? stops.filter((s) => !s.card || s.card.due <= now) : stops,
  };
}

/**
 * What the caller has due now, per palace: the palaces they are a member of, and public ones
 * they have studied. "New" counts placed concepts they never graded.
 */
export async function today(db: Db, actor: Actor, now = new Date()): Promise<TToday> {
  const userId = actor.userId;
  if (!userId) throw new DomainError("UNAUTHORIZED", "Sign in to see what is due.");
  const readable = await db
    .select({ palaceId: palaces.id, title: palaces.title })
    .from(palaces)
    .where(
      and(
        readablePalace(actor, palaces.id),
        sql`(${memberOf(actor, palaces.id)} or exists (
          select 1 from ${reviewCards} where ${reviewCards.palaceId} = ${palaces.id} and ${reviewCards.userId} = ${userId}))`,
      ),
    )
    .orderBy(asc(palaces.title), asc(palaces.id));
  const ids = readable.map((p) => p.palaceId);
  if (ids.length === 0) return { palaces: [], due: 0, new: 0, relearning: 0 };
  // Counted per palace in two grouped queries rather than one subquery per palace and figure.
  const [cardCounts, lociCounts] = await Promise.all([
    db
      .select({
        palaceId: reviewCards.palaceId,
        studied: sql<number>`count(*)::int`,
        due: sql<number>`(count(*) filter (where ${reviewCards.due} <= ${at(now)}))::int`,
        relearning: sql<number>`(count(*) filter (where ${reviewCards.due} > ${at(now)} and ${reviewCards.state} in (1, 3)))::int`,
        nextDue: sql<Date | null>`min(${reviewCards.due}) filter (where ${reviewCards.due} > ${at(now)})`.mapWith(asDate),
      })
      .from(reviewCards)
      .where(and(eq(reviewCards.userId, userId), inArray(reviewCards.palaceId, ids)))
      .groupBy(reviewCards.palaceId),
    db
      .select({
        palaceId: loci.palaceId,
        placed: sql<number>`count(*)::int`,
        new: sql<number>`(count(*) filter (where ${reviewCards.id} is null))::int`,
      })
      .from(loci)
      .leftJoin(reviewCards, and(eq(reviewCards.conceptId, loci.conceptId), eq(reviewCards.userId, userId)))
      .where(inArray(loci.palaceId, ids))
      .groupBy(loci.palaceId),
  ]);
  const cardsOf = new Map(cardCounts.map((c) => [c.palaceId, c]));
  const lociOf = new Map(lociCounts.map((c) => [c.palaceId, c]));
  const rows = readable.map((p) => ({
    ...p,
    due: Number(cardsOf.get(p.palaceId)?.due ?? 0),
    studied: Number(cardsOf.get(p.palaceId)?.studied ?? 0),
    placed: Number(lociOf.get(p.palaceId)?.placed ?? 0),
    relearning: Number(cardsOf.get(p.palaceId)?.relearning ?? 0),
    new: Number(lociOf.get(p.palaceId)?.new ?? 0),
    nextDue: cardsOf.get(p.palaceId)?.nextDue ?? null,
  }));
  const list = rows.sort((a, b) => b.due + b.new - (a.due + a.new));
  return {
    palaces: list,
    due: list.reduce((n, p) => n + p.due, 0),
    new: list.reduce((n, p) => n + p.new, 0),
    relearning: list.reduce((n, p) => n + p.relearning, 0),
  };
}

/** Each concept of the palace with the caller's chance of recalling it now (null: never studied). */
export async function retrievability(db: Db, actor: Actor, palaceId: string, now = new Date()) {
  await requireRead(db, palaceId, actor);
  const rows = await db
    .select({ conceptId: concepts.id, card: reviewCards })
    .from(concepts)
    .leftJoin(reviewCards, and(eq(reviewCards.conceptId, concepts.id), eq(reviewCards.userId, actor.userId ?? sql`null`)))
    .where(eq(concepts.palaceId, palaceId))
    .orderBy(asc(concepts.createdAt), asc(concepts.id));
  const settings = actor.userId ? await schedulerSettingsOf(db, actor.userId) : null;
  return rows.map((r) => ({
    conceptId: r.conceptId,
    retrievability: r.card && settings ? recallChance(cardState(r.card), now, settings) : null,
  }));
}

const WEAKEST_COUNT = 8;

/** The caller's review history and schedule, for one palace or across every palace they can read. */
export async function stats(db: Db, actor: Actor, raw: z.input<typeof ZStatsInput>, now = new Date()): Promise<TStats> {
  const input = ZStatsInput.parse(raw);
  const userId = actor.userId;
  if (!userId) throw new DomainError("UNAUTHORIZED", "Sign in to see your recall statistics.");
  const palace = input.palaceId ? (await requireRead(db, input.palaceId, actor)).palace : null;
  const logScope = and(
    eq(reviewLogs.userId, userId),
    palace ? eq(reviewLogs.palaceId, palace.id) : readablePalace(actor, reviewLogs.palaceId),
  );
  const cardScope = and(
    eq(reviewCards.userId, userId),
    palace ? eq(reviewCards.palaceId, palace.id) : readablePalace(actor, reviewCards.palaceId),
  );
  const today = startOfUtcDay(now);
  const since = addDays(today, -(STATS_HISTORY_DAYS - 1));
  const day = sql<string>`to_char(${reviewLogs.reviewedAt} at time zone 'UTC', 'YYYY-MM-DD')`;
  const [perDay, [totals], cards] = await Promise.all([
    db
      .select({
        day,
        reviews: sql<number>`count(*)::int`,
        again: sql<number>`(count(*) filter (where ${reviewLogs.rating} = 1))::int`,
      })
      .from(reviewLogs)
      .where(and(logScope, gte(reviewLogs.reviewedAt, since)))
      .groupBy(day),
    db
      .select({
        reviews: sql<number>`count(*)::int`,
        again: sql<number>`(count(*) filter (where ${reviewLogs.rating} = 1))::int`,
      })
      .from(reviewLogs)
      .where(logScope),
    db
      .select({ card: reviewCards, title: concepts.title, palaceTitle: palaces.title })
      .from(reviewCards)
      .innerJoin(concepts, eq(concepts.id, reviewCards.conceptId))
      .innerJoin(palaces, eq(palaces.id, reviewCards.palaceId))
      .where(cardScope),
  ]);

  const byDay = new Map(perDay.map((d) => [d.day, { reviews: Number(d.reviews), again: Number(d.again) }]));
  const days: TStats["days"] = [];
  for (let i = 0; i < STATS_HISTORY_DAYS; i++) {
    const key = dayKey(addDays(since, i));
    const counts = byDay.get(key) ?? { reviews: 0, again: 0 };
    // Retention over the week ending this day, so one bad morning does not swing the line.
    let reviews = 0;
    let again = 0;
    for (let back = 0; back < 7; back++) {
      const earlier = byDay.get(dayKey(addDays(since, i - back)));
      reviews += earlier?.reviews ?? 0;
      again += earlier?.again ?? 0;
    }
    days.push({ day: key, ...counts, retention: reviews > 0 ? (reviews - again) / reviews : null });
  }

  const settings = await schedulerSettingsOf(db, userId);
  const known = cards.map((c) => ({ ...c, chance: recallChance(cardState(c.card), now, settings) }));
  const studied = known.filter((c) => c.card.state !== 0);
  const forecast = dueForecast(
    known.map((c) => c.card.due),
    now,
    FORECAST_DAYS,
  ).map((due, i) => ({ day: dayKey(addDays(today, i)), due }));
  const totalReviews = Number(totals?.reviews ?? 0);
  return {
    palace: palace ? { id: palace.id, title: palace.title } : null,
    desiredRetention: settings.desiredRetention,
    totals: {
      reviews: totalReviews,
      studied: studied.length,
      dueNow: known.filter((c) => c.card.due <= now).length,
      recalledShare: totalReviews > 0 ? (totalReviews - Number(totals!.again)) / totalReviews : null,
      averageRetrievability: studied.length > 0 ? studied.reduce((s, c) => s + c.chance, 0) / studied.length : null,
    },
    days,
    forecast,
    weakest: studied
      // Equal chances now (all just reviewed): the least stable memory fades first.
      .sort((a, b) => a.chance - b.chance || a.card.stability - b.card.stability || a.title.localeCompare(b.title))
      .slice(0, WEAKEST_COUNT)
      .map((c) => ({
        conceptId: c.card.conceptId,
        palaceId: c.card.palaceId,
        title: c.title,
        palaceTitle: c.palaceTitle,
        retrievability: c.chance,
        lapses: c.card.lapses,
        reps: c.card.reps,
      })),
  };
}
