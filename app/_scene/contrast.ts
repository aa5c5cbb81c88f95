// WCAG 2 contrast between two sRGB colours: what the scene's label and sign colours are chosen
// by, and what the legibility tests check them against.

function channel(c: number) {
  const s = c / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

/** Relative luminance (0 black … 1 white) of a colour written #rrggbb or #rgb, or of an [r, g, b] of 0–255. */
export function relativeLuminance(colour: string | readonly [number, number, number]): number {
  let rgb: readonly [number, number, number];
  if (typeof colour === "string") {
    const hex = colour.replace("#", "");
    const full = hex.length === 3 ? [...hex].map((h) => h + h).join("") : hex;
    if (!/^[0-9a-f]{6}$/i.test(full)) throw new Error(`Not a #rrggbb colour: ${colour}`);
    rgb = [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as [number, number, number];
  } else rgb = colour;
  return 0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2]);
}

/** Contrast ratio, 1 (none) to 21 (black on white); 4.5 is WCAG's minimum for body text. */
export function contrastRatio(a: string | readonly [number, number, number], b: string | readonly [number, number, number]): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}
