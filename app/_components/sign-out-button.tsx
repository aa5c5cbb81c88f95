"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { authClient } from "./auth-client";

export function SignOutButton() {
  const router = useRouter();
  const queryClient = useQueryClient();
  return (
    <button
      type="button"
      className="btn btn-small btn-ghost"
      style={{ color: "inherit" }}
      onClick={async () => {
        await authClient.signOut();
        queryClient.clear();
        router.push("/");
        router.refresh();
      }}
    >
      Sign out
    </button>
  );
}
