// Checks a typed answer against a concept's title forgivingly: case, accents, punctuation,
// spacing, a leading article and small typos do not count against the person. The verdict
// suggests a grade; the person still decides.

export type AnswerVerdict = "exact" | "close" | "partial" | "wrong" | "empty";

export interface AnswerCheck {
  verdict: AnswerVerdict;
  /** The grade the verdict suggests (1 again, 2 hard, 3 good), or null when nothing was typed. */
  suggestedRating: 1 | 2 | 3 | null;
}

/** Lower case, no accents, punctuation as spaces, "&" as "and", no leading article, single spaces. */
export function normalizeAnswer(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .replace(/^(the|a|an) /, "");
}

/** Edit distance with transpositions (optimal string alignment), so "nromalization" is one slip. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[rows - 1]![cols - 1]!;
}

/** Typos forgiven for a word or phrase of this many characters: none for short ones. */
function allowedTypos(length: number): number {
  if (length <= 3) return 0;
  if (length <= 7) return 1;
  if (length <= 14) return 2;
  return 3;
}

/** The initials of a multi-word title ("Batch normalization" gives "bn"), accepted as a close answer. */
function initials(normalized: string): string {
  const words = normalized.split(" ");
  return words.length > 1 ? words.map((w) => w[0]).join("") : "";
}

export function checkAnswer(typed: string, expected: string): AnswerCheck {
  const answer = normalizeAnswer(typed);
  if (answer === "") return { verdict: "empty", suggestedRating: null };
  const target = normalizeAnswer(expected);
  const squash = (s: string) => s.replace(/ /g, "");
  if (answer === target || squash(answer) === squash(target)) return { verdict: "exact", suggestedRating: 3 };
  const typos = editDistance(squash(answer), squash(target));
  if (typos <= allowedTypos(squash(target).length)) return { verdict: "close", suggestedRating: 3 };
  // A parenthesised aside in the title ("Adam (optimizer)") need not be typed.
  const core = normalizeAnswer(expected.replace(/\([^)]*\)/g, " "));
  if (core && core !== target && editDistance(squash(answer), squash(core)) <= allowedTypos(squash(core).length)) {
    return { verdict: "close", suggestedRating: 3 };
  }
  if (answer.length >= 2 && answer === initials(target)) return { verdict: "close", suggestedRating: 3 };
  // Most of the title's words, each typed nearly right: remembered, but not all of it.
  const targetWords = target.split(" ").filter((w) => w.length > 2);
  const answerWords = answer.split(" ");
  const matched = targetWords.filter((w) => answerWords.some((a) => editDistance(a, w) <= allowedTypos(w.length))).length;
  if (targetWords.length > 1 && matched / targetWords.length >= 0.5) return { verdict: "partial", suggestedRating: 2 };
  return { verdict: "wrong", suggestedRating: 1 };
}
