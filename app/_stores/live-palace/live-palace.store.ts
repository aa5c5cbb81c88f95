// One open palace kept current: fetches a snapshot, follows the change stream from the
// snapshot's number, and starts over from a fresh snapshot whenever a change cannot be applied.
// A vanilla zustand store with no React in it, so the benchmark runs the very same code in Node.
import { createStore, type StoreApi } from "zustand/vanilla";
import {
  addPending,
  applyChange,
  confirmPending,
  dropPending,
  rebase,
  type LiveChange,
  type LiveData,
  type LiveEntity,
  type LiveRow,
  type LiveRowTypes,
  type LiveSnapshot,
} from "./live-palace.logic";

/** What the stream delivers after the snapshot. */
export type LiveItem<P = unknown> =
  | { type: "ready"; seq: number }
  | ({ type: "change" } & LiveChange)
  | { type: "presence"; presence: P }
  | { type: "stale" };

export interface LiveSubscription {
  unsubscribe(): void;
}

/** How the store reaches the server: tRPC in the page and the benchmark, anything in tests. */
export interface LiveTransport<R extends LiveRowTypes = LiveRowTypes, P = unknown> {
  /** `aroundRoomId`: only that room and its neighbours, when the server can (`complete: false`). */
  snapshot(input: { palaceId: string; aroundRoomId?: string | null }): Promise<LiveSnapshot<R>>;
  subscribe(
    input: { palaceId: string; afterSeq: number },
    listener: { onItem: (item: LiveItem<P>) => void; onError: (error: unknown) => void },
  ): LiveSubscription;
}

export type LiveStatus = "loading" | "live" | "resyncing" | "gone";

export interface LivePalaceState<R extends LiveRowTypes = LiveRowTypes> {
  status: LiveStatus;
  /** Why the palace can no longer be shown (deleted, access removed). */
  goneReason: string | null;
  data: LiveData<R> | null;
  /** How many times a fresh snapshot replaced the data after something did not add up. */
  resyncs: number;
  /** Snapshots fetched in all, the first included. */
  snapshots: number;
}

export interface LivePalaceOptions<R extends LiveRowTypes, P> {
  transport: LiveTransport<R, P>;
  palaceId: string;
  /** Load this room and its neighbours first; the rest follows with `loadRest()`. */
  aroundRoomId?: string | null;
  onPresence?: (presence: P) => void;
  /** Every change applied from the stream, after it is in the store (the benchmark times these). */
  onChange?: (change: LiveChange) => void;
  /** The stream failed for good: this person may no longer read the palace. */
  isGone?: (error: unknown) => string | null;
  /** Waits this long before resyncing after a stream error that is not final. */
  retryMs?: number;
}

/** One edit of my own: what to show now, how to send it, and what the answer says. */
export interface OptimisticEdit<T> {
  entity: LiveEntity | "palace";
  id: string;
  /** The row to show at once, or null for a delete. */
  row: LiveRow | null;
  run(): Promise<T>;
  /** The version the server gave, and its row when the answer carries one. */
  answer?: (result: T) => { version: number | null; row?: LiveRow | null };
}

export interface LivePalace<R extends LiveRowTypes = LiveRowTypes> {
  store: StoreApi<LivePalaceState<R>>;
  /** Resolves once the first snapshot is in (or the palace turned out to be gone). */
  ready: Promise<void>;
  /** Fetches the whole palace after a partial first snapshot. */
  loadRest(): Promise<void>;
  resync(reason: string): Promise<void>;
  /** Shows an edit at once, then keeps it (confirmed) or takes it back (refused, error rethrown). */
  optimistic<T>(edit: OptimisticEdit<T>): Promise<T>;
  /**
   * Resolves true once what is shown passes `test` (an edit the server answered has come back
   * through the stream), or false after `timeoutMs` or when the store closes.
   */
  until(test: (data: LiveData<R>) => boolean, timeoutMs?: number): Promise<boolean>;
  close(): void;
}

