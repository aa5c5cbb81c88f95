"use client";
// Signing out also wipes what this device kept for offline recall (pages, pictures, waiting
// grades), so the next person on a shared device finds nothing of this one's.
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";

// The offline modules load on the click too: the button is on every signed-in page, and what
// it needs from them only matters once someone signs out (first-load budget).
async function confirmLosingGrades(): Promise<boolean> {
  const waiting = await import("../_offline/grade-queue").then((m) => m.countWaiting()).catch(() => 0);
  if (waiting === 0) return true;
  return window.confirm(
    `${waiting} ${waiting === 1 ? "grade" : "grades"} made offline ${waiting === 1 ? "has" : "have"} not reached the server yet. ` +
      "Signing out removes them from this device. Sign out anyway?",
  );
}

export function SignOutButton() {
  const router = useRouter();
  const queryClient = useQueryClient();
  return (
    <button
      type="button"
      className="btn btn-small btn-ghost"
      style={{ color: "inherit" }}
      onClick={() => void (async () => {
        if (!(await confirmLosingGrades())) return;
        // The auth client loads on the click: every signed-in page shows this button.
        const { authClient } = await import("./auth-client");
        await authClient.signOut();
        await import("../_offline/device-data").then((m) => m.wipeDeviceData()).catch(() => undefined);
        queryClient.clear();
        router.push("/");
        router.refresh();
      })()}
    >
      Sign out
    </button>
  );
}
