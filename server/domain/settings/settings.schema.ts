// A person's recall settings: how sure they want to be of recalling a concept when it falls
// due (higher means more reviews), and the longest gap the scheduler may leave.
import "../zod-config";
import { z } from "zod";
import { MAX_MAXIMUM_INTERVAL, MAX_RETENTION, MIN_RETENTION } from "./settings.limits";

export { DEFAULT_MAXIMUM_INTERVAL, DEFAULT_RETENTION, MAX_MAXIMUM_INTERVAL, MAX_RETENTION, MIN_RETENTION } from "./settings.limits";

export const ZSettings = z.object({
  desiredRetention: z
    .number({ message: "Desired retention must be a number." })
    .min(MIN_RETENTION, `Desired retention must be at least ${MIN_RETENTION * 100}%.`)
    .max(MAX_RETENTION, `Desired retention must be at most ${MAX_RETENTION * 100}%.`),
  maximumInterval: z
    .number({ message: "Maximum interval must be a number of days." })
    .int("Maximum interval must be a whole number of days.")
    .min(1, "Maximum interval must be at least 1 day.")
    .max(MAX_MAXIMUM_INTERVAL, `Maximum interval must be at most ${MAX_MAXIMUM_INTERVAL} days.`),
});
export type TSettings = z.infer<typeof ZSettings>;

export const ZUpdateSettingsInput = ZSettings.partial().strict();
export type TUpdateSettingsInput = z.input<typeof ZUpdateSettingsInput>;
