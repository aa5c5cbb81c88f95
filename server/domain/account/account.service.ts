// Deleting one's own account. The person proves it is them with their current password, says
// what becomes of each palace they own, and then everything happens in one transaction: the
// transfers, the deletions, leaving other people's palaces, and the account's own rows.
import "server-only";
import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../../db/client";
import {
  accounts,
  concepts,
  palaceEvents,
  palaceInvites,
  palaceMembers,
  palaces,
  reviewCards,
  reviewLogs,
  sessions,
  userSettings,
  users,
} from "../../db/schema";
import { write } from "../../log";
import { announcePalaceDeleted, publishPresence, recordChange } from "../../realtime/events";
import { passwordHashing } from "../../security/passwords";
import { countPasswordAttempt, forgetAccountSignIns, forgetSignInAttempts } from "../../security/sign-in-limit";

const REAUTH_ADDRESS = "session";
import { type Actor, requireUser } from "../access";
import { DomainError, invalid } from "../errors";
import { compareRoles } from "../member/member.logic";
import { decisionProblem, type OwnedPalaceFacts } from "./account.logic";
import { type TDeletedAccount, type TDeletionPlan, type TOwnedPalace, ZDeleteAccountInput } from "./account.schema";

/** Events written on a deleted person's behalf name nobody: the account is gone. */
const NOBODY: Actor = { userId: null };
/** What the activity feed shows where the person's name used to be. */
export const DELETED_ACCOUNT_LABEL = "A deleted account";

async function ownedPalaces(db: Db, userId: string, lock = false): Promise<TOwnedPalace[]> {
  const query = db
    .select({
      id: palaces.id,
      title: palaces.title,
      conceptCount: sql<number>`(select count(*)::int from ${concepts} where ${concepts.palaceId} = ${palaces.id})`,
    })
    .from(palaces)
    .where(eq(palaces.ownerId, userId))
    .orderBy(asc(palaces.title), asc(palaces.id));
  const rows = lock ? await query.for("update", { of: palaces }) : await query;
  if (!rows.length) return [];
  const members = await db
    .select({ palaceId: palaceMembers.palaceId, userId: palaceMembers.userId, role: palaceMembers.role, name: users.name })
    .from(palaceMembers)
    .innerJoin(users, eq(users.id, palaceMembers.userId))
    .where(and(inArray(palaceMembers.palaceId, rows.map((r) => r.id)), ne(palaceMembers.userId, userId)));
  return rows.map((r) => ({
    ...r,
    members: members
      .filter((m) => m.palaceId === r.id && m.role !== "owner")
      .map((m) => ({ userId: m.userId, name: m.name, role: m.role as "editor" | "viewer" }))
      .sort((a, b) => compareRoles(a.role, b.role) || a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId)),
  }));
}

const facts = (owned: TOwnedPalace[]): OwnedPalaceFacts[] =>
  owned.map((p) => ({ id: p.id, title: p.title, memberIds: new Set(p.members.map((m) => m.userId)) }));

async function memberOfOthers(db: Db, userId: string) {
  return db
    .select({ palaceId: palaceMembers.palaceId, ownerId: palaces.ownerId })
    .from(palaceMembers)
    .innerJoin(palaces, eq(palaces.id, palaceMembers.palaceId))
    .where(and(eq(palaceMembers.userId, userId), ne(palaces.ownerId, userId)));
}

/** What deleting the account would touch: the palaces that need a choice, with their members. */
export async function deletionPlan(db: Db, actor: Actor): Promise<TDeletionPlan> {
  const userId = requireUser(actor);
  const [owned, others] = await Promise.all([ownedPalaces(db, userId), memberOfOthers(db, userId)]);
  return { ownedPalaces: owned, memberOfCount: others.length };
}

async function checkPassword(db: Db, userId: string, password: string): Promise<void> {
  const [row] = await db
    .select({ email: users.email, hash: accounts.password })
    .from(users)
    .leftJoin(accounts, and(eq(accounts.userId, users.id), eq(accounts.providerId, "credential")))
    .where(eq(users.id, userId));
  if (!row) throw new DomainError("UNAUTHORIZED", "Sign in first.");
  // Re-authentication has no address of its own: the session stands in for it.
  const retryAfter = await countPasswordAttempt(db, row.email, REAUTH_ADDRESS);
  if (retryAfter !== null) {
    throw new DomainError("TOO_MANY_REQUESTS", `Too many password attempts for this account. Wait ${retryAfter} s and try again.`);
  }
  const ok = row.hash ? await passwordHashing.verify({ hash: row.hash, password }).catch(() => false) : false;
  if (!ok) throw invalid("That is not your current password.", "password");
  await forgetSignInAttempts(db, row.email, REAUTH_ADDRESS);
}

function refuseIfUndecided(owned: TOwnedPalace[], decisions: z.infer<typeof ZDeleteAccountInput>["decisions"]) {
  const problem = decisionProblem(facts(owned), decisions);
  if (problem) throw invalid(problem.message, problem.field);
}

