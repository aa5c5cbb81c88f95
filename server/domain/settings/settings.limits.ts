// The bounds of the recall settings as plain data without zod, so the settings form can show
// them without downloading the schemas (settings.schema.ts re-exports them).
export const DEFAULT_RETENTION = 0.9;
export const DEFAULT_MAXIMUM_INTERVAL = 365;
export const MIN_RETENTION = 0.7;
export const MAX_RETENTION = 0.97;
export const MAX_MAXIMUM_INTERVAL = 36_500;
