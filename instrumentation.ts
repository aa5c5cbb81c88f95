// Runs once when the server starts: opens, migrates and seeds the database before the first
// request, so nobody waits for PGlite to boot.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { runtime } = await import("./server/runtime");
  const started = Date.now();
  const { database } = await runtime();
  console.log(`[engram] database ready (${database.kind}) in ${Date.now() - started} ms`);
}
