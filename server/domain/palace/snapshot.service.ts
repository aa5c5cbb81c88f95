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
import { type TPalaceSnapshot, type TSnapshotInput, type TSnapshotWire, ZSnapshotInput } from "../../realtime/live.schema";
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

/**
 * Starts reading a palace into the cache for a reader who will soon ask for its snapshot (the
 * palace page, whose browser asks a second later). Access is the caller's to have checked.
 */
export function warmSnapshot(db: Db, palaceId: string, seq: number) {
  cachedAt(db, palaceId, seq);
}

/** Reads access and head (one prepared statement); the body is read only if this head is not cached. */
export async function snapshot(db: Db, actor: Actor, raw: TSnapshotInput): Promise<Snapshot> {
  const input = ZSnapshotInput.parse(raw);
  const found = await accessAndHead(db, input.id, actor);
  if (!found?.access.canRead) throw notFound("Palace");
  const { seq, access } = found;
  const level = access.role ?? "visitor";
  const entry = cachedAt(db, input.id, seq);
  const { body, bytes } = entry;
  // An entry newer than this reader's head answers too: it holds at least everything up to it.
  const tag = `s${entry.seq}-${level}${input.focusRoomId ? `-${input.focusRoomId}` : ""}`;

  const wire = async () => {
    const b = await body;
    const whole: TPalaceSnapshot = { ...b, seq: entry.seq, complete: true, palace: { ...b.palace, access: { role: access.role, canEdit: access.canEdit } } };
    return encodeSnapshot(input.focusRoomId ? focusSnapshot(whole, input.focusRoomId) : whole);
  };
  return {
    seq: entry.seq,
    etag: `"${tag}"`,
    wire,
    bytes: function encoded(encoding): Promise<Buffer> {
      const key = `${tag}:${encoding}`;
      let answer = bytes.get(key);
      if (!answer) {
        // The JSON is built once per tag and shared by its encodings; compression runs on
        // libuv's threads, so a crowd's 429s and 304s are not held behind it.
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
    },
  };
}
