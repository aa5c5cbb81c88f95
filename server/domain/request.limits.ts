// Limits on one HTTP request as plain data without zod: the browser's tRPC link reads this on
// every page, and importing it from a schema module would put zod into every first load.

/** The most calls one HTTP request may carry: the server refuses more, the browser sends no more. */
export const MAX_BATCH_SIZE = 20;
