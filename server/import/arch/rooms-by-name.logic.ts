// Rooms from module names: exports that keep their module hierarchy ("/layer1/layer1.0/conv1")
// get a room per module, numbered siblings that are identical fold into one room "×N", and runs
// without names are planned by structure (blocks.logic.ts).
import { type BlockContext, describeBlock, ROOM_MAX, type RoomDraft, structuralRooms } from "./blocks.logic";
import { formatShape } from "./shapes.logic";
import type { Unit } from "./units.logic";

/** Exporters decorate inlined subgraph names ("If_0_then_branch__Inline_0__"); keep the words. */
const cleanPart = (p: string) => p.replace(/__Inline_\d+__$/, "").replace(/_{2,}/g, "_").replace(/^_+|_+$/g, "");

/** "layer1.0" after "layer1" says it all; "bert/encoder/layer.0" reads as "encoder layer.0". */
function pathName(path: string[]): string {
  const out: string[] = [];
  for (const part of path.map(cleanPart)) {
    const prev = out[out.length - 1];
    if (prev && part.startsWith(prev)) out[out.length - 1] = part;
    else out.push(part);
  }
  return out.slice(-2).join(" ");
}

const INDEXED = /^(.*?)(\d+)$/;

/** Plans rooms for units by their module path, as `scopeOf` gives it. */
export function roomsByName(units: Unit[], c: BlockContext, scopeOf: (u: Unit) => string[]): RoomDraft[] {
  const shapeKey = (u: Unit) => {
    const s = c.facts.shapes.get(u.output);
    return s ? formatShape(s) : "";
  };
  const signatures = new Map<string, string>();
  const signature = (block: Unit[]) => {
    const start = block[0]!.id;
    const memo = `${start}:${block.length}`;
    const known = signatures.get(memo);
    if (known !== undefined) return known;
    const sig = block
      .map((u) => {
        const attrs = u.node.attributes.map(([k, v]) => `${k}=${v}`).join(",");
        const src = u.sources.map((s) => (s >= start && s < start + block.length ? s - start : "out")).join(",");
        // Parameter counts stay out: a weight shared by every copy (ALBERT) is counted at its first use only.
        return `${u.pattern?.name ?? u.node.op}|${u.node.summary}|${shapeKey(u)}|${attrs}|${src}`;
      })
      .join(";");
    signatures.set(memo, sig);
    return sig;
  };
  const runsAt = (list: Unit[], depth: number) => {
    const runs: { key: string | null; units: Unit[] }[] = [];
    for (const u of list) {
      const key = scopeOf(u).length > depth ? scopeOf(u)[depth]! : null;
      const last = runs[runs.length - 1];
      if (last && last.key === key) last.units.push(u);
      else runs.push({ key, units: [u] });
    }
    return runs;
  };
  const isLeaf = (run: { units: Unit[] }, depth: number) => run.units.length === 1 || run.units.every((u) => scopeOf(u).length === depth + 1);
  /**
   * Stems of numbered sibling modules ("layer1.0", "layer1.1"; "block1", "block2") worth a room
   * each: when two in a row are identical (they fold), or when each is a named block of three or
   * more ops. Bare numbers inside a block ("1", "2" in "conv2_block1_1_conv") alone are not.
   */
  const splittingStems = (runs: { key: string | null; units: Unit[] }[]) => {
    const byStem = new Map<string, { key: string; units: Unit[] }[]>();
    for (const r of runs) {
      if (r.key === null || r.units.length < 2) continue;
      const m = INDEXED.exec(r.key);
      if (m) byStem.set(m[1]!, [...(byStem.get(m[1]!) ?? []), { key: r.key, units: r.units }]);
    }
    const stems = new Set<string>();
    for (const [stem, group] of byStem) {
      if (new Set(group.map((g) => g.key)).size < 2) continue;
      const named = stem !== "" && group.every((g) => g.units.length >= 3);
      const sigs = group.map((g) => signature(g.units));
      if (named || sigs.some((sig, i) => i > 0 && sig === sigs[i - 1])) stems.add(stem);
    }
    return stems;
  };
  const hasRepeats = (list: Unit[], depth: number): boolean => {
    for (let d = depth; d < depth + 8; d++) {
      const runs = runsAt(list, d);
      if (runs.every((r) => r.key === null)) return false;
      if (splittingStems(runs).size) return true;
    }
    return false;
  };
  const partition = (list: Unit[], depth: number, path: string[]): RoomDraft[] => {
    const runs = runsAt(list, depth);
    if (runs.length === 1 && runs[0]!.key !== null && depth < 64) return partition(list, depth + 1, [...path, runs[0]!.key]);
    if (list.length <= ROOM_MAX && !hasRepeats(list, depth)) return [{ name: pathName(path) || describeBlock(list, c), units: list, block: false }];
    const stems = splittingStems(runs);
    const rooms: RoomDraft[] = [];
    let loose: Unit[] = [];
    const flushLoose = () => {
      if (!loose.length) return;
      // A few named modules read best by their names ("avg_pool, predictions"); more are planned by structure.
      // Names that are only an op and a number ("Conv_1") read as ids, not as modules.
      const modules = [...new Set(loose.map((u) => cleanPart(u.node.label || scopeOf(u)[depth] || "")))].filter((m) => m && !/^[A-Za-z]+_\d+$/.test(m));
      if (loose.length <= ROOM_MAX && modules.length && modules.length <= 3) rooms.push({ name: [pathName(path), modules.join(", ")].filter(Boolean).join(": "), units: loose, block: false });
      else rooms.push(...structuralRooms(loose, c, pathName(path)));
      loose = [];
    };
    for (let i = 0; i < runs.length; i++) {
      const run = runs[i]!;
      const stem = run.key !== null ? INDEXED.exec(run.key)?.[1] : undefined;
      if (run.key === null || (isLeaf(run, depth) && !(stem !== undefined && stems.has(stem)))) {
        loose.push(...run.units);
        continue;
      }
      flushLoose();
      if (stem === undefined || !stems.has(stem)) {
        rooms.push(...partition(run.units, depth + 1, [...path, run.key]));
        continue;
      }
      // Consecutive siblings with the same ops, shapes and wiring fold into the first.
      const sig = signature(run.units);
      let j = i + 1;
      while (j < runs.length) {
        const next = runs[j]!;
        if (next.key === null || INDEXED.exec(next.key)?.[1] !== stem || next.units.length !== run.units.length || signature(next.units) !== sig) break;
        j++;
      }
      const inner = partition(run.units, depth + 1, [...path, run.key]);
      if (j - i === 1) {
        rooms.push(...inner.map((r) => ({ ...r, block: true })));
        continue;
      }
      const group = runs.slice(i, j);
      for (const other of group.slice(1)) {
        other.units.forEach((u, k) => {
          c.onCopy(u, run.units[k]!);
        });
      }
      const names = group.map((g) => g.key!);
      const siblings = runs.filter((r) => r.key !== null && INDEXED.exec(r.key)?.[1] === stem).length;
      const parentLast = path[path.length - 1] ?? "";
      const stemWord = stem.replace(/[._\-\s]+$/, "");
      const word = !stemWord || stemWord === parentLast ? "block" : stemWord;
      const first = INDEXED.exec(names[0]!)![2];
      const last = INDEXED.exec(names[names.length - 1]!)![2];
      const label = `${[pathName(path), word].filter(Boolean).join(" ")}${siblings === group.length ? "" : ` ${first}–${last}`} ×${group.length}`;
      c.onFold(label);
      const repeat: NonNullable<Unit["repeat"]> = { count: group.length, names };
      for (const u of run.units) u.repeat = repeat;
      inner.forEach((r, k) => rooms.push({ name: inner.length === 1 ? label : `${label} · ${r.name.replace(pathName([...path, run.key!]), "").trim() || k + 1}`, units: r.units, block: true }));
      i = j - 1;
    }
    flushLoose();
    return rooms;
  };
  return partition(units, 0, []);
}
