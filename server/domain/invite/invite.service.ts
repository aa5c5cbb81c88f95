// Invite links: create (the token is returned once), list, revoke, preview and accept.
import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../../db/client";
import { palaceInvites, palaceMembers, palaces, users } from "../../db/schema";
import { recordChange } from "../../realtime/events";
import { type Actor, requireOwner, requireRead, requireUser } from "../access";
import { DomainError, notFound } from "../errors";
import { strongerRole } from "../member/member.logic";
import type { TPalaceRole } from "../palace/palace.schema";
import { inviteExpiry, inviteStatus } from "./invite.logic";
import { hashInviteToken, newInviteToken } from "./invite.token";
import { type TInvite, type TInvitePreview, ZCreateInviteInput, ZInviteTokenInput } from "./invite.schema";

type InviteRow = typeof palaceInvites.$inferSelect;

function toInvite(row: InviteRow, createdByName: string, now = new Date()): TInvite {
  return {
    id: row.id,
    palaceId: row.palaceId,
    role: row.role,
    createdByName,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
    acceptedCount: row.acceptedCount,
    status: inviteStatus(row, now),
  };
}

export async function create(db: Db, actor: Actor, raw: z.input<typeof ZCreateInviteInput>) {
  const input = ZCreateInviteInput.parse(raw);
  await requireOwner(db, input.palaceId, actor);
  const token = newInviteToken();
  const row = await db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(palaceInvites)
      .values({
        palaceId: input.palaceId,
        tokenHash: hashInviteToken(token),
        role: input.role,
        createdById: actor.userId!,
        expiresAt: inviteExpiry(new Date(), input.expiresInDays),
      })
      .returning();
    await recordChange(tx, actor, input.palaceId, { action: "added", entity: "invite", entityId: inserted!.id, label: `${input.role} link` });
    return inserted!;
  });
  const [me] = await db.select({ name: users.name }).from(users).where(eq(users.id, actor.userId!));
  return { invite: toInvite(row, me?.name ?? ""), token };
}

export async function list(db: Db, actor: Actor, palaceId: string): Promise<TInvite[]> {
  await requireOwner(db, palaceId, actor);
  const rows = await db
    .select({ invite: palaceInvites, name: users.name })
    .from(palaceInvites)
    .innerJoin(users, eq(users.id, palaceInvites.createdById))
    .where(eq(palaceInvites.palaceId, palaceId))
    .orderBy(desc(palaceInvites.createdAt), desc(palaceInvites.id));
  const now = new Date();
  return rows.map((r) => toInvite(r.invite, r.name, now));
}

export async function revoke(db: Db, actor: Actor, inviteId: string): Promise<TInvite[]> {
  const [row] = await db.select().from(palaceInvites).where(eq(palaceInvites.id, inviteId));
  if (!row) throw notFound("Invite link");
  // Whoever cannot see the palace hears "not found", exactly as for an id that does not exist.
  await requireRead(db, row.palaceId, actor, "Invite link");
  await requireOwner(db, row.palaceId, actor);
  if (!row.revokedAt) {
    await db.transaction(async (tx) => {
      await tx.update(palaceInvites).set({ revokedAt: new Date() }).where(eq(palaceInvites.id, inviteId));
      await recordChange(tx, actor, row.palaceId, { action: "deleted", entity: "invite", entityId: inviteId, label: `${row.role} link` });
    });
  }
  return list(db, actor, row.palaceId);
}

const INVALID_LINK = "This invite link is not valid. Check that you copied all of it, or ask the palace's owner for a new one.";

async function findByToken(db: Db, token: string) {
  const [row] = await db
    .select({ invite: palaceInvites, palaceTitle: palaces.title, ownerName: users.name })
    .from(palaceInvites)
    .innerJoin(palaces, eq(palaces.id, palaceInvites.palaceId))
    .innerJoin(users, eq(users.id, palaces.ownerId))
    .where(eq(palaceInvites.tokenHash, hashInviteToken(token)));
  if (!row) throw new DomainError("NOT_FOUND", INVALID_LINK);
  return row;
}

async function roleOf(db: Db, palaceId: string, userId: string | null): Promise<TPalaceRole | null> {
  if (!userId) return null;
  const [row] = await db
    .select({ role: palaceMembers.role })
    .from(palaceMembers)
    .where(and(eq(palaceMembers.palaceId, palaceId), eq(palaceMembers.userId, userId)));
  return row?.role ?? null;
}

/** Anyone holding the link may see what it is for: the token is the permission. */
export async function preview(db: Db, actor: Actor, raw: z.input<typeof ZInviteTokenInput>): Promise<TInvitePreview> {
  const { token } = ZInviteTokenInput.parse(raw);
  const { invite, palaceTitle, ownerName } = await findByToken(db, token);
  return {
    palaceId: invite.palaceId,
    palaceTitle,
    ownerName,
    role: invite.role,
    status: inviteStatus(invite, new Date()),
    expiresAt: invite.expiresAt,
    myRole: await roleOf(db, invite.palaceId, actor.userId),
  };
}

/** Joins the palace with the link's role; a member keeps a stronger role they already have. */
export async function accept(db: Db, actor: Actor, raw: z.input<typeof ZInviteTokenInput>) {
  const userId = requireUser(actor);
  const { token } = ZInviteTokenInput.parse(raw);
  const { invite } = await findByToken(db, token);
  const status = inviteStatus(invite, new Date());
  if (status === "revoked") {
    throw new DomainError("FORBIDDEN", "This invite link was revoked by the palace's owner. Ask them for a new one.");
  }
  if (status === "expired") {
    throw new DomainError("FORBIDDEN", "This invite link has expired. Ask the palace's owner for a new one.");
  }
  return db.transaction(async (tx) => {
    const current = await roleOf(tx, invite.palaceId, userId);
    const role = current ? strongerRole(current, invite.role) : invite.role;
    if (current === role) return { palaceId: invite.palaceId, role };
    if (current) {
      await tx
        .update(palaceMembers)
        .set({ role })
        .where(and(eq(palaceMembers.palaceId, invite.palaceId), eq(palaceMembers.userId, userId)));
    } else {
      await tx.insert(palaceMembers).values({ palaceId: invite.palaceId, userId, role });
    }
    await tx.update(palaceInvites).set({ acceptedCount: sql`${palaceInvites.acceptedCount} + 1` }).where(eq(palaceInvites.id, invite.id));
    const [me] = await tx.select({ name: users.name }).from(users).where(eq(users.id, userId));
    await recordChange(tx, actor, invite.palaceId, {
      action: current ? "changed" : "added",
      entity: "member",
      entityId: userId,
      label: me?.name ?? "",
    });
    return { palaceId: invite.palaceId, role };
  });
}
