// Whether React has taken over the page. Server-rendered forms keep their submit buttons off
// until then: a press before hydration would submit the form natively, as a GET that puts
// every field (a password too) in the address and does nothing the person meant.
import { useSyncExternalStore } from "react";

const unchanging = () => () => {};

export function useHydrated(): boolean {
  return useSyncExternalStore(
    unchanging,
    () => true,
    () => false,
  );
}
