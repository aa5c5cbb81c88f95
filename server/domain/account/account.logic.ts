// Pure rules for deleting an account: every owned palace needs exactly one choice, and a palace
// can only be handed to someone who is already one of its members.
import type { TPalaceDecision } from "./account.schema";

export interface OwnedPalaceFacts {
  id: string;
  title: string;
  /** Members other than the owner, by user id. */
  memberIds: ReadonlySet<string>;
}

const quoted = (titles: string[]) => titles.map((t) => `“${t}”`).join(", ");

/**
 * The first problem with a set of choices, as a sentence, or null when they can be carried out.
 * Naming every palace without a choice lets the person fix them all at once.
 */
export function decisionProblem(owned: OwnedPalaceFacts[], decisions: TPalaceDecision[]): { message: string; field: string } | null {
  const byId = new Map(owned.map((p) => [p.id, p]));
  const seen = new Set<string>();
  for (const [i, decision] of decisions.entries()) {
    const palace = byId.get(decision.palaceId);
    const field = `decisions.${i}`;
    if (!palace) return { message: "One of the choices names a palace you do not own. Reload the page and choose again.", field };
    if (seen.has(palace.id)) return { message: `“${palace.title}” has more than one choice. Keep one.`, field };
    seen.add(palace.id);
    if (decision.action === "transfer" && !palace.memberIds.has(decision.newOwnerId)) {
      return {
        message: `“${palace.title}” can only be transferred to one of its members, and the person chosen is not a member.`,
        field: `${field}.newOwnerId`,
      };
    }
  }
  const undecided = owned.filter((p) => !seen.has(p.id)).map((p) => p.title);
  if (undecided.length) {
    return {
      message: `Choose what happens to ${undecided.length === 1 ? "this palace" : "these palaces"} before deleting your account: ${quoted(undecided)}.`,
      field: "decisions",
    };
  }
  return null;
}
