// The live palace (issue 11): changes carry their rows, so a snapshot patched by the stream by
// the contract's rules equals a fresh snapshot; gaps are filled from the log; a reader too far
// behind is told to reload; access is re-checked mid-stream; presence reaches a newcomer at
// once; the snapshot is small, cached by event head (one statement when unchanged), answers 304
// and sheds a burst with 429.
import { gunzipSync, brotliDecompressSync } from "node:zlib";
import { sql } from "drizzle-orm";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "~/server/db/client";
import { insertPalaceGraph, type PalaceGraph } from "~/server/domain/palace/palace.graph";
import { snapshotResponse } from "~/server/domain/palace/snapshot.response";
import type { RealtimeBus } from "~/server/realtime/bus";
import { type BusMessage, recordChanges, type TPalaceEvent } from "~/server/realtime/events";
import { createHub, type HubDelivery } from "~/server/realtime/hub";
import { decodeSnapshot } from "~/server/realtime/live.logic";
import {
  LIVE_STALE_AFTER,
  type TLiveChange,
  type TLiveItem,
  type TPalaceSnapshot,
  ZLiveItem,
  ZSnapshotWire,
} from "~/server/realtime/live.schema";
import { ANONYMOUS_READS } from "~/server/security/read-limit";
import { sessionUserFrom } from "~/server/session";
import { handleTrpcRequest } from "~/server/trpc/http";
import { createCaller } from "~/server/trpc/root";
import { testDatabases } from "../helpers/databases";
import { type Instance, startInstance } from "../helpers/instances";
import { subscribe } from "../helpers/sse";
import { addMember, busFor, makeAuth, palaceWithTwoRooms, placeConcept, rejectionOf, signUp } from "../helpers/world";

function collect<T>(iterable: AsyncIterable<T>) {
  const items: T[] = [];
  let failure: unknown = null;
  const done = (async () => {
    try {
      for await (const item of iterable) items.push(item);
    } catch (error) {
      failure = error;
    }
  })();
  return { items, done, failure: () => failure };
}

async function until(check: () => boolean, ms = 8000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("Timed out waiting for the stream.");
    await new Promise((r) => setTimeout(r, 10));
  }
}

type Envelope = [string, TLiveItem, symbol];
const itemsOf = (envelopes: Envelope[]) => envelopes.map(([, item]) => ZLiveItem.parse(item));
const changesOf = (envelopes: Envelope[]) => itemsOf(envelopes).filter((i): i is TLiveChange => i.type === "change");

/** The contract's rules (see /work/notes/live-contract.md), applied the plainest way. */
function apply(snapshot: TPalaceSnapshot, change: TLiveChange): TPalaceSnapshot {
  const next = structuredClone(snapshot);
  const tables = { room: "rooms", door: "doors", concept: "concepts", locus: "loci", link: "links" } as const;
  if (change.entity === "palace") {
    if (change.row) next.palace = change.row;
  } else if (change.entity === "member") {
    next.palace.access = change.access;
  } else if (change.entity !== "invite") {
    const key = tables[change.entity];
    const rows = next[key] as { id: string }[];
    const at = rows.findIndex((r) => r.id === change.entityId);
    if (change.row === null) {
      if (at >= 0) rows.splice(at, 1);
    } else if (at >= 0) rows[at] = change.row;
    else rows.push(change.row);
  }
  if (change.route) {
    const order = new Map(change.route.map((id, i) => [id, i + 1]));
    for (const l of next.loci) l.routeOrder = order.get(l.id)!;
  }
  return next;
}

/** A snapshot without order or seq: two snapshots of the same palace compare equal. */
function normal(s: TPalaceSnapshot) {
  const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
  return { palace: s.palace, rooms: byId(s.rooms), doors: byId(s.doors), concepts: byId(s.concepts), loci: byId(s.loci), links: byId(s.links) };
}

