// Health check for load balancers and people: is the app up, and does the database answer?
import { sql } from "drizzle-orm";
import { withRequestLog } from "~/server/log";
import { runtime } from "~/server/runtime";

export const dynamic = "force-dynamic";

export const GET = withRequestLog("health", async () => {
  const started = Date.now();
  try {
    const { database } = await runtime();
    await database.db.execute(sql`select 1`);
    return Response.json({ status: "ok", database: { kind: database.kind, status: "up", latencyMs: Date.now() - started } });
  } catch {
    return Response.json({ status: "degraded", database: { status: "down" } }, { status: 503 });
  }
});
