import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { ZColor, ZVersion, ZVersionedIdInput } from "~/server/domain/common.schema";
import {
  CONCEPT_TAGS_MAX,
  CONCEPT_TAGS_SENT_MAX,
  ZCreateConceptInput,
  ZSourceUrl,
  ZTags,
  ZUpdateConceptInput,
} from "~/server/domain/concept/concept.schema";
import { ZCreateDoorInput } from "~/server/domain/door/door.schema";
import { ZCreateLinkInput, ZUpdateLinkInput } from "~/server/domain/link/link.schema";
import { ZMoveLocusInput, ZPlaceLocusInput, ZUpdateLocusInput } from "~/server/domain/locus/locus.schema";
import { ZCreatePalaceInput, ZDuplicatePalaceInput, ZUpdatePalaceInput } from "~/server/domain/palace/palace.schema";
import { ZCreateRoomInput, ZUpdateRoomInput } from "~/server/domain/room/room.schema";

const ID = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b";
const OTHER = "0a1b2c3d-4e5f-4a6b-9c7d-8e9f0a1b2c3d";
const TAU = Math.PI * 2;

/** The messages a schema gives for `value`, or [] when it accepts it. */
function messages(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => i.message);
}

/** The paths of the keys a schema refused. */
function issuePaths(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.flatMap((i) => ("keys" in i ? i.keys : [i.path.join(".")]));
}

describe("titles", () => {
  const cases = [
    { name: "palace", schema: ZCreatePalaceInput, base: {}, key: "title", label: "Title", max: 120 },
    { name: "room", schema: ZCreateRoomInput, base: { palaceId: ID, gridX: 0, gridZ: 0 }, key: "name", label: "Room name", max: 80 },
    { name: "concept", schema: ZCreateConceptInput, base: { palaceId: ID }, key: "title", label: "Title", max: 120 },
  ] as const;

  describe.each(cases)("$name", ({ schema, base, key, label, max }) => {
    const parse = (value: unknown) => schema.safeParse({ ...base, [key]: value });

    it("is trimmed", () => {
      const result = parse("  Residual block \t");
      expect(result.success).toBe(true);
      expect((result.data as Record<string, unknown>)[key]).toBe("Residual block");
    });

    it("refuses an empty or blank value, naming the field", () => {
      expect(messages(schema, { ...base, [key]: "" })).toEqual([`${label} cannot be empty.`]);
      expect(messages(schema, { ...base, [key]: "   \t " })).toEqual([`${label} cannot be empty.`]);
    });

    it("accepts exactly the limit, counted after trimming, and refuses one more", () => {
      expect(parse("x".repeat(max)).success).toBe(true);
      expect(parse(`  ${"x".repeat(max)}  `).success).toBe(true);
      expect(messages(schema, { ...base, [key]: "x".repeat(max + 1) })).toEqual([`${label} must be at most ${max} characters.`]);
    });

    it("refuses a line break inside the value", () => {
      expect(messages(schema, { ...base, [key]: "first\nsecond" })).toEqual([`${label} must fit on one line.`]);
    });

    it("refuses a missing or non-text value", () => {
      expect(messages(schema, { ...base, [key]: 42 })).toEqual([`${label} must be text.`]);
      expect(messages(schema, base)).toEqual([`${label} must be text.`]);
    });
  });
});

