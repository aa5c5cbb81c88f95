"use client";
// On a phone the header's links fold into a menu behind one button; on wider screens the
// button is hidden and the links stand in the bar. The menu closes on navigation and Escape.
import { usePathname } from "next/navigation";
import { useEffect, useId, useState } from "react";

export function HeaderMenu({ children }: { children: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  const id = useId();
  useEffect(() => setOpen(false), [pathname]);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") setOpen(false);
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
        onClick={() => setOpen((o) => !o)}
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
