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

function open(): Promise<IDBDatabase> {
  const req = indexedDB.open(DB_NAME, 1);
  req.onupgradeneeded = () => {
    // `seq` keeps the order grades were made in; the key refuses a grade queued twice.
    const store = req.result.createObjectStore(STORE, { keyPath: "seq", autoIncrement: true });
    store.createIndex("key", "key", { unique: true });
  };
  return request(req);
}

async function withStore<T>(mode: IDBTransactionMode, body: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
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
    await withStore("readwrite", (store) => store.add(grade));
  } catch (error) {
    // The same reveal queued again (a double press) is already waiting.
    if (error instanceof DOMException && error.name === "ConstraintError") return;
    throw error;
  }
}

/** Waiting grades, oldest first, each with its place in the queue. */
export function waitingGrades(): Promise<(QueuedGrade & { seq: number })[]> {
  return withStore("readonly", (store) => store.getAll() as IDBRequest<(QueuedGrade & { seq: number })[]>);
}

export function countWaiting(): Promise<number> {
  return withStore("readonly", (store) => store.count());
}

export async function removeGrade(seq: number): Promise<void> {
  await withStore("readwrite", (store) => store.delete(seq));
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
