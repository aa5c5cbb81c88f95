// Deleting an account through the settings page: the owner of two palaces hands one to its
// editor and deletes the other, confirms with their password, and lands signed out on the
// landing page; the editor now owns the palace they were given.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchBrowser, screenshot, signUpInBrowser, TEST_PASSPHRASE, withFailureShot } from "../helpers/browser";

const PASSWORD = TEST_PASSPHRASE;

async function signUp(context: BrowserContext, baseURL: string, name: string): Promise<{ page: Page; email: string }> {
  const page = await context.newPage();
  const email = await signUpInBrowser(page, baseURL, name);
  return { page, email };
}

async function createPalace(page: Page, title: string): Promise<string> {
  await page.goto(`${new URL(page.url()).origin}/palaces`);
  await page.fill("#new-title", title);
  await page.getByRole("button", { name: "Create palace" }).click();
  await page.waitForURL(/\/palaces\/[0-9a-f-]{36}$/);
  return page.url();
}

describe("account", () => {
  let browser: Browser;
  const baseURL = inject("baseURL");
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it("deletes an account with one palace transferred and one deleted, then signs out", async () => {
    const ownerContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const heirContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page: owner, email } = await signUp(ownerContext, baseURL, "Dora");
    const { page: heir } = await signUp(heirContext, baseURL, "Emil");
    const errors: string[] = [];
    owner.on("pageerror", (e) => errors.push(e.message));

    await withFailureShot(owner, "account-delete", async () => {
      const keptUrl = await createPalace(owner, "Attention, kept");
      await createPalace(owner, "Scratch, deleted");

      // Emil joins "Attention, kept" as an editor through an invite link.
      await owner.goto(`${keptUrl}/members`);
      await owner.selectOption("#invite-role", "editor");
      await owner.getByRole("button", { name: "Create invite link" }).click();
      const link = await owner.locator("#invite-link").inputValue();
      await heir.goto(link);
      await heir.getByRole("button", { name: "Join as editor" }).click();
      await heir.waitForURL(keptUrl);

      await owner.goto(`${baseURL}/settings`);
      const owned = owner.getByRole("list", { name: "Palaces you own" });
      await owned.getByText("Attention, kept").waitFor();
      await owned.getByText("Scratch, deleted").waitFor();

      // Without a choice for every palace, the form says which palaces still need one.
      await owner.fill("#delete-password", PASSWORD);
      await owner.getByRole("button", { name: "Delete account…" }).click();
      await expect.poll(() => owner.getByRole("form", { name: "Delete account" }).getByRole("alert").textContent()).toContain("Attention, kept");

      const kept = owned.getByRole("group", { name: /Attention, kept/ });
      await kept.getByLabel("Transfer to").check();
      await kept.getByRole("combobox", { name: "New owner of Attention, kept" }).selectOption({ label: "Emil (editor)" });
      await owned.getByRole("group", { name: /Scratch, deleted/ }).getByLabel("Delete it").check();
      await screenshot(owner, "account-delete-choices");

      await owner.getByRole("button", { name: "Delete account…" }).click();
      const dialog = owner.getByRole("dialog", { name: "Delete your account?" });
      await dialog.getByText("“Attention, kept”: goes to Emil").waitFor();
      await dialog.getByText("“Scratch, deleted”: deleted with everything in it").waitFor();
      await screenshot(owner, "account-delete-confirm");
      await dialog.getByRole("button", { name: "Delete my account" }).click();

      await owner.waitForURL(`${baseURL}/`);
      await owner.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sign in" }).waitFor();
      await screenshot(owner, "account-deleted-landing");

      // The account is gone: signing in again is refused.
      await owner.goto(`${baseURL}/sign-in`);
      await owner.fill("#email", email);
      await owner.fill("#password", PASSWORD);
      await owner.getByRole("button", { name: "Sign in" }).click();
      await owner.locator(".form-error").waitFor();
      expect(owner.url()).toContain("/sign-in");
    });

    // Emil owns the palace he was given (his card shows no role badge, only an owner's
    // Delete button); the deleted palace is in nobody's list.
    await heir.goto(`${baseURL}/palaces`);
    const card = heir.getByRole("listitem").filter({ has: heir.getByRole("heading", { name: "Attention, kept" }) });
    await card.getByRole("button", { name: "Delete" }).waitFor();
    expect(await card.locator(".badge", { hasText: "editor" }).count()).toBe(0);
    expect(await heir.getByText("Scratch, deleted").count()).toBe(0);
    expect(errors).toEqual([]);
    await ownerContext.close();
    await heirContext.close();
  });
});