describe("tags", () => {
  it("are trimmed, lowercased and deduplicated in their first order", () => {
    expect(ZTags.parse(["  ResNet ", "skip", "RESNET", "Skip", "batch norm"])).toEqual(["resnet", "skip", "batch norm"]);
  });

  it("default to none on a new concept", () => {
    expect(ZCreateConceptInput.parse({ palaceId: ID, title: "T" }).tags).toEqual([]);
  });

  it(`allow ${CONCEPT_TAGS_MAX} and refuse ${CONCEPT_TAGS_MAX + 1} distinct tags`, () => {
    const tags = Array.from({ length: CONCEPT_TAGS_MAX + 1 }, (_, i) => `tag${i}`);
    expect(ZTags.parse(tags.slice(0, CONCEPT_TAGS_MAX))).toHaveLength(CONCEPT_TAGS_MAX);
    expect(messages(ZTags, tags)).toEqual([`A concept can have at most ${CONCEPT_TAGS_MAX} tags.`]);
  });

  it(`count the tags a concept ends up with, so case-only repeats do not use up the ${CONCEPT_TAGS_MAX}`, () => {
    const distinct = Array.from({ length: CONCEPT_TAGS_MAX }, (_, i) => `tag${i}`);
    expect(ZTags.parse([...distinct, "TAG0", "Tag1"])).toEqual(distinct);
  });

  it(`bound the list as sent at ${CONCEPT_TAGS_SENT_MAX} before merging repeats, so a flood of duplicates is refused`, () => {
    const refusal = `Send at most ${CONCEPT_TAGS_SENT_MAX} tags; a concept keeps at most ${CONCEPT_TAGS_MAX}.`;
    expect(messages(ZTags, Array.from({ length: 100_000 }, () => "resnet"))).toEqual([refusal]);
    expect(messages(ZTags, Array.from({ length: CONCEPT_TAGS_SENT_MAX + 1 }, () => "resnet"))).toEqual([refusal]);
    expect(ZTags.parse(Array.from({ length: CONCEPT_TAGS_SENT_MAX }, () => "resnet"))).toEqual(["resnet"]);
    expect(messages(ZCreateConceptInput, { palaceId: ID, title: "Flood", tags: Array.from({ length: 100_000 }, () => "x") })).toEqual([refusal]);
  });

  it("refuse empty tags, commas, hashes and over-long tags", () => {
    expect(messages(ZTags, ["  "])).toContain("Tags cannot be empty.");
    expect(messages(ZTags, ["a,b"])).toEqual(["Tags cannot contain commas or #."]);
    expect(messages(ZTags, ["#ml"])).toEqual(["Tags cannot contain commas or #."]);
    expect(messages(ZTags, ["a  b"])).toEqual(["Tags cannot contain commas or #."]);
    expect(messages(ZTags, ["x".repeat(33)])).toEqual(["Each tag must be at most 32 characters."]);
    expect(ZTags.parse(["x".repeat(32)])).toEqual(["x".repeat(32)]);
  });
});

describe("source URL", () => {
  it.each(["https://arxiv.org/abs/1512.03385", "http://example.com/paper.pdf", "  https://doi.org/10.1109/5.726791  "])(
    "accepts the web address %s, trimmed",
    (url) => {
      expect(ZSourceUrl.parse(url)).toBe(url.trim());
    },
  );

  it.each([
    "javascript:alert(1)",
    "JavaScript:alert(document.cookie)",
    "data:text/html,<script>alert(1)</script>",
    "file:///etc/passwd",
    "ftp://example.com/x",
    "vbscript:msgbox",
    "not a url",
    "//example.com/no-scheme",
    "",
  ])("refuses %j", (url) => {
    expect(messages(ZSourceUrl, url)).toEqual(["Source link must be a web address starting with http:// or https://."]);
  });

  it("refuses an address longer than 2000 characters", () => {
    expect(messages(ZSourceUrl, `https://example.com/${"a".repeat(2000)}`)).toContain("Source link must be at most 2000 characters.");
  });

  it("is optional on a concept and can be cleared with null", () => {
    expect(ZCreateConceptInput.parse({ palaceId: ID, title: "T" }).sourceUrl).toBeNull();
    expect(ZUpdateConceptInput.parse({ id: ID, version: 1, sourceUrl: null }).sourceUrl).toBeNull();
    expect(ZUpdateConceptInput.safeParse({ id: ID, version: 1, sourceUrl: "javascript:void(0)" }).success).toBe(false);
  });
});

describe("colour", () => {
  it("is a six-digit hex colour, stored lowercase", () => {
    expect(ZColor.parse("#3A7BD5")).toBe("#3a7bd5");
    expect(ZPlaceLocusInput.parse({ conceptId: ID, roomId: OTHER, x: 1, z: 1, color: "#ABCDEF" }).color).toBe("#abcdef");
    expect(ZUpdateLocusInput.parse({ id: ID, version: 1, color: "#FFaa00" }).color).toBe("#ffaa00");
  });

  it.each(["3a7bd5", "#3a7", "#3a7bd5ff", "#ggggggg", "#gggggg", "red", "#3a7bd5 "])("refuses %j", (value) => {
    expect(messages(ZColor, value)).toEqual(["Colour must be a hex colour like #3a7bd5."]);
  });
});

