// Large maps and outlines written the way their apps write them, for the import benchmark:
// a Freeplane map and a Markdown outline, each just under the 5 MB import limit.
import { IMPORT_MAX_BYTES } from "~/server/domain/transfer/transfer.limits";

const WORDS = ["gradient", "attention", "residual", "softmax", "embedding", "dropout", "optimiser", "kernel", "tensor", "batch", "layer", "token"];
const phrase = (i: number) => `${WORDS[i % WORDS.length]} ${WORDS[(i * 7) % WORDS.length]} ${i}`;

/** A Freeplane 1.9 map: 8 branches of nested nodes, with notes, icons, attributes and arrows. */
export function bigFreeplaneMap(nodes = 50_000): string {
  const out: string[] = ['<map version="freeplane 1.9.13">', '<node TEXT="Big map" ID="ID_0" CREATED="1700000000000" MODIFIED="1700000000000">'];
  const perBranch = Math.ceil((nodes - 1) / 8);
  let id = 1;
  for (let b = 0; b < 8 && id < nodes; b++) {
    out.push(`<node TEXT="Branch ${b + 1}" POSITION="right" ID="ID_${id++}">`);
    let open = 0;
    for (let n = 1; n < perBranch && id < nodes; n++) {
      const i = id++;
      out.push(`<node TEXT="${phrase(i)}" ID="ID_${i}" CREATED="1700000000000">`);
      if (i % 40 === 0) out.push('<richcontent TYPE="NOTE"><html><head/><body><p>A <b>note</b> with <i>formatting</i> &amp; an entity.</p></body></html></richcontent>');
      if (i % 25 === 0) out.push('<icon BUILTIN="idea"/>');
      if (i % 60 === 0) out.push(`<arrowlink DESTINATION="ID_${i - 30}" MIDDLE_LABEL="see also"/>`);
      // Chains of three under each node keep the map a few levels deep, as real maps are.
      if (n % 4 === 3) {
        out.push("</node>".repeat(open + 1));
        open = 0;
      } else open++;
    }
    out.push("</node>".repeat(open), "</node>");
  }
  out.push("</node>", "</map>");
  const text = out.join("\n");
  if (new TextEncoder().encode(text).length > IMPORT_MAX_BYTES) throw new Error("The generated map is over the import limit.");
  return text;
}

/** A Markdown outline: headings for rooms, nested bullets with tags, notes and wikilinks. */
export function bigMarkdownOutline(targetBytes = IMPORT_MAX_BYTES - 64 * 1024): string {
  const out: string[] = ["# Big outline", ""];
  let size = 0;
  let i = 0;
  for (let room = 1; size < targetBytes; room++) {
    out.push(`## Section ${room}`, "");
    for (let n = 0; n < 500 && size < targetBytes; n++, i++) {
      const depth = n % 3;
      // About 100 bytes an item, as in notes people keep: 5 MB holds some 50,000 items.
      const line = `${"  ".repeat(depth)}- ${phrase(i)}: how ${phrase(i + 1)} meets ${phrase(i + 2)} in practice #${WORDS[i % WORDS.length]}${i % 50 === 0 && i > 0 ? ` see [[${phrase(i - 1)}]]` : ""}`;
      const note = i % 10 === 0 ? `\n${"  ".repeat(depth + 1)}A note under item ${i}, with **bold** text.` : "";
      out.push(line + note);
      size += line.length + note.length + 1;
    }
    out.push("");
  }
  return out.join("\n");
}
