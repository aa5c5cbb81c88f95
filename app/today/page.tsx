// Due today: what the signed-in person has due across every palace they can read.
import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { sessionUser } from "~/server/session";
import { DueToday } from "../_components/recall/due-today";
import { HydrateClient, getQueryClient, trpc } from "../_trpc/server";

export const metadata: Metadata = { title: "Due today" };

export default async function TodayPage() {
  const user = await sessionUser(await headers());
  if (!user) redirect("/sign-in?next=/today");
  await getQueryClient().prefetchQuery(trpc.recall.today.queryOptions());
  return (
    <HydrateClient>
      <div className="page">
        <DueToday />
      </div>
    </HydrateClient>
  );
}
