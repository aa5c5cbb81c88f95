// Who may do what in a palace. Every service calls one of these before it reads or writes:
// members read, owners and editors write, anyone reads a public palace, and a stranger
// learns nothing about a private palace (NOT_FOUND, never FORBIDDEN).
import "server-only";
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Db } from "../db/client";
import { palaceMembers, palaces } from "../db/schema";
import { DomainError, forbidden, notFound } from "./errors";
import type { TPalaceRole } from "./palace/palace.schema";

/** The person asking: null when signed out. */
export interface Actor {
  userId: string | null;
}

export type PalaceRow = typeof palaces.$inferSelect;

export interface PalaceAccess {
  palace: PalaceRow;
  role: TPalaceRole | null;
  canRead: boolean;
  canEdit: boolean;
}

/** SQL true when the actor is a member of the palace whose id is `palaceId`, whatever the role. */
export function memberOf(actor: Actor, palaceId: AnyPgColumn): SQL {
  if (!actor.userId) return sql`false`;
  // Aliased, so the fragment can sit inside a query over palace_members itself without the
  // inner table shadowing the outer one.
  return sql`exists (select 1 from ${palaceMembers} reader_membership
    where reader_membership.palace_id = ${palaceId} and reader_membership.user_id = ${actor.userId})`;
}

/**
 * Who may read a palace, written once: its members, and anyone when it is public. Access
 * checks, recall queries and search all filter with this, so the rule cannot drift apart.
 */
export function readablePalace(actor: Actor, palaceId: AnyPgColumn): SQL {
  return sql`(${memberOf(actor, palaceId)} or exists (select 1 from ${palaces} reader_palace
    where reader_palace.id = ${palaceId} and reader_palace.visibility = 'public'))`;
}

/** The same rule as `readablePalace`, for a palace row and role already in hand (the live hub). */
export function mayRead(visibility: string, role: TPalaceRole | null): boolean {
  return role !== null || visibility === "public";
}

export async function loadAccess(db: Db, palaceId: string, actor: Actor): Promise<PalaceAccess | null> {
  const rows = await db
    .select({ palace: palaces, role: palaceMembers.role, canRead: sql<boolean>`${readablePalace(actor, palaces.id)}`.mapWith(Boolean) })
    .from(palaces)
    .leftJoin(
      palaceMembers,
      and(eq(palaceMembers.palaceId, palaces.id), eq(palaceMembers.userId, actor.userId ?? sql`null`)),
    )
    .where(eq(palaces.id, palaceId))
    .limit(1);
  const row = rows[0];
  if (!row) return null;
  const role = row.role ?? null;
  return { palace: row.palace, role, canRead: row.canRead, canEdit: role === "owner" || role === "editor" };
}

/**
 * `subject` names what the caller asked for (a room, a concept...): someone who may not read
 * the palace is told that thing was not found, exactly as if its id did not exist.
 */
export async function requireRead(db: Db, palaceId: string, actor: Actor, subject = "Palace"): Promise<PalaceAccess> {
  const access = await loadAccess(db, palaceId, actor);
  if (!access?.canRead) throw notFound(subject);
  return access;
}

export async function requireEdit(db: Db, palaceId: string, actor: Actor, subject = "Palace"): Promise<PalaceAccess> {
  const access = await requireRead(db, palaceId, actor, subject);
  if (!actor.userId) throw new DomainError("UNAUTHORIZED", "Sign in to change this palace.");
  if (!access.canEdit) throw forbidden("You can view this palace but not change it. Ask its owner for editor access.");
  return access;
}

export async function requireOwner(db: Db, palaceId: string, actor: Actor): Promise<PalaceAccess> {
  const access = await requireRead(db, palaceId, actor);
  if (!actor.userId) throw new DomainError("UNAUTHORIZED", "Sign in to change this palace.");
  if (access.role !== "owner") throw forbidden("Only the palace's owner can do that.");
  return access;
}

/** Any member, whatever their role: visitors of a public palace are not members. */
export async function requireMember(db: Db, palaceId: string, actor: Actor): Promise<PalaceAccess & { role: TPalaceRole }> {
  const access = await requireRead(db, palaceId, actor);
  if (!actor.userId) throw new DomainError("UNAUTHORIZED", "Sign in to see this palace's members and activity.");
  if (access.role === null) throw forbidden("Only members of this palace can see that.");
  return { ...access, role: access.role };
}

/** The signed-in user's id, or an UNAUTHORIZED error. */
export function requireUser(actor: Actor): string {
  if (!actor.userId) throw new DomainError("UNAUTHORIZED", "Sign in first.");
  return actor.userId;
}
