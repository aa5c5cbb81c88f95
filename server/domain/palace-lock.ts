// The palace lock that serialises structural writes to one palace, and keeping its route (the order
// loci are visited) contiguous from 1 after removals.
import "server-only";
import { and, eq, lt, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { loci, palaces } from "../db/schema";

/**
 * Serialises structural writes to one palace (route order, room layout) for the transaction.
 * "No key update" rather than "update": rows that reference the palace (the event written by a
 * concurrent concept edit) take a key-share lock on it, which this must not block, or the two
 * transactions wait on each other across the palace row and the event head row.
 */
export async function lockPalace(tx: Db, palaceId: string): Promise<void> {
  await tx.select({ id: palaces.id }).from(palaces).where(eq(palaces.id, palaceId)).for("no key update");
}

/**
 * Renumbers the route 1..n in its current order. The unique index on (palace, order) is checked
 * row by row, so the rows first move to negative numbers and then flip back.
 */
export async function compactRoute(tx: Db, palaceId: string): Promise<void> {
  await tx.execute(sql`
    update ${loci} set route_order = -ranked.n
    from (
      select id, row_number() over (order by route_order) as n
      from ${loci} where palace_id = ${palaceId}
    ) as ranked
    where ${loci.id} = ranked.id`);
  await tx
    .update(loci)
    .set({ routeOrder: sql`-${loci.routeOrder}` })
    .where(and(eq(loci.palaceId, palaceId), lt(loci.routeOrder, 0)));
}
