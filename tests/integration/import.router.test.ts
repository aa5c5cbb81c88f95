import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { strToU8, zipSync } from "fflate";
import type { Database } from "~/server/db/client";
import { exportPalace } from "~/server/domain/transfer/transfer.service";
import { testDatabases } from "../helpers/databases";
import { rejectionOf, signUp } from "../helpers/world";

const file = (name: string) => fs.readFileSync(path.resolve("tests/fixtures/import", name));
const b64 = (data: Buffer | string) => Buffer.from(data).toString("base64");

describe.each(testDatabases)("importing mind maps and notes on $name", (target) => {
  let database: Database & { drop(): Promise<void> };
  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(() => database.drop());

  it.each([
    ["optimisers.md", "Optimisers", 2, 6, 2],
    ["attention.opml", "Attention & friends", 3, 5, 1],
    ["losses.mm", "Losses", 2, 3, 2],
    ["board.canvas", "board", 3, 5, 2],
  ])("imports %s as a private palace with rooms, doors, a route and links", async (name, title, roomCount, conceptCount, linkCount) => {
    const { caller, user } = await signUp(database, "Ada");
    const palace = await caller.transfer.import({ fileName: name, data: b64(file(name)) });
    expect(palace).toMatchObject({ title, ownerId: user.id, visibility: "private", roomCount, conceptCount });
    const scene = await caller.palace.get({ id: palace.id });
    expect(scene.doors).toHaveLength(roomCount - 1);
    expect(scene.loci.map((l) => l.routeOrder).sort((a, b) => a - b)).toEqual(Array.from({ length: conceptCount }, (_, i) => i + 1));
    expect(scene.links).toHaveLength(linkCount);
  });

  it("writes nothing when one item is bad, and says which", async () => {
    const { caller } = await signUp(database, "Bo");
    const canvas = JSON.parse(file("board.canvas").toString());
    canvas.edges.push({ id: "late", fromNode: "a", toNode: "missing" });
    const cases: [string, string | Buffer, RegExp][] = [
      ["board.canvas", JSON.stringify(canvas), /^Edge 4 \(“late”\) points to node “missing”, which the canvas does not have\.$/],
      ["palace.json", "[1, 2]", /^This JSON file holds a list, not a palace\. Engram reads palaces exported from Engram/],
      ["map.xmind", Buffer.from(zipSync({ "content.json": file("xmind-zen.json") })).subarray(0, 200), /^The \.xmind file is a damaged zip archive/],
      ["map.mm", file("losses.mm").toString().slice(0, 200), /^The XML is not well formed: .+ The file may be cut short or damaged\.$/],
      ["notes.md", Buffer.from([0x2d, 0x20, 0xc3, 0x28]), /^The file is not UTF-8 text\./],
      ["notes.zip", Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]), /^The file is a compressed archive\./],
      ["deep.md", Array.from({ length: 80 }, (_, i) => `${"  ".repeat(i)}- ${i}`).join("\n"), /^The outline is nested more than 64 levels deep/],
      ["bomb.opml", '<!DOCTYPE x [<!ENTITY a "aaaa">]><opml><body><outline text="&a;"/></body></opml>', /declares a document type or entities/],
    ];
    for (const [name, data, message] of cases) {
      const error = await rejectionOf(caller.transfer.import({ fileName: name, data: b64(data) }));
      expect({ name, code: error.code, message: error.message }).toEqual({ name, code: "BAD_REQUEST", message: expect.stringMatching(message) });
    }
    const huge = await rejectionOf(caller.transfer.import({ fileName: "big.md", data: b64(Buffer.alloc(5 * 1024 * 1024 + 10, 0x2d)) }));
    expect(huge.message).toMatch(/larger than 5 MB/);
    expect(await caller.palace.list()).toEqual([]);
  });

  it("imports every mind-map construct, returns the import report, and comes back identical through Engram JSON", async () => {
    const { caller, user } = await signUp(database, "Cy");
    const sources: [string, Buffer | Uint8Array][] = [
      ["rich.mm", file("rich.mm")],
      ["latin1.mm", file("latin1.mm")],
      ["feeds.opml", file("feeds.opml")],
      ["wikilinks.md", file("wikilinks.md")],
      ["zen.xmind", zipSync({ "content.json": file("xmind-zen.json"), "metadata.json": strToU8("{}") })],
      ["eight.xmind", zipSync({ "content.xml": file("xmind-8.xml") })],
    ];
    const now = new Date("2026-12-01T00:00:00Z");
    for (const [name, data] of sources) {
      const palace = await caller.transfer.import({ fileName: name, data: b64(Buffer.from(data)) });
      expect(palace.report.length, name).toBeGreaterThan(0);
      if (name === "rich.mm") {
        expect(palace.report).toContain("Node “Vision & language › Models › vit diagram” (ID_picture) holds only an image, so it was titled from the image's file name.");
      }
      const first = await exportPalace(database.db, { userId: user.id }, palace.id, "engram", now);
      const again = await caller.transfer.import({ format: "engram", fileName: first.fileName, data: b64(first.body) });
      expect(again.report).toEqual([]);
      const second = await exportPalace(database.db, { userId: user.id }, again.id, "engram", now);
      expect(second.body, name).toBe(first.body);
    }
  });
});
