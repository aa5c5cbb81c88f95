// Types of build-once.mjs for the TypeScript that imports it (the tests' server helper).
/** SHA-256 over the paths and contents of every file the build reads. */
export function sourceHash(root?: string): string;
/** Runs `next build` unless the last build was made from the same sources; true when it built. */
export function ensureBuild(root?: string): boolean;
