// Members of a palace: list them, change a role, remove someone, leave, and hand ownership on.
import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../../db/client";
import { palaceMembers, palaces, users } from "../../db/schema";
import { recordChange } from "../../realtime/events";
import { type Actor, requireMember, requireOwner } from "../access";
import { invalid, notFound } from "../errors";
import { lockPalace } from "../palace-lock";
import { compareRoles } from "./member.logic";
import { type TMember, ZChangeRoleInput, ZMemberRef } from "./member.schema";

export async function list(db: Db, actor: Actor, palaceId: string): Promise<TMember[]> {
  await requireMember(db, palaceId, actor);
  const rows = await db
    .select({ userId: palaceMembers.userId, name: users.name, role: palaceMembers.role, joinedAt: palaceMembers.createdAt })
    .from(palaceMembers)
    .innerJoin(users, eq(users.id, palaceMembers.userId))
    .where(eq(palaceMembers.palaceId, palaceId));
  return rows
    .map((r) => ({ ...r, isMe: r.userId === actor.userId }))
    .sort((a, b) => compareRoles(a.role, b.role) || a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId));
}

async function memberRow(tx: Db, palaceId: string, userId: string) {
  const [row] = await tx
    .select({ role: palaceMembers.role, name: users.name })
    .from(palaceMembers)
    .innerJoin(users, eq(users.id, palaceMembers.userId))
    .where(and(eq(palaceMembers.palaceId, palaceId), eq(palaceMembers.userId, userId)));
  if (!row) throw notFound("That member");
  return row;
}

export async function changeRole(db: Db, actor: Actor, raw: z.input<typeof ZChangeRoleInput>): Promise<TMember[]> {
  const input = ZChangeRoleInput.parse(raw);
  await requireOwner(db, input.palaceId, actor);
  await db.transaction(async (tx) => {
    const member = await memberRow(tx, input.palaceId, input.userId);
    if (member.role === "owner") throw invalid("The owner's role changes only by transferring ownership to someone else.", "userId");
    if (member.role === input.role) return;
    await tx
      .update(palaceMembers)
      .set({ role: input.role })
      .where(and(eq(palaceMembers.palaceId, input.palaceId), eq(palaceMembers.userId, input.userId)));
    await recordChange(tx, actor, input.palaceId, { action: "changed", entity: "member", entityId: input.userId, label: member.name });
  });
  return list(db, actor, input.palaceId);
}

export async function remove(db: Db, actor: Actor, raw: z.input<typeof ZMemberRef>): Promise<TMember[]> {
  const input = ZMemberRef.parse(raw);
  await requireOwner(db, input.palaceId, actor);
  await db.transaction(async (tx) => {
    const member = await memberRow(tx, input.palaceId, input.userId);
    if (member.role === "owner") {
      throw invalid("The owner cannot be removed. Transfer ownership first, or delete the palace.", "userId");
    }
    await tx.delete(palaceMembers).where(and(eq(palaceMembers.palaceId, input.palaceId), eq(palaceMembers.userId, input.userId)));
    await recordChange(tx, actor, input.palaceId, { action: "deleted", entity: "member", entityId: input.userId, label: member.name });
  });
  return list(db, actor, input.palaceId);
}

export async function leave(db: Db, actor: Actor, palaceId: string): Promise<{ ok: true }> {
  const access = await requireMember(db, palaceId, actor);
  if (access.role === "owner") {
    throw invalid("You own this palace, so you cannot leave it. Transfer ownership to another member first, or delete it.");
  }
  await db.transaction(async (tx) => {
    const me = await memberRow(tx, palaceId, actor.userId!);
    await tx.delete(palaceMembers).where(and(eq(palaceMembers.palaceId, palaceId), eq(palaceMembers.userId, actor.userId!)));
    await recordChange(tx, actor, palaceId, { action: "deleted", entity: "member", entityId: actor.userId!, label: me.name });
  });
  return { ok: true };
}

/** The new owner must already be a member; the old owner stays on as an editor. */
export async function transferOwnership(db: Db, actor: Actor, raw: z.input<typeof ZMemberRef>): Promise<TMember[]> {
  const input = ZMemberRef.parse(raw);
  await requireOwner(db, input.palaceId, actor);
  if (input.userId === actor.userId) throw invalid("You already own this palace.", "userId");
  await db.transaction(async (tx) => {
    await lockPalace(tx, input.palaceId);
    const member = await memberRow(tx, input.palaceId, input.userId);
    await tx
      .update(palaceMembers)
      .set({ role: "editor" })
      .where(and(eq(palaceMembers.palaceId, input.palaceId), eq(palaceMembers.userId, actor.userId!)));
    await tx
      .update(palaceMembers)
      .set({ role: "owner" })
      .where(and(eq(palaceMembers.palaceId, input.palaceId), eq(palaceMembers.userId, input.userId)));
    const [palace] = await tx
      .update(palaces)
      .set({ ownerId: input.userId, updatedAt: new Date(), version: sql`${palaces.version} + 1` })
      .where(eq(palaces.id, input.palaceId))
      .returning({ version: palaces.version });
    await recordChange(tx, actor, input.palaceId, { action: "changed", entity: "member", entityId: input.userId, label: member.name });
    await recordChange(tx, actor, input.palaceId, { action: "changed", entity: "palace", entityId: input.palaceId, version: palace!.version });
  });
  return list(db, actor, input.palaceId);
}
