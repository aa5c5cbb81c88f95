// The teaching content of the demo palace and the templates: walks that follow prerequisites
// and never double back, a vivid cue at every stop, a diagram in every room, and every figure
// that follows from others in a note recomputed here from the note's own inputs.
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { demoPalace } from "~/server/seed/demo-palace";
import { renderDiagram } from "~/server/seed/seed.pictures";
import type { SeedCheck, SeedPalace } from "~/server/seed/seed.types";
import { templates } from "~/server/seed/templates";

const palaces: { id: string; palace: SeedPalace }[] = [{ id: "demo", palace: demoPalace }, ...templates];

/** Each formula written out again here, independently of the notes, returning the figure in the note's unit. */
const CALCULATORS: Record<string, (...a: number[]) => number> = {
  "conv-out": (n, k, p, s) => Math.floor((n + 2 * p - k) / s) + 1,
  "conv-params": (cin, cout, k) => cout * cin * k * k + cout,
  "conv-weights": (cin, cout, k) => cout * cin * k * k,
  "stacked-field": (k, layers) => 1 + layers * (k - 1),
  ln: (x) => Math.log(x),
  exp: (x) => Math.exp(x),
  product: (...a) => a.reduce((x, y) => x * y, 1),
  "product-millions": (...a) => a.reduce((x, y) => x * y, 1) / 1e6,
  quotient: (a, b) => a / b,
  percent: (a, b) => (100 * a) / b,
  "smoothed-true": (eps, k) => 1 - eps + eps / k,
  "smoothed-other": (eps, k) => eps / k,
  "one-over-one-minus": (x) => 1 / (1 - x),
  "separable-saving": (k, cout) => 1 / (1 / cout + 1 / (k * k)),
  "linear-scaling": (lr, base, batch) => (lr * batch) / base,
  "gpt-params-millions": (layers, d, vocab, ctx) => (12 * layers * d * d + vocab * d + ctx * d) / 1e6,
  "gpt-embedding-share": (layers, d, vocab, ctx) => (100 * vocab * d) / (12 * layers * d * d + vocab * d + ctx * d),
  "train-flops": (millionParams, billionTokens) => 6 * millionParams * 1e6 * billionTokens * 1e9,
};

/** The last number in `says`, and half a unit of its last written digit (the rounding allowed). */
function stated(says: string): { value: number; tolerance: number } {
  const m = [...says.matchAll(/(\d[\d,]*(?:\.\d+)?)(?:e([+−-]?\d+))?/g)].at(-1);
  if (!m) throw new Error(`"${says}" holds no number.`);
  const digits = m[1]!.replace(/,/g, "");
  const exponent = m[2] ? Number(m[2].replace("−", "-")) : 0;
  const decimals = digits.includes(".") ? digits.split(".")[1]!.length : 0;
  return { value: Number(digits) * 10 ** exponent, tolerance: 0.5 * 10 ** (exponent - decimals) + 1e-9 };
}

const forms = (n: number) => [String(n), n.toLocaleString("en-US"), n.toLocaleString("en-US").replace(/,/g, " ")];

function checkFigure(notes: string, check: SeedCheck) {
  const calc = CALCULATORS[check.calc];
  expect(calc, `unknown calculation "${check.calc}"`).toBeDefined();
  const { value, tolerance } = stated(check.says);
  const computed = calc!(...check.args);
  expect(Math.abs(computed - value), `${check.calc}(${check.args.join(", ")}) = ${computed}, the note says "${check.says}"`).toBeLessThanOrEqual(tolerance);
  expect(notes, `the note states "${check.says}"`).toContain(check.says);
  for (const arg of check.args) {
    expect(forms(arg).some((f) => new RegExp(`(^|[^\\d.,])${f.replace(/\./g, "\\.")}(?![\\d]|[.,]\\d)`).test(notes)), `input ${arg} appears in the note`).toBe(true);
  }
}

