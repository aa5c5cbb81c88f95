import { describe, expect, it } from "vitest";
import { decisionProblem, type OwnedPalaceFacts } from "~/server/domain/account/account.logic";

const owned: OwnedPalaceFacts[] = [
  { id: "p1", title: "Attention", memberIds: new Set(["u2", "u3"]) },
  { id: "p2", title: "Losses", memberIds: new Set() },
  { id: "p3", title: "Optimisers", memberIds: new Set(["u2"]) },
];

describe("decisionProblem", () => {
  it("accepts one choice per owned palace, transfers only to members", () => {
    expect(
      decisionProblem(owned, [
        { palaceId: "p1", action: "transfer", newOwnerId: "u3" },
        { palaceId: "p2", action: "delete" },
        { palaceId: "p3", action: "delete" },
      ]),
    ).toBeNull();
    expect(decisionProblem([], [])).toBeNull();
  });

  it("names every palace without a choice", () => {
    expect(decisionProblem(owned, [{ palaceId: "p2", action: "delete" }])).toEqual({
      message: "Choose what happens to these palaces before deleting your account: “Attention”, “Optimisers”.",
      field: "decisions",
    });
    expect(decisionProblem(owned.slice(0, 1), [])?.message).toBe("Choose what happens to this palace before deleting your account: “Attention”.");
  });

  it("refuses transfers to non-members, duplicates and palaces that are not owned", () => {
    const all = owned.map((p) => ({ palaceId: p.id, action: "delete" as const }));
    expect(decisionProblem(owned, [{ palaceId: "p3", action: "transfer", newOwnerId: "u3" }, ...all.slice(0, 2)])).toEqual({
      message: "“Optimisers” can only be transferred to one of its members, and the person chosen is not a member.",
      field: "decisions.0.newOwnerId",
    });
    expect(decisionProblem(owned, [...all, all[1]!])?.message).toBe("“Losses” has more than one choice. Keep one.");
    expect(decisionProblem(owned, [...all, { palaceId: "elsewhere", action: "delete" }])?.field).toBe("decisions.3");
  });
});
