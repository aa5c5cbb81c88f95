// fast-check arbitraries read off our zod input schemas: mostly values the schema accepts, with
// hostile ones mixed in (wrong types, NaN and infinities, huge or invisible strings, XSS
// payloads, fields the schema does not know). Ids and versions come out as references that the
// test resolves at run time to the rows that exist then, so runs reach the services' rules
// instead of dying on "not found".
import fc from "fast-check";
import type { z } from "zod";

/** Markup and URL tricks that must only ever show up as text. */
export const XSS_CORPUS = [
  "<script>window.__xss=1</script>",
  '<img src=x onerror="window.__xss=1">',
  "<svg onload=window.__xss=1>",
  '<svg><script>window.__xss=1</script></svg>',
  "javascript:window.__xss=1",
  "[click me](javascript:window.__xss=1)",
  "![x](javascript:window.__xss=1)",
  '<a href="javascript:window.__xss=1">link</a>',
  '"><iframe src=javascript:window.__xss=1>',
  "<details open ontoggle=window.__xss=1>",
  "{{constructor.constructor('window.__xss=1')()}}",
  "<style>@import 'javascript:window.__xss=1'</style>",
];

/** An id to be filled in with a real row's id (or a random one) when the run starts. */
export class IdRef {
  constructor(
    readonly key: string,
    readonly pick: number,
  ) {}
}
/** The current version of the row the input's id names, filled in at run time. */
export class CurrentVersion {}

/**
 * Text fields whose useful values only exist at run time (a member's user id, an invite token,
 * a template id, the caller's password): mostly drawn as references the test fills in, so runs
 * get past "not found" to the rules, and otherwise as whatever the schema allows.
 */
export const RUNTIME_TEXT_KEYS = new Set(["userId", "newOwnerId", "token", "templateId", "password"]);

/** Fields an attacker adds to take over a row or a palace: never in any input schema. */
export const MASS_ASSIGNMENT_KEYS = ["ownerId", "role", "userId", "createdAt", "updatedAt", "routeOrder", "palaceId", "version", "id"];

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, NaN, Infinity, -Infinity, -0, 1e308, -1, 0, "", " ", "\u0000", "\u202e", "1", true, [], {}),
  fc.constantFrom(...XSS_CORPUS),
  fc.string({ minLength: 2001, maxLength: 2100 }),
  fc.anything({ maxDepth: 1 }),
);

function def(schema: z.ZodType): Record<string, unknown> & { type: string } {
  return (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
}

function stringArbitrary(schema: z.ZodString): fc.Arbitrary<string> {
  const format = (schema as unknown as { format: string | null }).format;
  if (format === "uuid") return fc.uuid();
  const checks = (def(schema).checks as { _zod: { def: { format?: string; pattern?: RegExp } } }[] | undefined) ?? [];
  const pattern = checks.map((c) => c._zod.def).find((d) => d.format === "regex")?.pattern;
  if (pattern) return fc.stringMatching(pattern);
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? 200;
  return fc.oneof(
    { weight: 10, arbitrary: fc.string({ minLength: min, maxLength: Math.min(max, 30) }) },
    { weight: 3, arbitrary: fc.string({ unit: "grapheme", minLength: min, maxLength: Math.min(max, 12) }) },
    { weight: 3, arbitrary: fc.constantFrom(...XSS_CORPUS).filter((s) => s.length <= max) },
    { weight: 1, arbitrary: fc.string({ minLength: Math.max(0, max - 2), maxLength: max + 2 }) },
  );
}

function numberArbitrary(schema: z.ZodNumber): fc.Arbitrary<number> {
  const n = schema as unknown as { minValue: number | null; maxValue: number | null; isInt: boolean };
  const min = Math.max(n.minValue ?? -1e6, -1e6);
  const max = Math.min(n.maxValue ?? 1e6, 1e6);
  if (n.isInt) {
    return fc.oneof(
      { weight: 3, arbitrary: fc.integer({ min: Math.max(min, -20), max: Math.min(max, 60) }) },
      { weight: 1, arbitrary: fc.integer({ min, max }) },
    );
  }
  // fc.double leans towards extremes and subnormals; tenths in a small range look like real input.
  return fc.oneof(
    { weight: 3, arbitrary: tenths(Math.max(min, -5), Math.min(max, 50)) },
    { weight: 1, arbitrary: fc.double({ min, max, noNaN: true }) },
  );
}

function tenths(min: number, max: number): fc.Arbitrary<number> {
  return fc.integer({ min: Math.ceil(min * 10), max: Math.floor(max * 10) }).map((n) => n / 10);
}

/** An arbitrary for one schema; `key` is the field it sits in, which decides how ids are drawn. */
export function arbitraryFor(schema: z.ZodType, key = ""): fc.Arbitrary<unknown> {
  const d = def(schema);
  const valid = (): fc.Arbitrary<unknown> => {
    switch (d.type) {
      case "object":
        return objectArbitrary(schema as z.ZodObject);
      case "string": {
        const format = (schema as unknown as { format: string | null }).format;
        if (format === "uuid" && key !== "idempotencyKey") {
          return fc.oneof({ weight: 6, arbitrary: fc.nat(50).map((i) => new IdRef(key, i)) }, { weight: 1, arbitrary: fc.uuid() });
        }
        if (RUNTIME_TEXT_KEYS.has(key)) {
          return fc.oneof({ weight: 4, arbitrary: fc.nat(50).map((i) => new IdRef(key, i)) }, { weight: 1, arbitrary: stringArbitrary(schema as z.ZodString) });
        }
        return stringArbitrary(schema as z.ZodString);
      }
      case "number":
        if (key === "version") {
          return fc.oneof({ weight: 4, arbitrary: fc.constant(new CurrentVersion()) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 4 }) });
        }
        // Positions in a room: mostly near or inside one, so that placing and moving can succeed.
        if (key === "x" || key === "z" || key === "y") {
          return fc.oneof({ weight: 4, arbitrary: tenths(-1, key === "y" ? 4 : 10) }, { weight: 1, arbitrary: numberArbitrary(schema as z.ZodNumber) });
        }
        return numberArbitrary(schema as z.ZodNumber);
      case "boolean":
        return fc.boolean();
      // Moments around now: a day ahead (taken as now) back to past the 60-day limit on grades.
      case "date":
        return fc.date({ min: new Date(Date.now() - 90 * 86_400_000), max: new Date(Date.now() + 86_400_000), noInvalidDate: true });
      case "enum":
        return fc.constantFrom(...(schema as unknown as { options: unknown[] }).options);
      case "literal":
        return fc.constantFrom(...(d.values as unknown[]));
      case "array":
        return fc.array(arbitraryFor(d.element as z.ZodType, key), { maxLength: 14 });
      case "optional":
        return fc.option(arbitraryFor(d.innerType as z.ZodType, key), { nil: undefined });
      case "default":
        return fc.option(arbitraryFor(d.innerType as z.ZodType, key), { nil: undefined });
      case "nullable":
        return fc.option(arbitraryFor(d.innerType as z.ZodType, key), { nil: null });
      case "pipe":
        return arbitraryFor(d.in as z.ZodType, key);
      case "union":
        return fc.oneof(...(d.options as z.ZodType[]).map((option) => arbitraryFor(option, key)));
      default:
        throw new Error(`No arbitrary for a zod "${d.type}" schema (field "${key}"): add one to tests/helpers/arbitraries.ts.`);
    }
  };
  // Objects are the input itself: their hostility is in their fields and extra keys.
  if (d.type === "object") return valid();
  return fc.oneof({ weight: 40, arbitrary: valid() }, { weight: 1, arbitrary: hostileValue });
}