export function createLivePalace<R extends LiveRowTypes = LiveRowTypes, P = unknown>(options: LivePalaceOptions<R, P>): LivePalace<R> {
  const { transport, palaceId } = options;
  const store = createStore<LivePalaceState<R>>(() => ({ status: "loading", goneReason: null, data: null, resyncs: 0, snapshots: 0 }));
  let subscription: LiveSubscription | null = null;
  // Items from a stream that was replaced are ignored: each stream knows its generation.
  let generation = 0;
  let closed = false;
  let resyncing: Promise<void> | null = null;
  let nextToken = 1;
  // While only part of the palace is here, changes are kept to replay onto the full snapshot.
  let sincePartial: LiveChange[] = [];

  const set = (partial: Partial<LivePalaceState<R>>) => store.setState(partial);

  const gone = (reason: string) => {
    subscription?.unsubscribe();
    subscription = null;
    generation++;
    set({ status: "gone", goneReason: reason });
  };

  const fetchSnapshot = async (aroundRoomId?: string | null) => {
    const snapshot = await transport.snapshot({ palaceId, aroundRoomId });
    set({ snapshots: store.getState().snapshots + 1 });
    return snapshot;
  };

  const onItem = (mine: number, item: LiveItem<P>) => {
    if (mine !== generation || closed) return;
    if (item.type === "presence") return options.onPresence?.(item.presence);
    if (item.type === "stale") return void resync("the server says this copy is too far behind");
    const data = store.getState().data;
    if (!data) return;
    if (item.type === "ready") {
      if (item.seq > data.seq) void resync(`the stream starts at ${item.seq}, after ${data.seq}`);
      return;
    }
    const { type: _type, ...change } = item;
    if (!data.complete) sincePartial.push(change);
    const next = applyChange(data, change);
    if ("resync" in next) return void resync(next.resync);
    if (next !== data) {
      set({ data: next });
      options.onChange?.(change);
    }
  };

  const follow = (afterSeq: number) => {
    subscription?.unsubscribe();
    const mine = ++generation;
    subscription = transport.subscribe(
      { palaceId, afterSeq },
      {
        onItem: (item) => onItem(mine, item),
        onError: (error) => {
          if (mine !== generation || closed) return;
          const reason = options.isGone?.(error) ?? null;
          if (reason) return gone(reason);
          setTimeout(() => void resync("the stream broke off"), options.retryMs ?? 1000);
        },
      },
    );
  };

  const load = async (aroundRoomId: string | null | undefined) => {
    try {
      const snapshot = await fetchSnapshot(aroundRoomId);
      if (closed) return;
      sincePartial = [];
      set({ data: rebase(store.getState().data, snapshot), status: "live" });
      follow(snapshot.seq);
    } catch (error) {
      const reason = options.isGone?.(error) ?? null;
      if (reason) return gone(reason);
      throw error;
    }
  };

  function resync(reason: string): Promise<void> {
    if (closed || store.getState().status === "gone") return Promise.resolve();
    // The old stream stops now, so nothing lands on data that is about to be replaced.
    generation++;
    subscription?.unsubscribe();
    subscription = null;
    resyncing ??= (async () => {
      set({ status: "resyncing", resyncs: store.getState().resyncs + 1 });
      try {
        await load(null);
      } catch {
        if (!closed) setTimeout(() => void resync(reason), options.retryMs ?? 1000);
      } finally {
        resyncing = null;
      }
    })();
    return resyncing;
  }

  const fetchRest = async () => {
    const data = store.getState().data;
    if (!data || data.complete || closed) return;
    const full = await fetchSnapshot(null);
    const now = store.getState().data;
    if (!now || closed) return;
    let next: LiveData<R> = rebase(now, full);
    for (const change of sincePartial) {
      if (change.seq <= next.seq) continue;
      const applied = applyChange(next, change);
      if ("resync" in applied) return resync(applied.resync);
      next = applied;
    }
    sincePartial = [];
    // The stream moved on meanwhile but never past what is buffered: the numbers still meet.
    set({ data: next });
  };
  // Asked twice (the first frame, then the outline chosen), it still fetches once.
  let resting: Promise<void> | null = null;
  const loadRest = () => (resting ??= fetchRest().finally(() => (resting = null)));

  const optimistic = async <T>(edit: OptimisticEdit<T>): Promise<T> => {
    const token = nextToken++;
    const data = store.getState().data;
    if (data) set({ data: addPending(data, { token, entity: edit.entity, id: edit.id, row: edit.row }) });
    try {
      const result = await edit.run();
      const answer = edit.answer?.(result) ?? { version: null };
      const now = store.getState().data;
      if (now) set({ data: confirmPending(now, token, answer.version, answer.row) });
      return result;
    } catch (error) {
      const now = store.getState().data;
      if (now) set({ data: dropPending(now, token) });
      throw error;
    }
  };

  const waiters = new Set<() => void>();
  const until = (test: (data: LiveData<R>) => boolean, timeoutMs = 10_000) =>
    new Promise<boolean>((resolve) => {
      const passes = () => {
        const data = store.getState().data;
        return data !== null && test(data);
      };
      if (passes()) return resolve(true);
      let unsubscribe = () => {};
      const finish = (passed: boolean) => {
        clearTimeout(timer);
        unsubscribe();
        waiters.delete(stop);
        resolve(passed);
      };
      const stop = () => finish(false);
      const timer = setTimeout(stop, timeoutMs);
      waiters.add(stop);
      unsubscribe = store.subscribe(() => {
        if (passes()) finish(true);
      });
    });

  const ready = load(options.aroundRoomId).catch(() => resync("the first snapshot failed"));

  return {
    store,
    ready,
    loadRest,
    resync,
    optimistic,
    until,
    close() {
      closed = true;
      for (const stop of [...waiters]) stop();
      generation++;
      subscription?.unsubscribe();
      subscription = null;
    },
  };
}
