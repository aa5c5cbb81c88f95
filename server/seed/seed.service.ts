// Seeds the public demo palace on a database that has never had it. Safe to run on every
// start and from several instances at once: the demo user's insert decides who seeds.
import "server-only";
import type { Db } from "../db/client";
import { users } from "../db/schema";
import { insertPalaceGraph } from "../domain/palace/palace.graph";
import { demoPalace } from "./demo-palace";
import { seedToGraph } from "./seed.logic";
import { seedPictures } from "./seed.pictures";
import { DEMO_PALACE_ID } from "../domain/palace/palace.schema";

export const DEMO_USER_ID = "engram-demo";

export async function seedDemo(db: Db): Promise<boolean> {
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(users)
      .values({ id: DEMO_USER_ID, name: "Engram team", email: "demo@engram.invalid", emailVerified: true })
      .onConflictDoNothing()
      .returning({ id: users.id });
    if (inserted.length === 0) return false;
    const graph = seedToGraph(demoPalace, {
      id: DEMO_PALACE_ID,
      title: demoPalace.title,
      description: demoPalace.description,
      visibility: "public",
    });
    // Drawn only by the instance that won the insert, so a restart costs no rendering.
    graph.pictures = await seedPictures(demoPalace, graph);
    await insertPalaceGraph(tx, DEMO_USER_ID, graph);
    return true;
  });
}
