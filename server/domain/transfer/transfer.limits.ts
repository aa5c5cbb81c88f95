// The import size limits, as plain data without zod, so the import dialog can show and check it
// without downloading the schemas (transfer.schema.ts re-exports it).

/** Largest file accepted for import, in bytes: a palace of thousands of concepts fits easily. */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;

/** Largest model file read in the browser (the worker plans it; only the palace is sent). */
export const MODEL_MAX_BYTES = 256 * 1024 * 1024;
