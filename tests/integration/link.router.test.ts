import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/server/db/client";
import type { DomainError } from "~/server/domain/errors";
import { testDatabases } from "../helpers/databases";
import {
  addMember,
  type Caller,
  expectRefused,
  expectStrangerNotFound,
  expectVisitorsRefused,
  palaceWithTwoRooms,
  signUp,
} from "../helpers/world";

const MISSING = "00000000-0000-4000-8000-000000000000";

describe.each(testDatabases)("link router on $name", (target) => {
  let database: Database & { drop(): Promise<void> };
  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(() => database.drop());

  /** A palace with three concepts in its inbox. */
  async function threeConcepts() {
    const world = await palaceWithTwoRooms(database);
    const [a, b, c] = await Promise.all(
      ["ReLU", "Vanishing gradients", "ResNet"].map((title) => world.owner.caller.concept.create({ palaceId: world.palace.id, title })),
    );
    return { ...world, a: a!, b: b!, c: c! };
  }

  describe("create", () => {
    it("links two concepts with a trimmed label, shown in the scene", async () => {
      const { owner, palace, a, b, c } = await threeConcepts();
      const link = await owner.caller.link.create({ fromConceptId: a.id, toConceptId: b.id, label: "  mitigates " });
      expect(link).toMatchObject({ palaceId: palace.id, fromConceptId: a.id, toConceptId: b.id, label: "mitigates", version: 1 });
      const bare = await owner.caller.link.create({ fromConceptId: c.id, toConceptId: b.id });
      expect(bare.label).toBe("");
      expect((await owner.caller.palace.get({ id: palace.id })).links).toEqual([link, bare]);
    });

    it("refuses a concept linking to itself", async () => {
      const { owner, palace, a } = await threeConcepts();
      await expectRefused(
        owner.caller,
        palace.id,
        () => owner.caller.link.create({ fromConceptId: a.id, toConceptId: a.id }),
        "BAD_REQUEST",
        /toConceptId: A concept cannot link to itself/,
      );
    });

    it("refuses a second link between the same two concepts", async () => {
      const { owner, palace, a, b } = await threeConcepts();
      await owner.caller.link.create({ fromConceptId: a.id, toConceptId: b.id, label: "first" });
      await expectRefused(
        owner.caller,
        palace.id,
        () => owner.caller.link.create({ fromConceptId: a.id, toConceptId: b.id, label: "again" }),
        "CONFLICT",
        /Those concepts are already linked/,
      );
    });

    it("refuses a concept of another palace, even one the same person owns", async () => {
      const { owner, palace, a } = await threeConcepts();
      const other = await owner.caller.palace.create({ title: "Other" });
      const foreign = await owner.caller.concept.create({ palaceId: other.id, title: "Foreign" });
      const error = await expectRefused(
        owner.caller,
        palace.id,
        () => owner.caller.link.create({ fromConceptId: a.id, toConceptId: foreign.id }),
        "NOT_FOUND",
        /The concept to link to was not found in this palace/,
      );
      expect((error.cause as DomainError).field).toBe("toConceptId");
      await expectRefused(
        owner.caller,
        other.id,
        () => owner.caller.link.create({ fromConceptId: foreign.id, toConceptId: a.id }),
        "NOT_FOUND",
        /The concept to link to was not found in this palace/,
      );
    });

    it("refuses a concept of someone else's private palace", async () => {
      const { owner, palace, a } = await threeConcepts();
      const stranger = await signUp(database, "Stranger");
      const theirs = await stranger.caller.palace.create({ title: "Theirs" });
      const foreign = await stranger.caller.concept.create({ palaceId: theirs.id, title: "Theirs" });
      await expectRefused(
        owner.caller,
        palace.id,
        () => owner.caller.link.create({ fromConceptId: a.id, toConceptId: foreign.id }),
        "NOT_FOUND",
        /not found in this palace/,
      );
      expect((await stranger.caller.palace.get({ id: theirs.id })).links).toEqual([]);
    });

    it("refuses unknown concepts and bad labels", async () => {
      const { owner, palace, a, b } = await threeConcepts();
      await expectRefused(
        owner.caller,
        palace.id,
        () => owner.caller.link.create({ fromConceptId: MISSING, toConceptId: a.id }),
        "NOT_FOUND",
        /The concept to link from was not found/,
      );
      await expectRefused(
        owner.caller,
        palace.id,
        () => owner.caller.link.create({ fromConceptId: a.id, toConceptId: MISSING }),
        "NOT_FOUND",
        /The concept to link to was not found in this palace/,
      );
      await expectRefused(
        owner.caller,
        palace.id,
        () => owner.caller.link.create({ fromConceptId: a.id, toConceptId: b.id, label: "x".repeat(81) }),
        "BAD_REQUEST",
        /label: Label must be at most 80 characters/,
      );
      await expectRefused(
        owner.caller,
        palace.id,
        () => owner.caller.link.create({ fromConceptId: a.id, toConceptId: b.id, label: "two\nlines" }),
        "BAD_REQUEST",
        /label: Label must fit on one line/,
      );
      await expectRefused(
        owner.caller,
        palace.id,
        () => owner.caller.link.create({ fromConceptId: a.id, toConceptId: b.id, palaceId: palace.id } as never),
        "BAD_REQUEST",
        /palaceId/,
      );
    });
  });

  describe("update", () => {
    it("relabels a link, bumping its version", async () => {
      const { owner, palace, a, b } = await threeConcepts();
      const link = await owner.caller.link.create({ fromConceptId: a.id, toConceptId: b.id, label: "helps" });
      const updated = await owner.caller.link.update({ id: link.id, version: 1, label: " mitigates " });
      expect(updated).toEqual({ ...link, label: "mitigates", version: 2 });
      expect((await owner.caller.palace.get({ id: palace.id })).links).toEqual([updated]);
      const cleared = await owner.caller.link.update({ id: link.id, version: 2, label: "" });
      expect(cleared).toMatchObject({ label: "", version: 3 });
    });

    it("refuses a stale version as a conflict", async () => {
      const { owner, palace, a, b } = await threeConcepts();
      const link = await owner.caller.link.create({ fromConceptId: a.id, toConceptId: b.id, label: "helps" });
      await owner.caller.link.update({ id: link.id, version: 1, label: "newer" });
      await expectRefused(
        owner.caller,
        palace.id,
        () => owner.caller.link.update({ id: link.id, version: 1, label: "older" }),
        "CONFLICT",
        /This link was changed by someone else since you loaded it/,
      );
    });

    it("refuses a bad label and an unknown link", async () => {
      const { owner, palace, a, b } = await threeConcepts();
      const link = await owner.caller.link.create({ fromConceptId: a.id, toConceptId: b.id });
      await expectRefused(
        owner.caller,
        palace.id,
        () => owner.caller.link.update({ id: link.id, version: 1, label: "l".repeat(81) }),
        "BAD_REQUEST",
        /Label must be at most 80 characters/,
      );
      await expectRefused(
        owner.caller,
        palace.id,
        () => owner.caller.link.update({ id: link.id, version: 1, label: "x", toConceptId: a.id } as never),
        "BAD_REQUEST",
        /toConceptId/,
      );
      await expectRefused(
        owner.caller,
        palace.id,
        () => owner.caller.link.update({ id: MISSING, version: 1, label: "x" }),
        "NOT_FOUND",
        /Link was not found/,
      );
    });
  });

  describe("delete", () => {
    it("removes the link and keeps both concepts", async () => {
      const { owner, palace, a, b, c } = await threeConcepts();
      const gone = await owner.caller.link.create({ fromConceptId: a.id, toConceptId: b.id });
      const kept = await owner.caller.link.create({ fromConceptId: b.id, toConceptId: c.id });
      expect(await owner.caller.link.delete({ id: gone.id, version: gone.version })).toEqual({ ok: true });
      const scene = await owner.caller.palace.get({ id: palace.id });
      expect(scene.links).toEqual([kept]);
      expect(scene.concepts).toHaveLength(3);
      // The pair is free to be linked again.
      await expect(owner.caller.link.create({ fromConceptId: a.id, toConceptId: b.id })).resolves.toMatchObject({ version: 1 });
    });

    it("refuses a delete at a stale version and keeps the relabelled link", async () => {
      const { owner, palace, a, b } = await threeConcepts();
      const link = await owner.caller.link.create({ fromConceptId: a.id, toConceptId: b.id, label: "first" });
      await owner.caller.link.update({ id: link.id, version: 1, label: "second" });
      await expectRefused(owner.caller, palace.id, () => owner.caller.link.delete({ id: link.id, version: 1 }), "CONFLICT", /changed by someone else/);
    });

    it("refuses an unknown link", async () => {
      const { owner, palace } = await threeConcepts();
      await expectRefused(owner.caller, palace.id, () => owner.caller.link.delete({ id: MISSING, version: 1 }), "NOT_FOUND", /Link was not found/);
    });
  });

  describe("access", () => {
    async function withLink() {
      const world = await threeConcepts();
      const { owner, a, b, c } = world;
      const link = await owner.caller.link.create({ fromConceptId: a.id, toConceptId: b.id, label: "mine" });
      const writes = [
        (caller: Caller) => caller.link.create({ fromConceptId: b.id, toConceptId: c.id }),
        (caller: Caller) => caller.link.update({ id: link.id, version: 1, label: "taken" }),
        (caller: Caller) => caller.link.delete({ id: link.id, version: link.version }),
      ];
      return { ...world, link, writes };
    }

    it("gives a stranger NOT_FOUND for every write to a private palace", async () => {
      const { owner, palace, writes } = await withLink();
      await expectStrangerNotFound(database, owner, palace.id, writes);
    });

    it("refuses every write to a public palace from a stranger or viewer as FORBIDDEN", async () => {
      const { owner, palace, writes } = await withLink();
      await expectVisitorsRefused(database, owner, palace.id, writes);
    });

    it("lets an editor create, relabel and delete links", async () => {
      const { palace, link, b, c } = await withLink();
      const editor = await signUp(database, "Editor");
      await addMember(database, palace.id, editor.user.id, "editor");
      const added = await editor.caller.link.create({ fromConceptId: b.id, toConceptId: c.id, label: "added" });
      await editor.caller.link.update({ id: added.id, version: 1, label: "relabelled" });
      await editor.caller.link.delete({ id: link.id, version: link.version });
      const links = (await editor.caller.palace.get({ id: palace.id })).links;
      expect(links.map((l) => l.label)).toEqual(["relabelled"]);
    });
  });
});
