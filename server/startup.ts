// Server start-up (Node.js only): opens, migrates and seeds the database before the first
// request. A configuration or database error stops the process with its message.
import "server-only";
import { hostname } from "node:os";
import { log } from "./log";
import { runtime } from "./runtime";

export async function startServer(): Promise<void> {
  const started = Date.now();
  try {
    const { database } = await runtime();
    log.info("database ready", { database: database.kind, durationMs: Date.now() - started });
    // Personal FSRS fits run off the request path, in a child process, claimed once across instances.
    const { startFitLoop } = await import("./domain/recall/fsrs.service");
    startFitLoop(database.db, `${hostname()}:${process.pid}`, (error) => log.error("fsrs fit round failed", { error }));
  } catch (error) {
    // The message is the sentence a person needs (a bad setting, an unreachable database).
    log.error(error instanceof Error ? error.message : String(error), { error });
    process.exit(1);
  }
}
