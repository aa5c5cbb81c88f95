// Locus inputs and outputs: where a concept stands inside a room, and its place on the route.
import "../zod-config";
import { z } from "zod";
import { ZColor, ZId, ZVersion } from "../common.schema";

export const ZLocusShape = z.enum(["pedestal", "cube", "sphere", "book", "lamp"]);
export type TLocusShape = z.infer<typeof ZLocusShape>;

const coord = (label: string) => z.number({ message: `${label} must be a number.` }).finite(`${label} must be finite.`);

const ZRotation = z
  .number({ message: "Rotation must be a number." })
  .finite()
  .transform((r) => {
    const full = Math.PI * 2;
    return ((r % full) + full) % full;
  });

export const ZPlaceLocusInput = z
  .object({
    conceptId: ZId,
    roomId: ZId,
    x: coord("X"),
    y: coord("Height above the floor").default(0),
    z: coord("Z"),
    rotationY: ZRotation.default(0),
    shape: ZLocusShape.default("pedestal"),
    color: ZColor.default("#c9a227"),
  })
  .strict();
export type TPlaceLocusInput = z.input<typeof ZPlaceLocusInput>;

export const ZMoveLocusInput = z
  .object({
    id: ZId,
    version: ZVersion,
    roomId: ZId,
    x: coord("X"),
    y: coord("Height above the floor").default(0),
    z: coord("Z"),
  })
  .strict();
export type TMoveLocusInput = z.input<typeof ZMoveLocusInput>;

export const ZUpdateLocusInput = z
  .object({
    id: ZId,
    version: ZVersion,
    rotationY: ZRotation.optional(),
    shape: ZLocusShape.optional(),
    color: ZColor.optional(),
  })
  .strict();
export type TUpdateLocusInput = z.input<typeof ZUpdateLocusInput>;

export const ZLocus = z.object({
  id: ZId,
  palaceId: ZId,
  conceptId: ZId,
  roomId: ZId,
  x: z.number(),
  y: z.number(),
  z: z.number(),
  rotationY: z.number(),
  shape: ZLocusShape,
  color: z.string(),
  routeOrder: z.number().int(),
  version: z.number().int(),
});
export type TLocus = z.infer<typeof ZLocus>;
