// An import that the database refuses partway, in the last table it writes, leaves nothing
// behind: no palace, no rooms, concepts, loci or links, and the foreign-key checks that the bulk
// write turns off for itself are back on for everything after it. And every character a person
// wrote survives the bulk write (COPY's text format on the embedded database, JSON on PostgreSQL).
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/server/db/client";
import { concepts, doors, links, loci, palaceMembers, palaces, rooms } from "~/server/db/schema";
import { readImport } from "~/server/import/import.logic";
import { testDatabases } from "../helpers/databases";
import { signUp } from "../helpers/world";

const OUTLINE = ["# Atomic", "", "## First", "- alpha", "  - beta", "  - gamma", "", "## Second", "- delta", "  - epsilon", ""].join("\n");

async function replicationRole(database: Database): Promise<string> {
  const result: unknown = await database.db.execute(sql`select current_setting('session_replication_role') as role`);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { role: string }[];
  return rows[0]!.role;
}

describe.each(testDatabases)("an import refused by the database partway on $name", (target) => {
  let database: Database & { drop(): Promise<void> };
  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(() => database.drop());

  it("writes nothing when the last table's rows break a constraint, and leaves the checks on", async () => {
    const { caller } = await signUp(database, "Atomic");
    const { palace } = readImport({ format: "markdown", fileName: "atomic.md", bytes: new TextEncoder().encode(OUTLINE) });
    expect(palace.links.length).toBeGreaterThan(0);
    // The file schema allows the same link twice; only the database's unique index on the pair
    // refuses it, and links are the last rows the import writes.
    const twice = { ...palace, links: [...palace.links, palace.links.at(-1)!] };

    await expect(caller.transfer.importPlanned({ palace: twice })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await caller.palace.list()).toEqual([]);
    for (const table of [palaces, palaceMembers, rooms, doors, concepts, loci, links]) expect(await database.db.$count(table)).toBe(0);
    expect(await replicationRole(database)).toBe("origin");

    // The same palace without the repeated link goes in whole.
    const saved = await caller.transfer.importPlanned({ palace });
    expect(saved).toMatchObject({ title: "Atomic", conceptCount: palace.concepts.length, roomCount: palace.rooms.length });
    expect(await database.db.$count(links)).toBe(palace.links.length);
    expect(await database.db.$count(loci)).toBe(palace.concepts.length);
    expect(await replicationRole(database)).toBe("origin");
  });

  it("keeps every character as written: tabs, line breaks, backslashes, quotes, \\N and braces", async () => {
    const { caller } = await signUp(database, "Characters");
    const { palace } = readImport({ format: "markdown", fileName: "chars.md", bytes: new TextEncoder().encode(OUTLINE) });
    const tricky = {
      title: String.raw`Tab	\N "quoted" {braces} \\ end`,
      notes: "Line one\r\nLine two\twith a tab\n\\N alone\nback\\slash and \\\\ two\nNULL\n日本語 ✓",
      tags: [String.raw`back\slash`, "{brace}", "null", String.raw`\n`, "two words"],
    };
    const edited = { ...palace, concepts: palace.concepts.map((c, i) => (i === 0 ? { ...c, ...tricky } : c)) };
    const saved = await caller.transfer.importPlanned({ palace: edited });
    const [first] = await database.db.select().from(concepts).where(and(eq(concepts.palaceId, saved.id), eq(concepts.title, tricky.title)));
    expect(first?.notes).toBe(tricky.notes);
    expect(first?.tags).toEqual(tricky.tags);
  });
});
