// Palace inputs and outputs: the same schemas validate the router and the client forms.
import "../zod-config";
import { z } from "zod";
import { title, ZId, ZVersion } from "../common.schema";
import { ZConceptSummary } from "../concept/concept.schema";
import { ZDoor } from "../door/door.schema";
import { ZLink } from "../link/link.schema";
import { ZLocus } from "../locus/locus.schema";
import { ZRoom } from "../room/room.schema";

export const PALACE_TITLE_MAX = 120;
export const PALACE_DESCRIPTION_MAX = 2000;

export const ZPalaceVisibility = z.enum(["private", "public"]);
export type TPalaceVisibility = z.infer<typeof ZPalaceVisibility>;

export const ZPalaceRole = z.enum(["owner", "editor", "viewer"]);
export type TPalaceRole = z.infer<typeof ZPalaceRole>;

const ZDescription = z
  .string()
  .trim()
  .max(PALACE_DESCRIPTION_MAX, `Description must be at most ${PALACE_DESCRIPTION_MAX} characters.`);

export const ZCreatePalaceInput = z
  .object({
    title: title("Title", PALACE_TITLE_MAX),
    description: ZDescription.default(""),
    visibility: ZPalaceVisibility.default("private"),
  })
  .strict();
export type TCreatePalaceInput = z.input<typeof ZCreatePalaceInput>;

export const ZUpdatePalaceInput = z
  .object({
    id: ZId,
    version: ZVersion,
    title: title("Title", PALACE_TITLE_MAX).optional(),
    description: ZDescription.optional(),
    visibility: ZPalaceVisibility.optional(),
  })
  .strict();
export type TUpdatePalaceInput = z.input<typeof ZUpdatePalaceInput>;

export const ZDuplicatePalaceInput = z
  .object({ id: ZId, title: title("Title", PALACE_TITLE_MAX).optional() })
  .strict();

export const ZPalace = z.object({
  id: ZId,
  ownerId: z.string(),
  ownerName: z.string(),
  title: z.string(),
  description: z.string(),
  visibility: ZPalaceVisibility,
  createdAt: z.date(),
  updatedAt: z.date(),
  version: z.number().int(),
});
export type TPalace = z.infer<typeof ZPalace>;

/** What the caller may do in a palace: their role, or none for a public palace they only visit. */
export const ZPalaceAccess = z.object({
  role: ZPalaceRole.nullable(),
  canEdit: z.boolean(),
});

export const ZPalaceSummary = ZPalace.extend({
  role: ZPalaceRole,
  roomCount: z.number().int(),
  conceptCount: z.number().int(),
});
export type TPalaceSummary = z.infer<typeof ZPalaceSummary>;

/** Everything the scene and side panel need, with concept notes trimmed to an excerpt. */
export const ZPalaceScene = z.object({
  palace: ZPalace.extend({ access: ZPalaceAccess }),
  rooms: z.array(ZRoom),
  doors: z.array(ZDoor),
  concepts: z.array(ZConceptSummary),
  loci: z.array(ZLocus),
  links: z.array(ZLink),
});
export type TPalaceScene = z.infer<typeof ZPalaceScene>;
export const DEMO_PALACE_ID = "00000000-0000-4000-8000-00000000de70";
