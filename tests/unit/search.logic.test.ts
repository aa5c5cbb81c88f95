import { describe, expect, it } from "vitest";
import { toPrefixQuery } from "~/server/domain/search/search.logic";

describe("toPrefixQuery", () => {
  it("requires every word and lets the last one be a prefix", () => {
    expect(toPrefixQuery("Adam optim")).toBe("adam & optim:*");
    expect(toPrefixQuery("  batch-norm ")).toBe("batch & norm:*");
    expect(toPrefixQuery("Über β₂")).toBe("über & β₂:*");
  });

  it("drops tsquery operators and punctuation, so input can never break the query", () => {
    expect(toPrefixQuery("a & !b | (c) <-> 'd':*")).toBe("a & b & c & d:*");
    expect(toPrefixQuery("?! -- ")).toBeNull();
    expect(toPrefixQuery("")).toBeNull();
  });

  it("keeps at most eight words", () => {
    expect(toPrefixQuery("1 2 3 4 5 6 7 8 9 10")).toBe("1 & 2 & 3 & 4 & 5 & 6 & 7 & 8:*");
  });
});
