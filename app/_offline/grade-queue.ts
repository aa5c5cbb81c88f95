// Grades made without a connection wait on the device, in IndexedDB, until they can be sent.
// Each keeps the idempotency key of its reveal, so a grade sent twice is stored once, and the
// moment it was made, so the server schedules it from then.
import type { TRating } from "~/server/domain/recall/recall.schema";

export interface QueuedGrade {
  /** The reveal's idempotency key: the grade's identity on the device and on the server. */
  key: string;
  conceptId: string;
  palaceId: string;
  rating: TRating;
  durationMs: number;
  /** When it was graded, in ms since the epoch. */
  reviewedAt: number;
}

const DB_NAME = "engram-offline";
const STORE = "grades";

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error("IndexedDB request failed."));
  });
}

/**
 * Opens the queue's database. Only a write creates it: reading (every page counts what waits)
 * must not bring back, empty, the database that signing out has just deleted. Reading a queue
 * that does not exist gives null.
 */
function open(create: boolean): Promise<IDBDatabase | null> {
  const req = indexedDB.open(DB_NAME, 1);
  req.onupgradeneeded = () => {
    if (!create) {
      // Aborting the upgrade of a database that did not exist leaves no database behind.
      req.transaction?.abort();
      return;
    }
    // `seq` keeps the order grades were made in; the key refuses a grade queued twice.
    const store = req.result.createObjectStore(STORE, { keyPath: "seq", autoIncrement: true });
    store.createIndex("key", "key", { unique: true });
  };
  return request(req).catch((error: unknown) => {
    if (!create && error instanceof DOMException && error.name === "AbortError") return null;
    throw error;
  });
}

/** Runs `body` in a transaction; a queue that does not exist gives `absent` (no database made), unless `create`. */
async function withStore<T>(mode: IDBTransactionMode, body: (store: IDBObjectStore) => IDBRequest<T>, missing: { create: true } | { absent: T }): Promise<T> {
  const db = await open("create" in missing);
  if (!db) return "absent" in missing ? missing.absent : Promise.reject(new Error("The offline queue could not be made."));
  try {
    const tx = db.transaction(STORE, mode);
    const result = await request(body(tx.objectStore(STORE)));
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error("IndexedDB transaction failed."));
      tx.onabort = () => reject(tx.error ?? new Error("IndexedDB transaction aborted."));
    });
    return result;
  } finally {
    db.close();
  }
}

export async function enqueueGrade(grade: QueuedGrade): Promise<void> {
  try {
    await withStore("readwrite", (store) => store.add(grade), { create: true });
  } catch (error) {
    // The same reveal queued again (a double press) is already waiting.
    if (error instanceof DOMException && error.name === "ConstraintError") return;
    throw error;
  }
}

/** Waiting grades, oldest first, each with its place in the queue. */
export function waitingGrades(): Promise<(QueuedGrade & { seq: number })[]> {
  return withStore("readonly", (store) => store.getAll() as IDBRequest<(QueuedGrade & { seq: number })[]>, { absent: [] });
}

export function countWaiting(): Promise<number> {
  return withStore("readonly", (store) => store.count(), { absent: 0 });
}

export async function removeGrade(seq: number): Promise<void> {
  await withStore("readwrite", (store) => store.delete(seq), { absent: undefined });
}

/** Deletes the queue's database (sign-out): nothing of one person is left for the next. */
export function deleteGradeQueue(): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.deleteDatabase(DB_NAME);
    req.onsuccess = () => resolve();
    // Another tab still holds it open: it is deleted as soon as that tab lets go.
    req.onblocked = () => resolve();
    req.onerror = () => reject(req.error ?? new Error("Could not delete the offline data."));
  });
}
