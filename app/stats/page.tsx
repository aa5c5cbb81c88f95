// Recall stats across every palace the signed-in person can read.
import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { sessionUser } from "~/server/session";
import { StatsView } from "../_components/recall/stats-view";
import { HydrateClient, getQueryClient, trpc } from "../_trpc/server";

export const metadata: Metadata = { title: "Recall stats" };

export default async function StatsPage() {
  const user = await sessionUser(await headers());
  if (!user) redirect("/sign-in?next=/stats");
  await getQueryClient().prefetchQuery(trpc.recall.stats.queryOptions({}));
  return (
    <HydrateClient>
      <div className="page stats-page">
        <StatsView />
      </div>
    </HydrateClient>
  );
}