/** A palace of `concepts` concepts over `roomCount` rooms in a row of doors, shaped like the benchmark's. */
export function bigGraph(conceptCount: number, roomCount: number): PalaceGraph {
  const palaceId = crypto.randomUUID();
  const graph: PalaceGraph = { palace: { id: palaceId, title: "Big palace", description: "", visibility: "public" }, rooms: [], doors: [], concepts: [], loci: [], links: [] };
  for (let r = 0; r < roomCount; r++) graph.rooms.push({ id: crypto.randomUUID(), palaceId, name: `Room ${r + 1}`, gridX: r * 20, gridZ: 0, width: 20, depth: 20, height: 4 });
  for (let i = 0; i < conceptCount; i++) {
    const id = crypto.randomUUID();
    const slot = Math.floor(i / roomCount);
    graph.concepts.push({ id, palaceId, title: `Concept ${i + 1}`, notes: `Notes on concept ${i + 1}. `.repeat(12), tags: ["bench"] });
    graph.loci.push({ palaceId, conceptId: id, roomId: graph.rooms[i % roomCount]!.id, x: 1 + (slot % 9) * 2, y: 0, z: 1 + Math.floor(slot / 9) * 2, color: "#c9a227", routeOrder: i + 1 });
    if (i % 4 === 3) graph.links.push({ palaceId, fromConceptId: graph.concepts[i - 1]!.id, toConceptId: id, label: "next" });
  }
  return graph;
}

