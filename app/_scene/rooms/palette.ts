// The look of each room theme: colours and floor pattern, so rooms are told apart at a glance.
// Plain data (no three.js) so DOM lists can show the same colours.
import type { TRoomTheme } from "~/server/domain/room/room.schema";

export interface ThemeLook {
  floor: string;
  floorAlt: string;
  wall: string;
  trim: string;
  /** Writing on this room's walls: names, signs (on a PLAQUE-coloured board). */
  label: string;
  pattern: "tiles" | "planks" | "checker" | "herringbone" | "stripes" | "dots";
}

export const THEMES: Record<TRoomTheme, ThemeLook> = {
  sandstone: { floor: "#c9a77a", floorAlt: "#b8946a", wall: "#eadbc0", trim: "#9b5a2e", label: "#5b3417", pattern: "tiles" },
  slate: { floor: "#5f6c7b", floorAlt: "#4f5b69", wall: "#cfd6de", trim: "#2f3e4e", label: "#1c2733", pattern: "checker" },
  moss: { floor: "#7a9a63", floorAlt: "#6a8954", wall: "#e2ebd6", trim: "#3d5a2a", label: "#243a17", pattern: "planks" },
  terracotta: { floor: "#b9663f", floorAlt: "#a65834", wall: "#f2d8c7", trim: "#7a3520", label: "#4d1e10", pattern: "herringbone" },
  indigo: { floor: "#52569f", floorAlt: "#45498c", wall: "#dadbf4", trim: "#2b2d6e", label: "#1a1b4a", pattern: "stripes" },
  ivory: { floor: "#dcd4c1", floorAlt: "#cec5b0", wall: "#fbf8f0", trim: "#8a7f66", label: "#4a4232", pattern: "dots" },
};

/** The board behind room names and door signs on the walls: the theme's label colour reads on it. */
export const PLAQUE = "#fffaf0";

/**
 * Labels that float over the palace (concept titles, room names from above) are drawn in a light
 * colour inside a near-black halo, so they read on any floor, wall or background behind them.
 */
export const LABEL = {
  title: "#ffffff",
  roomName: "#ffe2a8",
  halo: "#141824",
  /** Halo width as a share of the font size: about 2 px around a 13 px title. */
  haloShare: 0.16,
  /** Smallest font sizes on screen, CSS pixels. */
  titleMinPx: 13,
  roomNameMinPx: 14,
} as const;
