// Browser tests only (ENGRAM_TEST_HOOKS=1): names a new app version, standing in for a new
// deployment so the service worker's update prompt can be tested. Everywhere else: 404.
import { z } from "zod";
import { env } from "~/server/env";
import { setTestAppVersion } from "~/server/offline/app-version";

export const dynamic = "force-dynamic";

const ZBody = z.object({ version: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) }).strict();

export async function POST(request: Request) {
  if (!env().ENGRAM_TEST_HOOKS) return new Response("Not found", { status: 404 });
  const body = ZBody.safeParse(await request.json().catch(() => null));
  if (!body.success) return Response.json({ error: "Send {\"version\": \"letters, digits, _ or -\"}." }, { status: 400 });
  setTestAppVersion(body.data.version);
  return Response.json({ version: body.data.version });
}
