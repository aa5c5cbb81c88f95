"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";

export function SignOutButton() {
  const router = useRouter();
  const queryClient = useQueryClient();
  return (
    <button
      type="button"
      className="btn btn-small btn-ghost"
      style={{ color: "inherit" }}
      onClick={() => void (async () => {
        // The auth client loads on the click: every signed-in page shows this button.
        const { authClient } = await import("./auth-client");
        await authClient.signOut();
        queryClient.clear();
        router.push("/");
        router.refresh();
      })()}
    >
      Sign out
    </button>
  );
}
