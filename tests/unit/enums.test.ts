// Every database enum takes its values from the zod enum the API validates with, not from a
// second list that could drift when a value is added on one side only.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { getTableConfig } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { ZEventAction, ZEventEntity } from "~/server/domain/activity/activity.schema";
import { ZConceptKind } from "~/server/domain/concept/concept.schema";
import { ZLocusShape } from "~/server/domain/locus/locus.schema";
import { ZPalaceRole, ZPalaceVisibility } from "~/server/domain/palace/palace.schema";
import { ZRoomTheme } from "~/server/domain/room/room.schema";
import * as schema from "~/server/db/schema";

const pairs = [
  ["palace_visibility", schema.palaceVisibility, ZPalaceVisibility],
  ["palace_role", schema.palaceRole, ZPalaceRole],
  ["room_theme", schema.roomTheme, ZRoomTheme],
  ["concept_kind", schema.conceptKind, ZConceptKind],
  ["locus_shape", schema.locusShape, ZLocusShape],
  ["event_action", schema.eventAction, ZEventAction],
  ["event_entity", schema.eventEntity, ZEventEntity],
] as const;

describe("database enums", () => {
  it.each(pairs)("%s holds the zod enum's values (its .enum object)", (name, pgEnum, zodEnum) => {
    expect(pgEnum.enumName).toBe(name);
    expect(pgEnum.enumValues).toEqual(zodEnum.options);
  });

  it("no pgEnum in the database schema spells out its own list of values", () => {
    const dir = path.resolve(import.meta.dirname, "../../server/db/schema");
    const calls = readdirSync(dir)
      .filter((f) => f.endsWith(".ts"))
      .flatMap((f) => [...readFileSync(path.join(dir, f), "utf8").matchAll(/pgEnum\(\s*"([^"]+)",\s*([^)]*)\)/g)])
      .map((m) => ({ name: m[1], values: m[2]?.trim() ?? "" }));
    expect(calls.map((c) => c.name).sort()).toEqual(pairs.map(([name]) => name).sort());
    for (const call of calls) expect(call.values, call.name).toMatch(/^Z\w+\.enum$/);
  });

  it("every enum column in the schema is one of those", () => {
    const covered = new Set<string>(pairs.map(([name]) => name));
    const used = Object.values(schema)
      .filter((t) => typeof t === "object" && t !== null && Symbol.for("drizzle:IsDrizzleTable") in t)
      .flatMap((t) => getTableConfig(t as Parameters<typeof getTableConfig>[0]).columns)
      .filter((c) => c.columnType.startsWith("PgEnum"))
      .map((c) => (c as unknown as { enum: { enumName: string } }).enum.enumName);
    expect(used.length).toBeGreaterThan(0);
    for (const name of used) expect(covered).toContain(name);
  });
});
