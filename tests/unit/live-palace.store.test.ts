import { describe, expect, it } from "vitest";
import type { LiveChange, LiveData, LiveSnapshot } from "~/app/_stores/live-palace/live-palace.logic";
import { createLivePalace, type LiveItem, type LiveTransport } from "~/app/_stores/live-palace/live-palace.store";

/** A server in memory: hands out snapshots at its current number and lets the test push items. */
function fakeServer() {
  let seq = 5;
  let title = "Dropout";
  let version = 1;
  const streams: { afterSeq: number; onItem(item: LiveItem): void; onError(error: unknown): void; open: boolean }[] = [];
  const snapshotsAsked: (string | null | undefined)[] = [];
  const snapshot = (around?: string | null): LiveSnapshot => ({
    seq,
    complete: !around,
    palace: { id: "p", version: 1 },
    rooms: [{ id: "r1", version: 1 }, ...(around ? [] : [{ id: "r2", version: 1 }])],
    doors: [],
    concepts: [{ id: "c1", version, title }, ...(around ? [] : [{ id: "c2", version: 1 }])],
    loci: [],
    links: [],
  });
  const transport: LiveTransport = {
    snapshot: ({ aroundRoomId }) => {
      snapshotsAsked.push(aroundRoomId);
      return Promise.resolve(snapshot(aroundRoomId));
    },
    subscribe: ({ afterSeq }, listener) => {
      const stream = { afterSeq, ...listener, open: true };
      streams.push(stream);
      return { unsubscribe: () => (stream.open = false) };
    },
  };
  const rename = (to: string, skip = 0): LiveChange => {
    seq += 1 + skip;
    version += 1;
    title = to;
    return { seq, action: "changed", entity: "concept", entityId: "c1", version, actorId: "u", row: { id: "c1", version, title: to } };
  };
  const send = (item: LiveItem) => streams.filter((s) => s.open).forEach((s) => s.onItem(item));
  return { transport, streams, snapshotsAsked, rename, send };
}

