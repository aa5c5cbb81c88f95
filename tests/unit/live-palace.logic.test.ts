import { describe, expect, it } from "vitest";
import {
  addPending,
  applyChange,
  confirmPending,
  dropPending,
  fromSnapshot,
  rebase,
  type LiveChange,
  type LiveData,
  type LiveSnapshot,
} from "~/app/_stores/live-palace/live-palace.logic";

const ROOM = "r1";
function snapshot(seq: number, overrides: Partial<LiveSnapshot> = {}): LiveSnapshot {
  return {
    seq,
    complete: true,
    palace: { id: "p", version: 1, title: "Palace" },
    rooms: [{ id: ROOM, version: 1, name: "Hall" }],
    doors: [],
    concepts: [
      { id: "c1", version: 3, title: "Dropout" },
      { id: "c2", version: 1, title: "Batch norm" },
    ] as LiveSnapshot["concepts"],
    loci: [{ id: "l1", version: 1, conceptId: "c1", roomId: ROOM }] as LiveSnapshot["loci"],
    links: [{ id: "k1", version: 1, fromConceptId: "c1", toConceptId: "c2" }] as LiveSnapshot["links"],
    ...overrides,
  };
}

function change(seq: number, fields: Partial<LiveChange>): LiveChange {
  return { seq, action: "changed", entity: "concept", entityId: "c1", version: 4, actorId: "u", row: null, ...fields };
}

const rename = (seq: number, version: number, title: string) =>
  change(seq, { version, row: { id: "c1", version, title } });

function applied(data: LiveData, c: LiveChange): LiveData {
  const next = applyChange(data, c);
  if ("resync" in next) throw new Error(`expected the change to apply, got a resync: ${next.resync}`);
  return next;
}

const title = (data: LiveData, id: string) => (data.view.concept[id] as unknown as { title: string } | undefined)?.title;

