// Recall stats for one palace: the signed-in person's reviews there. A stranger to a private
// palace gets the 404 page.
import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { z } from "zod";
import { sessionUser } from "~/server/session";
import { StatsView } from "../../../_components/recall/stats-view";
import { HydrateClient, getQueryClient, trpc } from "../../../_trpc/server";

type Params = Promise<{ id: string }>;

export const metadata: Metadata = { title: "Palace stats" };

export default async function PalaceStatsPage({ params }: { params: Params }) {
  const { id } = await params;
  const user = await sessionUser(await headers());
  if (!user) redirect(`/sign-in?next=/palaces/${id}/stats`);
  if (!z.uuid().safeParse(id).success) notFound();
  try {
    await getQueryClient().fetchQuery(trpc.recall.stats.queryOptions({ palaceId: id }));
  } catch (error) {
    if ((error as { code?: string }).code === "NOT_FOUND") notFound();
    throw error;
  }
  return (
    <HydrateClient>
      <div className="page stats-page">
        <StatsView palaceId={id} />
      </div>
    </HydrateClient>
  );
}
