// Personal FSRS parameters as /settings sees them: the state of the person's fit, the figures
// of the last one, and whether their schedule uses fitted or default parameters.
import "../zod-config";
import { z } from "zod";

/** The optimise and reset calls take nothing: the person is the one asking. */
export const ZScheduleActionInput = z.object({}).strict();

/** Log loss and plain per-review RMSE (root of the mean squared gap between predicted recall and outcome). */
const ZFigures = z.object({ logLoss: z.number(), rmse: z.number() });

export const ZScheduleFit = z.object({
  status: z.enum(["queued", "running", "done", "failed"]),
  reason: z.enum(["manual", "auto"]),
  createdAt: z.date(),
  finishedAt: z.date().nullable(),
  reviewCount: z.number().int().nullable(),
  /** How many held-out recent reviews the figures score (each a day or more after the card's previous review). */
  heldOutCount: z.number().int().nullable(),
  defaults: ZFigures.nullable(),
  fitted: ZFigures.nullable(),
  adopted: z.boolean().nullable(),
  /** A sentence on how it ended: adopted, kept the defaults and why, or what failed. */
  outcome: z.string().nullable(),
});
export type TScheduleFit = z.infer<typeof ZScheduleFit>;

export const ZScheduleStatus = z.object({
  /** "fitted" when the schedule uses parameters fitted to this person's reviews. */
  using: z.enum(["defaults", "fitted"]),
  adoptedAt: z.date().nullable(),
  reviewCount: z.number().int(),
  minReviews: z.number().int(),
  /** The fit waiting or running now, if any. */
  pending: ZScheduleFit.nullable(),
  /** The last fit that finished. */
  last: ZScheduleFit.nullable(),
});
export type TScheduleStatus = z.infer<typeof ZScheduleStatus>;
