import { describe, expect, it } from "vitest";
import { PASSWORD_MIN } from "~/server/auth";
import { commonPasswords, isCommonPassword } from "~/server/security/password-policy";

describe("common password list", () => {
  it("ships a few thousand entries, each long enough that length alone would not refuse it", () => {
    const list = commonPasswords();
    expect(list.size).toBe(5000);
    for (const password of list) expect(password.length).toBeGreaterThanOrEqual(PASSWORD_MIN);
  });

  it("matches regardless of case and surrounding spaces, and lets ordinary passphrases through", () => {
    expect(isCommonPassword("password")).toBe(true);
    expect(isCommonPassword("  PassWord ")).toBe(true);
    expect(isCommonPassword("12345678")).toBe(true);
    expect(isCommonPassword("correct horse battery")).toBe(false);
    expect(isCommonPassword("gradient descent on a rainy tuesday")).toBe(false);
  });
});
