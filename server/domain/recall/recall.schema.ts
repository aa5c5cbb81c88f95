// Recall inputs and outputs: grading a concept, the walk along a palace's route, what is due
// today, how well each concept is known, and the numbers behind the stats pages.
import "../zod-config";
import { z } from "zod";
import { ZId } from "../common.schema";
import { ZConceptKind } from "../concept/concept.schema";
import { ZLocusShape } from "../locus/locus.schema";

export { RATINGS } from "./ratings";

export const ZRating = z
  .number({ message: "Grade must be a number from 1 (again) to 4 (easy)." })
  .int("Grade must be a whole number from 1 (again) to 4 (easy).")
  .min(1, "Grade must be from 1 (again) to 4 (easy).")
  .max(4, "Grade must be from 1 (again) to 4 (easy).")
  .transform((n) => n as 1 | 2 | 3 | 4);
export type TRating = 1 | 2 | 3 | 4;

export const ZCardState = z.enum(["new", "learning", "review", "relearning"]);
export type TCardState = z.infer<typeof ZCardState>;
export const CARD_STATES = ZCardState.options;

export const ZGradeInput = z
  .object({
    conceptId: ZId,
    rating: ZRating,
    /** One per reveal, made by the client: the same grade sent twice is stored once. */
    idempotencyKey: z.uuid({ message: "The grade's key must be a valid id." }),
    durationMs: z.number().int().min(0).max(86_400_000).optional(),
    /**
     * When the person graded, for a grade made offline and sent later. Absent means now; the
     * server takes a moment from the future as now.
     */
    reviewedAt: z
      .date({ message: "The grade's time must be a date." })
      .refine((d) => !Number.isNaN(d.getTime()), "The grade's time must be a valid date.")
      .optional(),
  })
  .strict();
export type TGradeInput = z.input<typeof ZGradeInput>;

export const ZGradeResult = z.object({
  conceptId: ZId,
  rating: z.number().int(),
  due: z.date(),
  scheduledDays: z.number().int(),
  state: ZCardState,
  reps: z.number().int(),
  lapses: z.number().int(),
  /** True when this key had already been graded: nothing was stored this time. */
  duplicate: z.boolean(),
});
export type TGradeResult = z.infer<typeof ZGradeResult>;

export const ZWalkInput = z
  .object({
    palaceId: ZId,
    /** Only what is due now and what was never studied, instead of the whole route. */
    dueOnly: z.boolean().default(false),
  })
  .strict();
export type TWalkInput = z.input<typeof ZWalkInput>;

export const ZWalkStop = z.object({
  locusId: ZId,
  conceptId: ZId,
  routeOrder: z.number().int(),
  roomId: ZId,
  roomName: z.string(),
  shape: ZLocusShape,
  color: z.string(),
  /** Where the stop stands, in words, without the concept: "Hall of Keys, stop 2 of 9, a red cube". */
  cue: z.string(),
  concept: z.object({
    title: z.string(),
    kind: ZConceptKind,
    tags: z.array(z.string()),
    notes: z.string(),
    sourceUrl: z.string().nullable(),
  }),
  /** The concept's picture as a thumbnail, shown once the stop is revealed. */
  picture: z.object({ url: z.string(), width: z.number().int(), height: z.number().int() }).nullable(),
  /** The caller's schedule for this concept: null when never studied (or signed out). */
  card: z
    .object({ due: z.date(), state: ZCardState, reps: z.number().int(), lapses: z.number().int() })
    .nullable(),
});
export type TWalkStop = z.infer<typeof ZWalkStop>;

export const ZWalk = z.object({
  palace: z.object({ id: ZId, title: z.string() }),
  /** Whether grades are kept: false for a visitor who is not signed in. */
  canGrade: z.boolean(),
  dueOnly: z.boolean(),
  routeLength: z.number().int(),
  stops: z.array(ZWalkStop),
});
export type TWalk = z.infer<typeof ZWalk>;

export const ZDuePalace = z.object({
  palaceId: ZId,
  title: z.string(),
  due: z.number().int(),
  new: z.number().int(),
  studied: z.number().int(),
  placed: z.number().int(),
  /** Still being learnt (a miss, or Hard on a first sight): due again within minutes. */
  relearning: z.number().int(),
  nextDue: z.date().nullable(),
});
export type TDuePalace = z.infer<typeof ZDuePalace>;

export const ZToday = z.object({
  palaces: z.array(ZDuePalace),
  due: z.number().int(),
  new: z.number().int(),
  relearning: z.number().int(),
});
export type TToday = z.infer<typeof ZToday>;

export const ZRetrievabilityEntry = z.object({
  conceptId: ZId,
  /** Chance of recalling it now (0..1), or null when the caller never studied it. */
  retrievability: z.number().min(0).max(1).nullable(),
});

export const ZStatsInput = z.object({ palaceId: ZId.optional() }).strict();
export type TStatsInput = z.input<typeof ZStatsInput>;

export const STATS_HISTORY_DAYS = 90;
export const FORECAST_DAYS = 30;

export const ZStats = z.object({
  palace: z.object({ id: ZId, title: z.string() }).nullable(),
  /** The person's target, drawn as the line retention should hover around. */
  desiredRetention: z.number(),
  totals: z.object({
    reviews: z.number().int(),
    studied: z.number().int(),
    dueNow: z.number().int(),
    /** Share of all grades that were not "Again", or null before the first review. */
    recalledShare: z.number().nullable(),
    /** Mean chance of recall now over studied concepts, or null when none. */
    averageRetrievability: z.number().nullable(),
  }),
  /** One entry per day of the last STATS_HISTORY_DAYS days, oldest first. */
  days: z.array(
    z.object({
      day: z.string(),
      reviews: z.number().int(),
      again: z.number().int(),
      /** Share recalled over the 7 days ending here, or null when there were no grades. */
      retention: z.number().nullable(),
    }),
  ),
  /** Reviews falling due on each of the next FORECAST_DAYS days; today includes the overdue. */
  forecast: z.array(z.object({ day: z.string(), due: z.number().int() })),
  weakest: z.array(
    z.object({
      conceptId: ZId,
      palaceId: ZId,
      title: z.string(),
      palaceTitle: z.string(),
      retrievability: z.number(),
      lapses: z.number().int(),
      reps: z.number().int(),
    }),
  ),
});
export type TStats = z.infer<typeof ZStats>;
