// Sharing a palace: invite links from creation to expiry and revocation, the members list and
// its changes, ownership transfer, and the activity feed that records who did what.
import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/server/db/client";
import { palaceInvites } from "~/server/db/schema";
import { testDatabases } from "../helpers/databases";
import { busFor, palaceWithTwoRooms, placeConcept, rejectionOf, signUp } from "../helpers/world";

describe.each(testDatabases)("sharing on $name", (target) => {
  let database: Database & { drop(): Promise<void> };
  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(async () => {
    await busFor(database).close();
    await database.drop();
  });

  it("takes an invite link through its life: create, accept, expire, revoke", async () => {
    const { owner, palace } = await palaceWithTwoRooms(database);
    const guest = await signUp(database, "Guest");
    const late = await signUp(database, "Late");

    const before = Date.now();
    const { invite, token } = await owner.caller.invite.create({ palaceId: palace.id, role: "editor" });
    expect(invite).toMatchObject({ role: "editor", status: "active", acceptedCount: 0, revokedAt: null, createdByName: "Owner" });
    // Seven days by default.
    expect(invite.expiresAt.getTime() - before).toBeGreaterThan(7 * 86_400_000 - 60_000);
    expect(invite.expiresAt.getTime() - before).toBeLessThan(7 * 86_400_000 + 60_000);

    // Only a hash is stored, and the list never shows the token again.
    const [stored] = await database.db.select().from(palaceInvites).where(eq(palaceInvites.id, invite.id));
    expect(stored!.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(JSON.stringify(await owner.caller.invite.list({ palaceId: palace.id }))).not.toContain(token);

    expect(await guest.caller.invite.preview({ token })).toMatchObject({
      palaceId: palace.id,
      palaceTitle: "Test palace",
      ownerName: "Owner",
      role: "editor",
      status: "active",
      myRole: null,
    });
    expect(await guest.caller.invite.accept({ token })).toEqual({ palaceId: palace.id, role: "editor" });
    expect((await guest.caller.palace.get({ id: palace.id })).palace.access).toEqual({ role: "editor", canEdit: true });
    expect((await guest.caller.palace.list()).map((p) => p.id)).toEqual([palace.id]);
    // Accepting again changes nothing.
    expect(await guest.caller.invite.accept({ token })).toEqual({ palaceId: palace.id, role: "editor" });
    expect((await owner.caller.invite.list({ palaceId: palace.id }))[0]!.acceptedCount).toBe(1);

    // Expired: says so, and lets nobody in.
    await database.db.update(palaceInvites).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(palaceInvites.id, invite.id));
    expect((await late.caller.invite.preview({ token })).status).toBe("expired");
    const expired = await rejectionOf(late.caller.invite.accept({ token }));
    expect({ code: expired.code, message: expired.message }).toEqual({
      code: "FORBIDDEN",
      message: "This invite link has expired. Ask the palace's owner for a new one.",
    });
    expect((await rejectionOf(late.caller.palace.get({ id: palace.id }))).code).toBe("NOT_FOUND");

    // Revoked: says so.
    const second = await owner.caller.invite.create({ palaceId: palace.id, role: "viewer", expiresInDays: 1 });
    const listed = await owner.caller.invite.revoke({ id: second.invite.id });
    expect(listed.map((i) => [i.role, i.status])).toEqual([
      ["viewer", "revoked"],
      ["editor", "expired"],
    ]);
    expect((await late.caller.invite.preview({ token: second.token })).status).toBe("revoked");
    const revoked = await rejectionOf(late.caller.invite.accept({ token: second.token }));
    expect({ code: revoked.code, message: revoked.message }).toEqual({
      code: "FORBIDDEN",
      message: "This invite link was revoked by the palace's owner. Ask them for a new one.",
    });
    expect(await late.caller.palace.list()).toEqual([]);

    // A made-up or mangled token.
    const made = await rejectionOf(late.caller.invite.accept({ token: "A".repeat(43) }));
    expect(made.code).toBe("NOT_FOUND");
    expect(made.message).toMatch(/This invite link is not valid/);
    expect((await rejectionOf(late.caller.invite.accept({ token: "short" }))).message).toMatch(/Copy the whole link/);
  });

  it("refuses invite settings outside the allowed range with a clear sentence", async () => {
    const { owner, palace } = await palaceWithTwoRooms(database);
    expect((await rejectionOf(owner.caller.invite.create({ palaceId: palace.id, expiresInDays: 31 }))).message).toBe(
      "expiresInDays: An invite can last at most 30 days.",
    );
    expect((await rejectionOf(owner.caller.invite.create({ palaceId: palace.id, expiresInDays: 0 }))).message).toBe(
      "expiresInDays: An invite must last at least 1 day.",
    );
    // @ts-expect-error: an invite cannot make someone an owner
    expect((await rejectionOf(owner.caller.invite.create({ palaceId: palace.id, role: "owner" }))).message).toBe(
      "role: Role must be editor or viewer.",
    );
    expect(await owner.caller.invite.list({ palaceId: palace.id })).toEqual([]);
  });

  it("lets the owner change roles, remove members and hand the palace on; members can leave", async () => {
    const { owner, palace } = await palaceWithTwoRooms(database);
    const ann = await signUp(database, "Ann");
    const ben = await signUp(database, "Ben");
    for (const [who, role] of [
      [ann, "viewer"],
      [ben, "editor"],
    ] as const) {
      const { token } = await owner.caller.invite.create({ palaceId: palace.id, role });
      await who.caller.invite.accept({ token });
    }
    expect((await ann.caller.member.list({ palaceId: palace.id })).map((m) => [m.name, m.role, m.isMe])).toEqual([
      ["Owner", "owner", false],
      ["Ben", "editor", false],
      ["Ann", "viewer", true],
    ]);

    await owner.caller.member.changeRole({ palaceId: palace.id, userId: ann.user.id, role: "editor" });
    expect((await ann.caller.palace.get({ id: palace.id })).palace.access.canEdit).toBe(true);
    const ownerRole = await rejectionOf(owner.caller.member.changeRole({ palaceId: palace.id, userId: owner.user.id, role: "viewer" }));
    expect(ownerRole.message).toMatch(/only by transferring ownership/);

    await owner.caller.member.remove({ palaceId: palace.id, userId: ben.user.id });
    expect((await rejectionOf(ben.caller.palace.get({ id: palace.id }))).code).toBe("NOT_FOUND");

    const stuck = await rejectionOf(owner.caller.member.leave({ palaceId: palace.id }));
    expect(stuck.message).toMatch(/Transfer ownership to another member first/);

    await owner.caller.member.transferOwnership({ palaceId: palace.id, userId: ann.user.id });
    const scene = await ann.caller.palace.get({ id: palace.id });
    expect(scene.palace).toMatchObject({ ownerId: ann.user.id, ownerName: "Ann", access: { role: "owner", canEdit: true } });
    expect((await owner.caller.palace.get({ id: palace.id })).palace.access.role).toBe("editor");

    await owner.caller.member.leave({ palaceId: palace.id });
    expect(await owner.caller.palace.list()).toEqual([]);
    expect((await ann.caller.member.list({ palaceId: palace.id })).map((m) => m.name)).toEqual(["Ann"]);
  });

  it("records who added, changed, moved and deleted what in the activity feed, newest first", async () => {
    const { owner, palace, roomA, roomB } = await palaceWithTwoRooms(database);
    const eve = await signUp(database, "Eve");
    const { token } = await owner.caller.invite.create({ palaceId: palace.id, role: "editor" });
    await eve.caller.invite.accept({ token });
    const { concept, locus } = await placeConcept(eve.caller, palace.id, roomA.id, "Dropout");
    await eve.caller.locus.move({ id: locus.id, version: locus.version, roomId: roomB.id, x: 2, z: 2 });
    await owner.caller.concept.update({ id: concept.id, version: concept.version, title: "Dropout (p = 0.1)" });
    const doomed = await owner.caller.concept.create({ palaceId: palace.id, title: "Doomed" });
    await owner.caller.concept.delete({ id: doomed.id, version: doomed.version });

    const feed = await eve.caller.activity.list({ palaceId: palace.id, limit: 7 });
    expect(feed.map((e) => [e.actorName, e.action, e.entity, e.label])).toEqual([
      ["Owner", "deleted", "concept", "Doomed"],
      ["Owner", "added", "concept", "Doomed"],
      ["Owner", "changed", "concept", "Dropout (p = 0.1)"],
      ["Eve", "moved", "locus", "Dropout"],
      ["Eve", "added", "locus", "Dropout"],
      ["Eve", "added", "concept", "Dropout"],
      ["Eve", "added", "member", "Eve"],
    ]);
    expect(feed.map((e) => e.seq)).toEqual([...feed.map((e) => e.seq)].sort((a, b) => b - a));
    const older = await eve.caller.activity.list({ palaceId: palace.id, before: feed.at(-1)!.seq });
    expect(older.map((e) => `${e.action} ${e.entity} ${e.label}`)).toEqual([
      "added invite editor link",
      "added room B",
      "added room A",
    ]);
  });
});
