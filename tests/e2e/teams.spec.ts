// Two people in two browsers: the owner builds a palace and invites the second person, who
// joins through the link and moves a concept; the owner's screen follows without a reload.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchBrowser, screenshot, signUpInBrowser, waitForScene, waitForStill, withFailureShot } from "../helpers/browser";

async function signUp(context: BrowserContext, baseURL: string, name: string): Promise<Page> {
  const page = await context.newPage();
  await signUpInBrowser(page, baseURL, name);
  return page;
}

const routeList = (page: Page) => page.getByRole("list", { name: "Placed concepts in route order" });

describe("teams", () => {
  let browser: Browser;
  const baseURL = inject("baseURL");
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it("invites a second person who joins and moves a concept; the owner sees it move live", async () => {
    const ownerContext = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const guestContext = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const owner = await signUp(ownerContext, baseURL, "Olga");
    const errors: string[] = [];
    owner.on("pageerror", (e) => errors.push(e.message));

    await withFailureShot(owner, "teams-owner", async () => {
      await owner.fill("#new-title", "Network architecture");
      await owner.getByRole("button", { name: "Create palace" }).click();
      await owner.waitForURL(/\/palaces\/[0-9a-f-]{36}$/);
      const palaceUrl = owner.url();
      await owner.fill("#room-name", "Edge");
      await owner.getByRole("button", { name: "Add room" }).click();
      await owner.getByRole("list", { name: "Rooms" }).getByText("Edge").waitFor();
      await owner.getByText("Add a room", { exact: true }).first().click();
      await owner.fill("#room-name", "Core");
      await owner.selectOption("#room-side", "east");
      await owner.getByRole("button", { name: "Add room" }).click();
      await owner.getByRole("list", { name: "Doors" }).getByText("Edge ↔ Core").waitFor();
      await owner.fill("#concept-title", "Load balancer");
      await owner.getByRole("button", { name: "Add concept" }).click();
      await owner.getByRole("combobox", { name: "Room for Load balancer" }).selectOption({ label: "Edge" });
      await owner.getByRole("form", { name: "Place Load balancer" }).getByRole("button", { name: "Place" }).click();
      await routeList(owner).getByText("Load balancer").waitFor();

      // Invite: the link is shown once.
      await owner.getByRole("link", { name: "Members and invites" }).click();
      await owner.waitForURL(`${palaceUrl}/members`);
      await owner.selectOption("#invite-role", "editor");
      await owner.getByRole("button", { name: "Create invite link" }).click();
      const link = await owner.locator("#invite-link").inputValue();
      expect(link).toMatch(new RegExp(`^${baseURL}/invite/[A-Za-z0-9_-]{43}$`));

      // The guest joins through the link.
      const guest = await signUp(guestContext, baseURL, "Gus");
      guest.on("pageerror", (e) => errors.push(e.message));
      await guest.goto(link);
      await guest.getByRole("heading", { name: "Join “Network architecture”" }).waitFor();
      await guest.getByRole("button", { name: "Join as editor" }).click();
      await guest.waitForURL(palaceUrl);
      await waitForScene(guest, 1);

      // The owner's members page updates by itself when the guest joins.
      await owner.getByRole("list", { name: "Members" }).getByText("Gus", { exact: true }).waitFor();
      expect(await owner.getByRole("list", { name: "Members" }).getByRole("listitem").allTextContents()).toEqual([
        expect.stringMatching(/^Olga \(you\).*owner$/),
        expect.stringContaining("Gus"),
      ]);
      await screenshot(owner, "teams-members");

      // Back on the palace, marked so that a reload would show.
      await owner.goto(palaceUrl);
      await waitForScene(owner, 1);
      await owner.evaluate(() => ((window as { __noReload?: boolean }).__noReload = true));
      expect(await routeList(owner).getByRole("listitem").allTextContents()).toEqual([expect.stringMatching(/Load balancer.*Edge$/)]);

      // The guest opens the concept (and so stands in its room) and moves it to the Core room.
      await guest.getByRole("list", { name: "Placed concepts in route order" }).getByRole("button", { name: "Load balancer" }).click();
      // Gus shows up at once; the room follows with his next position update.
      await owner.getByRole("list", { name: "Here now" }).getByText("Edge").waitFor();
      expect(await owner.getByRole("list", { name: "Here now" }).getByRole("listitem").allTextContents()).toEqual([
        expect.stringMatching(/Gus.*Edge/),
      ]);
      await screenshot(owner, "teams-before-move");
      const moved = Date.now();
      await guest.selectOption("#locus-room", { label: "Core" });

      await routeList(owner).getByText("Core").waitFor({ timeout: 10_000 });
      const seenAfterMs = Date.now() - moved;
      expect(await owner.evaluate(() => (window as { __noReload?: boolean }).__noReload)).toBe(true);
      expect(await routeList(owner).getByRole("listitem").allTextContents()).toEqual([expect.stringMatching(/Load balancer.*Core$/)]);
      expect(await owner.evaluate(() => window.__engram!.loci().length)).toBe(1);
      await owner.getByRole("list", { name: "Recent activity" }).getByText("Gus moved “Load balancer”").waitFor();
      await owner.getByRole("list", { name: "Here now" }).getByText("Core").waitFor();
      await screenshot(owner, "teams-live-update");

      // Gus starts walking: the owner sees him as a figure with his name, from above and
      // from inside the room.
      await guest.keyboard.press("b");
      await guest.getByRole("button", { name: "Overview (B)" }).waitFor();
      await owner.waitForFunction(() => window.__engram!.avatars().length === 1, null, { timeout: 20_000 });
      await waitForStill(owner);
      await screenshot(owner, "teams-avatar-overview");
      await owner.keyboard.press("b");
      await owner.getByRole("button", { name: "Overview (B)" }).waitFor();
      await owner.waitForFunction(() => window.__engram!.arrived() && window.__engram!.avatars().length === 1, null, { timeout: 30_000 });
      // Both entered at the first stop; the owner steps back two metres to see Gus standing there.
      await owner.evaluate(() => {
        const { x, z, heading } = window.__engram!.pose();
        window.__engram!.teleport({ x: x + Math.sin(heading) * 2, z: z + Math.cos(heading) * 2, heading });
      });
      await owner.waitForFunction(() => window.__engram!.arrived());
      await waitForStill(owner);
      await screenshot(owner, "teams-avatar-walk");
      await owner.keyboard.press("b");
      await guest.keyboard.press("b");
      console.log(`[teams] the owner saw the move ${seenAfterMs} ms after the guest chose the room`);

      // Both edit the concept; the guest saves first. The owner's save is refused, the owner
      // sees the guest's version beside their own typed text, and can apply theirs on top.
      await routeList(owner).getByRole("button", { name: "Load balancer" }).click();
      await owner.getByRole("button", { name: "Edit concept" }).click();
      await owner.waitForFunction(() => !(document.querySelector("#edit-notes") as HTMLTextAreaElement).disabled);
      await owner.fill("#edit-notes", "Spreads requests over the **core** servers.");
      await guest.getByRole("button", { name: "Edit concept" }).click();
      await guest.fill("#edit-title", "L7 load balancer");
      await guest.getByRole("button", { name: "Save concept" }).click();
      await routeList(owner).getByText("L7 load balancer").waitFor();
      await owner.getByRole("button", { name: "Save concept" }).click();
      const saved = owner.getByRole("region", { name: "The saved version" });
      await saved.getByText("L7 load balancer").waitFor();
      await expect(owner.locator(".concept-card .form-error").textContent()).resolves.toMatch(/changed by someone else/);
      expect(await owner.locator("#edit-notes").inputValue()).toBe("Spreads requests over the **core** servers.");
      await saved.scrollIntoViewIfNeeded();
      await screenshot(owner, "teams-conflict");
      // Re-applying sends only what the owner changed: the guest's new title stays.
      await owner.getByRole("button", { name: "Save my version" }).click();
      await owner.locator(".notes strong").getByText("core").waitFor();
      await guest.locator(".notes strong").getByText("core").waitFor();
      expect(await owner.locator("#concept-card-title").textContent()).toBe("L7 load balancer");

      // The owner removes Gus: his open palace page closes by itself.
      await owner.getByRole("link", { name: "Members and invites" }).click();
      await owner.getByRole("button", { name: "Remove Gus" }).click();
      await owner.getByRole("dialog").getByRole("button", { name: "Remove", exact: true }).click();
      await guest.waitForURL(`${baseURL}/palaces`, { timeout: 10_000 });
      await guest.getByText("This palace was deleted or you no longer have access to it.").waitFor();
      expect(await owner.getByRole("list", { name: "Members" }).getByRole("listitem").count()).toBe(1);
    });

    expect(errors).toEqual([]);
    await ownerContext.close();
    await guestContext.close();
  });
});