describe("applying changes", () => {
  it("patches one row and keeps every other row (and table) the same object", () => {
    const start = fromSnapshot(snapshot(10));
    const next = applied(start, rename(11, 4, "Dropout (2014)"));
    expect(next.seq).toBe(11);
    expect(title(next, "c1")).toBe("Dropout (2014)");
    expect(next.view.concept.c2).toBe(start.view.concept.c2);
    expect(next.view.room).toBe(start.view.room);
    expect(next.view.locus).toBe(start.view.locus);
  });

  it("ignores a change it has already applied", () => {
    const start = fromSnapshot(snapshot(10));
    const next = applied(start, rename(11, 4, "Once"));
    expect(applyChange(next, rename(11, 4, "Once"))).toBe(next);
    expect(applyChange(next, rename(9, 2, "Old"))).toBe(next);
  });

  it("asks for a resync on a gap in the sequence", () => {
    const result = applyChange(fromSnapshot(snapshot(10)), rename(12, 4, "Skipped one"));
    expect(result).toEqual({ resync: expect.stringContaining("missed changes 11–11") });
  });

  it("asks for a resync for a row it does not know", () => {
    const result = applyChange(fromSnapshot(snapshot(10)), change(11, { entityId: "c9", version: 2, row: { id: "c9", version: 2 } }));
    expect(result).toEqual({ resync: expect.stringContaining("c9 is not known") });
  });

  it("asks for a resync when an event version skips one it never heard of", () => {
    const start = fromSnapshot(snapshot(10));
    expect(applyChange(start, rename(11, 5, "Jumped"))).toEqual({ resync: expect.stringContaining("from version 3 to 5") });
  });

  it("keeps the newer row when a change brings a read the snapshot already had, or an older one", () => {
    // The snapshot was read after edits up to version 3 while its number says 10.
    const start = fromSnapshot(snapshot(10));
    const overlap = applied(start, rename(11, 3, "Dropout"));
    expect(overlap.view.concept.c1).toBe(start.view.concept.c1);
    const readLate = applied(start, change(11, { version: 4, row: { id: "c1", version: 5, title: "Read after two edits" } }));
    const older = applied(readLate, change(12, { version: 5, row: { id: "c1", version: 4, title: "Older read" } }));
    expect(title(older, "c1")).toBe("Read after two edits");
    const again = applied(start, change(11, { action: "added", row: { id: "c1", version: 3, title: "Dropout" } }));
    expect(again.seq).toBe(11);
  });

  it("asks for a resync when a change comes without its row", () => {
    expect(applyChange(fromSnapshot(snapshot(10)), change(11, { row: null }))).toEqual({ resync: expect.stringContaining("without its row") });
  });

  it("renumbers the route and takes the reader's new access from a membership change", () => {
    const start = fromSnapshot(
      snapshot(10, {
        loci: [
          { id: "l1", version: 1, conceptId: "c1", roomId: ROOM, routeOrder: 1 },
          { id: "l2", version: 1, conceptId: "c2", roomId: ROOM, routeOrder: 2 },
        ] as LiveSnapshot["loci"],
        palace: { id: "p", version: 1, access: { role: "editor", canEdit: true } },
      }),
    );
    const moved = applied(start, change(11, { entity: "locus", entityId: "l2", action: "moved", version: 2, row: { id: "l2", version: 2, conceptId: "c2", roomId: ROOM, routeOrder: 1 }, route: ["l2", "l1"] }));
    expect(moved.view.locus.l1).toMatchObject({ routeOrder: 2 });
    expect(moved.view.locus.l2).toMatchObject({ routeOrder: 1, version: 2 });
    const demoted = applied(moved, change(12, { entity: "member", entityId: "me", version: null, access: { role: "viewer", canEdit: false } }));
    expect(demoted.view.palace.access).toEqual({ role: "viewer", canEdit: false });
  });

  it("waits for the full snapshot instead of resyncing while only part of the palace is here", () => {
    const start = fromSnapshot(snapshot(10, { complete: false }));
    const next = applied(start, change(11, { entityId: "c9", version: 2, row: { id: "c9", version: 2 } }));
    expect(next.seq).toBe(11);
    expect(next.view.concept.c9).toBeUndefined();
  });

  it("adds rows at the end and takes dependants away with a deleted concept or room", () => {
    let data = fromSnapshot(snapshot(10));
    data = applied(data, change(11, { action: "added", entityId: "c3", version: 1, row: { id: "c3", version: 1 } }));
    expect(Object.keys(data.view.concept)).toEqual(["c1", "c2", "c3"]);
    data = applied(data, change(12, { action: "deleted", entityId: "c1", version: null }));
    expect(data.view.concept.c1).toBeUndefined();
    expect(data.view.locus.l1).toBeUndefined();
    expect(data.view.link.k1).toBeUndefined();
    // The locus's own delete, arriving after the cascade, changes nothing.
    data = applied(data, change(13, { action: "deleted", entity: "locus", entityId: "l1", version: null }));
    const roomGone = applied(fromSnapshot(snapshot(10)), change(11, { action: "deleted", entity: "room", entityId: ROOM, version: null }));
    expect(roomGone.view.locus).toEqual({});
    expect(roomGone.view.concept.c1).toBeDefined();
  });

  it("keeps the viewer's access when the palace row changes, and skips members and invites", () => {
    const start = fromSnapshot(snapshot(10, { palace: { id: "p", version: 1, title: "Old", access: { canEdit: true } } }));
    const next = applied(start, change(11, { entity: "palace", entityId: "p", version: 2, row: { id: "p", version: 2, title: "New" } }));
    expect(next.view.palace).toMatchObject({ title: "New", access: { canEdit: true } });
    const member = applied(next, change(12, { entity: "member", entityId: "u2", version: null }));
    expect(member.seq).toBe(12);
    expect(member.view).toBe(next.view);
  });
});

