import { describe, expect, it } from "vitest";
import { contrastRatio, relativeLuminance } from "~/app/_scene/contrast";
import { declutter, overlapShare, type LabelCandidate } from "~/app/_scene/loci/label-layout";
import { LABEL, THEMES } from "~/app/_scene/rooms/palette";

const box = (x: number, y: number, w: number, h: number, rank: number): LabelCandidate => ({ x0: x, y0: y, x1: x + w, y1: y + h, rank });

describe("contrast", () => {
  it("follows WCAG 2's figures", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21);
    expect(contrastRatio("#fff", "#fff")).toBeCloseTo(1);
    // WCAG's own example: #767676 on white is the lightest grey that passes 4.5.
    expect(contrastRatio("#767676", "#ffffff")).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio("#777777", "#ffffff")).toBeLessThan(4.5);
    expect(relativeLuminance([255, 0, 0])).toBeCloseTo(0.2126);
    expect(() => relativeLuminance("blue")).toThrow();
  });

  it("keeps floating labels at 4.5 or more against their halo, and the halo dark against every floor", () => {
    expect(contrastRatio(LABEL.title, LABEL.halo)).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(LABEL.roomName, LABEL.halo)).toBeGreaterThanOrEqual(4.5);
    // Whatever the floor, the halo is what the letters are read against; it should stand out too.
    for (const look of Object.values(THEMES)) expect(relativeLuminance(LABEL.halo)).toBeLessThan(relativeLuminance(look.floorAlt));
  });
});

describe("decluttering labels", () => {
  it("shows every label that overlaps nothing", () => {
    expect(declutter([box(0, 0, 50, 14, 3), box(100, 0, 50, 14, 2), box(0, 40, 50, 14, 1)])).toEqual([true, true, true]);
  });

  it("fades the less important of two overlapping labels, whatever the order they come in", () => {
    expect(declutter([box(0, 0, 80, 14, 5), box(40, 5, 80, 14, 1)])).toEqual([false, true]);
    expect(declutter([box(40, 5, 80, 14, 1), box(0, 0, 80, 14, 5)])).toEqual([true, false]);
  });

  it("keeps a gap between labels that show", () => {
    expect(declutter([box(0, 0, 50, 14, 1), box(51, 0, 50, 14, 2)], 2)).toEqual([true, false]);
    expect(declutter([box(0, 0, 50, 14, 1), box(53, 0, 50, 14, 2)], 2)).toEqual([true, true]);
  });

  it("lets a label hidden by a faded one show (only shown labels block)", () => {
    // A blocks B; B would block C; with B faded, C shows.
    expect(declutter([box(0, 0, 60, 14, 1), box(50, 0, 60, 14, 2), box(100, 0, 60, 14, 3)])).toEqual([true, false, true]);
  });

  it("leaves no overlap among a thousand crowded labels, and keeps many of them", () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const crowd = Array.from({ length: 1000 }, (_, i) => box(random() * 1200, random() * 760, 40 + random() * 80, 14, i));
    const shown = declutter(crowd);
    const kept = crowd.filter((_, i) => shown[i]);
    expect(overlapShare(kept)).toBe(0);
    expect(kept.length).toBeGreaterThan(150);
    expect(overlapShare(crowd)).toBeGreaterThan(0.05);
  });

  it("measures overlap as a share of the covered area", () => {
    expect(overlapShare([box(0, 0, 10, 10, 0), box(5, 0, 10, 10, 0)])).toBeCloseTo(50 / 150);
    expect(overlapShare([])).toBe(0);
  });
});
