// Anki packages on the server: writes an `.apkg` deck (a zip holding an SQLite collection,
// `collection.anki2`, and a `media` map naming the numbered media files) with sql.js, and reads
// the notes, cards and review log out of an `.apkg` or `.colpkg` someone brings, in whichever of
// Anki's collection files it carries. Anki's layout: https://github.com/ankitects/anki (rslib/src/storage).
import "server-only";
import { createHash } from "node:crypto";
import { unzipSync, zipSync } from "fflate";
import { decompress as zstdDecompress } from "fzstd";
import initSqlJs, { type Database, type SqlJsStatic } from "sql.js";
import { DomainError, invalid } from "../errors";
import type { AnkiCollection } from "./anki.logic";
import { ANKI_MAX_BYTES } from "./anki.schema";

let sqlite: Promise<SqlJsStatic> | null = null;
const loadSqlite = () => (sqlite ??= initSqlJs());

// The schema of a version 11 collection, which every Anki since 2.1 opens and upgrades.
const SCHEMA = `
create table col (id integer primary key, crt integer not null, mod integer not null, scm integer not null, ver integer not null, dty integer not null, usn integer not null, ls integer not null, conf text not null, models text not null, decks text not null, dconf text not null, tags text not null);
create table notes (id integer primary key, guid text not null, mid integer not null, mod integer not null, usn integer not null, tags text not null, flds text not null, sfld integer not null, csum integer not null, flags integer not null, data text not null);
create table cards (id integer primary key, nid integer not null, did integer not null, ord integer not null, mod integer not null, usn integer not null, type integer not null, queue integer not null, due integer not null, ivl integer not null, factor integer not null, reps integer not null, lapses integer not null, left integer not null, odue integer not null, odid integer not null, flags integer not null, data text not null);
create table revlog (id integer primary key, cid integer not null, usn integer not null, ease integer not null, ivl integer not null, lastIvl integer not null, factor integer not null, time integer not null, type integer not null);
create table graves (usn integer not null, oid integer not null, type integer not null);
create index ix_notes_usn on notes (usn);
create index ix_cards_usn on cards (usn);
create index ix_revlog_usn on revlog (usn);
create index ix_cards_nid on cards (nid);
create index ix_cards_sched on cards (did, queue, due);
create index ix_revlog_cid on revlog (cid);
create index ix_notes_csum on notes (csum);
`;

/** The note type of an Engram deck: the place on the front, the concept on the back, and the concept's id. */
export const ENGRAM_FIELDS = ["Front", "Back", "Engram ID"] as const;

export interface ApkgNote {
  /** Stays the same from export to export, so importing a newer deck updates the notes. */
  guid: string;
  fields: string[];
  tags: string[];
}

/** Anki's duplicate check: the first 8 hex digits of the SHA-1 of the sort field's text. */
function checksum(field: string): number {
  const text = field.replace(/<[^>]*>/g, "").trim();
  return Number.parseInt(createHash("sha1").update(text).digest("hex").slice(0, 8), 16);
}

function noteType(id: number, deckId: number, mod: number) {
  return {
    id,
    name: "Engram locus",
    type: 0,
    mod,
    usn: -1,
    sortf: 0,
    did: deckId,
    tmpls: [
      { name: "Recall", ord: 0, qfmt: "{{Front}}", afmt: "{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}", did: null, bqfmt: "", bafmt: "" },
    ],
    flds: ENGRAM_FIELDS.map((name, ord) => ({ name, ord, sticky: false, rtl: false, font: "Arial", size: 20, media: [] })),
    css: ".card { font-family: arial; font-size: 20px; text-align: center; color: black; background-color: white; }\nimg { max-width: 90%; }",
    latexPre: "\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n",
    latexPost: "\\end{document}",
    latexsvg: false,
    tags: [],
    vers: [],
    req: [[0, "any", [0]]],
  };
}

function deck(id: number, name: string, mod: number) {
  return {
    id,
    name,
    mod,
    usn: -1,
    desc: "",
    dyn: 0,
    conf: 1,
    collapsed: false,
    browserCollapsed: false,
    extendNew: 0,
    extendRev: 0,
    newToday: [0, 0],
    revToday: [0, 0],
    lrnToday: [0, 0],
    timeToday: [0, 0],
  };
}

const DECK_CONFIG = {
  1: {
    id: 1,
    name: "Default",
    mod: 0,
    usn: 0,
    maxTaken: 60,
    autoplay: true,
    timer: 0,
    replayq: true,
    dyn: false,
    new: { bury: false, delays: [1, 10], initialFactor: 2500, ints: [1, 4, 0], order: 1, perDay: 20 },
    lapse: { delays: [10], leechAction: 1, leechFails: 8, minInt: 1, mult: 0 },
    rev: { bury: false, ease4: 1.3, ivlFct: 1, maxIvl: 36500, perDay: 200, hardFactor: 1.2 },
  },
};

/**
 * An `.apkg` file: one deck of new cards, one per note, with its media. `now` sets the ids (Anki
 * ids are milliseconds) and modification times.
 */