/** `arbitrary` once in `every` draws, null otherwise. */
function rarely<T>(arbitrary: fc.Arbitrary<T>, every: number): fc.Arbitrary<T | null> {
  return fc.oneof({ weight: every - 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary });
}

function objectArbitrary(schema: z.ZodObject): fc.Arbitrary<Record<string, unknown>> {
  const shape = schema.shape as Record<string, z.ZodType>;
  const fields = Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, arbitraryFor(v, k)]));
  const extraKeys = MASS_ASSIGNMENT_KEYS.filter((k) => !(k in shape));
  const required = Object.keys(shape).filter((k) => !["optional", "default"].includes(def(shape[k]!).type));
  // Now and then a required field goes missing, which must be refused like any bad value.
  const base = fc
    .tuple(fc.record(fields, { requiredKeys: required }), rarely(fc.constantFrom(...Object.keys(shape)), 25))
    .map(([value, dropped]) => {
      if (dropped === null) return value;
      const { [dropped]: _gone, ...rest } = value;
      return rest;
    });
  if (extraKeys.length === 0) return base;
  return fc.tuple(base, rarely(fc.tuple(fc.constantFrom(...extraKeys), fc.oneof(fc.uuid(), fc.constantFrom("owner", 99)) as fc.Arbitrary<unknown>), 10)).map(
    ([value, extra]) => (extra ? { ...value, [extra[0]]: extra[1] } : value),
  );
}

/** Keys of `input` the schema does not declare: a strict schema must refuse any. */
export function unknownKeys(schema: z.ZodType, input: unknown): string[] {
  if (!input || typeof input !== "object") return [];
  const shape = (schema as z.ZodObject).shape as Record<string, unknown>;
  return Object.keys(input).filter((k) => !(k in shape));
}

/** A file as an import gets it: a name, maybe a format, and the bytes in base64. */
function importInput(name: fc.Arbitrary<string>, bytes: fc.Arbitrary<Uint8Array | string>) {
  return fc.record(
    {
      format: fc.constantFrom("auto", "engram", "markdown", "opml", "freemind", "canvas"),
      fileName: name,
      data: bytes.map((b) => Buffer.from(b).toString("base64")),
    },
    { requiredKeys: ["data"] },
  );
}

const line = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom(...XSS_CORPUS));

/**
 * Files to import: real example files, the same cut short or with bytes changed, outlines and
 * JSON made up on the spot, deep nesting, XML entities, compressed or UTF-16 bytes, and noise.
 */
