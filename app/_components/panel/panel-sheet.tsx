"use client";
// The side panel's frame. On a phone (640 px wide or less) it is a bottom sheet over the stage:
// collapsed to its bar, half open or full, moved by dragging the handle or by the bar's buttons.
// Collapsed, the sheet's content is inert, so keyboard focus never lands on something hidden.
import { forwardRef, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { usePalaceUi } from "../../_stores/palace-store";
import { useWalk } from "../../_stores/walk-store";

export type SheetState = "collapsed" | "half" | "full";

const STATES: SheetState[] = ["collapsed", "half", "full"];
const NAMES: Record<SheetState, string> = { collapsed: "Hide", half: "Half", full: "Full" };
const TITLES: Record<SheetState, string> = { collapsed: "Collapse the panel to its bar", half: "Open the panel halfway", full: "Open the panel fully" };
const PHONE_QUERY = "(max-width: 640px)";

const subscribePhone = (onChange: () => void) => {
  const query = window.matchMedia(PHONE_QUERY);
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
};
const isPhone = () => window.matchMedia(PHONE_QUERY).matches;
const notPhoneOnServer = () => false;

export function usePhoneLayout() {
  return useSyncExternalStore(subscribePhone, isPhone, notPhoneOnServer);
}

/** The state whose height is nearest to a dragged height (a share of the layout's height). */
function nearestState(share: number, barShare: number): SheetState {
  const heights: [SheetState, number][] = [
    ["collapsed", barShare],
    ["half", 0.5],
    ["full", 1],
  ];
  return heights.reduce((best, next) => (Math.abs(next[1] - share) < Math.abs(best[1] - share) ? next : best))[0];
}

interface PanelSheetProps {
  label: string;
  children: React.ReactNode;
}

export const PanelSheet = forwardRef<HTMLDivElement, PanelSheetProps>(function PanelSheet({ label, children }, bodyRef) {
  const phone = usePhoneLayout();
  const [state, setState] = useState<SheetState>("collapsed");
  const sheet = useRef<HTMLElement>(null);
  const drag = useRef<{ startY: number; startHeight: number; moved: boolean } | null>(null);
  // A drag ends with a click event too: that click must not step the size again.
  const dragged = useRef(false);

  // Choosing a concept on a phone shows its card; walking gives the stage back.
  useEffect(() => {
    const offSelect = usePalaceUi.subscribe((now, before) => {
      if (!now.selectedConceptId || now.selectedConceptId === before.selectedConceptId) return;
      // While walking, a chosen stop is walked to: fold the sheet to watch the way there.
      if (useWalk.getState().mode === "walk") setState("collapsed");
      else setState((s) => (s === "collapsed" ? "half" : s));
    });
    const offWalk = useWalk.subscribe((now, before) => {
      if (now.mode === "walk" && before.mode !== "walk") setState("collapsed");
    });
    return () => {
      offSelect();
      offWalk();
    };
  }, []);

  const collapsed = phone && state === "collapsed";
  const sheetHeight = () => sheet.current?.parentElement?.getBoundingClientRect().height ?? window.innerHeight;

  return (
    <aside
      ref={sheet}
      className={`panel ${phone ? `sheet sheet-${state}` : ""}`}
      aria-label={label}
      data-sheet={phone ? state : undefined}
      data-testid="palace-panel"
    >
      {phone && (
        <div className="sheet-bar">
          <button
            type="button"
            className="sheet-handle"
            aria-label={`${label}: drag to resize, or press to ${state === "full" ? "collapse" : "open further"}`}
            aria-expanded={state !== "collapsed"}
            onPointerDown={(e) => {
              e.currentTarget.setPointerCapture(e.pointerId);
              drag.current = { startY: e.clientY, startHeight: sheet.current?.getBoundingClientRect().height ?? 0, moved: false };
            }}
            onPointerMove={(e) => {
              const d = drag.current;
              if (!d || !sheet.current) return;
              const dy = d.startY - e.clientY;
              if (Math.abs(dy) > 6) d.moved = true;
              if (!d.moved) return;
              // Follows the finger without re-rendering; the state is chosen on release.
              sheet.current.style.height = `${Math.min(sheetHeight(), Math.max(48, d.startHeight + dy))}px`;
            }}
            onPointerUp={(e) => {
              const d = drag.current;
              drag.current = null;
              dragged.current = Boolean(d?.moved);
              if (!d?.moved || !sheet.current) return;
              const total = sheetHeight();
              const height = Math.min(total, Math.max(48, d.startHeight + d.startY - e.clientY));
              sheet.current.style.height = "";
              setState(nearestState(height / total, 56 / total));
            }}
            onPointerCancel={() => {
              drag.current = null;
              if (sheet.current) sheet.current.style.height = "";
            }}
            onClick={() => {
              if (dragged.current) {
                dragged.current = false;
                return;
              }
              // A tap, Enter or Space steps to the next size.
              setState((s) => (s === "full" ? "collapsed" : STATES[STATES.indexOf(s) + 1]!));
            }}
            onKeyDown={(e) => {
              if (e.key !== "ArrowUp" && e.key !== "ArrowDown") return;
              e.preventDefault();
              const i = STATES.indexOf(state) + (e.key === "ArrowUp" ? 1 : -1);
              setState(STATES[Math.min(2, Math.max(0, i))]!);
            }}
          >
            <span className="sheet-grip" aria-hidden="true" />
            <span className="sheet-title">{label}</span>
          </button>
          <div className="sheet-sizes" role="group" aria-label="Panel size">
            {STATES.map((s) => (
              <button key={s} type="button" className="btn btn-small" title={TITLES[s]} aria-pressed={state === s} onClick={() => setState(s)}>
                {NAMES[s]}
              </button>
            ))}
          </div>
        </div>
      )}
      <div className="panel-body" ref={bodyRef} inert={collapsed}>
        {children}
      </div>
    </aside>
  );
});
