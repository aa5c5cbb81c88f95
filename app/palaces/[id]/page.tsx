// A palace: checked on the server (a stranger gets the 404 page, never a hint it exists), then
// the 3D view and side panel on the client, which loads the room you enter first and the rest
// after. The server asks only where the page opens (title, first room): it never waits for the
// whole palace, and sends none of it in the page.
import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { cache } from "react";
import { z } from "zod";
import { env } from "~/server/env";
import { sessionUser } from "~/server/session";
import { PalaceView } from "../../_components/palace-view";
import { makeQueryClient } from "../../_trpc/query-client";
import { HydrateClient, trpc } from "../../_trpc/server";

type Params = Promise<{ id: string }>;
type Search = Promise<{ renderer?: string; concept?: string }>;

const load = cache(async (id: string, conceptId: string | undefined) => {
  if (!z.uuid().safeParse(id).success) return null;
  try {
    // A client of its own, so nothing of it is serialised into the page.
    return await makeQueryClient().fetchQuery(trpc.palace.arrival.queryOptions({ id, ...(conceptId ? { conceptId } : {}) }));
  } catch (error) {
    if ((error as { code?: string }).code === "NOT_FOUND") return null;
    throw error;
  }
});

/** ?concept=<id> (a search result from another palace) opens the palace at that concept. */
const conceptOf = (search: { concept?: string }) => (z.uuid().safeParse(search.concept).success ? search.concept : undefined);

export async function generateMetadata({ params, searchParams }: { params: Params; searchParams: Search }): Promise<Metadata> {
  const arrival = await load((await params).id, conceptOf(await searchParams));
  return { title: arrival?.title ?? "Palace not found" };
}

export default async function PalacePage({ params, searchParams }: { params: Params; searchParams: Search }) {
  const { id } = await params;
  const testHooks = env().ENGRAM_TEST_HOOKS;
  // The one-object-per-concept renderer exists for the scene benchmark's baseline only.
  const search = await searchParams;
  const renderer = testHooks && search.renderer === "naive" ? "naive" : "instanced";
  const focusConceptId = conceptOf(search);
  const arrival = await load(id, focusConceptId);
  if (!arrival) notFound();
  const user = await sessionUser(await headers());
  const { entranceRoomId } = arrival;
  return (
    <HydrateClient>
      <PalaceView palaceId={id} testHooks={testHooks} renderer={renderer} me={user ? { id: user.id } : null} focusConceptId={focusConceptId} entranceRoomId={entranceRoomId} />
    </HydrateClient>
  );
}
