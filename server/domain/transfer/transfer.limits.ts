// The import size limit, as plain data without zod, so the import dialog can show and check it
// without downloading the schemas (transfer.schema.ts re-exports it).

/** Largest file accepted for import, in bytes: a palace of thousands of concepts fits easily. */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
