// Recall settings per person: read (defaults until first saved) and update.
import "server-only";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../../db/client";
import { userSettings } from "../../db/schema";
import { type Actor, requireUser } from "../access";
import { DEFAULT_MAXIMUM_INTERVAL, DEFAULT_RETENTION, type TSettings, ZUpdateSettingsInput } from "./settings.schema";

const tidy = (row: { desiredRetention: number; maximumInterval: number }): TSettings => ({
  desiredRetention: row.desiredRetention,
  maximumInterval: row.maximumInterval,
});

/** The scheduler settings of `userId`, or the defaults when they never changed them. */
export async function settingsOf(db: Db, userId: string): Promise<TSettings> {
  const [row] = await db.select().from(userSettings).where(eq(userSettings.userId, userId));
  return row ? tidy(row) : { desiredRetention: DEFAULT_RETENTION, maximumInterval: DEFAULT_MAXIMUM_INTERVAL };
}

export async function get(db: Db, actor: Actor): Promise<TSettings> {
  return settingsOf(db, requireUser(actor));
}

export async function update(db: Db, actor: Actor, raw: z.input<typeof ZUpdateSettingsInput>, now = new Date()): Promise<TSettings> {
  const userId = requireUser(actor);
  const changes = ZUpdateSettingsInput.parse(raw);
  // One statement, so two tabs saving at once cannot lose the row: each field keeps the last value sent.
  const current = await settingsOf(db, userId);
  const [row] = await db
    .insert(userSettings)
    .values({ userId, ...current, ...changes, updatedAt: now })
    .onConflictDoUpdate({ target: userSettings.userId, set: { ...changes, updatedAt: now } })
    .returning();
  return tidy(row!);
}
