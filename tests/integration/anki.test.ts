// Anki both ways: the `.apkg` deck opened with sql.js (its cards, notes, deck, tags and media
// checked field by field), and review logs brought back in: from our own deck and from a deck
// made by another Anki exporter (anki-apkg-export), once only, for the caller alone, and damaged
// files refused with a sentence.
import { unzipSync, zipSync } from "fflate";
import initSqlJs, { type SqlJsStatic } from "sql.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/server/db/client";
import * as pictures from "~/server/domain/picture/picture.service";
import { exportResponse } from "~/server/domain/transfer/export.response";
import { testDatabases } from "../helpers/databases";
import { pngOf } from "../helpers/pictures";
import { type Caller, rejectionOf, signUp } from "../helpers/world";

const NOW = new Date("2026-11-28T12:00:00Z");
const DAY = 86_400_000;
let SQL: SqlJsStatic;

/** Our deck's bytes, as a person downloads it. */
async function downloadApkg(database: Database, userId: string, palaceId: string) {
  const res = await exportResponse(database.db, { userId }, palaceId, "apkg", NOW);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-disposition")).toMatch(/\.apkg"/);
  return new Uint8Array(await res.arrayBuffer());
}

/** The review log a person made in Anki: rows added to the collection inside a package. */
function withReviews(apkg: Uint8Array, reviews: (cardIds: number[]) => [number, number, number, number, number][]) {
  const files = unzipSync(apkg);
  const name = files["collection.anki21"] ? "collection.anki21" : "collection.anki2";
  const db = new SQL.Database(files[name]);
  const cardIds = (db.exec("select id from cards order by id")[0]?.values ?? []).map(([id]) => Number(id));
  for (const [id, cid, ease, time, type] of reviews(cardIds)) {
    db.run("insert into revlog values (?, ?, -1, ?, 1, 0, 2500, ?, ?)", [id, cid, ease, time, type]);
  }
  files[name] = new Uint8Array(db.export());
  db.close();
  return zipSync(files);
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");

async function templatePalace(caller: Caller) {
  const palace = await caller.template.create({ templateId: "knowledge-distillation" });
  const scene = await caller.palace.get({ id: palace.id });
  return { palace, scene };
}

beforeAll(async () => {
  SQL = await initSqlJs();
});

describe.each(testDatabases)("Anki decks and history on $name", (target) => {
  let database: Database & { drop(): Promise<void> };
  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(() => database.drop());

  it("exports an .apkg whose collection holds one escaped card per stop, the deck, tags and pictures", async () => {
    const { caller, user } = await signUp(database, "Ada");
    const { palace, scene } = await templatePalace(caller);
    await caller.palace.update({ id: palace.id, version: scene.palace.version, title: `KD <b>"bold"</b> & co` });
    const hostile = await caller.concept.create({ palaceId: palace.id, title: `<img src=x onerror=alert(1)> & "quotes"`, notes: "**Bold** <script>alert(2)</script>", tags: ["a b"] });
    await caller.locus.place({ conceptId: hostile.id, roomId: scene.rooms[0]!.id, x: 2, y: 0, z: 2, rotationY: 0, shape: "cube", color: "#aa3322" });
    const pictured = scene.loci[0]!.conceptId;
    const concept = await caller.concept.get({ id: pictured });
    await pictures.put(database.db, { userId: user.id }, { conceptId: pictured, version: concept.version, bytes: await pngOf(400, 300, { r: 10, g: 200, b: 90 }) });

    const files = unzipSync(await downloadApkg(database, user.id, palace.id));
    const map = JSON.parse(new TextDecoder().decode(files.media)) as Record<string, string>;
    expect(Object.keys(files).sort()).toEqual([...Object.keys(map), "collection.anki2", "media"].sort());
    const db = new SQL.Database(files["collection.anki2"]);
    const [decksJson, modelsJson] = db.exec("select decks, models from col")[0]!.values[0] as [string, string];
    const decks = Object.values(JSON.parse(decksJson) as Record<string, { id: number; name: string }>);
    const deck = decks.find((d) => d.name !== "Default")!;
    // No markup reaches the deck list, wherever Anki shows names as HTML.
    expect(deck.name).toBe("Engram::KD bbold/b  co");
    const model = Object.values(JSON.parse(modelsJson) as Record<string, { flds: { name: string }[] }>)[0]!;
    expect(model.flds.map((f) => f.name)).toEqual(["Front", "Back", "Engram ID"]);

    const route = (await caller.recall.walk({ palaceId: palace.id, dueOnly: false })).stops;
    const notes = db.exec("select id, flds, tags from notes order by id")[0]!.values.map(([id, flds, tags]) => ({ id: Number(id), fields: String(flds).split("\x1f"), tags: String(tags) }));
    expect(notes).toHaveLength(route.length);
    const cards = db.exec("select nid, did, due, type, queue from cards order by due")[0]!.values;
    expect(cards.map(([nid]) => Number(nid))).toEqual(notes.map((n) => n.id));
    expect(new Set(cards.map(([, did]) => Number(did)))).toEqual(new Set([deck.id]));
    expect(db.exec("select count(*) from revlog")[0]!.values[0]![0]).toBe(0);

    notes.forEach((note, i) => {
      const stop = route[i]!;
      const [front, back, engramId] = note.fields;
      expect(engramId).toBe(stop.conceptId);
      // palace › room › position, the position as the walk's cue words it.
      expect(front).toBe(`KD &lt;b&gt;&quot;bold&quot;&lt;/b&gt; &amp; co › ${stop.roomName} › ${stop.cue.slice(stop.roomName.length + 2)}`);
      expect(note.tags).toContain(" engram::kd-b-bold-b-co ");
      expect(back!.startsWith("<b>")).toBe(true);
    });
    const hostileNote = notes.find((n) => n.fields[2] === hostile.id)!;
    expect(hostileNote.fields[1]).toBe("<b>&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;</b><br><br><b>Bold</b> &lt;script&gt;alert(2)&lt;/script&gt;");
    expect(hostileNote.tags).toContain(" a_b ");
    expect(notes.flatMap((n) => n.fields).join("")).not.toMatch(/<script|<img src=x/);

    // Every picture (the template's diagrams and ours) travels as numbered media, named in the
    // map, and is shown on its own card's back; cards without a picture show none.
    const withPictures = route.filter((s) => s.picture).map((s) => s.conceptId);
    expect(withPictures).toContain(pictured);
    expect(Object.values(map).sort()).toEqual(withPictures.map((id) => `engram-${id}.webp`).sort());
    for (const [number, fileName] of Object.entries(map)) {
      expect(Buffer.from(files[number]!.subarray(0, 4)).toString()).toBe("RIFF");
      expect(Buffer.from(files[number]!.subarray(8, 12)).toString()).toBe("WEBP");
      expect(notes.find((n) => fileName === `engram-${n.fields[2]}.webp`)!.fields[1]).toContain(`<img src="${fileName}"`);
    }
    expect(notes.filter((n) => n.fields[1]!.includes("<img")).length).toBe(withPictures.length);
    db.close();
  });

  it("brings the review log of our own deck back as the person's grades, once, for them alone", async () => {
    const { caller, user } = await signUp(database, "Bea");
    const other = await signUp(database, "Cal");
    const { palace } = await templatePalace(caller);
    const apkg = await downloadApkg(database, user.id, palace.id);
    const start = NOW.getTime() - 30 * DAY;
    // Card 1: a miss then three good days; card 2: easy twice; a manual reschedule (ease 0) is no grade.
    const studied = withReviews(apkg, ([c1, c2]) => [
      [start, c1!, 1, 8000, 0],
      [start + 600_000, c1!, 3, 5000, 0],
      [start + 2 * DAY, c1!, 3, 4000, 1],
      [start + 9 * DAY, c1!, 3, 3000, 1],
      [start + DAY, c2!, 4, 2000, 0],
      [start + 5 * DAY, c2!, 4, 2500, 1],
      [start + 6 * DAY, c2!, 0, 0, 4],
    ]);
    const result = await caller.recall.importAnki({ palaceId: palace.id, fileName: "kd.apkg", data: b64(studied) });
    const walk = await caller.recall.walk({ palaceId: palace.id, dueOnly: false });
    expect(result).toEqual({ notes: walk.stops.length, matchedNotes: walk.stops.length, reviews: 6, alreadyImported: 0, concepts: 2 });

    const stats = await caller.recall.stats({ palaceId: palace.id });
    expect(stats.totals.reviews).toBe(6);
    const [first, second] = walk.stops;
    expect(first!.card).toMatchObject({ reps: 4, lapses: 0, state: "review" });
    expect(second!.card).toMatchObject({ reps: 2, state: "review" });
    expect(first!.card!.due.getTime()).toBeGreaterThan(start + 9 * DAY);

    // The same file again adds nothing; nobody else's schedule moved.
    const again = await caller.recall.importAnki({ palaceId: palace.id, fileName: "kd.apkg", data: b64(studied) });
    expect(again).toEqual({ notes: walk.stops.length, matchedNotes: walk.stops.length, reviews: 0, alreadyImported: 6, concepts: 0 });
    expect((await caller.recall.stats({ palaceId: palace.id })).totals.reviews).toBe(6);
    expect((await other.caller.recall.stats({})).totals.reviews).toBe(0);
    // A stranger cannot pour history into a private palace: it does not exist for them.
    expect((await rejectionOf(other.caller.recall.importAnki({ palaceId: palace.id, fileName: "kd.apkg", data: b64(studied) }))).code).toBe("NOT_FOUND");
  });

  it("matches the notes of a deck made by another exporter on their text", async () => {
    const { caller } = await signUp(database, "Dee");
    const { palace } = await templatePalace(caller);
    const walk = await caller.recall.walk({ palaceId: palace.id, dueOnly: false });
    const { default: AnkiExport } = await import("anki-apkg-export");
    const deck = new AnkiExport("Knowledge distillation");
    // Front: a question; back: the concept's title, marked up and spaced as people type it.
    deck.addCard("Which idea is this?", `<div>  ${walk.stops[0]!.concept.title.replace(/&/g, "&amp;")} </div>`);
    deck.addCard(walk.stops[1]!.concept.title.toUpperCase(), "back text");
    deck.addCard("Nothing in the palace", "Not a concept");
    const made = new Uint8Array(await deck.save());
    const start = NOW.getTime() - 10 * DAY;
    const studied = withReviews(made, ([c1, c2, c3]) => [
      [start, c1!, 3, 4000, 0],
      [start + 3 * DAY, c1!, 2, 9000, 1],
      [start + DAY, c2!, 1, 12000, 0],
      [start + 2 * DAY, c3!, 3, 3000, 0],
    ]);
    const result = await caller.recall.importAnki({ palaceId: palace.id, fileName: "other.apkg", data: b64(studied) });
    expect(result).toEqual({ notes: 3, matchedNotes: 2, reviews: 3, alreadyImported: 0, concepts: 2 });
    const after = await caller.recall.walk({ palaceId: palace.id, dueOnly: false });
    expect(after.stops[0]!.card).toMatchObject({ reps: 2 });
    expect(after.stops[1]!.card).toMatchObject({ reps: 1, lapses: 0 });
  });

  it("refuses damaged files with a sentence and writes nothing", async () => {
    const { caller } = await signUp(database, "Eve");
    const { palace } = await templatePalace(caller);
    const refusal = async (bytes: Uint8Array) => (await rejectionOf(caller.recall.importAnki({ palaceId: palace.id, fileName: "x.apkg", data: b64(bytes) }))).message;
    expect(await refusal(new TextEncoder().encode("just some text"))).toBe(
      "This is not an Anki package: an .apkg or .colpkg file is a zip archive, and this one could not be opened.",
    );
    expect(await refusal(zipSync({ "notes.txt": new TextEncoder().encode("hello") }))).toBe(
      "This zip holds no Anki collection (collection.anki21b, collection.anki21 or collection.anki2).",
    );
    expect(await refusal(zipSync({ "collection.anki2": new TextEncoder().encode("SQLite? no") }))).toBe(
      "The collection in this Anki file is damaged: it is not an SQLite database.",
    );
    const noRevlog = new SQL.Database();
    noRevlog.run("create table notes (id integer primary key, flds text); create table cards (id integer primary key, nid integer); insert into notes values (1, 'a')");
    expect(await refusal(zipSync({ "collection.anki2": noRevlog.export() }))).toMatch(/^The collection in this Anki file is damaged: no such table: revlog\.$/);
    noRevlog.close();
    // A newer Anki's zstd collection whose frame is cut short.
    expect(await refusal(zipSync({ "collection.anki21b": new Uint8Array([0x28, 0xb5, 0x2f, 0xfd, 1, 2]) }))).toBe(
      "The collection in this Anki file is damaged: it could not be decompressed.",
    );
    expect((await caller.recall.stats({ palaceId: palace.id })).totals.reviews).toBe(0);
  });
});
