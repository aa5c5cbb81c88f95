// My palaces: the list, prefetched on the server and handed to the client component.
import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { sessionUser } from "~/server/session";
import { PalaceList } from "../_components/palace-list";
import { HydrateClient, getQueryClient, trpc } from "../_trpc/server";

export const metadata: Metadata = { title: "My palaces" };

export default async function PalacesPage() {
  const user = await sessionUser(await headers());
  if (!user) redirect("/sign-in?next=/palaces");
  await getQueryClient().prefetchQuery(trpc.palace.list.queryOptions());
  return (
    <HydrateClient>
      <div className="page">
        <PalaceList />
      </div>
    </HydrateClient>
  );
}
