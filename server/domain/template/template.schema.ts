// Starter-palace templates: what the "New palace from template" dialog lists and sends.
import "../zod-config";
import { z } from "zod";
import { title } from "../common.schema";
import { PALACE_TITLE_MAX } from "../palace/palace.schema";

export const ZTemplateSummary = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  roomCount: z.number().int(),
  conceptCount: z.number().int(),
  /** The room names in walking order, so a person can judge a template before copying it. */
  roomNames: z.array(z.string()),
});
export type TTemplateSummary = z.infer<typeof ZTemplateSummary>;

export const ZCreateFromTemplateInput = z
  .object({
    templateId: z
      .string({ message: "Choose a template." })
      .trim()
      .min(1, "Choose a template.")
      .max(100, "That is not a template id."),
    /** Defaults to the template's own title. */
    title: title("Title", PALACE_TITLE_MAX).optional(),
  })
  .strict();
export type TCreateFromTemplateInput = z.input<typeof ZCreateFromTemplateInput>;
