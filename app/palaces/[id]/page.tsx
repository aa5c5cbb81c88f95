// A palace: checked on the server (a stranger gets the 404 page, never a hint it exists), then
// the 3D view and side panel on the client, which loads the room you enter first and the rest
// after. The check reads the server's cached compact snapshot and sends none of it to the page.
import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { cache } from "react";
import { z } from "zod";
import { decodeSnapshot } from "~/server/realtime/live.logic";
import { env } from "~/server/env";
import { sessionUser } from "~/server/session";
import { PalaceView } from "../../_components/palace-view";
import { makeQueryClient } from "../../_trpc/query-client";
import { HydrateClient, trpc } from "../../_trpc/server";

type Params = Promise<{ id: string }>;
type Search = Promise<{ renderer?: string; concept?: string }>;

const load = cache(async (id: string) => {
  if (!z.uuid().safeParse(id).success) return null;
  try {
    // A client of its own, so the palace is not serialised into the page.
    return decodeSnapshot(await makeQueryClient().fetchQuery(trpc.palace.snapshot.queryOptions({ id })));
  } catch (error) {
    if ((error as { code?: string }).code === "NOT_FOUND") return null;
    throw error;
  }
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const scene = await load((await params).id);
  return { title: scene?.palace.title ?? "Palace not found" };
}

export default async function PalacePage({ params, searchParams }: { params: Params; searchParams: Search }) {
  const { id } = await params;
  const testHooks = env().ENGRAM_TEST_HOOKS;
  // The one-object-per-concept renderer exists for the scene benchmark's baseline only.
  const search = await searchParams;
  const renderer = testHooks && search.renderer === "naive" ? "naive" : "instanced";
  // ?concept=<id> (a search result from another palace) opens the palace at that concept.
  const focusConceptId = z.uuid().safeParse(search.concept).success ? search.concept : undefined;
  const scene = await load(id);
  if (!scene) notFound();
  const user = await sessionUser(await headers());
  // Where the person arrives: the concept they came for, else the route's first stop, else the first room.
  const arrival = scene.loci.find((l) => l.conceptId === focusConceptId);
  const firstStop = scene.loci.reduce<(typeof scene.loci)[number] | null>((first, l) => (!first || l.routeOrder < first.routeOrder ? l : first), null);
  const entranceRoomId = (arrival ?? firstStop)?.roomId ?? scene.rooms[0]?.id ?? null;
  return (
    <HydrateClient>
      <PalaceView palaceId={id} testHooks={testHooks} renderer={renderer} me={user ? { id: user.id } : null} focusConceptId={focusConceptId} entranceRoomId={entranceRoomId} />
    </HydrateClient>
  );
}
