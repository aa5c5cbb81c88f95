// A palace: prefetched on the server (a stranger gets the 404 page, never a hint it exists),
// then the 3D view and side panel on the client.
import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { z } from "zod";
import { env } from "~/server/env";
import { sessionUser } from "~/server/session";
import { PalaceView } from "../../_components/palace-view";
import { HydrateClient, getQueryClient, trpc } from "../../_trpc/server";

type Params = Promise<{ id: string }>;
type Search = Promise<{ renderer?: string; concept?: string }>;

async function load(id: string) {
  if (!z.uuid().safeParse(id).success) return null;
  try {
    return await getQueryClient().fetchQuery(trpc.palace.get.queryOptions({ id }));
  } catch (error) {
    if ((error as { code?: string }).code === "NOT_FOUND") return null;
    throw error;
  }
}

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
  return (
    <HydrateClient>
      <PalaceView palaceId={id} testHooks={testHooks} renderer={renderer} me={user ? { id: user.id } : null} focusConceptId={focusConceptId} />
    </HydrateClient>
  );
}
