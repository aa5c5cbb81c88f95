// A palace's members (and, for its owner, its invite links). Members only: anyone else gets
// the same 404 as for a palace that does not exist.
import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { z } from "zod";
import { sessionUser } from "~/server/session";
import { MembersView } from "../../../_components/teams/members-view";
import { HydrateClient, getQueryClient, trpc } from "../../../_trpc/server";

type Params = Promise<{ id: string }>;

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage({ params }: { params: Params }) {
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const user = await sessionUser(await headers());
  if (!user) redirect(`/sign-in?next=/palaces/${id}/members`);
  const queryClient = getQueryClient();
  try {
    const palace = await queryClient.fetchQuery(trpc.palace.summary.queryOptions({ id }));
    await queryClient.fetchQuery(trpc.member.list.queryOptions({ palaceId: id }));
    if (palace.role === "owner") await queryClient.prefetchQuery(trpc.invite.list.queryOptions({ palaceId: id }));
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "NOT_FOUND" || code === "FORBIDDEN") notFound();
    throw error;
  }
  return (
    <HydrateClient>
      <div className="page">
        <MembersView palaceId={id} />
      </div>
    </HydrateClient>
  );
}
