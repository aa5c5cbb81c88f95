import { describe, expect, it } from "vitest";
import { flushGrades, outcomeOfError, type SendOutcome } from "~/app/_offline/flush";
import type { QueuedGrade } from "~/app/_offline/grade-queue";

function queue(count: number) {
  const items = Array.from({ length: count }, (_, i) => ({
    seq: i + 1,
    key: `key-${i + 1}`,
    conceptId: `c${i + 1}`,
    palaceId: "p",
    rating: 3 as const,
    durationMs: 1000,
    reviewedAt: 1_000 + i,
  }));
  const sent: string[] = [];
  return {
    items,
    sent,
    deps(outcomes: Record<string, SendOutcome>) {
      return {
        // The store hands them back in any order: the flush must still send oldest first.
        list: async () => [...items].reverse(),
        send: async (g: QueuedGrade) => {
          sent.push(g.key);
          return outcomes[g.key] ?? "stored";
        },
        remove: async (seq: number) => {
          items.splice(
            items.findIndex((i) => i.seq === seq),
            1,
          );
        },
      };
    },
  };
}

describe("flushGrades", () => {
  it("sends every waiting grade once, oldest first, and empties the queue", async () => {
    const q = queue(5);
    const result = await flushGrades(q.deps({}));
    expect(q.sent).toEqual(["key-1", "key-2", "key-3", "key-4", "key-5"]);
    expect(result).toEqual({ stored: 5, refused: 0, left: 0, stoppedBy: null });
    expect(q.items).toHaveLength(0);
  });

  it("stops at the first unreachable send and keeps that grade and the rest in order", async () => {
    const q = queue(4);
    const result = await flushGrades(q.deps({ "key-3": "unreachable" }));
    expect(q.sent).toEqual(["key-1", "key-2", "key-3"]);
    expect(result).toEqual({ stored: 2, refused: 0, left: 2, stoppedBy: "unreachable" });
    expect(q.items.map((i) => i.key)).toEqual(["key-3", "key-4"]);
  });

  it("drops a grade the server refuses for good and goes on", async () => {
    const q = queue(3);
    const result = await flushGrades(q.deps({ "key-2": "refused" }));
    expect(result).toEqual({ stored: 2, refused: 1, left: 0, stoppedBy: null });
  });

  it("keeps everything when the person must sign in first", async () => {
    const q = queue(2);
    const result = await flushGrades(q.deps({ "key-1": "signed-out" }));
    expect(result.stoppedBy).toBe("signed-out");
    expect(q.items).toHaveLength(2);
  });
});

describe("outcomeOfError", () => {
  it("tells a lost connection from the server's refusals", () => {
    expect(outcomeOfError(new TypeError("Failed to fetch"))).toBe("unreachable");
    expect(outcomeOfError({ data: { code: "UNAUTHORIZED" } })).toBe("signed-out");
    expect(outcomeOfError({ data: { code: "NOT_FOUND" } })).toBe("refused");
    expect(outcomeOfError({ data: { code: "BAD_REQUEST" } })).toBe("refused");
    expect(outcomeOfError({ data: { code: "SERVICE_UNAVAILABLE" } })).toBe("unreachable");
  });
});
