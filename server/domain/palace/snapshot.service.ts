// The compact palace snapshot, tagged by the palace's event head. Each instance keeps the last
// snapshot of recently read palaces: while the head has not moved, a reader costs one statement
// (their access and the head together) and no rebuild. The cached body holds no reader-specific
// data; the reader's own access is added to each answer, and the encoded bytes are cached per
// access level, so one reader's role never reaches another.
import "server-only";
import { promisify } from "node:util";
import { brotliCompress, constants as zlib, gzip } from "node:zlib";
import type { Db } from "../../db/client";
import { accessAndHead, loadPalaceBody } from "../../realtime/live.rows";
import { encodeSnapshot, focusSnapshot } from "../../realtime/live.logic";
import { type TLiveAccess, type TPalaceSnapshot, type TSnapshotInput, type TSnapshotWire, ZSnapshotInput } from "../../realtime/live.schema";
import type { Actor } from "../access";
import { notFound } from "../errors";

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

type Body = Awaited<ReturnType<typeof loadPalaceBody>> & {};
export type Encoding = "br" | "gzip" | "identity";

interface Cached {
  seq: number;
  body: Promise<Body>;
  /**
   * Encoded answers by access level, focus room and encoding, as promises: readers arriving
   * together while one is being encoded wait for that one instead of each encoding their own.
   */
  bytes: Map<string, Promise<Buffer>>;
}

/** Palaces kept per instance; the least recently read goes first. */
const CACHED_PALACES = 64;
const caches = new WeakMap<Db, Map<string, Cached>>();

function cacheOf(db: Db) {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map<string, Cached>()));
  return cache;
}

export interface Snapshot {
  seq: number;
  /** Names the answer: the head, the reader's access level and the focus room. */
  etag: string;
  /** The snapshot itself, built only when asked for (a 304 never builds it). */
  wire(): Promise<TSnapshotWire>;
  /** The encoded JSON, from the cache when this head was already encoded for this access. */
  bytes(encoding: Encoding): Promise<Buffer>;
}

/**
 * The cache entry of a palace at event head `seq` (or newer), its body read now if it is not
 * there yet. The caller has checked that its reader may read the palace.
 */
function cachedAt(db: Db, palaceId: string, seq: number): Cached {
  const cache = cacheOf(db);
  let entry = cache.get(palaceId);
  if (!entry || entry.seq < seq) {
    const body = loadPalaceBody(db, palaceId).then((b) => {
      if (!b) throw notFound("Palace");
      return b;
    });
    entry = { seq, body, bytes: new Map() };
    cache.set(palaceId, entry);
    const failed = entry;
    void body.catch(() => {
      if (cache.get(palaceId) === failed) cache.delete(palaceId);
    });
  } else {
    // Read again: to the back of the eviction order.
    cache.delete(palaceId);
    cache.set(palaceId, entry);
  }
  while (cache.size > CACHED_PALACES) cache.delete(cache.keys().next().value!);
  return entry;
}

type Access = { role: TLiveAccess["role"]; canEdit: boolean };

/**
 * The encoded JSON of an answer by encoding, kept in `bytes` under its tag: built once and
 * shared by its encodings; compression runs on libuv's threads, so a crowd's 429s and 304s are
 * not held behind it.
 */
function encoder(tag: string, bytes: Map<string, Promise<Buffer>>, wire: () => Promise<TSnapshotWire>) {
  return function encoded(encoding: Encoding): Promise<Buffer> {
    const key = `${tag}:${encoding}`;
    let answer = bytes.get(key);
    if (!answer) {
      answer =
        encoding === "br"
          ? encoded("identity").then((j) => brotli(j, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_SIZE_HINT]: j.length } }))
          : encoding === "gzip"
            ? encoded("identity").then((j) => gzipped(j, { level: 6 }))
            : wire().then((w) => Buffer.from(JSON.stringify(w)));
      bytes.set(key, answer);
      const failed = answer;
      void answer.catch(() => {
        if (bytes.get(key) === failed) bytes.delete(key);
      });
    }
    return answer;
  };
}

/** An answer from the cached palace: whole, or cut down to the focus room. */
function fromCache(entry: Cached, focusRoomId: string | undefined, access: Access, level: string): Snapshot {
  // An entry newer than this reader's head answers too: it holds at least everything up to it.
  const tag = `s${entry.seq}-${level}${focusRoomId ? `-${focusRoomId}` : ""}`;
  const wire = async () => {
    const b = await entry.body;
    const whole: TPalaceSnapshot = { ...b, seq: entry.seq, complete: true, palace: { ...b.palace, access } };
    return encodeSnapshot(focusRoomId ? focusSnapshot(whole, focusRoomId) : whole);
  };
  return { seq: entry.seq, etag: `"${tag}"`, wire, bytes: encoder(tag, entry.bytes, wire) };
}

/**
 * Reads access and head (one prepared statement). The whole palace is read only if this head is
 * not cached. The room a page enters first, asked for while the palace is not cached, is read
 * alone (its rows and its neighbours'), not cut from the whole: a big palace's first frame does
 * not wait for all of it, and the whole is read when the page asks for the rest.
 */
export async function snapshot(db: Db, actor: Actor, raw: TSnapshotInput): Promise<Snapshot> {
  const input = ZSnapshotInput.parse(raw);
  const found = await accessAndHead(db, input.id, actor);
  if (!found?.access.canRead) throw notFound("Palace");
  const { seq, access: reader } = found;
  const access: Access = { role: reader.role, canEdit: reader.canEdit };
  const level = reader.role ?? "visitor";
  const cached = cacheOf(db).get(input.id);
  const focusRoomId = input.focusRoomId;
  if (!focusRoomId || (cached && cached.seq >= seq)) return fromCache(cachedAt(db, input.id, seq), focusRoomId, access, level);

  const tag = `s${seq}-${level}-${focusRoomId}`;
  let built: Promise<TSnapshotWire> | undefined;
  const wire = () =>
    (built ??= loadPalaceBody(db, input.id, focusRoomId).then((b) => {
      if (!b) throw notFound("Palace");
      // A room that is not in the palace: the whole palace, as focusSnapshot answers.
      if (b.rooms.length === 0) return fromCache(cachedAt(db, input.id, seq), focusRoomId, access, level).wire();
      return encodeSnapshot({ ...b, seq, complete: false, palace: { ...b.palace, access } });
    }));
  return { seq, etag: `"${tag}"`, wire, bytes: encoder(tag, new Map(), wire) };
}