export async function deleteAccount(db: Db, actor: Actor, raw: z.input<typeof ZDeleteAccountInput>): Promise<TDeletedAccount> {
  const userId = requireUser(actor);
  const input = ZDeleteAccountInput.parse(raw);
  // Missing choices are reported before the password is checked, so fixing them costs no attempt.
  refuseIfUndecided(await ownedPalaces(db, userId), input.decisions);
  await checkPassword(db, userId, input.password);

  const outcome = await db.transaction(async (tx) => {
    // Two deletions of one account (two tabs) queue here; the second finds no user.
    const [me] = await tx.select({ email: users.email }).from(users).where(eq(users.id, userId)).for("update");
    if (!me) throw new DomainError("UNAUTHORIZED", "Sign in first.");
    // Checked again under lock: a palace handed to this person since the check above needs a choice too.
    const owned = await ownedPalaces(tx, userId, true);
    refuseIfUndecided(owned, input.decisions);
    const byId = new Map(owned.map((p) => [p.id, p]));

    let palacesDeleted = 0;
    let palacesTransferred = 0;
    for (const decision of input.decisions) {
      if (decision.action === "delete") {
        await tx.delete(palaces).where(eq(palaces.id, decision.palaceId));
        await announcePalaceDeleted(tx, decision.palaceId);
        palacesDeleted++;
        continue;
      }
      const heir = byId.get(decision.palaceId)!.members.find((m) => m.userId === decision.newOwnerId)!;
      await tx
        .update(palaceMembers)
        .set({ role: "owner" })
        .where(and(eq(palaceMembers.palaceId, decision.palaceId), eq(palaceMembers.userId, heir.userId)));
      await tx.delete(palaceMembers).where(and(eq(palaceMembers.palaceId, decision.palaceId), eq(palaceMembers.userId, userId)));
      // Invite links belong to the palace: they stay valid, now in the new owner's name.
      await tx
        .update(palaceInvites)
        .set({ createdById: heir.userId })
        .where(and(eq(palaceInvites.palaceId, decision.palaceId), eq(palaceInvites.createdById, userId)));
      const [palace] = await tx
        .update(palaces)
        .set({ ownerId: heir.userId, updatedAt: new Date(), version: sql`${palaces.version} + 1` })
        .where(eq(palaces.id, decision.palaceId))
        .returning({ version: palaces.version });
      await recordChange(tx, NOBODY, decision.palaceId, { action: "changed", entity: "member", entityId: heir.userId, label: heir.name });
      await recordChange(tx, NOBODY, decision.palaceId, { action: "deleted", entity: "member", entityId: userId, label: DELETED_ACCOUNT_LABEL });
      await recordChange(tx, NOBODY, decision.palaceId, { action: "changed", entity: "palace", entityId: decision.palaceId, version: palace!.version });
      palacesTransferred++;
    }

    const others = await memberOfOthers(tx, userId);
    for (const { palaceId, ownerId } of others) {
      // Links this person made while they owned the palace stay valid, in its owner's name.
      await tx
        .update(palaceInvites)
        .set({ createdById: ownerId })
        .where(and(eq(palaceInvites.palaceId, palaceId), eq(palaceInvites.createdById, userId)));
      await tx.delete(palaceMembers).where(and(eq(palaceMembers.palaceId, palaceId), eq(palaceMembers.userId, userId)));
      await recordChange(tx, NOBODY, palaceId, { action: "deleted", entity: "member", entityId: userId, label: DELETED_ACCOUNT_LABEL });
    }
    // Whoever is walking a palace with this person sees their figure leave now, not at a timeout.
    for (const palaceId of [...others.map((o) => o.palaceId), ...input.decisions.filter((d) => d.action === "transfer").map((d) => d.palaceId)]) {
      await publishPresence(tx, { palaceId, userId, name: "", roomId: null, x: 0, z: 0, heading: 0, here: false, at: Date.now() });
    }

    // The activity feed keeps what happened but no longer names the person.
    await tx
      .update(palaceEvents)
      .set({ label: DELETED_ACCOUNT_LABEL })
      .where(and(eq(palaceEvents.entity, "member"), eq(palaceEvents.entityId, userId)));
    await tx.delete(reviewLogs).where(eq(reviewLogs.userId, userId));
    await tx.delete(reviewCards).where(eq(reviewCards.userId, userId));
    await tx.delete(userSettings).where(eq(userSettings.userId, userId));
    await tx.delete(sessions).where(eq(sessions.userId, userId));
    await tx.delete(accounts).where(eq(accounts.userId, userId));
    await forgetAccountSignIns(tx, me.email);
    // Events the person caused stay in the feeds without an author (the foreign key sets it null).
    await tx.delete(users).where(eq(users.id, userId));
    return { palacesDeleted, palacesTransferred, palacesLeft: others.length };
  });

  write("info", "account deleted", outcome);
  return { ok: true, palacesDeleted: outcome.palacesDeleted, palacesTransferred: outcome.palacesTransferred };
}