describe.each(testDatabases)("the live palace on $name", (target) => {
  let database: Database & { drop(): Promise<void> };
  let counting = false;
  const statements: string[] = [];
  beforeAll(async () => {
    database = await target.open({ onQuery: (text) => counting && statements.push(text) });
  });
  afterAll(async () => {
    await busFor(database).close();
    await database.drop();
  });

  /** The statements `work` sends to the database, counted. */
  async function countStatements<T>(work: () => Promise<T>) {
    statements.length = 0;
    counting = true;
    try {
      return { result: await work(), statements: statements.length };
    } finally {
      counting = false;
    }
  }

  function follower(user: { id: string; name: string; email: string } | null) {
    const controller = new AbortController();
    const caller = createCaller({ db: database.db, bus: busFor(database), user }, { signal: controller.signal });
    return { caller, stop: () => controller.abort() };
  }

  it("carries each change's rows, so a snapshot patched by the stream equals a fresh one, cascades and route included", async () => {
    const { owner, palace, roomA, roomB } = await palaceWithTwoRooms(database);
    const viewer = await signUp(database, "Viewer");
    await addMember(database, palace.id, viewer.user.id, "viewer");
    const v = follower(viewer.user);
    const stream = collect((await v.caller.palace.live({ palaceId: palace.id, presence: false })) as AsyncIterable<Envelope>);
    await until(() => stream.items.length === 1);
    const ready = itemsOf(stream.items)[0]!;
    expect(ready).toEqual({ type: "ready", seq: 2 });
    let store = decodeSnapshot(ZSnapshotWire.parse(await viewer.caller.palace.snapshot({ id: palace.id })));
    expect(store.seq).toBe(2);
    expect(store.palace.access).toEqual({ role: "viewer", canEdit: false });

    const door = await owner.caller.door.create({ palaceId: palace.id, roomAId: roomA.id, roomBId: roomB.id });
    const one = await placeConcept(owner.caller, palace.id, roomA.id, "Residual", { x: 2, z: 2 });
    const two = await placeConcept(owner.caller, palace.id, roomB.id, "Attention", { x: 3, z: 2 });
    const three = await placeConcept(owner.caller, palace.id, roomA.id, "Dropout", { x: 4, z: 4 });
    await owner.caller.link.create({ fromConceptId: one.concept.id, toConceptId: two.concept.id, label: "feeds" });
    await owner.caller.link.create({ fromConceptId: two.concept.id, toConceptId: three.concept.id, label: "" });
    await owner.caller.concept.update({ id: two.concept.id, version: 1, title: "Self-attention", notes: "Queries, keys and values. ".repeat(5) });
    await owner.caller.route.move({ locusId: three.locus.id, version: three.locus.version, toOrder: 1 });
    await owner.caller.route.reroute({ palaceId: palace.id });
    await owner.caller.concept.delete({ id: one.concept.id, version: 1 });
    const roomBNow = (await owner.caller.palace.get({ id: palace.id })).rooms.find((r) => r.id === roomB.id)!;
    await owner.caller.room.delete({ id: roomB.id, version: roomBNow.version });

    const head = (await owner.caller.activity.list({ palaceId: palace.id, limit: 1 }))[0]!.seq;
    await until(() => changesOf(stream.items).at(-1)?.seq === head);
    const changes = changesOf(stream.items);
    // Every event once, in order, each with its row (null for what is gone).
    expect(changes.map((c) => c.seq)).toEqual(Array.from({ length: head - 2 }, (_, i) => i + 3));
    const renamed = changes.find((c) => c.entity === "concept" && c.action === "changed")!;
    expect(renamed.row).toMatchObject({ id: two.concept.id, title: "Self-attention", notesExcerpt: "Queries, keys and values. ".repeat(5).slice(0, 40), notesLength: 130 });
    // Deleting the concept sends its placement and link first; the room its door and placements.
    const tail = changes.slice(-6).map((c) => `${c.action} ${c.entity} ${c.row === null ? "null" : "row"}`);
    expect(tail).toEqual(["deleted locus null", "deleted link null", "deleted concept null", "deleted door null", "deleted locus null", "deleted room null"]);
    // The route rides on the last change of a burst that renumbered it (the two deletions may
    // arrive as one burst): after the room went, one stop is left.
    expect(changes.at(-1)!.route).toEqual([three.locus.id]);
    // Rows are read when sent: the door's row, unless the room's deletion came first.
    const doorAdded = changes.find((c) => c.entity === "door")!;
    expect(doorAdded).toMatchObject({ action: "added", entityId: door.id });
    if (doorAdded.row) expect(doorAdded.row).toMatchObject({ roomAId: door.roomAId, roomBId: door.roomBId });

    for (const change of changes) store = apply(store, change);
    const fresh = decodeSnapshot(ZSnapshotWire.parse(await viewer.caller.palace.snapshot({ id: palace.id })));
    expect(fresh.seq).toBe(head);
    expect(normal(store)).toEqual(normal(fresh));
    expect(fresh.rooms.map((r) => r.name)).toEqual(["A"]);
    expect(fresh.concepts.map((c) => c.title).sort()).toEqual(["Dropout", "Self-attention"]);
    v.stop();
    await stream.done;
  });

  it("resumes after lastEventId with rows, and tells a reader too far behind to reload", async () => {
    const { owner, palace, roomA } = await palaceWithTwoRooms(database);
    const { concept } = await placeConcept(owner.caller, palace.id, roomA.id, "Batch norm");
    const seen = (await owner.caller.activity.list({ palaceId: palace.id, limit: 1 }))[0]!.seq;
    await owner.caller.concept.update({ id: concept.id, version: 1, title: "BatchNorm" });
    await owner.caller.concept.update({ id: concept.id, version: 2, tags: ["normalisation"] });

    const back = follower(owner.user);
    const resumed = collect((await back.caller.palace.live({ palaceId: palace.id, lastEventId: String(seen), presence: false })) as AsyncIterable<Envelope>);
    await until(() => resumed.items.length === 2);
    // Rows are read when sent: both replayed changes show the concept as it is now.
    expect(changesOf(resumed.items).map((c) => [c.seq, c.version, c.entity === "concept" && c.row ? [c.row.title, c.row.tags, c.row.version] : null])).toEqual([
      [seen + 1, 2, ["BatchNorm", ["normalisation"], 3]],
      [seen + 2, 3, ["BatchNorm", ["normalisation"], 3]],
    ]);
    back.stop();
    await resumed.done;

    // More than LIVE_STALE_AFTER events later, a replay would cost more than a snapshot.
    const many = Array.from({ length: LIVE_STALE_AFTER + 1 }, () => ({ action: "changed" as const, entity: "concept" as const, entityId: concept.id, version: 3 }));
    await database.db.transaction((tx) => recordChanges(tx, { userId: owner.user.id }, palace.id, many));
    const late = follower(owner.user);
    const stale = collect((await late.caller.palace.live({ palaceId: palace.id, lastEventId: String(seen + 2), presence: false })) as AsyncIterable<Envelope>);
    await until(() => stale.items.length === 1);
    expect(itemsOf(stale.items)[0]).toEqual({ type: "stale", seq: seen + 2 + LIVE_STALE_AFTER + 1 });
    late.stop();
    await stale.done;
  });

  it("fills a gap in the notifications from the log before anything later goes out, rows included", async () => {
    const { owner, palace, roomA } = await palaceWithTwoRooms(database);
    // A bus under the test's control: it delivers only what the test passes on.
    let listener: ((m: BusMessage | { type: "resync" }) => void) | null = null;
    const bus: RealtimeBus = {
      subscribe: async (_palaceId, l) => {
        listener = l;
        return () => (listener = null);
      },
      close: async () => undefined,
    };
    const hub = createHub(database.db, bus);
    const delivered: HubDelivery[] = [];
    const joined = await hub.join(palace.id, { userId: owner.user.id, presence: false, deliver: (d) => delivered.push(d) });
    const a = await placeConcept(owner.caller, palace.id, roomA.id, "Skip connection");
    await owner.caller.concept.update({ id: a.concept.id, version: 1, title: "Skip connections" });
    const events = await database.db.execute(sql`select seq, action, entity, entity_id from palace_events where palace_id = ${palace.id} and seq > ${joined.head} order by seq`);
    const log = (events as { rows?: unknown[] }).rows ?? (events as unknown[]);
    const rows = log as { seq: number | string; action: TPalaceEvent["action"]; entity: TPalaceEvent["entity"]; entity_id: string }[];
    expect(rows).toHaveLength(3);
    const message = (r: (typeof rows)[number]): BusMessage => ({
      type: "event",
      palaceId: palace.id,
      seq: Number(r.seq),
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      version: null,
      actorId: owner.user.id,
      at: Date.now(),
    });
    // The first two notifications are lost; the third arrives.
    listener!(message(rows[2]!));
    await until(() => delivered.length === 1);
    const batch = delivered[0]!;
    expect(batch.type).toBe("changes");
    if (batch.type !== "changes") return;
    expect(batch.changes.map((c) => [c.seq, c.entity, c.row !== null])).toEqual([
      [joined.head + 1, "concept", true],
      [joined.head + 2, "locus", true],
      [joined.head + 3, "concept", true],
    ]);
    expect(batch.changes[1]!.route).toEqual([a.locus.id]);
    // A lost LISTEN connection: the hub reads the log from where it stood.
    await owner.caller.concept.update({ id: a.concept.id, version: 2, title: "Residual connections" });
    listener!({ type: "resync" });
    await until(() => delivered.length === 2);
    expect(delivered[1]).toMatchObject({ type: "changes", changes: [{ seq: joined.head + 4, row: { title: "Residual connections" } }] });
    joined.leave();
  });

  it("ends the stream of someone whose access is removed mid-stream, and of visitors when a palace turns private", async () => {
    const { owner, palace } = await palaceWithTwoRooms(database);
    const viewer = await signUp(database, "Soon gone");
    await addMember(database, palace.id, viewer.user.id, "viewer");
    const v = follower(viewer.user);
    const removed = collect((await v.caller.palace.live({ palaceId: palace.id, presence: false })) as AsyncIterable<Envelope>);
    await until(() => removed.items.length === 1);
    await owner.caller.member.remove({ palaceId: palace.id, userId: viewer.user.id });
    await removed.done;
    expect(removed.failure()).toMatchObject({ code: "NOT_FOUND" });
    expect(changesOf(removed.items)).toEqual([]);

    const current = await owner.caller.palace.update({ id: palace.id, version: 1, visibility: "public" });
    const visitor = follower(null);
    const visiting = collect((await visitor.caller.palace.live({ palaceId: palace.id })) as AsyncIterable<Envelope>);
    const ownerView = follower(owner.user);
    const owners = collect((await ownerView.caller.palace.live({ palaceId: palace.id, presence: false })) as AsyncIterable<Envelope>);
    await until(() => visiting.items.length === 2 && owners.items.length === 1);
    await owner.caller.palace.update({ id: palace.id, version: current.version, visibility: "private" });
    await visiting.done;
    expect(visiting.failure()).toMatchObject({ code: "NOT_FOUND" });
    // The owner stays, and sees the palace row with their own access.
    await until(() => changesOf(owners.items).length === 1);
    expect(changesOf(owners.items)[0]).toMatchObject({ entity: "palace", row: { visibility: "private", access: { role: "owner", canEdit: true } } });
    ownerView.stop();
    await owners.done;
  });

  it("gives a newcomer everyone's presence at once, and costs one statement per position update", async () => {
    const { owner, palace, roomA } = await palaceWithTwoRooms(database);
    const walker = await signUp(database, "Walker");
    await addMember(database, palace.id, walker.user.id, "editor");
    const w = follower(walker.user);
    const walking = collect((await w.caller.palace.live({ palaceId: palace.id })) as AsyncIterable<Envelope>);
    await until(() => walking.items.length === 2);
    expect(await walker.caller.presence.update({ palaceId: palace.id, roomId: roomA.id, x: 2, z: 3, heading: 1 })).toEqual({ accepted: true });
    await new Promise((r) => setTimeout(r, 110));
    counting = true;
    statements.length = 0;
    expect(await walker.caller.presence.update({ palaceId: palace.id, roomId: roomA.id, x: 3, z: 3, heading: 1 })).toEqual({ accepted: true });
    counting = false;
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/pg_notify/);

    // The owner opens the palace after that: the walker is in the very first presence item.
    const o = follower(owner.user);
    const arriving = collect((await o.caller.palace.live({ palaceId: palace.id })) as AsyncIterable<Envelope>);
    await until(() => arriving.items.length >= 2);
    expect(itemsOf(arriving.items).slice(0, 2)).toEqual([
      { type: "ready", seq: expect.any(Number) },
      { type: "presence", people: [expect.objectContaining({ userId: walker.user.id, name: "Walker", roomId: roomA.id, x: 3, z: 3, here: true })] },
    ]);
    w.stop();
    await walking.done;
    // Leaving is announced at once.
    await until(() => itemsOf(arriving.items).some((i) => i.type === "presence" && i.people.some((p) => p.userId === walker.user.id && !p.here)));
    o.stop();
    await arriving.done;
  });

  it("keeps the 1,000-concept snapshot under 250 KB, answers an unchanged palace in one statement, and loads the focus room first", async () => {
    const { user, caller } = await signUp(database, "Builder");
    const graph = bigGraph(1000, 20);
    await database.db.transaction((tx) => insertPalaceGraph(tx, user.id, graph));
    const id = graph.palace.id;
    const scene = await caller.palace.get({ id });

    const count = countStatements;
    const first = await count(() => caller.palace.snapshot({ id }));
    const again = await count(() => caller.palace.snapshot({ id }));
    expect([first.statements, again.statements]).toEqual([2, 1]);
    const bytes = JSON.stringify(first.result).length;
    expect(bytes).toBeLessThanOrEqual(250_000);
    expect(JSON.stringify(scene).length / bytes).toBeGreaterThan(2.5);
    const whole = decodeSnapshot(ZSnapshotWire.parse(first.result));
    expect([whole.complete, whole.rooms.length, whole.concepts.length, whole.loci.length, whole.links.length]).toEqual([true, 20, 1000, 1000, 250]);
    // The same rows as palace.get, in the compact shape.
    const sample = scene.loci[123]!;
    const { palaceId: _palaceId, ...compact } = sample;
    expect(whole.loci.find((l) => l.id === sample.id)).toEqual(compact);

    // An edit moves the head: the next reader rebuilds once.
    const concept = scene.concepts[0]!;
    await caller.concept.update({ id: concept.id, version: concept.version, title: "Renamed" });
    const after = await count(() => caller.palace.snapshot({ id }));
    expect(after.statements).toBe(2);
    expect(decodeSnapshot(ZSnapshotWire.parse(after.result)).concepts[0]!.title).toBe("Renamed");

    // The room a page enters, asked for while the palace is not cached, is read alone: the same
    // rows as cut from the whole, and it does not read (or cache) the rest.
    const other = bigGraph(1000, 20);
    other.doors.push({ palaceId: other.palace.id, roomAId: [other.rooms[3]!.id, other.rooms[4]!.id].sort()[0]!, roomBId: [other.rooms[3]!.id, other.rooms[4]!.id].sort()[1]!, position: 10, width: 1.2 });
    // Concepts 4, 5 and 6 stand in rooms 4, 5 and 6: a link inside the focus, one leaving it.
    other.links.push({ palaceId: other.palace.id, fromConceptId: other.concepts[3]!.id, toConceptId: other.concepts[4]!.id, label: "inside" });
    other.links.push({ palaceId: other.palace.id, fromConceptId: other.concepts[4]!.id, toConceptId: other.concepts[5]!.id, label: "leaving" });
    await database.db.transaction((tx) => insertPalaceGraph(tx, user.id, other));
    const cold = await count(() => caller.palace.snapshot({ id: other.palace.id, focusRoomId: other.rooms[3]!.id }));
    expect(cold.statements).toBe(2);
    const coldFocus = decodeSnapshot(ZSnapshotWire.parse(cold.result));
    const wholeAfter = await count(() => caller.palace.snapshot({ id: other.palace.id }));
    expect(wholeAfter.statements).toBe(2);
    const cut = decodeSnapshot(ZSnapshotWire.parse(await caller.palace.snapshot({ id: other.palace.id, focusRoomId: other.rooms[3]!.id })));
    expect(coldFocus).toEqual(cut);
    expect([coldFocus.complete, coldFocus.rooms.map((r) => r.name), coldFocus.doors.length, coldFocus.loci.length]).toEqual([false, ["Room 4", "Room 5"], 1, 100]);
    expect(coldFocus.links.map((l) => l.label)).toEqual(["inside"]);
    // A room that is not in the palace gets the whole palace, as the cut does.
    const stranger = decodeSnapshot(ZSnapshotWire.parse(await caller.palace.snapshot({ id: id, focusRoomId: other.rooms[0]!.id })));
    expect([stranger.complete, stranger.rooms.length]).toEqual([true, 20]);

    // Progressive: the focus room alone (rooms here have no doors), then the rest.
    const focus = decodeSnapshot(ZSnapshotWire.parse(await caller.palace.snapshot({ id, focusRoomId: graph.rooms[3]!.id })));
    expect([focus.complete, focus.rooms.map((r) => r.name), focus.loci.length, focus.concepts.length]).toEqual([false, ["Room 4"], 50, 50]);
    expect(focus.loci.every((l) => l.roomId === graph.rooms[3]!.id)).toBe(true);
  });

  it("opens the page at the concept asked for, else the route's first stop, else the first room, without reading the palace", async () => {
    const { owner, palace, roomA, roomB } = await palaceWithTwoRooms(database);
    const stranger = await signUp(database, "Stranger");
    const empty = await owner.caller.palace.create({ title: "Bare" });
    expect(await owner.caller.palace.arrival({ id: empty.id })).toEqual({ title: "Bare", entranceRoomId: null });
    expect(await owner.caller.palace.arrival({ id: palace.id })).toEqual({ title: "Test palace", entranceRoomId: roomA.id });
    const first = await placeConcept(owner.caller, palace.id, roomB.id, "First stop");
    const second = await placeConcept(owner.caller, palace.id, roomA.id, "Second stop");
    expect(second.locus.routeOrder).toBeGreaterThan(first.locus.routeOrder);
    expect((await owner.caller.palace.arrival({ id: palace.id })).entranceRoomId).toBe(roomB.id);
    expect((await owner.caller.palace.arrival({ id: palace.id, conceptId: second.concept.id })).entranceRoomId).toBe(roomA.id);
    // A concept of another palace is no reason to open elsewhere.
    const elsewhere = await placeConcept(owner.caller, empty.id, (await owner.caller.room.create({ palaceId: empty.id, name: "C", gridX: 0, gridZ: 0, width: 6, depth: 6 })).id, "Elsewhere");
    expect((await owner.caller.palace.arrival({ id: palace.id, conceptId: elsewhere.concept.id })).entranceRoomId).toBe(roomB.id);
    // The page's question reads three rows, never the palace.
    const asked = await countStatements(() => owner.caller.palace.arrival({ id: palace.id }));
    expect(asked.statements).toBe(2);
    // A stranger learns nothing, not even the title.
    expect((await rejectionOf(stranger.caller.palace.arrival({ id: palace.id }))).code).toBe("NOT_FOUND");
  });

  it("answers an unchanged snapshot with 304, compressed otherwise, and sheds an anonymous burst with a quick 429", async () => {
    const { user } = await signUp(database, "Publisher");
    const graph = bigGraph(200, 4);
    await database.db.transaction((tx) => insertPalaceGraph(tx, user.id, graph));
    const id = graph.palace.id;
    const url = `http://engram.test/api/palaces/${id}/snapshot`;
    const me = { userId: user.id };
    const first = await snapshotResponse(database.db, me, "10.0.0.1", id, new Request(url, { headers: { "accept-encoding": "gzip, br" } }));
    expect(first.status).toBe(200);
    expect(first.headers.get("content-encoding")).toBe("br");
    const etag = first.headers.get("etag")!;
    const packed = Buffer.from(await first.arrayBuffer());
    const json = JSON.parse(brotliDecompressSync(packed).toString("utf8")) as unknown;
    expect(decodeSnapshot(ZSnapshotWire.parse(json)).concepts).toHaveLength(200);
    expect(packed.byteLength).toBeLessThan(JSON.stringify(json).length / 2.5);

    // Unchanged: 304 from the access-and-head statement alone, nothing rebuilt.
    const again = await countStatements(() => snapshotResponse(database.db, me, "10.0.0.1", id, new Request(url, { headers: { "if-none-match": etag } })));
    expect([again.result.status, again.result.headers.get("etag"), (await again.result.arrayBuffer()).byteLength, again.statements]).toEqual([304, etag, 0, 1]);
    // Readers arriving together while the bytes are being encoded share one encoding.
    const together = await Promise.all([1, 2, 3].map(() => snapshotResponse(database.db, me, "10.0.0.1", id, new Request(url, { headers: { "accept-encoding": "gzip" } }))));
    const bodies = await Promise.all(together.map(async (r) => Buffer.from(await r.arrayBuffer())));
    expect(bodies.every((b) => b.equals(bodies[0]!))).toBe(true);
    const gz = await snapshotResponse(database.db, me, "10.0.0.1", id, new Request(url, { headers: { "accept-encoding": "gzip" } }));
    expect(JSON.parse(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString("utf8"))).toEqual(json);
    // A visitor's answer is tagged apart: never the owner's bytes.
    const visitor = await snapshotResponse(database.db, { userId: null }, "10.0.0.2", id, new Request(url, { headers: { "if-none-match": etag } }));
    expect(visitor.status).toBe(200);
    expect(((await visitor.json()) as { palace: { access: unknown } }).palace.access).toEqual({ role: null, canEdit: false });

    // After an edit the old tag no longer matches.
    const concept = graph.concepts[0]!;
    await createCaller({ db: database.db, bus: busFor(database), user: { ...user, name: "Publisher", email: "x@example.com" } }).concept.update({ id: concept.id, version: 1, title: "Changed" });
    const changed = await snapshotResponse(database.db, me, "10.0.0.1", id, new Request(url, { headers: { "if-none-match": etag } }));
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);

    // A burst from one address: the bucket's worth pass, the rest are refused at once. The
    // clock stands still meanwhile, so a slow machine does not refill the bucket mid-burst.
    vi.useFakeTimers({ toFake: ["Date"] });
    const started = performance.now();
    const answers = await Promise.all(
      Array.from({ length: ANONYMOUS_READS.burst + 20 }, () => snapshotResponse(database.db, { userId: null }, "10.9.9.9", id, new Request(url))),
    );
    const refused = answers.filter((a) => a.status === 429);
    expect(refused.length).toBeGreaterThanOrEqual(19);
    expect(refused.length).toBeLessThanOrEqual(21);
    expect(Number(refused[0]!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(((await refused[0]!.json()) as { error: { message: string } }).error.message).toMatch(/Too many requests/);
    expect(performance.now() - started).toBeLessThan(5000);
    // A refusal is decided before any database work.
    const refusedAgain = await countStatements(() => snapshotResponse(database.db, { userId: null }, "10.9.9.9", id, new Request(url)));
    expect([refusedAgain.result.status, refusedAgain.statements]).toEqual([429, 0]);
    // Nobody is signed in without a session cookie: that costs no statement either.
    expect(await countStatements(() => sessionUserFrom(makeAuth(database), new Headers()))).toEqual({ result: null, statements: 0 });

    // The same limit over tRPC (palace.snapshot) answers 429 with Retry-After too.
    const trpcContext = async () => ({ db: database.db, bus: busFor(database), user: null, address: "10.7.7.7" });
    const input = encodeURIComponent(JSON.stringify(superjson.serialize({ id })));
    const overTrpc = await Promise.all(
      Array.from({ length: ANONYMOUS_READS.burst + 5 }, () =>
        handleTrpcRequest(new Request(`http://engram.test/api/trpc/palace.snapshot?input=${input}`), trpcContext),
      ),
    );
    const trpcRefused = overTrpc.filter((r) => r.status === 429);
    expect(trpcRefused.length).toBeGreaterThanOrEqual(4);
    expect(trpcRefused.every((r) => Number(r.headers.get("retry-after")) >= 1)).toBe(true);
    expect(overTrpc.filter((r) => r.status === 200).every((r) => r.headers.get("retry-after") === null)).toBe(true);
    vi.useRealTimers();
    // Another address, and a signed-in person, are not held back by it.
    expect((await snapshotResponse(database.db, { userId: null }, "10.9.9.10", id, new Request(url))).status).toBe(200);
    expect((await snapshotResponse(database.db, me, "10.9.9.9", id, new Request(url))).status).toBe(200);
  });
});

