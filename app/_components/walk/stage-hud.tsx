"use client";
// What lies over the bottom of the 3D stage: the hint for the input in use, the memory legend,
// the joystick and stop buttons on touch screens, and the minimap. One flex layout places them,
// so none can cover another whatever the screen's size.
import { memoryColour } from "../../_stores/view-store";
import type { ViewMode } from "../../_stores/walk-store";
import { Minimap } from "./minimap";
import type { PalaceCommands } from "./palace-commands";
import { TouchStick } from "./touch-stick";
import type { InputKind } from "./use-input-kind";

const HINTS: Record<ViewMode, Record<InputKind, string>> = {
  walk: {
    keyboard: "W A S D or arrows to walk · Q E or ← → to turn · Shift to run · N / P next / previous stop · click a concept to walk up to it",
    touch: "Push the stick to walk · drag the view to look around · tap a concept to walk up to it",
  },
  overview: {
    keyboard: "Drag to orbit · scroll to zoom · click a concept to open it · B to walk · N / P tour the route",
    touch: "Drag to orbit · pinch to zoom · tap a concept to open it · Walk to go inside",
  },
};

interface StageHudProps {
  commands: PalaceCommands;
  input: InputKind;
  mode: ViewMode;
  placingTitle: string | undefined;
  /** During a recall walk: what its keys do, instead of the walking hint. */
  recallHint?: string;
  showMinimap: boolean;
  hasLoci: boolean;
  paintMemory: boolean;
}

export function StageHud({ commands, input, mode, placingTitle, recallHint, showMinimap, hasLoci, paintMemory }: StageHudProps) {
  const touchWalk = mode === "walk" && input === "touch";
  const hint = placingTitle
    ? `${input === "touch" ? "Tap" : "Click"} a floor to place “${placingTitle}”.${input === "touch" ? "" : " Press Escape to cancel."}`
    : (recallHint ?? HINTS[mode][input]);
  return (
    <div className="stage-hud" data-input={input}>
      <div className="hud-left">
        {paintMemory && (
          <div className="memory-legend" aria-live="polite">
            <span className="swatch" style={{ background: memoryColour(0.2) }} /> forgotten
            <span className="swatch" style={{ background: memoryColour(0.7) }} /> shaky
            <span className="swatch" style={{ background: memoryColour(0.97) }} /> known
            <span className="swatch" style={{ background: memoryColour(null) }} /> not studied yet
          </div>
        )}
        {touchWalk && <TouchStick />}
        <div className="hud-hint" aria-live="polite" data-testid="stage-hint">
          {hint}
        </div>
      </div>
      <div className="hud-right">
        {touchWalk && hasLoci && (
          <div className="hud-stops" role="group" aria-label="Route stops">
            <button type="button" className="btn hud-button" onClick={() => commands.tour(-1)}>
              ‹ Previous stop
            </button>
            <button type="button" className="btn hud-button" onClick={() => commands.tour(1)}>
              Next stop ›
            </button>
          </div>
        )}
        {showMinimap && <Minimap />}
      </div>
    </div>
  );
}
