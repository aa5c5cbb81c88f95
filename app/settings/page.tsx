// Recall settings for the signed-in person.
import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { sessionUser } from "~/server/session";
import { SettingsForm } from "../_components/recall/settings-form";
import { HydrateClient, getQueryClient, trpc } from "../_trpc/server";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const user = await sessionUser(await headers());
  if (!user) redirect("/sign-in?next=/settings");
  await getQueryClient().prefetchQuery(trpc.settings.get.queryOptions());
  return (
    <HydrateClient>
      <div className="page">
        <SettingsForm />
      </div>
    </HydrateClient>
  );
}
