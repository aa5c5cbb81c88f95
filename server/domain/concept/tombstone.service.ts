// Undo of a concept deletion, on the server: the deletion keeps a snapshot of every row that goes
// with the concept (placement, links, picture, everyone's review history), and concept.restore
// puts the same ids back in one transaction, or nothing at all.
import "server-only";
import { eq, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../../db/client";
import { concepts, conceptTombstones, links, loci, rooms } from "../../db/schema";
import { recordChange } from "../../realtime/events";
import { type Actor, requireEdit } from "../access";
import { DomainError } from "../errors";
import { toConcept, toLink, toLocus } from "../mappers";
import { CEILING_MARGIN, WALL_MARGIN } from "../room/room.logic";
import { lockPalace } from "../palace-lock";
import { openRouteSlotAt } from "../route/route.service";
import type { ZIdInput } from "../common.schema";
import { RESTORE_WINDOW_MINUTES, type TRestoreResult } from "./concept.schema";

const undoWindow = sql`make_interval(mins => ${RESTORE_WINDOW_MINUTES})`;

/** Rows of a raw query, whichever driver ran it. */
async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return Array.isArray(result) ? (result as T[]) : (result as { rows: T[] }).rows;
}

/**
 * Call inside the deleting transaction, under the palace lock and before the delete, so the
 * snapshot is of exactly the rows the cascade removes. Snapshots past their window go too.
 */
export async function keepTombstone(tx: Db, actor: Actor, conceptId: string): Promise<void> {
  await tx.delete(conceptTombstones).where(sql`${conceptTombstones.deletedAt} < now() - ${undoWindow}`);
  await tx.execute(sql`
    insert into ${conceptTombstones} (concept_id, palace_id, title, deleted_by_id, snapshot)
    select c.id, c.palace_id, c.title, ${actor.userId}, jsonb_build_object(
      'concept', to_jsonb(c) - 'search_vector',
      'locus', (select to_jsonb(l) from ${loci} l where l.concept_id = c.id),
      'roomName', (select r.name from ${loci} l join ${rooms} r on r.id = l.room_id where l.concept_id = c.id),
      'links', coalesce((select jsonb_agg(to_jsonb(k)) from ${links} k where k.from_concept_id = c.id or k.to_concept_id = c.id), '[]'::jsonb),
      'picture', (select to_jsonb(p) from concept_pictures p where p.concept_id = c.id),
      'cards', coalesce((select jsonb_agg(to_jsonb(x)) from review_cards x where x.concept_id = c.id), '[]'::jsonb),
      'logs', coalesce((select jsonb_agg(to_jsonb(x)) from review_logs x where x.concept_id = c.id), '[]'::jsonb))
    from ${concepts} c where c.id = ${conceptId}`);
}

/** The parts of a snapshot read here; the rest goes back to PostgreSQL as it came. */
interface Snapshot {
  concept: unknown;
  locus: { room_id: string; route_order: number; x: number; y: number; z: number } | null;
  roomName: string | null;
  links: unknown[];
  picture: unknown;
  cards: unknown[];
  logs: unknown[];
}

function minutesAgo(deletedAt: Date, now: Date): string {
  const minutes = Math.max(1, Math.round((now.getTime() - deletedAt.getTime()) / 60_000));
  return minutes === 1 ? "a minute ago" : `${minutes} minutes ago`;
}

