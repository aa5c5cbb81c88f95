// Which labels show where they would overlap on screen: the more important ones keep their
// place, the others fade until hovered, focused or selected. Plain data, so it is unit-tested
// without a browser and the legibility test measures with the same arithmetic.

/** A label's rectangle on screen, in CSS pixels (y grows downwards). */
export interface ScreenBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface LabelCandidate extends ScreenBox {
  /** Lower goes first: selected and hovered labels, then room names, then the nearest. */
  rank: number;
}

const CELL = 64;

/**
 * Greedy placement in order of rank: a label shows when its box, grown by `gap` pixels, meets
 * no box already shown. A grid over the screen keeps each test to the few boxes nearby, so a
 * thousand labels cost about as many box tests. Returns, per candidate, whether it shows.
 */
export function declutter(candidates: readonly LabelCandidate[], gap = 2): boolean[] {
  const shown = new Array<boolean>(candidates.length).fill(false);
  const order = candidates.map((_, i) => i).sort((a, b) => candidates[a]!.rank - candidates[b]!.rank || a - b);
  const grid = new Map<number, number[]>();
  const cells = (b: ScreenBox, visit: (key: number) => boolean | void) => {
    const cx0 = Math.floor((b.x0 - gap) / CELL);
    const cx1 = Math.floor((b.x1 + gap) / CELL);
    const cy0 = Math.floor((b.y0 - gap) / CELL);
    const cy1 = Math.floor((b.y1 + gap) / CELL);
    for (let cx = cx0; cx <= cx1; cx++) for (let cy = cy0; cy <= cy1; cy++) if (visit(cx * 100_003 + cy) === true) return true;
    return false;
  };
  for (const i of order) {
    const box = candidates[i]!;
    const blocked = cells(box, (key) =>
      (grid.get(key) ?? []).some((j) => {
        const other = candidates[j]!;
        return box.x0 - gap < other.x1 && other.x0 < box.x1 + gap && box.y0 - gap < other.y1 && other.y0 < box.y1 + gap;
      }),
    );
    if (blocked) continue;
    shown[i] = true;
    cells(box, (key) => {
      const list = grid.get(key);
      if (list) list.push(i);
      else grid.set(key, [i]);
    });
  }
  return shown;
}

const area = (b: ScreenBox) => Math.max(0, b.x1 - b.x0) * Math.max(0, b.y1 - b.y0);

/** Screen area covered by more than one box, as a share of the area the boxes cover together. */
export function overlapShare(boxes: readonly ScreenBox[]): number {
  let total = 0;
  let overlap = 0;
  for (const b of boxes) total += area(b);
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      overlap += area({ x0: Math.max(a.x0, b.x0), y0: Math.max(a.y0, b.y0), x1: Math.min(a.x1, b.x1), y1: Math.min(a.y1, b.y1) });
    }
  return total === 0 ? 0 : overlap / (total - overlap);
}
