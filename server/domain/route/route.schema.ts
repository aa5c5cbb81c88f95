// Route inputs and outputs: re-route a palace, or move one stop to another place on the route.
import "../zod-config";
import { z } from "zod";
import { ZId, ZVersion } from "../common.schema";
import { ZLocus } from "../locus/locus.schema";

export const ZRerouteInput = z.object({ palaceId: ZId }).strict();

export const ZMoveStopInput = z
  .object({
    locusId: ZId,
    version: ZVersion,
    toOrder: z
      .number({ message: "The new stop number must be a number." })
      .int("The new stop number must be a whole number.")
      .min(1, "The new stop number must be at least 1."),
  })
  .strict();
export type TMoveStopInput = z.input<typeof ZMoveStopInput>;

/** The palace's loci in walking order, after the change. */
export const ZRoute = z.object({ loci: z.array(ZLocus) });
export type TRoute = z.infer<typeof ZRoute>;
