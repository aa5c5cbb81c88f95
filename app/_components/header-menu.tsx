"use client";
// On a phone the header's links fold into a menu behind one button; on wider screens the
// button is hidden and the links stand in the bar. The menu closes on navigation and Escape.
import { usePathname } from "next/navigation";
import { useEffect, useId, useState } from "react";

export function HeaderMenu({ children }: { children: React.ReactNode }) {
  // The menu is open for the page it was opened on: navigating closes it without an effect.
  const pathname = usePathname();
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const setOpen = (next: boolean) => setOpenOn(next ? pathname : null);
  const id = useId();
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") setOpenOn(null);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [open]);
  return (
    <>
      <button
        type="button"
        className="header-menu-button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen(!open)}
      >
        <span aria-hidden="true" className="header-menu-icon" />
        Menu
      </button>
      <nav id={id} aria-label="Main" className={`header-nav ${open ? "open" : ""}`}>
        {children}
      </nav>
    </>
  );
}