const titleIn = (palace: ReturnType<typeof createLivePalace>, id = "c1") =>
  (palace.store.getState().data?.view.concept[id] as { title?: string } | undefined)?.title;

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("createLivePalace", () => {
  it("loads a snapshot, follows the stream from its number and applies changes", async () => {
    const server = fakeServer();
    const palace = createLivePalace({ transport: server.transport, palaceId: "p" });
    await palace.ready;
    expect(palace.store.getState().status).toBe("live");
    expect(server.streams.map((s) => s.afterSeq)).toEqual([5]);
    server.send({ type: "change", ...server.rename("Dropout (2014)") });
    expect(titleIn(palace)).toBe("Dropout (2014)");
    expect(palace.store.getState().snapshots).toBe(1);
    palace.close();
  });

  it("waits until what is shown passes a test, and gives up after its time or on close", async () => {
    const server = fakeServer();
    const palace = createLivePalace({ transport: server.transport, palaceId: "p" });
    await palace.ready;
    const renamed = (to: string) => (data: LiveData) => data.view.concept.c1?.title === to;
    await expect(palace.until(renamed("Dropout"))).resolves.toBe(true);
    const arrives = palace.until(renamed("Dropout (2014)"));
    let settled = false;
    void arrives.then(() => (settled = true));
    server.send({ type: "change", ...server.rename("Something else") });
    await settle();
    expect(settled).toBe(false);
    server.send({ type: "change", ...server.rename("Dropout (2014)") });
    await expect(arrives).resolves.toBe(true);
    await expect(palace.until(renamed("Never"), 5)).resolves.toBe(false);
    const closing = palace.until(renamed("Never"));
    palace.close();
    await expect(closing).resolves.toBe(false);
  });

  it("starts over from a fresh snapshot on a gap, never showing the change past the gap", async () => {
    const server = fakeServer();
    const palace = createLivePalace({ transport: server.transport, palaceId: "p" });
    await palace.ready;
    server.send({ type: "change", ...server.rename("After a gap", 1) });
    expect(titleIn(palace)).toBe("Dropout");
    expect(palace.store.getState().status).toBe("resyncing");
    await settle();
    expect(palace.store.getState()).toMatchObject({ status: "live", resyncs: 1, snapshots: 2 });
    expect(titleIn(palace)).toBe("After a gap");
    expect(server.streams.map((s) => [s.afterSeq, s.open])).toEqual([
      [5, false],
      [7, true],
    ]);
    palace.close();
  });

  it("resyncs when the server says the copy is stale, and says gone when access ends", async () => {
    const server = fakeServer();
    const palace = createLivePalace({
      transport: server.transport,
      palaceId: "p",
      isGone: (error) => ((error as { code?: string }).code === "NOT_FOUND" ? "You no longer have access to this palace." : null),
    });
    await palace.ready;
    server.send({ type: "stale" });
    await settle();
    expect(palace.store.getState().resyncs).toBe(1);
    server.streams.at(-1)!.onError({ code: "NOT_FOUND" });
    expect(palace.store.getState()).toMatchObject({ status: "gone", goneReason: "You no longer have access to this palace." });
  });

  it("rolls an optimistic edit back on refusal and keeps a confirmed one until its echo", async () => {
    const server = fakeServer();
    const palace = createLivePalace({ transport: server.transport, palaceId: "p" });
    await palace.ready;
    let refuse!: (error: Error) => void;
    const refused = palace.optimistic({
      entity: "concept",
      id: "c1",
      row: { id: "c1", version: 1, title: "Refused" },
      run: () => new Promise((_, reject) => (refuse = reject)),
    });
    expect(titleIn(palace)).toBe("Refused");
    refuse(new Error("Someone else changed this concept. Reload to see their version."));
    await expect(refused).rejects.toThrow("Someone else changed");
    expect(titleIn(palace)).toBe("Dropout");

    await palace.optimistic({ entity: "concept", id: "c1", row: { id: "c1", version: 1, title: "Kept" }, run: () => Promise.resolve({ version: 2 }), answer: (r) => r });
    expect(titleIn(palace)).toBe("Kept");
    expect(palace.store.getState().data?.pending).toHaveLength(1);
    server.send({ type: "change", ...server.rename("Kept") });
    expect(palace.store.getState().data?.pending).toHaveLength(0);
    expect(titleIn(palace)).toBe("Kept");
    palace.close();
  });

  it("loads the room you enter first, then the rest, replaying changes that came meanwhile", async () => {
    const server = fakeServer();
    const palace = createLivePalace({ transport: server.transport, palaceId: "p", aroundRoomId: "r1" });
    await palace.ready;
    expect(palace.store.getState().data?.complete).toBe(false);
    expect(Object.keys(palace.store.getState().data!.view.room)).toEqual(["r1"]);
    server.send({ type: "change", ...server.rename("While loading") });
    await palace.loadRest();
    const data = palace.store.getState().data!;
    expect(data.complete).toBe(true);
    expect(Object.keys(data.view.room)).toEqual(["r1", "r2"]);
    expect(titleIn(palace)).toBe("While loading");
    expect(server.snapshotsAsked).toEqual(["r1", null]);
    expect(palace.store.getState().resyncs).toBe(0);
    palace.close();
  });

  it("fetches the rest once when asked for it again while it is on its way", async () => {
    const server = fakeServer();
    const palace = createLivePalace({ transport: server.transport, palaceId: "p", aroundRoomId: "r1" });
    await palace.ready;
    await Promise.all([palace.loadRest(), palace.loadRest()]);
    expect(server.snapshotsAsked).toEqual(["r1", null]);
    // Once the whole palace is in, asking again fetches nothing.
    await palace.loadRest();
    expect(server.snapshotsAsked).toEqual(["r1", null]);
    palace.close();
  });
});