const serverUrl = process.env.TEST_DATABASE_URL;
describe.runIf(serverUrl)("the live palace across two app instances on one PostgreSQL", () => {
  const postgres = testDatabases.find((d) => d.name === "postgres")!;
  let database: Database & { drop(): Promise<void> };
  let one: Instance;
  let two: Instance;
  beforeAll(async () => {
    database = await postgres.open();
    const result: unknown = await database.db.execute(sql`select current_database() as db`);
    const [row] = result as [{ db: string }];
    const url = new URL(serverUrl!);
    url.pathname = `/${row.db}`;
    one = await startInstance(url.toString());
    two = await startInstance(url.toString());
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await database?.drop();
  });

  it("delivers an edit on instance 1 with its row to readers on both, also across a dropped LISTEN connection", async () => {
    const alice = await one.signUp("Alice");
    const bob = await two.signUp("Bob");
    const api = one.client(alice.cookie);
    const palace = await api.palace.create.mutate({ title: "Shared" });
    const room = await api.room.create.mutate({ palaceId: palace.id, name: "Hall", gridX: 0, gridZ: 0, width: 8, depth: 8 });
    const { token } = await api.invite.create.mutate({ palaceId: palace.id, role: "viewer" });
    await two.client(bob.cookie).invite.accept.mutate({ token });

    const onTwo: TLiveItem[] = [];
    const onOne: TLiveItem[] = [];
    const subTwo = subscribe<TLiveItem>(`${two.url}/palace.live`, { palaceId: palace.id, presence: false }, { cookie: bob.cookie, onData: (i) => onTwo.push(i) });
    const subOne = subscribe<TLiveItem>(`${one.url}/palace.live`, { palaceId: palace.id, presence: false }, { cookie: alice.cookie, onData: (i) => onOne.push(i) });
    await Promise.all([subTwo.connected, subOne.connected]);
    await until(() => onTwo.length === 1 && onOne.length === 1);

    const concept = await api.concept.create.mutate({ palaceId: palace.id, title: "Layer norm" });
    await until(() => onTwo.length === 2 && onOne.length === 2);
    expect(onTwo[1]).toEqual(onOne[1]);
    expect(onTwo[1]).toMatchObject({ type: "change", action: "added", entity: "concept", entityId: concept.id, row: { id: concept.id, title: "Layer norm", version: 1 } });

    // Instance 2's LISTEN connection is cut: it reads what it missed from the log, rows included.
    await database.db.execute(sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query ilike 'listen%'`);
    await api.concept.update.mutate({ id: concept.id, version: 1, title: "LayerNorm" });
    await api.locus.place.mutate({ conceptId: concept.id, roomId: room.id, x: 2, z: 2 });
    await until(() => onTwo.length === 4 && onOne.length === 4, 15_000);
    const summary = (items: TLiveItem[]) => items.slice(1).map((i) => i.type === "change" && [i.seq, i.entity, i.row && "version" in i.row ? i.row.version : null, i.route?.length ?? 0]);
    expect(summary(onTwo)).toEqual(summary(onOne));
    expect(summary(onTwo).map((s) => s && s[1])).toEqual(["concept", "concept", "locus"]);
    expect(onTwo.at(-1)).toMatchObject({ route: [expect.any(String)] });
    subOne.close();
    subTwo.close();
  });

  it("serves the snapshot route with an ETag and 304 through an instance", async () => {
    const carol = await one.signUp("Carol");
    const palace = await one.client(carol.cookie).palace.create.mutate({ title: "Route test" });
    const first = await fetch(`${two.url}/api/palaces/${palace.id}/snapshot`, { headers: { cookie: carol.cookie } });
    expect(first.status).toBe(200);
    const body = ZSnapshotWire.parse(await first.json());
    expect(body.palace.title).toBe("Route test");
    const again = await fetch(`${two.url}/api/palaces/${palace.id}/snapshot`, { headers: { cookie: carol.cookie, "if-none-match": first.headers.get("etag")! } });
    expect(again.status).toBe(304);
    const stranger = await fetch(`${two.url}/api/palaces/${palace.id}/snapshot`);
    expect(stranger.status).toBe(404);
  });
});
