// Live collaboration: change events reach subscribers after commit, resume after a reconnect
// without a gap, stop for someone who lost access; presence passes through; and two app
// instances sharing one PostgreSQL see each other's edits through LISTEN/NOTIFY.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "~/server/db/client";
import type { LiveItem } from "~/server/realtime/live";
import { createCaller } from "~/server/trpc/root";
import { testDatabases } from "../helpers/databases";
import { type Instance, startInstance } from "../helpers/instances";
import { subscribe } from "../helpers/sse";
import { addMember, busFor, palaceWithTwoRooms, placeConcept, signUp } from "../helpers/world";

/** Collects what a stream yields in the background until it is aborted. */
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

async function until(check: () => boolean, ms = 5000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("Timed out waiting for the stream.");
    await new Promise((r) => setTimeout(r, 10));
  }
}

// Tracked items arrive through createCaller as [id, data] envelopes.
type Envelope = [string, LiveItem, symbol];
const events = (items: Envelope[]) => items.map(([, data]) => data).filter((d) => d.type === "event");

describe.each(testDatabases)("live updates on $name", (target) => {
  let database: Database & { drop(): Promise<void> };
  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(async () => {
    await busFor(database).close();
    await database.drop();
  });

  function watcher(user: { id: string; name: string; email: string } | null) {
    const controller = new AbortController();
    const caller = createCaller({ db: database.db, bus: busFor(database), user }, { signal: controller.signal });
    return { caller, stop: () => controller.abort() };
  }

  it("streams each committed change with ids and versions, and resumes after a reconnect without a gap", async () => {
    const { owner, palace, roomA, roomB } = await palaceWithTwoRooms(database);
    const viewer = await signUp(database, "Viewer");
    await addMember(database, palace.id, viewer.user.id, "viewer");
    const w = watcher(viewer.user);
    const stream = collect((await w.caller.live.watch({ palaceId: palace.id })) as AsyncIterable<Envelope>);
    await until(() => stream.items.length === 1);
    const [readyId, ready] = stream.items[0]!;
    expect(ready).toEqual({ type: "ready", seq: 2 });
    expect(readyId).toBe("2");

    const { concept, locus } = await placeConcept(owner.caller, palace.id, roomA.id, "Residual");
    await owner.caller.locus.move({ id: locus.id, version: locus.version, roomId: roomB.id, x: 3, z: 3 });
    await until(() => events(stream.items).length === 3);
    expect(events(stream.items).map((e) => e.type === "event" && [e.seq, e.action, e.entity, e.entityId, e.version])).toEqual([
      [3, "added", "concept", concept.id, 1],
      [4, "added", "locus", locus.id, 1],
      [5, "moved", "locus", locus.id, 2],
    ]);
    // A refused write records nothing.
    await expect(owner.caller.locus.move({ id: locus.id, version: 1, roomId: roomA.id, x: 2, z: 2 })).rejects.toThrow();
    w.stop();
    await stream.done;

    // Gone for a while: two changes happen; back with the last id, it gets exactly those.
    const lastId = stream.items.at(-1)![0];
    await owner.caller.concept.update({ id: concept.id, version: 1, title: "Residual block" });
    await owner.caller.room.update({ id: roomB.id, version: roomB.version, name: "B2" });
    const again = watcher(viewer.user);
    const resumed = collect((await again.caller.live.watch({ palaceId: palace.id, lastEventId: lastId })) as AsyncIterable<Envelope>);
    await until(() => resumed.items.length === 2);
    await owner.caller.concept.delete({ id: concept.id, version: 2 });
    // Its placement goes with it, as an event of its own.
    await until(() => resumed.items.length === 4);
    expect(resumed.items.map(([id, e]) => e.type === "event" && [id, e.action, e.entity])).toEqual([
      ["6", "changed", "concept"],
      ["7", "changed", "room"],
      ["8", "deleted", "locus"],
      ["9", "deleted", "concept"],
    ]);
    again.stop();
    await resumed.done;
  });

  it("ends the stream of someone removed from a private palace, and of everyone when it is deleted", async () => {
    const { owner, palace } = await palaceWithTwoRooms(database);
    const viewer = await signUp(database, "Removed");
    await addMember(database, palace.id, viewer.user.id, "viewer");
    const removed = collect((await watcher(viewer.user).caller.live.watch({ palaceId: palace.id })) as AsyncIterable<Envelope>);
    const ownerWatch = watcher(owner.user);
    const owners = collect((await ownerWatch.caller.live.watch({ palaceId: palace.id })) as AsyncIterable<Envelope>);
    await until(() => removed.items.length === 1 && owners.items.length === 1);
    await owner.caller.member.remove({ palaceId: palace.id, userId: viewer.user.id });
    await removed.done;
    expect(removed.failure()).toMatchObject({ code: "NOT_FOUND" });
    expect(events(removed.items)).toEqual([]);

    await owner.caller.palace.delete({ id: palace.id });
    await owners.done;
    // Either the deletion notice or the access re-check triggered by the removal ends it.
    expect(owners.failure()).toMatchObject({ code: "NOT_FOUND" });
  });

  it("passes presence to the others on the palace's stream without storing it, and says goodbye", async () => {
    const { owner, palace, roomA } = await palaceWithTwoRooms(database);
    const editor = await signUp(database, "Walker");
    await addMember(database, palace.id, editor.user.id, "editor");
    const ownerView = watcher(owner.user);
    const seen = collect((await ownerView.caller.live.watch({ palaceId: palace.id, presence: true })) as AsyncIterable<Envelope>);
    const presence = () => seen.items.map(([, item]) => item).filter((item) => item.type === "presence");
    const walker = watcher(editor.user);
    const walkerStream = collect(await walker.caller.live.watch({ palaceId: palace.id, presence: true }));
    // A stream without presence (the members page) sees none and announces nothing.
    const quiet = watcher(editor.user);
    const quietStream = collect((await quiet.caller.live.watch({ palaceId: palace.id })) as AsyncIterable<Envelope>);
    await until(() => seen.items.length === 1 && quietStream.items.length === 1);
    // The clock stands still for the two updates, so a slow machine cannot space them out.
    const clock = vi.spyOn(Date, "now").mockReturnValue(Date.now());
    try {
      expect(await editor.caller.presence.update({ palaceId: palace.id, roomId: roomA.id, x: 2, z: 3, heading: 1 })).toEqual({ accepted: true });
      // Faster than ten a second: dropped quietly.
      expect(await editor.caller.presence.update({ palaceId: palace.id, roomId: roomA.id, x: 2.1, z: 3, heading: 1 })).toEqual({ accepted: false });
    } finally {
      clock.mockRestore();
    }
    await until(() => presence().length === 1);
    expect(presence()[0]).toMatchObject({ userId: editor.user.id, name: "Walker", roomId: roomA.id, x: 2, z: 3, here: true });
    // It carries the last event's id, so a reconnect still resumes after that event.
    expect(seen.items.at(-1)![0]).toBe(seen.items[0]![0]);
    quiet.stop();
    await quietStream.done;
    walker.stop();
    await walkerStream.done;
    await until(() => presence().length === 2);
    expect(presence()[1]).toMatchObject({ userId: editor.user.id, here: false });
    expect(quietStream.items.map(([, item]) => item.type)).toEqual(["ready"]);
    ownerView.stop();
    await seen.done;
  });
});