export function importFileArbitrary(fixtures: { name: string; text: string }[]): fc.Arbitrary<Record<string, unknown>> {
  const fixture = fc.constantFrom(...fixtures);
  const outline = fc
    .array(fc.tuple(fc.constantFrom("# ", "## ", "- ", "  - ", "    - ", "  ", ""), line, fc.array(fc.constantFrom("#tag", "#ml"), { maxLength: 2 })), { maxLength: 25 })
    .map((lines) => lines.map(([prefix, text, tags]) => `${prefix}${text} ${tags.join(" ")}`).join("\n"));
  const engramJson = fc
    .record({
      format: fc.oneof(fc.constant("engram-palace"), fc.string({ maxLength: 10 })),
      version: fc.oneof(fc.constant(1), fc.integer({ min: -2, max: 3 })),
      palace: fc.oneof(fc.anything({ maxDepth: 3 }), fc.record({ title: line, description: line, rooms: fc.constant([]), doors: fc.constant([]), concepts: fc.constant([]), links: fc.constant([]) })),
    })
    .map((v) => JSON.stringify(v));
  const deep = fc.integer({ min: 60, max: 80 }).chain((n) =>
    fc.constantFrom("[".repeat(n) + "]".repeat(n), Array.from({ length: n }, (_, i) => `${"  ".repeat(i)}- level ${i}`).join("\n")),
  );
  const entities = fc.constant('<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><opml version="2.0"><body><outline text="&b;"/></body></opml>');
  const text = fc.oneof(
    { weight: 3, arbitrary: fixture.map((f) => f.text) },
    { weight: 2, arbitrary: fc.tuple(fixture, fc.nat()).map(([f, cut]) => f.text.slice(0, cut % (f.text.length + 1))) },
    { weight: 3, arbitrary: outline },
    { weight: 2, arbitrary: engramJson },
    { weight: 1, arbitrary: deep },
    { weight: 1, arbitrary: entities },
    { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 200 }) },
  );
  const bytes = fc.oneof(
    { weight: 8, arbitrary: text },
    {
      weight: 1,
      arbitrary: fc.tuple(fixture, fc.nat(), fc.integer({ min: 0, max: 255 })).map(([f, at, byte]) => {
        const b = Buffer.from(f.text);
        b[at % b.length] = byte;
        return new Uint8Array(b);
      }),
    },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }) },
    { weight: 1, arbitrary: fc.constantFrom(new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0]), new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]), new Uint8Array([0xff, 0xfe, 0x23, 0, 0x20, 0, 0x41, 0])) },
  );
  const name = fc.oneof(
    fixture.map((f) => f.name),
    fc.constantFrom("notes.md", "map.opml", "mind.mm", "board.canvas", "palace.json", "notes.txt", "", "archive.zip", "x.md.exe"),
    fc.string({ maxLength: 20 }),
  );
  return fc.oneof(
    { weight: 12, arbitrary: importInput(name, bytes) },
    // A matching file, sent whole under its own name, so enough runs get all the way in.
    { weight: 4, arbitrary: fixture.map((f) => ({ fileName: f.name, data: Buffer.from(f.text).toString("base64") })) },
    { weight: 1, arbitrary: fc.record({ data: fc.oneof(fc.string({ maxLength: 40 }), hostileValue) }) },
    { weight: 1, arbitrary: importInput(name, bytes).map((v) => ({ ...v, ownerId: crypto.randomUUID() })) },
  );
}

/**
 * Inputs for `transfer.importPlanned`: palaces as the browser's model reader plans them, sent
 * whole or with one value somewhere in them replaced by a hostile one (a broken reference, a
 * wrong type, a field the schema does not know), plus whatever the schema alone draws.
 */
export function plannedPalaceArbitrary(palaces: unknown[], schema: z.ZodType): fc.Arbitrary<unknown> {
  const planned = fc.constantFrom(...palaces);
  const corrupted = fc.tuple(planned, fc.nat(), fc.oneof(hostileValue, fc.string({ maxLength: 12 }), fc.integer(), fc.constant(undefined))).map(([palace, at, value]) => {
    const copy = structuredClone(palace) as Record<string, unknown>;
    // Walk to the at-th object in the palace and replace one of its fields.
    const objects: Record<string, unknown>[] = [];
    const visit = (node: unknown) => {
      if (node && typeof node === "object") {
        if (!Array.isArray(node)) objects.push(node as Record<string, unknown>);
        for (const child of Object.values(node)) visit(child);
      }
    };
    visit(copy);
    const target = objects[at % objects.length]!;
    const keys = Object.keys(target);
    const key = keys.length > 0 && at % 5 !== 0 ? keys[at % keys.length]! : "extra";
    target[key] = value;
    return { palace: copy };
  });
  return fc.oneof(
    { weight: 3, arbitrary: planned.map((palace) => ({ palace })) },
    { weight: 4, arbitrary: corrupted },
    { weight: 2, arbitrary: arbitraryFor(schema) },
    { weight: 1, arbitrary: planned.map((palace) => ({ palace, ownerId: crypto.randomUUID() })) },
  );
}
