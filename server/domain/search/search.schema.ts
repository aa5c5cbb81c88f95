// Full-text search over concepts: the search box's input and its results.
import "../zod-config";
import { z } from "zod";
import { ZId } from "../common.schema";
import { ZConceptKind } from "../concept/concept.schema";

export const SEARCH_QUERY_MAX = 200;
/** Marks around the matched words in a result's snippet; the UI turns them into <mark>. */
export const SNIPPET_START = "\u27e6";
export const SNIPPET_STOP = "\u27e7";

export const ZSearchInput = z
  .object({
    query: z
      .string({ message: "Type something to search for." })
      .trim()
      .min(1, "Type something to search for.")
      .max(SEARCH_QUERY_MAX, `Search for at most ${SEARCH_QUERY_MAX} characters.`),
    /** Search one palace; without it, every palace the caller can read. */
    palaceId: ZId.optional(),
    limit: z.number().int().min(1).max(50).default(20),
  })
  .strict();
export type TSearchInput = z.input<typeof ZSearchInput>;

export const ZSearchResult = z.object({
  conceptId: ZId,
  palaceId: ZId,
  palaceTitle: z.string(),
  title: z.string(),
  kind: ZConceptKind,
  tags: z.array(z.string()),
  /** Null while the concept waits in the inbox. */
  roomId: ZId.nullable(),
  roomName: z.string().nullable(),
  snippet: z.string(),
});
export type TSearchResult = z.infer<typeof ZSearchResult>;