describe("rotation", () => {
  const rotate = (rotationY: number) => ZUpdateLocusInput.parse({ id: ID, version: 1, rotationY }).rotationY!;

  it.each([
    [0, 0],
    [Math.PI, Math.PI],
    [TAU, 0],
    [-Math.PI / 2, 1.5 * Math.PI],
    [TAU + 1, 1],
    [-TAU - 1, TAU - 1],
    [5 * TAU + 0.25, 0.25],
  ])("wraps %d into %d", (input, expected) => {
    expect(rotate(input)).toBeCloseTo(expected, 9);
  });

  it("always lands in [0, 2π) and keeps the same direction", () => {
    const samples = [-1e6, -123.456, -TAU, -1e-12, -0, 1e-12, 3, TAU - 1e-12, 1e3, 1e6];
    for (const r of samples) {
      const wrapped = rotate(r);
      expect(wrapped).toBeGreaterThanOrEqual(0);
      expect(wrapped).toBeLessThan(TAU);
      expect(Math.cos(wrapped)).toBeCloseTo(Math.cos(r), 6);
      expect(Math.sin(wrapped)).toBeCloseTo(Math.sin(r), 6);
    }
  });

  it("defaults to 0 when a concept is placed, and refuses non-finite values", () => {
    expect(ZPlaceLocusInput.parse({ conceptId: ID, roomId: OTHER, x: 1, z: 1 }).rotationY).toBe(0);
    expect(ZUpdateLocusInput.safeParse({ id: ID, version: 1, rotationY: Number.POSITIVE_INFINITY }).success).toBe(false);
    expect(ZUpdateLocusInput.safeParse({ id: ID, version: 1, rotationY: Number.NaN }).success).toBe(false);
  });
});

describe("strict inputs refuse keys they do not know", () => {
  it.each([
    ["palace create: ownerId", ZCreatePalaceInput, { title: "T", ownerId: "someone-else" }, "ownerId"],
    ["palace create: version", ZCreatePalaceInput, { title: "T", version: 7 }, "version"],
    ["palace update: ownerId", ZUpdatePalaceInput, { id: ID, version: 1, ownerId: "me" }, "ownerId"],
    ["palace duplicate: visibility", ZDuplicatePalaceInput, { id: ID, visibility: "public" }, "visibility"],
    ["room create: version", ZCreateRoomInput, { palaceId: ID, name: "R", gridX: 0, gridZ: 0, version: 9 }, "version"],
    ["room create: id", ZCreateRoomInput, { palaceId: ID, name: "R", gridX: 0, gridZ: 0, id: OTHER }, "id"],
    ["room update: palaceId", ZUpdateRoomInput, { id: ID, version: 1, palaceId: OTHER }, "palaceId"],
    ["door create: width", ZCreateDoorInput, { palaceId: ID, roomAId: ID, roomBId: OTHER, width: 30 }, "width"],
    ["concept create: version", ZCreateConceptInput, { palaceId: ID, title: "T", version: 3 }, "version"],
    ["concept create: createdAt", ZCreateConceptInput, { palaceId: ID, title: "T", createdAt: new Date(0) }, "createdAt"],
    ["concept update: palaceId", ZUpdateConceptInput, { id: ID, version: 1, palaceId: OTHER }, "palaceId"],
    ["locus place: routeOrder", ZPlaceLocusInput, { conceptId: ID, roomId: OTHER, x: 1, z: 1, routeOrder: 1 }, "routeOrder"],
    ["locus place: palaceId", ZPlaceLocusInput, { conceptId: ID, roomId: OTHER, x: 1, z: 1, palaceId: OTHER }, "palaceId"],
    ["locus move: conceptId", ZMoveLocusInput, { id: ID, version: 1, roomId: OTHER, x: 1, z: 1, conceptId: OTHER }, "conceptId"],
    ["locus update: routeOrder", ZUpdateLocusInput, { id: ID, version: 1, routeOrder: 5 }, "routeOrder"],
    ["link create: palaceId", ZCreateLinkInput, { fromConceptId: ID, toConceptId: OTHER, palaceId: OTHER }, "palaceId"],
    ["link update: toConceptId", ZUpdateLinkInput, { id: ID, version: 1, label: "x", toConceptId: OTHER }, "toConceptId"],
  ])("%s", (_name, schema, input, key) => {
    const result = (schema as z.ZodType).safeParse(input);
    expect(result.success).toBe(false);
    expect(issuePaths(schema as z.ZodType, input)).toContain(key);
  });
});

