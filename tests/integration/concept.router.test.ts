import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/server/db/client";
import { CONCEPT_NOTES_MAX } from "~/server/domain/concept/concept.schema";
import { testDatabases } from "../helpers/databases";
import {
  addMember,
  anonymous,
  type Caller,
  expectRefused,
  expectStrangerNotFound,
  expectVisitorsRefused,
  palaceWithTwoRooms,
  placeConcept,
  rejectionOf,
  routeOf,
  signUp,
} from "../helpers/world";

const MISSING = "00000000-0000-4000-8000-000000000000";

describe.each(testDatabases)("concept router on $name", (target) => {
  let database: Database & { drop(): Promise<void> };
  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(() => database.drop());

  describe("create", () => {
    it("adds a concept to the inbox with defaults, a trimmed title and normalised tags", async () => {
      const { owner, palace } = await palaceWithTwoRooms(database);
      const concept = await owner.caller.concept.create({
        palaceId: palace.id,
        title: "  Batch normalisation ",
        tags: [" Normalisation", "TRAINING", "normalisation"],
      });
      expect(concept).toMatchObject({
        palaceId: palace.id,
        title: "Batch normalisation",
        kind: "other",
        tags: ["normalisation", "training"],
        notes: "",
        sourceUrl: null,
        version: 1,
      });
      expect(await owner.caller.concept.listInbox({ palaceId: palace.id })).toEqual([concept]);
      const scene = await owner.caller.palace.get({ id: palace.id });
      expect(scene.concepts).toHaveLength(1);
      expect(scene.loci).toEqual([]);
    });

    it("keeps kind, notes and source link", async () => {
      const { owner, palace } = await palaceWithTwoRooms(database);
      const concept = await owner.caller.concept.create({
        palaceId: palace.id,
        title: "ResNet",
        kind: "paper",
        notes: "**y = F(x) + x**",
        sourceUrl: " https://arxiv.org/abs/1512.03385 ",
      });
      expect(concept).toMatchObject({ kind: "paper", notes: "**y = F(x) + x**", sourceUrl: "https://arxiv.org/abs/1512.03385" });
      expect(await owner.caller.concept.get({ id: concept.id })).toEqual(concept);
    });

    it("accepts notes of exactly the limit", async () => {
      const { owner, palace } = await palaceWithTwoRooms(database);
      const concept = await owner.caller.concept.create({ palaceId: palace.id, title: "Long", notes: "n".repeat(CONCEPT_NOTES_MAX) });
      expect((await owner.caller.concept.get({ id: concept.id })).notes).toHaveLength(CONCEPT_NOTES_MAX);
    });

    it.each([
      ["an empty title", { title: " " }, /title: Title cannot be empty/],
      ["an over-long title", { title: "t".repeat(121) }, /title: Title must be at most 120 characters/],
      ["a javascript: source link", { sourceUrl: "javascript:alert(1)" }, /sourceUrl: Source link must be a web address/],
      ["over-long notes", { notes: "n".repeat(CONCEPT_NOTES_MAX + 1) }, /notes: Notes must be at most 20000 characters/],
      ["thirteen tags", { tags: Array.from({ length: 13 }, (_, i) => `t${i}`) }, /tags: A concept can have at most 12 tags/],
      ["a tag with a comma", { tags: ["a,b"] }, /Tags cannot contain commas or #/],
      ["an unknown kind", { kind: "vibe" }, /kind/],
      ["a version on create", { version: 5 }, /version/],
    ])("refuses %s, writing nothing", async (_name, patch, message) => {
      const { owner, palace } = await palaceWithTwoRooms(database);
      await expectRefused(
        owner.caller,
        palace.id,
        () => owner.caller.concept.create({ palaceId: palace.id, title: "Fine", ...patch } as never),
        "BAD_REQUEST",
        message,
      );
    });
  });

  describe("get and listInbox", () => {
    it("lists only unplaced concepts, oldest first", async () => {
      const { owner, palace, roomA } = await palaceWithTwoRooms(database);
      const first = await owner.caller.concept.create({ palaceId: palace.id, title: "first" });
      await placeConcept(owner.caller, palace.id, roomA.id, "placed");
      const second = await owner.caller.concept.create({ palaceId: palace.id, title: "second" });
      const third = await owner.caller.concept.create({ palaceId: palace.id, title: "third" });
      const inbox = await owner.caller.concept.listInbox({ palaceId: palace.id });
      expect(inbox.map((c) => c.id)).toEqual([first.id, second.id, third.id]);
    });

    it("keeps each palace's inbox to itself", async () => {
      const { owner, palace } = await palaceWithTwoRooms(database);
      const other = await owner.caller.palace.create({ title: "Other" });
      await owner.caller.concept.create({ palaceId: other.id, title: "elsewhere" });
      const mine = await owner.caller.concept.create({ palaceId: palace.id, title: "here" });
      expect(await owner.caller.concept.listInbox({ palaceId: palace.id })).toEqual([mine]);
    });

    it("hides a private palace's concepts from strangers and lets anyone read a public one", async () => {
      const { owner, palace } = await palaceWithTwoRooms(database);
      const concept = await owner.caller.concept.create({ palaceId: palace.id, title: "Secret", notes: "hidden" });
      const stranger = await signUp(database, "Stranger");
      for (const reader of [stranger.caller, anonymous(database)]) {
        expect(await rejectionOf(reader.concept.get({ id: concept.id }))).toMatchObject({
          code: "NOT_FOUND",
          message: "Concept was not found.",
        });
        expect(await rejectionOf(reader.concept.listInbox({ palaceId: palace.id }))).toMatchObject({ code: "NOT_FOUND" });
      }
      await owner.caller.palace.update({ id: palace.id, version: 1, visibility: "public" });
      for (const reader of [stranger.caller, anonymous(database)]) {
        expect(await reader.concept.get({ id: concept.id })).toEqual(concept);
        expect(await reader.concept.listInbox({ palaceId: palace.id })).toEqual([concept]);
      }
    });

    it("answers NOT_FOUND for an unknown concept", async () => {
      const { owner } = await palaceWithTwoRooms(database);
      expect(await rejectionOf(owner.caller.concept.get({ id: MISSING }))).toMatchObject({
        code: "NOT_FOUND",
        message: "Concept was not found.",
      });
    });
  });

  describe("update", () => {
    it("changes the given fields only, bumping the version", async () => {
      const { owner, palace } = await palaceWithTwoRooms(database);
      const concept = await owner.caller.concept.create({
        palaceId: palace.id,
        title: "Dropout",
        tags: ["regularisation"],
        sourceUrl: "https://jmlr.org/papers/v15/srivastava14a.html",
      });
      const updated = await owner.caller.concept.update({ id: concept.id, version: 1, notes: "p = 0.5", kind: "technique" });
      expect(updated).toMatchObject({
        title: "Dropout",
        tags: ["regularisation"],
        notes: "p = 0.5",
        kind: "technique",
        sourceUrl: "https://jmlr.org/papers/v15/srivastava14a.html",
        version: 2,
      });
      expect(updated.updatedAt.getTime()).toBeGreaterThanOrEqual(concept.updatedAt.getTime());
      const cleared = await owner.caller.concept.update({ id: concept.id, version: 2, sourceUrl: null, title: " Spatial dropout " });
      expect(cleared).toMatchObject({ sourceUrl: null, title: "Spatial dropout", version: 3 });
      expect(await owner.caller.concept.get({ id: concept.id })).toEqual(cleared);
    });

    it.each([
      ["an empty title", { title: "" }, /title: Title cannot be empty/],
      ["a javascript: source link", { sourceUrl: "javascript:alert(1)" }, /sourceUrl: Source link must be a web address/],
      ["a move to another palace", { palaceId: MISSING }, /palaceId/],
    ])("refuses %s and keeps the concept as it was", async (_name, patch, message) => {
      const { owner, palace } = await palaceWithTwoRooms(database);
      const concept = await owner.caller.concept.create({ palaceId: palace.id, title: "Kept", notes: "full notes" });
      await expectRefused(
        owner.caller,
        palace.id,
        () => owner.caller.concept.update({ id: concept.id, version: 1, ...patch }),
        "BAD_REQUEST",
        message,
      );
      expect(await owner.caller.concept.get({ id: concept.id })).toEqual(concept);
    });

    it("refuses a stale version as a conflict", async () => {
      const { owner, palace } = await palaceWithTwoRooms(database);
      const concept = await owner.caller.concept.create({ palaceId: palace.id, title: "Original" });
      const newer = await owner.caller.concept.update({ id: concept.id, version: 1, title: "Newer" });
      await expectRefused(
        owner.caller,
        palace.id,
        () => owner.caller.concept.update({ id: concept.id, version: 1, notes: "lost update" }),
        "CONFLICT",
        /Concept "Newer" was changed by someone else since you loaded it/,
      );
      expect(await owner.caller.concept.get({ id: concept.id })).toEqual(newer);
    });

    it("refuses an unknown concept", async () => {
      const { owner, palace } = await palaceWithTwoRooms(database);
      await expectRefused(
        owner.caller,
        palace.id,
        () => owner.caller.concept.update({ id: MISSING, version: 1, title: "Ghost" }),
        "NOT_FOUND",
        /Concept was not found/,
      );
    });
  });

  describe("delete", () => {
    it("deletes the concept with its placement and links and closes the gap in the route", async () => {
      const { owner, palace, roomA, roomB } = await palaceWithTwoRooms(database);
      const one = await placeConcept(owner.caller, palace.id, roomA.id, "one");
      const two = await placeConcept(owner.caller, palace.id, roomB.id, "two");
      const three = await placeConcept(owner.caller, palace.id, roomA.id, "three", { x: 5, z: 5 });
      await owner.caller.link.create({ fromConceptId: one.concept.id, toConceptId: two.concept.id });
      await owner.caller.link.create({ fromConceptId: two.concept.id, toConceptId: three.concept.id });
      const kept = await owner.caller.link.create({ fromConceptId: three.concept.id, toConceptId: one.concept.id, label: "back" });

      expect(await owner.caller.concept.delete({ id: two.concept.id, version: 1 })).toEqual({ ok: true });

      expect(await routeOf(owner.caller, palace.id)).toEqual([
        ["one", 1],
        ["three", 2],
      ]);
      const scene = await owner.caller.palace.get({ id: palace.id });
      expect(scene.concepts.map((c) => c.title).sort()).toEqual(["one", "three"]);
      expect(scene.loci.some((l) => l.id === two.locus.id)).toBe(false);
      expect(scene.links).toEqual([kept]);
      expect(await rejectionOf(owner.caller.concept.get({ id: two.concept.id }))).toMatchObject({ code: "NOT_FOUND" });
    });

    it("deletes an unplaced concept from the inbox without touching the route", async () => {
      const { owner, palace, roomA } = await palaceWithTwoRooms(database);
      await placeConcept(owner.caller, palace.id, roomA.id, "placed");
      const waiting = await owner.caller.concept.create({ palaceId: palace.id, title: "waiting" });
      await owner.caller.concept.delete({ id: waiting.id, version: 1 });
      expect(await owner.caller.concept.listInbox({ palaceId: palace.id })).toEqual([]);
      expect(await routeOf(owner.caller, palace.id)).toEqual([["placed", 1]]);
    });

    it("refuses a stale version as a conflict and deletes nothing", async () => {
      const { owner, palace, roomA } = await palaceWithTwoRooms(database);
      const { concept } = await placeConcept(owner.caller, palace.id, roomA.id, "placed");
      await owner.caller.concept.update({ id: concept.id, version: 1, notes: "edited elsewhere" });
      await expectRefused(
        owner.caller,
        palace.id,
        () => owner.caller.concept.delete({ id: concept.id, version: 1 }),
        "CONFLICT",
        /Concept "placed" was changed by someone else/,
      );
    });

    it("refuses an unknown concept", async () => {
      const { owner, palace } = await palaceWithTwoRooms(database);
      await expectRefused(
        owner.caller,
        palace.id,
        () => owner.caller.concept.delete({ id: MISSING, version: 1 }),
        "NOT_FOUND",
        /Concept was not found/,
      );
    });
  });

  describe("access", () => {
    async function withConcept() {
      const world = await palaceWithTwoRooms(database);
      const concept = await world.owner.caller.concept.create({ palaceId: world.palace.id, title: "Mine" });
      const writes = [
        (c: Caller) => c.concept.create({ palaceId: world.palace.id, title: "Intruder" }),
        (c: Caller) => c.concept.update({ id: concept.id, version: 1, title: "Taken" }),
        (c: Caller) => c.concept.delete({ id: concept.id, version: 1 }),
      ];
      return { ...world, concept, writes };
    }

    it("gives a stranger NOT_FOUND for every write to a private palace", async () => {
      const { owner, palace, concept, writes } = await withConcept();
      await expectStrangerNotFound(database, owner, palace.id, writes);
      expect(await owner.caller.concept.get({ id: concept.id })).toEqual(concept);
    });

    it("refuses every write to a public palace from a stranger or viewer as FORBIDDEN", async () => {
      const { owner, palace, writes } = await withConcept();
      await expectVisitorsRefused(database, owner, palace.id, writes);
    });

    it("lets an editor create, update and delete concepts", async () => {
      const { palace, concept } = await withConcept();
      const editor = await signUp(database, "Editor");
      await addMember(database, palace.id, editor.user.id, "editor");
      const added = await editor.caller.concept.create({ palaceId: palace.id, title: "Added" });
      await editor.caller.concept.update({ id: added.id, version: 1, title: "Added and edited" });
      await editor.caller.concept.delete({ id: concept.id, version: 1 });
      const inbox = await editor.caller.concept.listInbox({ palaceId: palace.id });
      expect(inbox.map((c) => c.title)).toEqual(["Added and edited"]);
    });
  });
});
