// The palace route in the database: where a new locus joins it, a tidy re-route, and moving one
// stop by hand. Every change runs under the palace lock in one transaction, and renumbers
// through negative numbers because the unique (palace, order) index is checked row by row.
import "server-only";
import { and, asc, eq, gte, lt, lte, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { concepts, doors, loci, rooms } from "../../db/schema";
import { type Actor, requireEdit } from "../access";
import { conflict, invalid, notFound } from "../errors";
import { recordChange } from "../../realtime/events";
import { toLocus } from "../mappers";
import { lockPalace } from "../palace-lock";
import { insertionIndex, type RouteStop, tidyRoute } from "./route.logic";
import { type TRoute, ZMoveStopInput, ZRerouteInput } from "./route.schema";
import type { z } from "zod";

async function plan(tx: Db, palaceId: string) {
  const [roomRows, doorRows, stops] = await Promise.all([
    tx.select().from(rooms).where(eq(rooms.palaceId, palaceId)).orderBy(asc(rooms.createdAt), asc(rooms.id)),
    tx.select().from(doors).where(eq(doors.palaceId, palaceId)),
    tx.select().from(loci).where(eq(loci.palaceId, palaceId)).orderBy(asc(loci.routeOrder)),
  ]);
  return { rooms: roomRows, doors: doorRows, stops };
}

async function routeOf(tx: Db, palaceId: string): Promise<TRoute> {
  const rows = await tx.select().from(loci).where(eq(loci.palaceId, palaceId)).orderBy(asc(loci.routeOrder));
  return { loci: rows.map(toLocus) };
}

/** Moves every stop from `from` on (inclusive) `by` places; call under the palace lock. */
async function shiftFrom(tx: Db, palaceId: string, from: number, by: number, to?: number) {
  const range = and(
    eq(loci.palaceId, palaceId),
    gte(loci.routeOrder, from),
    to === undefined ? undefined : lte(loci.routeOrder, to),
  );
  await tx.update(loci).set({ routeOrder: sql`-(${loci.routeOrder} + ${by})` }).where(range);
  await tx
    .update(loci)
    .set({ routeOrder: sql`-${loci.routeOrder}` })
    .where(and(eq(loci.palaceId, palaceId), lt(loci.routeOrder, 0)));
}

/**
 * The route order a locus about to be placed should take, making room for it. Call inside the
 * transaction that inserts it, under the palace lock.
 */
export async function openRouteSlot(tx: Db, palaceId: string, stop: Omit<RouteStop, "id">): Promise<number> {
  const { rooms: roomRows, doors: doorRows, stops } = await plan(tx, palaceId);
  const index = insertionIndex(roomRows, doorRows, stops, { ...stop, id: "new" });
  if (index < stops.length) await shiftFrom(tx, palaceId, index + 1, 1);
  return index + 1;
}

/**
 * Makes room at `order` in the route (or at its end, when it has grown shorter) for a locus
 * coming back where it was; answers the order it should take. Under the palace lock.
 */
export async function openRouteSlotAt(tx: Db, palaceId: string, order: number): Promise<number> {
  const [last] = await tx.select({ n: sql<number>`coalesce(max(${loci.routeOrder}), 0)::int` }).from(loci).where(eq(loci.palaceId, palaceId));
  const at = Math.max(1, Math.min(order, Number(last?.n ?? 0) + 1));
  await shiftFrom(tx, palaceId, at, 1);
  return at;
}

/** Re-orders the whole route: rooms along the doors, a short walk inside each. */
export async function reroute(db: Db, actor: Actor, raw: z.input<typeof ZRerouteInput>): Promise<TRoute> {
  const { palaceId } = ZRerouteInput.parse(raw);
  await requireEdit(db, palaceId, actor);
  return db.transaction(async (tx) => {
    await lockPalace(tx, palaceId);
    const { rooms: roomRows, doors: doorRows, stops } = await plan(tx, palaceId);
    const order = tidyRoute(roomRows, doorRows, stops);
    if (order.length > 0) {
      const values = sql.join(
        order.map((id, i) => sql`(${id}::uuid, ${i + 1}::int)`),
        sql`, `,
      );
      await tx.execute(sql`
        update ${loci} set route_order = -wanted.n
        from (values ${values}) as wanted(id, n)
        where ${loci.id} = wanted.id and ${loci.palaceId} = ${palaceId}`);
      await tx
        .update(loci)
        .set({ routeOrder: sql`-${loci.routeOrder}` })
        .where(and(eq(loci.palaceId, palaceId), lt(loci.routeOrder, 0)));
      // The route belongs to the palace as a whole: live clients get its new order with it.
      await recordChange(tx, actor, palaceId, { action: "moved", entity: "palace", entityId: palaceId, label: "route" });
    }
    return routeOf(tx, palaceId);
  });
}

/** Moves one stop to place `toOrder` on the route; the stops between shift by one. */
export async function moveStop(db: Db, actor: Actor, raw: z.input<typeof ZMoveStopInput>): Promise<TRoute> {
  const { locusId, version, toOrder } = ZMoveStopInput.parse(raw);
  const [current] = await db.select().from(loci).where(eq(loci.id, locusId));
  if (!current) throw notFound("Placement");
  await requireEdit(db, current.palaceId, actor, "Placement");
  if (current.version !== version) throw conflict("This concept's placement");
  const palaceId = current.palaceId;
  return db.transaction(async (tx) => {
    await lockPalace(tx, palaceId);
    const [locked] = await tx.select().from(loci).where(and(eq(loci.id, locusId), eq(loci.version, version)));
    if (!locked) throw conflict("This concept's placement");
    const [{ count } = { count: 0 }] = await tx
      .select({ count: sql<number>`count(*)::int` })
      .from(loci)
      .where(eq(loci.palaceId, palaceId));
    if (toOrder > count) {
      throw invalid(`The route has ${count} ${count === 1 ? "stop" : "stops"}: choose a place from 1 to ${count}.`, "toOrder");
    }
    const from = locked.routeOrder;
    if (from !== toOrder) {
      // Park the moving stop at 0 (never a real place), shift the stops between, then drop it in.
      await tx.update(loci).set({ routeOrder: 0 }).where(eq(loci.id, locusId));
      if (toOrder < from) await shiftFrom(tx, palaceId, toOrder, 1, from - 1);
      else await shiftFrom(tx, palaceId, from + 1, -1, toOrder);
      await tx
        .update(loci)
        .set({ routeOrder: toOrder, version: version + 1, updatedAt: new Date() })
        .where(eq(loci.id, locusId));
      const [concept] = await tx.select({ title: concepts.title }).from(concepts).where(eq(concepts.id, locked.conceptId));
      await recordChange(tx, actor, palaceId, { action: "moved", entity: "locus", entityId: locusId, version: version + 1, label: concept?.title });
    }
    return routeOf(tx, palaceId);
  });
}
