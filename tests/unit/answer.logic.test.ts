import { describe, expect, it } from "vitest";
import { checkAnswer, editDistance, normalizeAnswer } from "~/server/domain/recall/answer.logic";

describe("normalizeAnswer", () => {
  it("ignores case, accents, punctuation, spacing and a leading article", () => {
    expect(normalizeAnswer("  The Café-Net!  ")).toBe("cafe net");
    expect(normalizeAnswer("Q&A")).toBe("q and a");
    expect(normalizeAnswer("an Adam")).toBe("adam");
  });
});

describe("editDistance", () => {
  it("counts a swap of neighbouring letters as one slip", () => {
    expect(editDistance("nromalization", "normalization")).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
  });
});

describe("checkAnswer", () => {
  it.each([
    ["batch normalization", "Batch normalization", "exact"],
    ["BATCH-NORMALIZATION.", "Batch normalization", "exact"],
    ["batchnorm alization", "Batch normalization", "exact"],
    ["batch normalisation", "Batch normalization", "close"],
    ["bacth normalization", "Batch normalization", "close"],
    ["resnet", "ResNet", "exact"],
    ["adam", "Adam (optimizer)", "close"],
    ["bn", "Batch normalization", "close"],
    ["normalization", "Batch normalization", "partial"],
    ["dropout", "Batch normalization", "wrong"],
    ["gru", "GRU", "exact"],
    ["gtu", "GRU", "wrong"],
    ["", "Anything", "empty"],
    ["  ?! ", "Anything", "empty"],
  ])("%j against %j is %s", (typed, expected, verdict) => {
    expect(checkAnswer(typed, expected).verdict).toBe(verdict);
  });

  it("suggests a grade from the verdict", () => {
    expect(checkAnswer("batch normalization", "Batch normalization").suggestedRating).toBe(3);
    expect(checkAnswer("normalization", "Batch normalization").suggestedRating).toBe(2);
    expect(checkAnswer("dropout", "Batch normalization").suggestedRating).toBe(1);
    expect(checkAnswer("", "Batch normalization").suggestedRating).toBeNull();
  });
});