const bodyOf = (notes: string) =>
  notes
    .split("\n")
    .filter((l) => !/^\*\*(Picture|Number):\*\*/.test(l.trim()))
    .join("\n");
const words = (s: string) => s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

describe.each(palaces)("$id", ({ palace }) => {
  const placed = palace.concepts.filter((c) => c.place);
  const position = new Map(placed.map((c, i) => [c.key, i]));

  it("walks every declared prerequisite before the concept that builds on it", () => {
    const keys = new Set(palace.concepts.map((c) => c.key));
    const declared = palace.concepts.filter((c) => c.after?.length);
    expect(declared.length).toBeGreaterThan(0);
    for (const c of declared) {
      for (const before of c.after!) {
        expect(keys.has(before), `${c.key} names unknown prerequisite ${before}`).toBe(true);
        expect(position.get(before)!, `${before} comes before ${c.key}`).toBeLessThan(position.get(c.key)!);
      }
    }
  });

  it("finishes each room before the next and steps straight through a door into it", () => {
    const rooms = placed.map((c) => c.place!.room).filter((r, i, all) => all[i - 1] !== r);
    expect(new Set(rooms).size, `rooms walked: ${rooms.join(" → ")}`).toBe(rooms.length);
    expect(rooms.length).toBe(palace.rooms.length);
    rooms.slice(1).forEach((room, i) => {
      const door = palace.doors.some((d) => (d.a === rooms[i] && d.b === room) || (d.b === rooms[i] && d.a === room));
      expect(door, `a door joins ${rooms[i]} and ${room}`).toBe(true);
    });
  });

  it("gives every stop a picture to place at it and notes of 60 to 120 words besides", () => {
    for (const c of palace.concepts) {
      const cue = c.notes.split("\n").find((l) => l.startsWith("**Picture:** "));
      expect(cue, `${c.key} has a Picture: line`).toBeDefined();
      expect(words(cue!), `${c.key}'s picture is short`).toBeLessThanOrEqual(40);
      expect(words(bodyOf(c.notes)), `${c.key} notes word count`).toBeGreaterThanOrEqual(60);
      expect(words(bodyOf(c.notes)), `${c.key} notes word count`).toBeLessThanOrEqual(120);
    }
  });

  it("hangs at least one diagram in every room", () => {
    for (const room of palace.rooms) {
      const drawn = palace.concepts.filter((c) => c.place?.room === room.key && c.diagram);
      expect(drawn.length, room.name).toBeGreaterThanOrEqual(1);
    }
  });

  it("recomputes every figure that follows from others in its note", () => {
    for (const c of palace.concepts) for (const check of c.checks ?? []) checkFigure(c.notes, check);
  });

  it("draws each diagram as a picture with ink on it", async () => {
    for (const c of palace.concepts.filter((x) => x.diagram)) {
      const picture = await renderDiagram(c.diagram!);
      expect(picture.width, c.key).toBe(1024);
      const { data, info } = await sharp(picture.thumb).greyscale().raw().toBuffer({ resolveWithObject: true });
      const dark = data.filter((v) => v < 128).length / (info.width * info.height);
      expect(dark, `${c.key} has dark strokes`).toBeGreaterThan(0.003);
      expect(dark, `${c.key} is not a dark slab`).toBeLessThan(0.5);
    }
  }, 60_000);
});

describe("the figure check", () => {
  it("refuses a figure that does not follow from its inputs", () => {
    expect(() => checkFigure("floor((224 + 2·3 − 7) / 2) + 1 = 113", { calc: "conv-out", args: [224, 7, 3, 2], says: "113" })).toThrow();
    expect(() => checkFigure("224, 7, 3, 2 give 112", { calc: "conv-out", args: [224, 7, 3, 2], says: "112" })).not.toThrow();
    expect(() => checkFigure("7, 3, 2 give 112", { calc: "conv-out", args: [224, 7, 3, 2], says: "112" })).toThrow(/224 appears/);
  });
});
