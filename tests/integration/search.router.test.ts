import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/server/db/client";
import { testDatabases } from "../helpers/databases";
import { addMember, anonymous, rejectionOf, signUp } from "../helpers/world";

describe.each(testDatabases)("search router on $name", (target) => {
  let database: Database & { drop(): Promise<void> };
  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(() => database.drop());

  it("finds concepts by title, tag and notes, ranked, with the room and a marked snippet", async () => {
    const { caller } = await signUp(database, "Ada");
    const palace = await caller.template.create({ templateId: "optimisers-and-schedules" });
    const hits = await caller.search.concepts({ query: "adam", palaceId: palace.id });
    expect(hits[0]).toMatchObject({ title: "Adam", kind: "optimizer", roomName: "Gallery of Momentum and Adaptivity", palaceTitle: palace.title });
    expect(hits.map((h) => h.title)).toEqual(expect.arrayContaining(["AdamW: decoupled weight decay", "Adam's epsilon and β₂"]));

    // A stemmed word in the notes, with the match marked in the snippet.
    const notes = await caller.search.concepts({ query: "zig-zagging valleys", palaceId: palace.id });
    expect(notes.map((h) => h.title)).toContain("Ill-conditioning and saddle points");
    const ill = notes.find((h) => h.title === "Ill-conditioning and saddle points")!;
    expect(ill.snippet).toMatch(/⟦valley⟧/);

    // Typing: the last word matches as a prefix; a tag matches too.
    expect((await caller.search.concepts({ query: "nester", palaceId: palace.id })).map((h) => h.title)).toEqual(["Nesterov accelerated gradient"]);
    expect((await caller.search.concepts({ query: "super-convergence", palaceId: palace.id })).map((h) => h.title)).toEqual(["One-cycle policy"]);
    expect(await caller.search.concepts({ query: "?!", palaceId: palace.id })).toEqual([]);
    expect(await caller.search.concepts({ query: "quaternion", palaceId: palace.id })).toEqual([]);
  });

  it("reports concepts in the inbox without a room, and sees edits at once", async () => {
    const { caller } = await signUp(database, "Bo");
    const palace = await caller.palace.create({ title: "Scratch" });
    const concept = await caller.concept.create({ palaceId: palace.id, title: "Gradient checkpointing", notes: "Recompute activations" });
    expect(await caller.search.concepts({ query: "checkpoint", palaceId: palace.id })).toEqual([
      expect.objectContaining({ conceptId: concept.id, roomId: null, roomName: null, snippet: "" }),
    ]);
    await caller.concept.update({ id: concept.id, version: concept.version, tags: ["memory"] });
    expect((await caller.search.concepts({ query: "memory", palaceId: palace.id })).map((h) => h.conceptId)).toEqual([concept.id]);
  });

  it("searches every palace the caller can read, and nothing else", async () => {
    const owner = await signUp(database, "Owner");
    const other = await signUp(database, "Other");
    const mine = await owner.caller.palace.create({ title: "Mine" });
    await owner.caller.concept.create({ palaceId: mine.id, title: "Zebrafish embeddings" });
    const secret = await other.caller.palace.create({ title: "Secret" });
    await other.caller.concept.create({ palaceId: secret.id, title: "Zebrafish attention" });
    const shared = await other.caller.palace.create({ title: "Shared" });
    await other.caller.concept.create({ palaceId: shared.id, title: "Zebrafish dropout" });
    await addMember(database, shared.id, owner.user.id, "viewer");
    const open = await other.caller.palace.create({ title: "Open", visibility: "public" });
    await other.caller.concept.create({ palaceId: open.id, title: "Zebrafish pooling" });

    const titles = async (c: typeof owner.caller) => (await c.search.concepts({ query: "zebrafish" })).map((h) => h.title).sort();
    expect(await titles(owner.caller)).toEqual(["Zebrafish dropout", "Zebrafish embeddings", "Zebrafish pooling"]);
    expect(await titles(anonymous(database))).toEqual(["Zebrafish pooling"]);
    const refused = await rejectionOf(owner.caller.search.concepts({ query: "zebrafish", palaceId: secret.id }));
    expect(refused.code).toBe("NOT_FOUND");
    expect((await rejectionOf(owner.caller.search.concepts({ query: "   " }))).message).toMatch(/Type something to search for/);
  });
});
