// Settings for the signed-in person: recall, and deleting the account.
import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { sessionUser } from "~/server/session";
import { DeleteAccount } from "../_components/account/delete-account";
import { ScheduleSection } from "../_components/recall/schedule-section";
import { SettingsForm } from "../_components/recall/settings-form";
import { HydrateClient, getQueryClient, trpc } from "../_trpc/server";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const user = await sessionUser(await headers());
  if (!user) redirect("/sign-in?next=/settings");
  const queryClient = getQueryClient();
  await Promise.all([
    queryClient.prefetchQuery(trpc.settings.get.queryOptions()),
    queryClient.prefetchQuery(trpc.schedule.status.queryOptions()),
    queryClient.prefetchQuery(trpc.account.deletionPlan.queryOptions()),
  ]);
  return (
    <HydrateClient>
      <div className="page">
        <SettingsForm />
        <ScheduleSection />
        <DeleteAccount />
      </div>
    </HydrateClient>
  );
}