const serverUrl = process.env.TEST_DATABASE_URL;
describe.runIf(serverUrl)("two app instances on one PostgreSQL", () => {
  const postgres = testDatabases.find((d) => d.name === "postgres")!;
  let database: Database & { drop(): Promise<void> };
  let one: Instance;
  let two: Instance;
  beforeAll(async () => {
    database = await postgres.open();
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await database?.drop();
  });

  it("delivers an edit made on instance 1 to a client subscribed on instance 2, also after a dropped connection", async () => {
    // Both instances open their own pools on the test's fresh database.
    const rows: unknown = await database.db.execute(sql`select current_database() as db`);
    const [row] = rows as [{ db: string }];
    const url = new URL(serverUrl!);
    url.pathname = `/${row.db}`;
    one = await startInstance(url.toString());
    two = await startInstance(url.toString());

    const alice = await one.signUp("Alice");
    const bob = await one.signUp("Bob");
    const aliceOnOne = one.client(alice.cookie);
    const palace = await aliceOnOne.palace.create.mutate({ title: "Shared" });
    const room = await aliceOnOne.room.create.mutate({ palaceId: palace.id, name: "Hall", gridX: 0, gridZ: 0, width: 8, depth: 8 });
    const { token } = await aliceOnOne.invite.create.mutate({ palaceId: palace.id, role: "viewer" });
    await two.client(bob.cookie).invite.accept.mutate({ token });

    const received: LiveItem[] = [];
    const live = subscribe<LiveItem>(`${two.url}/live.watch`, { palaceId: palace.id }, {
      cookie: bob.cookie,
      onData: (item) => received.push(item),
    });
    await live.connected;
    await until(() => received.length === 1);

    const concept = await aliceOnOne.concept.create.mutate({ palaceId: palace.id, title: "Layer norm" });
    await until(() => received.length === 2);
    expect(received[1]).toMatchObject({ type: "event", action: "added", entity: "concept", entityId: concept.id, version: 1 });

    // The connection to instance 2 drops; edits continue on instance 1; nothing is lost.
    two.dropConnections();
    await aliceOnOne.concept.update.mutate({ id: concept.id, version: 1, title: "LayerNorm" });
    await aliceOnOne.locus.place.mutate({ conceptId: concept.id, roomId: room.id, x: 2, z: 2 });
    await live.reconnect();
    await until(() => received.length === 4);
    expect(received.slice(2).map((e) => e.type === "event" && `${e.action} ${e.entity} v${e.version}`)).toEqual([
      "changed concept v2",
      "added locus v1",
    ]);
    live.close();
  });
});
