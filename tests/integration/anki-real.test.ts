// Review history from collections made by Anki itself (Anki 2.1.15's own library, from Debian,
// studying a deck over weeks and exporting it as .apkg and .colpkg): the palace is built from
// the note fields read out of the file, and every expected count is computed from the file's
// own review log.
import { unzipSync } from "fflate";
import initSqlJs, { type SqlJsStatic } from "sql.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/server/db/client";
import { type AnkiMade, ankiMadeCollection } from "../helpers/anki-made";
import { testDatabases } from "../helpers/databases";
import { type Caller, signUp } from "../helpers/world";

let SQL: SqlJsStatic;
let made: AnkiMade | { unreachable: string };

beforeAll(async () => {
  SQL = await initSqlJs();
  made = await ankiMadeCollection(new Date());
  if ("unreachable" in made) console.warn(`Skipping the tests on Anki-made collections: ${made.unreachable}.`);
}, 300_000);

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");

/** A front field as a person reads it: the markup Anki's editor keeps taken away. */
const plain = (html: string) => html.replace(/<[^>]*>/g, "").replace(/&amp;/g, "&").trim();

interface Read {
  notes: { id: number; front: string }[];
  /** Per note id: its graded review-log rows (a button pressed in a learning, review, relearning or filtered step). */
  graded: Map<number, number>;
  revlogRows: number;
}

/** What the package holds, read straight from its SQLite collection. */
function read(pkg: Uint8Array): Read {
  const files = unzipSync(pkg);
  expect(Object.keys(files)).toContain("collection.anki2");
  const db = new SQL.Database(files["collection.anki2"]);
  try {
    const notes = db.exec("select id, flds from notes order by id")[0]!.values.map(([id, flds]) => ({ id: Number(id), front: String(flds).split("\x1f")[0]! }));
    const graded = new Map(notes.map((n) => [n.id, 0]));
    const rows = db.exec("select c.nid, count(*) from revlog r join cards c on c.id = r.cid where r.ease between 1 and 4 and r.type between 0 and 3 group by c.nid")[0]?.values ?? [];
    for (const [nid, count] of rows) graded.set(Number(nid), Number(count));
    const revlogRows = Number(db.exec("select count(*) from revlog")[0]!.values[0]![0]);
    return { notes, graded, revlogRows };
  } finally {
    db.close();
  }
}

/** A palace whose concepts are titled after some of the file's notes (one never studied), and one concept Anki never saw. */
async function palaceFor(caller: Caller, file: Read, pick: (notes: Read["notes"]) => Read["notes"]) {
  const palace = await caller.palace.create({ title: "Capitals" });
  const chosen = pick(file.notes);
  for (const note of chosen) await caller.concept.create({ palaceId: palace.id, title: plain(note.front) });
  await caller.concept.create({ palaceId: palace.id, title: "Portugal" });
  const reviews = chosen.reduce((sum, n) => sum + file.graded.get(n.id)!, 0);
  const studied = chosen.filter((n) => file.graded.get(n.id)! > 0).length;
  return { palace, matched: chosen.length, reviews, studied };
}

describe.each(testDatabases)("Anki-made collections on $name", (target) => {
  let database: Database & { drop(): Promise<void> };
  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(() => database.drop());

  it("brings the review log of an .apkg that Anki exported, once, and the same collection's .colpkg adds nothing", async (ctx) => {
    if ("unreachable" in made) return ctx.skip(made.unreachable);
    const file = read(made.apkg);
    // The file is a studied deck: notes with history, notes without, and markup in the fields.
    expect(file.revlogRows).toBeGreaterThan(10);
    expect([...file.graded.values()].filter((n) => n === 0).length).toBeGreaterThan(0);
    expect(file.notes.some((n) => plain(n.front) !== n.front)).toBe(true);

    const { caller } = await signUp(database, "Ana");
    // Every studied note whose front carries markup, one plain studied note, and one never studied.
    const built = await palaceFor(caller, file, (notes) => [
      ...notes.filter((n) => plain(n.front) !== n.front && file.graded.get(n.id)! > 0),
      notes.find((n) => plain(n.front) === n.front && file.graded.get(n.id)! > 0)!,
      notes.find((n) => file.graded.get(n.id) === 0)!,
    ]);
    expect(built.reviews).toBeGreaterThan(0);
    expect(built.reviews).toBeLessThan(file.revlogRows);

    const first = await caller.recall.importAnki({ palaceId: built.palace.id, fileName: "capitals.apkg", data: b64(made.apkg) });
    expect(first).toEqual({ notes: file.notes.length, matchedNotes: built.matched, reviews: built.reviews, alreadyImported: 0, concepts: built.studied });
    expect((await caller.recall.stats({ palaceId: built.palace.id })).totals.reviews).toBe(built.reviews);

    const again = await caller.recall.importAnki({ palaceId: built.palace.id, fileName: "capitals.apkg", data: b64(made.apkg) });
    expect(again).toEqual({ notes: file.notes.length, matchedNotes: built.matched, reviews: 0, alreadyImported: built.reviews, concepts: 0 });

    // The whole collection, exported by Anki as a .colpkg, holds the same reviews under the same ids.
    const whole = read(made.colpkg);
    expect(whole.revlogRows).toBe(file.revlogRows);
    const fromColpkg = await caller.recall.importAnki({ palaceId: built.palace.id, fileName: "collection.colpkg", data: b64(made.colpkg) });
    expect(fromColpkg).toEqual({ notes: whole.notes.length, matchedNotes: built.matched, reviews: 0, alreadyImported: built.reviews, concepts: 0 });
    expect((await caller.recall.stats({ palaceId: built.palace.id })).totals.reviews).toBe(built.reviews);
  });

  it("brings the review log of an Anki .colpkg into a palace matching every note", async (ctx) => {
    if ("unreachable" in made) return ctx.skip(made.unreachable);
    const whole = read(made.colpkg);
    const { caller } = await signUp(database, "Bo");
    const built = await palaceFor(caller, whole, (notes) => notes);
    const graded = [...whole.graded.values()].reduce((a, b) => a + b, 0);
    expect(built.reviews).toBe(graded);
    const result = await caller.recall.importAnki({ palaceId: built.palace.id, fileName: "collection.colpkg", data: b64(made.colpkg) });
    expect(result).toEqual({ notes: whole.notes.length, matchedNotes: whole.notes.length, reviews: graded, alreadyImported: 0, concepts: built.studied });
    expect((await caller.recall.stats({ palaceId: built.palace.id })).totals.reviews).toBe(graded);
  });
});