/** Brings a deleted concept back under its own id, with everything its deletion took. */
export async function restore(db: Db, actor: Actor, input: z.infer<typeof ZIdInput>): Promise<TRestoreResult> {
  const [tomb] = await db
    .select({
      palaceId: conceptTombstones.palaceId,
      title: conceptTombstones.title,
      deletedAt: conceptTombstones.deletedAt,
      open: sql<boolean>`${conceptTombstones.deletedAt} > now() - ${undoWindow}`.mapWith(Boolean),
      now: sql<Date>`now()`.mapWith((v: unknown) => new Date(v as string)),
    })
    .from(conceptTombstones)
    .where(eq(conceptTombstones.conceptId, input.id));
  if (!tomb) {
    // Asked twice: the concept is back already. Only someone who may edit it learns that.
    const [live] = await db.select({ palaceId: concepts.palaceId, title: concepts.title }).from(concepts).where(eq(concepts.id, input.id));
    if (live) {
      await requireEdit(db, live.palaceId, actor, "Concept");
      throw new DomainError("CONFLICT", `"${live.title}" is not deleted: it was restored already.`);
    }
    throw new DomainError(
      "NOT_FOUND",
      `There is no deleted concept with this id to restore. A deleted concept can be restored for ${RESTORE_WINDOW_MINUTES} minutes.`,
    );
  }
  await requireEdit(db, tomb.palaceId, actor, "Concept");
  if (!tomb.open) {
    throw new DomainError(
      "CONFLICT",
      `"${tomb.title}" was deleted ${minutesAgo(tomb.deletedAt, tomb.now)}; a deleted concept can be restored for ${RESTORE_WINDOW_MINUTES} minutes only.`,
    );
  }
  return db.transaction(async (tx) => {
    await lockPalace(tx, tomb.palaceId);
    const [taken] = await tx
      .delete(conceptTombstones)
      .where(eq(conceptTombstones.conceptId, input.id))
      .returning({ snapshot: conceptTombstones.snapshot });
    if (!taken) throw new DomainError("CONFLICT", `"${tomb.title}" was restored by someone else a moment ago.`);
    const snapshot = taken.snapshot as Snapshot;
    const json = (value: unknown) => sql`${JSON.stringify(value)}::jsonb`;

    // Back with a higher version than it had, so an edit based on the old one is a conflict.
    await tx.execute(sql`
      insert into ${concepts} (id, palace_id, title, notes, kind, tags, source_url, created_at, updated_at, version)
      select id, palace_id, title, notes, kind, tags, source_url, created_at, now(), version + 1
      from jsonb_populate_record(null::concepts, ${json(snapshot.concept)})`);
    const [row] = await tx.select().from(concepts).where(eq(concepts.id, input.id));
    const notes: string[] = [];

    let locus: TRestoreResult["locus"] = null;
    const was = snapshot.locus;
    if (was) {
      const [room] = await tx.select().from(rooms).where(eq(rooms.id, was.room_id));
      if (room && room.palaceId === tomb.palaceId) {
        const routeOrder = await openRouteSlotAt(tx, tomb.palaceId, was.route_order);
        // The room may have shrunk meanwhile: the object stays as near its old spot as fits.
        const clamp = (v: number, max: number) => Math.min(Math.max(v, WALL_MARGIN), max - WALL_MARGIN);
        const spot = { x: clamp(was.x, room.width), z: clamp(was.z, room.depth), y: Math.min(Math.max(was.y, 0), room.height - CEILING_MARGIN) };
        await tx.execute(sql`
          insert into ${loci} (id, palace_id, concept_id, room_id, x, y, z, rotation_y, shape, color, route_order, created_at, updated_at, version)
          select id, palace_id, concept_id, room_id, ${spot.x}, ${spot.y}, ${spot.z}, rotation_y, shape, color, ${routeOrder}, created_at, now(), version + 1
          from jsonb_populate_record(null::loci, ${json(was)})`);
        const [placed] = await tx.select().from(loci).where(eq(loci.conceptId, row!.id));
        locus = toLocus(placed!);
      } else {
        notes.push(`Its room "${snapshot.roomName ?? "?"}" was deleted meanwhile, so it is back in the inbox.`);
      }
    }

    // A link comes back when the concept at its other end still exists.
    const linkRows = snapshot.links.length
      ? await rowsOf<{ id: string }>(
          tx,
          sql`insert into ${links} (id, palace_id, from_concept_id, to_concept_id, label, created_at, updated_at, version)
            select k.id, k.palace_id, k.from_concept_id, k.to_concept_id, k.label, k.created_at, now(), k.version + 1
            from jsonb_populate_recordset(null::links, ${json(snapshot.links)}) k
            where exists (select 1 from ${concepts} c where c.palace_id = k.palace_id
              and c.id = case when k.from_concept_id = ${input.id} then k.to_concept_id else k.from_concept_id end)
            on conflict do nothing
            returning id`,
        )
      : [];
    const lost = snapshot.links.length - linkRows.length;
    if (lost > 0) notes.push(`${lost === 1 ? "One link" : `${lost} links`} to concepts deleted since could not come back.`);
    const restoredLinks = linkRows.length
      ? (await tx.select().from(links).where(sql`${links.id} in (${sql.join(linkRows.map((l) => sql`${l.id}::uuid`), sql`, `)})`)).map(toLink)
      : [];

    if (snapshot.picture) {
      await tx.execute(sql`insert into concept_pictures select * from jsonb_populate_record(null::concept_pictures, ${json(snapshot.picture)})`);
    }
    // Everyone's schedule and history, except for people who deleted their account meanwhile.
    if (snapshot.cards.length) {
      await tx.execute(sql`
        insert into review_cards select r.* from jsonb_populate_recordset(null::review_cards, ${json(snapshot.cards)}) r
        where exists (select 1 from users u where u.id = r.user_id) on conflict do nothing`);
    }
    const logs = snapshot.logs.length
      ? await rowsOf<{ id: string }>(
          tx,
          sql`insert into review_logs select r.* from jsonb_populate_recordset(null::review_logs, ${json(snapshot.logs)}) r
            where exists (select 1 from users u where u.id = r.user_id) on conflict do nothing returning id`,
        )
      : [];

    await recordChange(tx, actor, tomb.palaceId, { action: "added", entity: "concept", entityId: row!.id, version: row!.version, label: row!.title });
    if (locus) await recordChange(tx, actor, tomb.palaceId, { action: "added", entity: "locus", entityId: locus.id, version: locus.version, label: row!.title });
    for (const link of restoredLinks) {
      await recordChange(tx, actor, tomb.palaceId, { action: "added", entity: "link", entityId: link.id, version: link.version, label: link.label });
    }
    return {
      concept: toConcept(row!),
      locus,
      links: restoredLinks,
      picture: Boolean(snapshot.picture),
      reviews: logs.length,
      note: notes.length ? notes.join(" ") : null,
    };
  });
}
