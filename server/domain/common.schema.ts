// Building blocks shared by every area's zod schemas: ids, versions and text fields whose
// messages name the problem in words a person understands.
import "./zod-config";
import { z } from "zod";

export { MAX_BATCH_SIZE } from "./request.limits";

export const ZId = z.uuid({ message: "Must be a valid id." });

export const ZVersion = z
  .number({ message: "Version must be a number." })
  .int("Version must be a whole number.")
  .min(1, "Version must be at least 1.");

/** A required, trimmed, single-line title with a length limit. */
export function title(label: string, max: number) {
  return z
    .string({ message: `${label} must be text.` })
    .trim()
    .min(1, `${label} cannot be empty.`)
    .max(max, `${label} must be at most ${max} characters.`)
    .refine((s) => !/[\r\n]/.test(s), `${label} must fit on one line.`);
}

export const ZColor = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, "Colour must be a hex colour like #3a7bd5.")
  .transform((s) => s.toLowerCase());

// Strict like every input: a field we do not expect (an owner, a role) is refused, not ignored.
export const ZPalaceRef = z.object({ palaceId: ZId }).strict();
export const ZIdInput = z.object({ id: ZId }).strict();
export const ZVersionedIdInput = z.object({ id: ZId, version: ZVersion }).strict();
export type TVersionedIdInput = z.infer<typeof ZVersionedIdInput>;

export const ZOk = z.object({ ok: z.literal(true) });