describe("links", () => {
  it("refuse a concept linking to itself, pointing at the target field", () => {
    const result = ZCreateLinkInput.safeParse({ fromConceptId: ID, toConceptId: ID });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]).toMatchObject({ message: "A concept cannot link to itself.", path: ["toConceptId"] });
  });

  it("trim labels, default to none, and refuse over-long or multi-line labels", () => {
    expect(ZCreateLinkInput.parse({ fromConceptId: ID, toConceptId: OTHER }).label).toBe("");
    expect(ZCreateLinkInput.parse({ fromConceptId: ID, toConceptId: OTHER, label: "  solves " }).label).toBe("solves");
    expect(messages(ZUpdateLinkInput, { id: ID, version: 1, label: "x".repeat(81) })).toEqual(["Label must be at most 80 characters."]);
    expect(messages(ZUpdateLinkInput, { id: ID, version: 1, label: "a\nb" })).toEqual(["Label must fit on one line."]);
  });
});

describe("rooms", () => {
  const base = { palaceId: ID, name: "R", gridX: 0, gridZ: 0 };

  it("fill in size, height and theme", () => {
    expect(ZCreateRoomInput.parse(base)).toMatchObject({ width: 8, depth: 8, height: 3.5, theme: "sandstone" });
  });

  it("refuse sizes off the whole-metre grid or out of range, naming the field", () => {
    expect(messages(ZCreateRoomInput, { ...base, width: 2 })).toEqual(["Width must be at least 3 m."]);
    expect(messages(ZCreateRoomInput, { ...base, depth: 41 })).toEqual(["Depth must be at most 40 m."]);
    expect(messages(ZCreateRoomInput, { ...base, width: 7.5 })).toEqual(["Width must be a whole number of metres."]);
    expect(messages(ZCreateRoomInput, { ...base, gridX: 0.5 })).toEqual(["X position must be a whole number of metres."]);
    expect(messages(ZCreateRoomInput, { ...base, gridZ: 1001 })).toEqual(["Z position must be at most 1000."]);
    expect(messages(ZCreateRoomInput, { ...base, height: 2 })).toEqual(["Height must be at least 2.5 m."]);
    expect(messages(ZCreateRoomInput, { ...base, height: 11 })).toEqual(["Height must be at most 10 m."]);
    expect(messages(ZCreateRoomInput, { ...base, theme: "neon" })).toHaveLength(1);
  });
});

describe("ids and versions", () => {
  it("refuse ids that are not UUIDs and versions below 1 or fractional", () => {
    expect(messages(ZVersionedIdInput, { id: "1; drop table rooms", version: 1 })).toEqual(["Must be a valid id."]);
    expect(messages(ZVersion, 0)).toEqual(["Version must be at least 1."]);
    expect(messages(ZVersion, 1.5)).toEqual(["Version must be a whole number."]);
    expect(messages(ZVersion, "1")).toEqual(["Version must be a number."]);
    expect(ZVersionedIdInput.parse({ id: ID, version: 3 })).toEqual({ id: ID, version: 3 });
  });
});

describe("locus positions", () => {
  it("refuse non-finite coordinates, naming the axis", () => {
    // zod 4 treats Infinity and NaN as "not a number", so the type message is the one a person sees.
    expect(messages(ZPlaceLocusInput, { conceptId: ID, roomId: OTHER, x: Number.POSITIVE_INFINITY, z: 1 })).toEqual(["X must be a number."]);
    expect(messages(ZPlaceLocusInput, { conceptId: ID, roomId: OTHER, x: 1, y: Number.NaN, z: 1 })).toEqual(["Height above the floor must be a number."]);
    expect(messages(ZMoveLocusInput, { id: ID, version: 1, roomId: OTHER, x: 1, z: "2" })).toEqual(["Z must be a number."]);
  });

  it("default the height above the floor to 0", () => {
    expect(ZMoveLocusInput.parse({ id: ID, version: 1, roomId: OTHER, x: 1, z: 2 }).y).toBe(0);
  });
});
