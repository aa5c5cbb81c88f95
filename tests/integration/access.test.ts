// "Who may read a palace" is one SQL fragment in server/domain/access.ts. These tests run it
// inside queries over palaces and palace_members themselves (where a careless subquery would
// match its own row) and check that access checks, recall and search agree on it.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { asc, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/server/db/client";
import { palaceMembers, palaces } from "~/server/db/schema";
import { loadAccess, readablePalace, requireRead } from "~/server/domain/access";
import { testDatabases } from "../helpers/databases";
import { addMember, anonymous, placeConcept, signUp } from "../helpers/world";

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sources(full) : full.endsWith(".ts") ? [full] : [];
  });
}

describe("the readable-palace rule", () => {
  it("is written only in access.ts: no other server module compares visibility with 'public' or lists readers itself", () => {
    const root = path.resolve(import.meta.dirname, "../../server");
    const offenders = sources(root)
      .filter((file) => !file.endsWith(path.join("domain", "access.ts")) && !file.includes(`${path.sep}db${path.sep}schema${path.sep}`))
      .filter((file) => {
        const text = readFileSync(file, "utf8");
        return /visibility\}?\s*(?:=|===|!==|,)\s*['"]public['"]/.test(text) || /palaceMembers\.userId\}\s*=\s*\$\{/.test(text);
      })
      .map((file) => path.relative(root, file));
    expect(offenders).toEqual([]);
  });
});

describe.each(testDatabases)("who may read a palace on $name", (target) => {
  let database: Database & { drop(): Promise<void> };
  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(() => database.drop());

  it("access checks, recall and search follow the same rule for members, strangers and visitors", async () => {
    const owner = await signUp(database, "Owner");
    const viewer = await signUp(database, "Viewer");
    const stranger = await signUp(database, "Stranger");
    const hidden = await owner.caller.palace.create({ title: "Hidden" });
    const shared = await owner.caller.palace.create({ title: "Shared" });
    const open = await owner.caller.palace.create({ title: "Open", visibility: "public" });
    await addMember(database, shared.id, viewer.user.id, "viewer");
    const ids = { hidden: hidden.id, shared: shared.id, open: open.id };
    for (const [name, id] of Object.entries(ids)) {
      const room = await owner.caller.room.create({ palaceId: id, name: "Hall", gridX: 0, gridZ: 0 });
      await placeConcept(owner.caller, id, room.id, `Quokka ${name}`);
    }
    const expected = {
      owner: ["hidden", "open", "shared"],
      viewer: ["open", "shared"],
      stranger: ["open"],
      anonymous: ["open"],
    };
    const people = { owner: owner.user.id, viewer: viewer.user.id, stranger: stranger.user.id, anonymous: null };
    const nameOf = new Map(Object.entries(ids).map(([name, id]) => [id, name]));

    for (const [who, userId] of Object.entries(people) as [keyof typeof people, string | null][]) {
      const actor = { userId };
      // The fragment itself, inside a query over palaces and another over palace_members.
      const mine = [hidden.id, shared.id, open.id];
      const viaPalaces = await database.db
        .select({ id: palaces.id })
        .from(palaces)
        .where(sql`${readablePalace(actor, palaces.id)} and ${palaces.id} in (${sql.join(mine.map((id) => sql`${id}::uuid`), sql`, `)})`)
        .orderBy(asc(palaces.title));
      expect(viaPalaces.map((r) => nameOf.get(r.id)).sort(), `${who} over palaces`).toEqual(expected[who]);
      const viaMembers = await database.db
        .selectDistinct({ id: palaceMembers.palaceId })
        .from(palaceMembers)
        .where(sql`${readablePalace(actor, palaceMembers.palaceId)} and ${palaceMembers.palaceId} in (${sql.join(mine.map((id) => sql`${id}::uuid`), sql`, `)})`);
      expect(viaMembers.map((r) => nameOf.get(r.id)).sort(), `${who} over members`).toEqual(expected[who]);

      // The access check.
      for (const [name, id] of Object.entries(ids)) {
        const access = await loadAccess(database.db, id, actor);
        expect(access?.canRead, `${who} reading ${name}`).toBe(expected[who].includes(name));
        if (expected[who].includes(name)) await expect(requireRead(database.db, id, actor)).resolves.toBeTruthy();
        else await expect(requireRead(database.db, id, actor)).rejects.toMatchObject({ code: "NOT_FOUND" });
      }
    }

    // Search across palaces.
    const found = async (caller: typeof owner.caller) =>
      (await caller.search.concepts({ query: "quokka" })).map((h) => h.title.replace("Quokka ", "")).sort();
    expect(await found(owner.caller)).toEqual(expected.owner);
    expect(await found(viewer.caller)).toEqual(expected.viewer);
    expect(await found(stranger.caller)).toEqual(expected.stranger);
    expect(await found(anonymous(database))).toEqual(expected.anonymous);

    // Recall: the viewer studies the shared and the open palace, then loses both (removed as a
    // member, the open one made private): neither shows in their day or their statistics.
    for (const id of [shared.id, open.id]) {
      const walk = await viewer.caller.recall.walk({ palaceId: id });
      await viewer.caller.recall.grade({ conceptId: walk.stops[0]!.conceptId, rating: 3, idempotencyKey: crypto.randomUUID() });
    }
    expect((await viewer.caller.recall.today()).palaces.map((p) => p.title).sort()).toEqual(["Open", "Shared"]);
    expect((await viewer.caller.recall.stats({})).totals.reviews).toBe(2);
    await owner.caller.member.remove({ palaceId: shared.id, userId: viewer.user.id });
    const current = await owner.caller.palace.get({ id: open.id });
    await owner.caller.palace.update({ id: open.id, version: current.palace.version, visibility: "private" });
    expect((await viewer.caller.recall.today()).palaces).toEqual([]);
    expect((await viewer.caller.recall.stats({})).totals.reviews).toBe(0);
    expect(await found(viewer.caller)).toEqual([]);
  });
});
