import { describe, expect, it } from "vitest";
import { inviteExpiry, inviteStatus } from "~/server/domain/invite/invite.logic";
import { hashInviteToken, newInviteToken } from "~/server/domain/invite/invite.token";
import { ZCreateInviteInput, ZInviteToken } from "~/server/domain/invite/invite.schema";
import { compareRoles, strongerRole } from "~/server/domain/member/member.logic";
import { ZPresenceInput } from "~/server/domain/presence/presence.schema";

describe("invite tokens", () => {
  it("are 43 url-safe characters, different every time, and hash to 64 hex digits", () => {
    const tokens = new Set(Array.from({ length: 200 }, newInviteToken));
    expect(tokens.size).toBe(200);
    for (const t of tokens) expect(ZInviteToken.safeParse(t).success).toBe(true);
    const token = newInviteToken();
    expect(hashInviteToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashInviteToken(token)).toBe(hashInviteToken(token));
    expect(hashInviteToken(token)).not.toContain(token);
  });

  it("are active until they expire or are revoked, whichever comes first", () => {
    const now = new Date("2026-01-10T12:00:00Z");
    const expiresAt = inviteExpiry(now, 7);
    expect(expiresAt.toISOString()).toBe("2026-01-17T12:00:00.000Z");
    expect(inviteStatus({ expiresAt, revokedAt: null }, now)).toBe("active");
    expect(inviteStatus({ expiresAt, revokedAt: null }, expiresAt)).toBe("expired");
    expect(inviteStatus({ expiresAt, revokedAt: now }, now)).toBe("revoked");
  });

  it("default to viewer for seven days, and refuse the owner role", () => {
    const id = crypto.randomUUID();
    expect(ZCreateInviteInput.parse({ palaceId: id })).toEqual({ palaceId: id, role: "viewer", expiresInDays: 7 });
    expect(ZCreateInviteInput.safeParse({ palaceId: id, role: "owner" }).error?.issues[0]?.message).toBe("Role must be editor or viewer.");
  });
});

describe("roles", () => {
  it("sort owners first and never let an invite demote anyone", () => {
    expect((["viewer", "owner", "editor"] as const).slice().sort(compareRoles)).toEqual(["owner", "editor", "viewer"]);
    expect(strongerRole("editor", "viewer")).toBe("editor");
    expect(strongerRole("viewer", "editor")).toBe("editor");
    expect(strongerRole("owner", "editor")).toBe("owner");
  });
});

describe("presence input", () => {
  it("refuses positions that are not finite numbers", () => {
    const base = { palaceId: crypto.randomUUID(), roomId: null, x: 1, z: 2, heading: 0 };
    expect(ZPresenceInput.safeParse(base).success).toBe(true);
    expect(ZPresenceInput.safeParse({ ...base, x: Number.NaN }).success).toBe(false);
    expect(ZPresenceInput.safeParse({ ...base, z: 1e9 }).success).toBe(false);
  });
});
