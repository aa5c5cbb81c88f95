// The recall walk of a palace: the whole route, or with ?due=1 only what is due and new, in the
// 3D palace or in words (the device decides, see RecallPageBody). Prefetched on the server; a
// stranger gets the 404 page as for the palace itself.
import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { env } from "~/server/env";
import { sessionUser } from "~/server/session";
import { RecallPageBody } from "../../../_components/recall/recall-page-body";
import { HydrateClient, getQueryClient, trpc } from "../../../_trpc/server";

type Params = Promise<{ id: string }>;
type Search = Promise<{ due?: string }>;

async function load(palaceId: string, dueOnly: boolean) {
  if (!z.uuid().safeParse(palaceId).success) return null;
  try {
    return await getQueryClient().fetchQuery(trpc.recall.walk.queryOptions({ palaceId, dueOnly }));
  } catch (error) {
    if ((error as { code?: string }).code === "NOT_FOUND") return null;
    throw error;
  }
}

export async function generateMetadata({ params, searchParams }: { params: Params; searchParams: Search }): Promise<Metadata> {
  const walk = await load((await params).id, (await searchParams).due === "1");
  return { title: walk ? `Recall: ${walk.palace.title}` : "Palace not found" };
}

export default async function RecallPage({ params, searchParams }: { params: Params; searchParams: Search }) {
  const { id } = await params;
  const dueOnly = (await searchParams).due === "1";
  const walk = await load(id, dueOnly);
  if (!walk) notFound();
  const user = await sessionUser(await headers());
  // The 3D walk enters the palace in the first stop's room.
  const entranceRoomId = walk.stops[0]?.roomId ?? null;
  const header = (
    <>
        <nav className="small" aria-label="Breadcrumb">
          <Link href={`/palaces/${id}`}>{walk.palace.title}</Link> › Recall
        </nav>
        <h1>
          Recall walk{walk.dueOnly ? ": what is due" : ""}
        </h1>
        <p className="muted small">
          {walk.dueOnly
            ? `${walk.stops.length} of ${walk.routeLength} stops are due or new. `
            : `All ${walk.routeLength} stops in route order. `}
          {walk.dueOnly ? (
            <Link href={`/palaces/${id}/recall`}>Walk the whole route instead</Link>
          ) : (
            walk.canGrade && <Link href={`/palaces/${id}/recall?due=1`}>Walk only what is due</Link>
          )}
        </p>
    </>
  );
  return (
    <HydrateClient>
      <div className="page recall-page">
        <RecallPageBody
          key={String(dueOnly)}
          palaceId={id}
          dueOnly={dueOnly}
          testHooks={env().ENGRAM_TEST_HOOKS}
          me={user ? { id: user.id } : null}
          entranceRoomId={entranceRoomId}
          header={header}
        />
      </div>
    </HydrateClient>
  );
}
