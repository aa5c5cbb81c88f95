// Link inputs and outputs: the labelled mind-map edges between two concepts of one palace.
import "../zod-config";
import { z } from "zod";
import { ZId, ZVersion } from "../common.schema";

export const LINK_LABEL_MAX = 80;

const ZLabel = z
  .string()
  .trim()
  .max(LINK_LABEL_MAX, `Label must be at most ${LINK_LABEL_MAX} characters.`)
  .refine((s) => !/[\r\n]/.test(s), "Label must fit on one line.");

export const ZCreateLinkInput = z
  .object({ fromConceptId: ZId, toConceptId: ZId, label: ZLabel.default("") })
  .strict()
  .refine((v) => v.fromConceptId !== v.toConceptId, {
    message: "A concept cannot link to itself.",
    path: ["toConceptId"],
  });
export type TCreateLinkInput = z.input<typeof ZCreateLinkInput>;

export const ZUpdateLinkInput = z.object({ id: ZId, version: ZVersion, label: ZLabel }).strict();
export type TUpdateLinkInput = z.input<typeof ZUpdateLinkInput>;

export const ZLink = z.object({
  id: ZId,
  palaceId: ZId,
  fromConceptId: ZId,
  toConceptId: ZId,
  label: z.string(),
  version: z.number().int(),
});
export type TLink = z.infer<typeof ZLink>;
