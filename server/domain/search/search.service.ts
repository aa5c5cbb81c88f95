// Searches concept titles, tags and notes with PostgreSQL full-text search (the generated
// search_vector column and its GIN index), in one palace or in every palace the caller reads.
import "server-only";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../../db/client";
import { concepts, loci, palaces, rooms } from "../../db/schema";
import { type Actor, readablePalace, requireRead } from "../access";
import { toPrefixQuery } from "./search.logic";
import { SNIPPET_START, SNIPPET_STOP, type TSearchResult, ZSearchInput } from "./search.schema";

export async function searchConcepts(db: Db, actor: Actor, raw: z.input<typeof ZSearchInput>): Promise<TSearchResult[]> {
  const input = ZSearchInput.parse(raw);
  if (input.palaceId) await requireRead(db, input.palaceId, actor);
  const prefix = toPrefixQuery(input.query);
  if (!prefix) return [];
  // English stems match titles and notes ("valleys" finds "valley"); the simple form matches
  // tags, which are stored as they were written.
  const query = sql`(to_tsquery('english'::regconfig, ${prefix}) || to_tsquery('simple'::regconfig, ${prefix}))`;
  const readable = input.palaceId ? eq(concepts.palaceId, input.palaceId) : readablePalace(actor, concepts.palaceId);
  const rank = sql<number>`ts_rank(${concepts.searchVector}, ${query})`;
  const rows = await db
    .select({
      conceptId: concepts.id,
      palaceId: concepts.palaceId,
      palaceTitle: palaces.title,
      title: concepts.title,
      kind: concepts.kind,
      tags: concepts.tags,
      roomId: loci.roomId,
      roomName: rooms.name,
      snippet: sql<string>`ts_headline('english'::regconfig, ${concepts.notes}, ${query}, ${`MaxFragments=1, MaxWords=18, MinWords=6, StartSel=${SNIPPET_START}, StopSel=${SNIPPET_STOP}`})`,
    })
    .from(concepts)
    .innerJoin(palaces, eq(palaces.id, concepts.palaceId))
    .leftJoin(loci, eq(loci.conceptId, concepts.id))
    .leftJoin(rooms, eq(rooms.id, loci.roomId))
    .where(and(sql`${concepts.searchVector} @@ ${query}`, readable))
    // A concept titled exactly what was typed comes first, however often others mention it.
    .orderBy(desc(sql`lower(${concepts.title}) = ${input.query.toLowerCase()}`), desc(rank), asc(concepts.title), asc(concepts.id))
    .limit(input.limit);
  // A snippet with no match in the notes (the hit was in the title or tags) says nothing new.
  return rows.map((r) => ({ ...r, snippet: r.snippet.includes(SNIPPET_START) ? r.snippet : "" }));
}