describe("my own edits", () => {
  it("shows an edit at once and keeps it through the answer until the echo arrives", () => {
    let data = fromSnapshot(snapshot(10));
    data = addPending(data, { token: 1, entity: "concept", id: "c1", row: { id: "c1", version: 3, title: "Mine" } });
    expect(title(data, "c1")).toBe("Mine");
    expect(title({ ...data, view: data.base }, "c1")).toBe("Dropout");
    data = confirmPending(data, 1, 4);
    expect(data.pending).toHaveLength(1);
    expect(title(data, "c1")).toBe("Mine");
    data = applied(data, rename(11, 4, "Mine"));
    expect(data.pending).toHaveLength(0);
    expect(title(data, "c1")).toBe("Mine");
  });

  it("retires an edit whose echo came before the answer", () => {
    let data = fromSnapshot(snapshot(10));
    data = addPending(data, { token: 1, entity: "concept", id: "c1", row: { id: "c1", version: 3, title: "Mine" } });
    data = applied(data, rename(11, 4, "Mine"));
    expect(data.pending).toHaveLength(1);
    data = confirmPending(data, 1, 4);
    expect(data.pending).toHaveLength(0);
    expect(title(data, "c1")).toBe("Mine");
  });

  it("rolls back to what the server says when the edit is refused", () => {
    let data = fromSnapshot(snapshot(10));
    data = addPending(data, { token: 7, entity: "concept", id: "c1", row: { id: "c1", version: 3, title: "Refused" } });
    // Someone else's rename lands first; mine will be a conflict.
    data = applied(data, rename(11, 4, "Theirs"));
    expect(title(data, "c1")).toBe("Refused");
    data = dropPending(data, 7);
    expect(title(data, "c1")).toBe("Theirs");
    expect(data.view.concept.c2).toBe(data.base.concept.c2);
  });

  it("shows a delete at once and undoes it on refusal", () => {
    let data = fromSnapshot(snapshot(10));
    data = addPending(data, { token: 2, entity: "concept", id: "c1", row: null });
    expect(data.view.concept.c1).toBeUndefined();
    expect(data.view.locus.l1).toBeUndefined();
    expect(dropPending(data, 2).view.locus.l1).toBeDefined();
    const echoed = applied(data, change(11, { action: "deleted", version: null }));
    expect(echoed.pending).toHaveLength(0);
  });

  it("shows a new row under a stand-in id, then under the id the server gave it, until its echo", () => {
    let data = fromSnapshot(snapshot(10));
    data = addPending(data, { token: 3, entity: "locus", id: "placing:c2", row: { id: "placing:c2", version: 1, conceptId: "c2", roomId: ROOM } });
    expect(data.view.locus["placing:c2"]).toBeDefined();
    data = confirmPending(data, 3, 1, { id: "l2", version: 1, conceptId: "c2", roomId: ROOM });
    expect(data.view.locus["placing:c2"]).toBeUndefined();
    expect(data.view.locus.l2).toMatchObject({ conceptId: "c2" });
    data = applied(data, change(11, { action: "added", entity: "locus", entityId: "l2", version: 1, row: { id: "l2", version: 1, conceptId: "c2", roomId: ROOM } }));
    expect(data.pending).toHaveLength(0);
    expect(Object.keys(data.view.locus)).toEqual(["l1", "l2"]);
  });

  it("shows a new row once when the stream's echo comes before the answer", () => {
    let data = fromSnapshot(snapshot(10));
    data = addPending(data, { token: 3, entity: "locus", id: "placing:c2", row: { id: "placing:c2", version: 1, conceptId: "c2", roomId: ROOM } });
    // The echo carries the server's row under its real id while my guess still waits.
    data = applied(data, change(11, { action: "added", entity: "locus", entityId: "l2", version: 1, row: { id: "l2", version: 1, conceptId: "c2", roomId: ROOM } }));
    expect(Object.values(data.view.locus).filter((l) => l.conceptId === "c2").map((l) => l.id)).toEqual(["l2"]);
    data = confirmPending(data, 3, 1, { id: "l2", version: 1, conceptId: "c2", roomId: ROOM });
    expect(data.pending).toHaveLength(0);
    expect(Object.keys(data.view.locus)).toEqual(["l1", "l2"]);
    // Refused instead, the guess goes and the server's row (if any) stays.
    let refused = fromSnapshot(snapshot(10));
    refused = addPending(refused, { token: 4, entity: "locus", id: "placing:c2", row: { id: "placing:c2", version: 1, conceptId: "c2", roomId: ROOM } });
    expect(Object.keys(refused.view.locus)).toEqual(["l1", "placing:c2"]);
  });

  it("shows a concept placed again while its unplace still waits", () => {
    let data = fromSnapshot(snapshot(10));
    data = addPending(data, { token: 1, entity: "locus", id: "l1", row: null });
    data = addPending(data, { token: 2, entity: "locus", id: "placing:c1", row: { id: "placing:c1", version: 1, conceptId: "c1", roomId: ROOM } });
    expect(Object.keys(data.view.locus)).toEqual(["placing:c1"]);
  });

  it("keeps unanswered edits over a fresh snapshot and retires confirmed ones it contains", () => {
    let data = fromSnapshot(snapshot(10));
    data = addPending(data, { token: 1, entity: "concept", id: "c1", row: { id: "c1", version: 3, title: "Waiting" } });
    data = addPending(data, { token: 2, entity: "concept", id: "c2", row: { id: "c2", version: 1, title: "Answered" } });
    data = confirmPending(data, 2, 2);
    const fresh = snapshot(20, {
      concepts: [
        { id: "c1", version: 3, title: "Dropout" },
        { id: "c2", version: 2, title: "Answered" },
      ] as LiveSnapshot["concepts"],
    });
    const next = rebase(data, fresh);
    expect(next.seq).toBe(20);
    expect(next.pending.map((p) => p.token)).toEqual([1]);
    expect(title(next, "c1")).toBe("Waiting");
    expect(title(next, "c2")).toBe("Answered");
  });
});
