// Turns what a person types into a PostgreSQL tsquery that matches as they type: every word
// must appear, the last one as a prefix. Pure, so odd input is tested without a database.

const MAX_WORDS = 8;

/** "adam optim" becomes "adam & optim:*"; null when nothing searchable is left. */
export function toPrefixQuery(input: string): string | null {
  const words = (input.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_WORDS);
  if (words.length === 0) return null;
  return words.map((w, i) => (i === words.length - 1 ? `${w}:*` : w)).join(" & ");
}
