// An invite link: shows which palace it opens and with which role, and joins on a click. The
// token travels only in the URL the owner shared; the server keeps just its hash.
import type { Metadata } from "next";
import { headers } from "next/headers";
import { sessionUser } from "~/server/session";
import { InviteView } from "../../_components/teams/invite-view";

export const metadata: Metadata = { title: "Invitation", referrer: "no-referrer" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const user = await sessionUser(await headers());
  return (
    <div className="page">
      <InviteView token={token} signedIn={user !== null} />
    </div>
  );
}