export async function writeApkg(deckName: string, notes: ApkgNote[], media: { fileName: string; bytes: Uint8Array }[], now: Date): Promise<Uint8Array> {
  const SQL = await loadSqlite();
  const db = new SQL.Database();
  try {
    db.run(SCHEMA);
    const ms = now.getTime();
    const mod = Math.floor(ms / 1000);
    const modelId = ms;
    const deckId = ms + 1;
    const conf = { nextPos: notes.length + 1, estTimes: true, activeDecks: [deckId], sortType: "noteFld", timeLim: 0, sortBackwards: false, addToCur: true, curDeck: deckId, newSpread: 0, dueCounts: true, curModel: modelId, collapseTime: 1200 };
    db.run("insert into col values (1, ?, ?, ?, 11, 0, 0, 0, ?, ?, ?, ?, '{}')", [
      mod,
      ms,
      ms,
      JSON.stringify(conf),
      JSON.stringify({ [modelId]: noteType(modelId, deckId, mod) }),
      JSON.stringify({ 1: { ...deck(1, "Default", mod), conf: 1 }, [deckId]: deck(deckId, deckName, mod) }),
      JSON.stringify(DECK_CONFIG),
    ]);
    const addNote = db.prepare("insert into notes values (?, ?, ?, ?, -1, ?, ?, ?, ?, 0, '')");
    const addCard = db.prepare("insert into cards values (?, ?, ?, 0, ?, -1, 0, 0, ?, 0, 0, 0, 0, 0, 0, 0, 0, '')");
    notes.forEach((note, i) => {
      const id = ms + i;
      const tags = note.tags.length > 0 ? ` ${note.tags.join(" ")} ` : "";
      const sortField = note.fields[0]!.replace(/<[^>]*>/g, "");
      addNote.run([id, note.guid, modelId, mod, tags, note.fields.join("\x1f"), sortField, checksum(note.fields[0]!)]);
      // New cards are shown in this order: the route's.
      addCard.run([id, id, deckId, mod, i + 1]);
    });
    addNote.free();
    addCard.free();
    const files: Record<string, Uint8Array> = { "collection.anki2": db.export() };
    const map: Record<string, string> = {};
    media.forEach((m, i) => {
      map[String(i)] = m.fileName;
      files[String(i)] = m.bytes;
    });
    files.media = new TextEncoder().encode(JSON.stringify(map));
    return zipSync(files, { level: 6 });
  } finally {
    db.close();
  }
}

/** Largest collection unpacked from an Anki file (zip bombs stop here). */
const COLLECTION_MAX_BYTES = 256 * 1024 * 1024;
/** Newest first: Anki 2.1.50+ writes `anki21b` (zstd), older 2.1 `anki21`, 2.0 `anki2`. */
const COLLECTION_FILES = ["collection.anki21b", "collection.anki21", "collection.anki2"] as const;

function unpack(bytes: Uint8Array): Uint8Array {
  let entries: Record<string, Uint8Array>;
  let total = 0;
  try {
    entries = unzipSync(bytes, {
      filter: (file) => {
        if (!(COLLECTION_FILES as readonly string[]).includes(file.name)) return false;
        total += file.originalSize;
        if (total > COLLECTION_MAX_BYTES) throw invalid("The Anki file unpacks to more than 256 MB, so it was not read.");
        return true;
      },
    });
  } catch (e) {
    if (e instanceof DomainError) throw e;
    throw invalid("This is not an Anki package: an .apkg or .colpkg file is a zip archive, and this one could not be opened.");
  }
  const name = COLLECTION_FILES.find((n) => entries[n]);
  if (!name) throw invalid("This zip holds no Anki collection (collection.anki21b, collection.anki21 or collection.anki2).");
  const data = entries[name]!;
  if (name !== "collection.anki21b") return data;
  try {
    return zstdDecompress(data);
  } catch {
    throw invalid("The collection in this Anki file is damaged: it could not be decompressed.");
  }
}

function rows(db: Database, sql: string): unknown[][] {
  return db.exec(sql)[0]?.values ?? [];
}

/**
 * The notes (fields split), cards and review log of an Anki package, or a refusal saying what is
 * wrong with the file. Nothing from the file runs: it is read as data with fixed queries.
 */
export async function readAnkiCollection(bytes: Uint8Array): Promise<AnkiCollection> {
  if (bytes.length === 0) throw invalid("The Anki file is empty.");
  if (bytes.length > ANKI_MAX_BYTES) {
    throw invalid(`The Anki file is larger than ${ANKI_MAX_BYTES / 1024 / 1024} MB. Export it from Anki without media (untick Include media).`);
  }
  const collection = unpack(bytes);
  if (new TextDecoder().decode(collection.subarray(0, 15)) !== "SQLite format 3") {
    throw invalid("The collection in this Anki file is damaged: it is not an SQLite database.");
  }
  const SQL = await loadSqlite();
  let db: Database;
  try {
    db = new SQL.Database(collection);
  } catch {
    throw invalid("The collection in this Anki file is damaged: it could not be opened.");
  }
  try {
    const notes = rows(db, "select id, flds from notes").map(([id, flds]) => ({ id: Number(id), fields: String(flds).split("\x1f") }));
    const cards = rows(db, "select id, nid from cards").map(([id, nid]) => ({ id: Number(id), noteId: Number(nid) }));
    const revlog = rows(db, "select id, cid, ease, time, type from revlog order by id").map(([id, cid, ease, time, type]) => ({
      id: Number(id),
      cardId: Number(cid),
      ease: Number(ease),
      timeMs: Number(time),
      type: Number(type),
    }));
    return { notes, cards, revlog };
  } catch (e) {
    throw invalid(`The collection in this Anki file is damaged: ${(e as Error).message.replace(/\.$/, "")}.`);
  } finally {
    db.close();
  }
}
