// Server start-up (Node.js only): opens, migrates and seeds the database before the first
// request. A configuration or database error stops the process with its message.
import { runtime } from "./runtime";

export async function startServer(): Promise<void> {
  const started = Date.now();
  try {
    const { database } = await runtime();
    console.log(`[engram] database ready (${database.kind}) in ${Date.now() - started} ms`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
