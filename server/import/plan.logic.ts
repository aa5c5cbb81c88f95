// Turns an outline into a palace: rooms of one size on a grid walked in a serpentine (left to
// right, then right to left on the next row) so every room has a door to the next, and each
// room's concepts standing on a grid of free spots in reading order, which becomes the route.
import { CONCEPT_TITLE_MAX } from "../domain/concept/concept.schema";
import { invalid } from "../domain/errors";
import { ROOM_NAME_MAX, ROOM_SIZE_MAX } from "../domain/room/room.schema";
import type { TLocusShape } from "../domain/locus/locus.schema";
import { IMPORT_FILE_MAX_CONCEPTS, type TFilePalace } from "../domain/transfer/transfer.schema";
import { Mends } from "./mend.logic";
import type { Outline } from "./outline";

/** Metres between neighbouring concepts, and from the outer ones to the walls. */
const SPACING = 2;
const ROOM_MIN = 6;
/** Most concepts one room holds before the rest continue in a room of the same name. */
const PER_ROOM = ((ROOM_SIZE_MAX - SPACING) / SPACING) ** 2;

const THEMES = ["sandstone", "slate", "moss", "terracotta", "indigo", "ivory"] as const;
const COLORS = ["#d9a441", "#4f7cac", "#3d9970", "#e07a5f", "#7b6cd9", "#8d6e63"];

/** A one-line title within the limit; the full text moves to the notes when it had to be cut. */
export function titleAndNotes(text: string, notes = ""): { title: string; notes: string } {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= CONCEPT_TITLE_MAX) return { title: clean, notes };
  const title = `${clean.slice(0, CONCEPT_TITLE_MAX - 1).trimEnd()}…`;
  return { title, notes: notes ? `${clean}\n\n${notes}` : clean };
}

const roomName = (name: string) => {
  const clean = name.replace(/\s+/g, " ").trim() || "Room";
  return clean.length <= ROOM_NAME_MAX ? clean : `${clean.slice(0, ROOM_NAME_MAX - 1).trimEnd()}…`;
};

/** A concept ready to stand in a room: everything but its place, plus how its locus looks. */
export type ConceptDraft = Omit<TFilePalace["concepts"][number], "place"> & { shape: TLocusShape; color?: string };

/** The palace for an outline; `mends` collects the rooms it had to split or rename. */
export function planPalace(outline: Outline, mends = new Mends()): TFilePalace {
  const total = outline.rooms.reduce((n, r) => n + r.concepts.length, 0);
  if (total === 0) throw invalid("The file holds no concepts to import.");
  if (total > IMPORT_FILE_MAX_CONCEPTS) throw invalid(`The file holds ${total} concepts; Engram imports at most ${IMPORT_FILE_MAX_CONCEPTS} at once.`);
  return layoutPalace({
    title: outline.title,
    description: outline.description,
    links: outline.links,
    rooms: outline.rooms.map((room) => ({
      name: room.name,
      concepts: room.concepts.map(
        (c): ConceptDraft => ({
          key: c.key,
          title: c.title,
          kind: "other",
          tags: c.tags,
          notes: c.notes,
          ...(c.sourceUrl ? { sourceUrl: c.sourceUrl } : {}),
          shape: c.depth === 0 ? "pedestal" : "book",
          ...(c.color ? { color: c.color } : {}),
        }),
      ),
    })),
  }, mends);
}

/** Stands rooms of concepts on the serpentine grid; file order of the concepts is the route. */
export function layoutPalace(input: {
  title: string;
  description: string;
  rooms: { name: string; concepts: ConceptDraft[] }[];
  links: TFilePalace["links"];
}, mends = new Mends()): TFilePalace {
  // Split over-full rooms and drop empty ones, keeping reading order; names stay unique.
  const rooms: { name: string; concepts: ConceptDraft[] }[] = [];
  const taken = new Set<string>();
  const unique = (wanted: string) => {
    let name = wanted;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = roomName(`${wanted} (${n})`);
    taken.add(name.toLowerCase());
    return name;
  };
  for (const room of input.rooms) {
    const wanted = roomName(room.name);
    if (room.concepts.length > PER_ROOM) {
      mends.add(`Room “${wanted}” holds ${room.concepts.length} concepts, more than ${PER_ROOM} fit in one room, so it continues in rooms of the same name numbered (2), (3)….`);
    }
    for (let i = 0; i < room.concepts.length; i += PER_ROOM) {
      const part = i / PER_ROOM;
      const name = unique(part === 0 ? wanted : roomName(`${wanted} (${part + 1})`));
      if (part === 0 && name !== wanted) mends.add(`Another room is already named “${wanted}”, so this one is named “${name}”.`);
      rooms.push({ name, concepts: room.concepts.slice(i, i + PER_ROOM) });
    }
  }
  const fullest = Math.max(...rooms.map((r) => r.concepts.length));
  const perRow = Math.ceil(Math.sqrt(fullest));
  const size = Math.max(ROOM_MIN, (perRow + 1) * SPACING);
  const columns = Math.ceil(Math.sqrt(rooms.length));

  const cell = (i: number) => {
    const row = Math.floor(i / columns);
    const along = i % columns;
    return { row, col: row % 2 === 0 ? along : columns - 1 - along };
  };
  // One link per pair of concepts, as in the app; the first one written wins.
  const pairs = new Set<string>();
  const links = input.links.filter((l) => {
    const pair = [l.from, l.to].sort().join(" ");
    if (l.from === l.to || pairs.has(pair)) return false;
    pairs.add(pair);
    return true;
  });
  const file: TFilePalace = { title: input.title, description: input.description, rooms: [], doors: [], concepts: [], links };
  rooms.forEach((room, i) => {
    const { row, col } = cell(i);
    const key = `room-${i + 1}`;
    file.rooms.push({ key, name: room.name, gridX: col * size, gridZ: row * size, width: size, depth: size, height: 3.5, theme: THEMES[i % THEMES.length]! });
    if (i > 0) {
      const prev = cell(i - 1);
      file.doors.push(
        prev.row === row
          ? { a: `room-${i}`, b: key, position: row * size + size / 2 }
          : { a: `room-${i}`, b: key, position: col * size + size / 2 },
      );
    }
    const color = COLORS[i % COLORS.length]!;
    room.concepts.forEach((c, n) => {
      // Rows of concepts run alternately east and west too, so the route inside a room snakes.
      const r = Math.floor(n / perRow);
      const k = n % perRow;
      const x = SPACING * (1 + (r % 2 === 0 ? k : perRow - 1 - k));
      const { shape, color: own, ...concept } = c;
      file.concepts.push({ ...concept, place: { room: key, x, z: SPACING * (1 + r), shape, color: own ?? color } });
    });
  });
  return file;
}
