// Which pictures the 3D view loads: only those within reach, the nearest first and never more
// than a couple of dozen, at display size up close with a margin so they do not flicker.
import { describe, expect, it } from "vitest";
import { choosePictures, frameSize, type PictureItem } from "~/app/_scene/loci/picture-frames";

const item = (i: number, x: number, z = 0): PictureItem => ({
  conceptId: `c${i}`,
  thumbUrl: `/t/${i}`,
  displayUrl: `/d/${i}`,
  aspect: 1,
  position: [x, 1.6, z],
});
const eye = { x: 0, y: 1.6, z: 0 };

describe("choosing pictures to load", () => {
  it("loads nothing out of reach and at most 24, nearest first, in a room of 200", () => {
    const room = Array.from({ length: 200 }, (_, i) => item(i, (i % 20) * 2 - 19, Math.floor(i / 20) * 2 - 9));
    const chosen = choosePictures(room, eye, new Map());
    expect(chosen.size).toBe(24);
    const distance = (id: string) => {
      const p = room.find((r) => r.conceptId === id)!.position;
      return Math.hypot(p[0], p[2]);
    };
    const furthestChosen = Math.max(...[...chosen.keys()].map(distance));
    const nearestLeft = Math.min(...room.filter((r) => !chosen.has(r.conceptId)).map((r) => distance(r.conceptId)));
    expect(furthestChosen).toBeLessThanOrEqual(nearestLeft);
    expect(choosePictures([item(1, 31)], eye, new Map()).size).toBe(0);
  });

  it("shows the display size close up and keeps it until well past the switch", () => {
    const pictures = [item(1, 4), item(2, 6), item(3, 8)];
    const first = choosePictures(pictures, eye, new Map());
    expect([...first]).toEqual([["c1", "display"], ["c2", "thumb"], ["c3", "thumb"]]);
    // Having come close to c2, stepping back to 6 m keeps its display size; at 8 m it goes.
    const after = choosePictures(pictures, eye, new Map([["c2", "display"], ["c3", "display"]]));
    expect(after.get("c2")).toBe("display");
    expect(after.get("c3")).toBe("thumb");
  });

  it("sizes the frame by the picture's shape", () => {
    expect(frameSize(2).map((m) => Math.round(m * 100))).toEqual([80, 45]);
    expect(frameSize(0.5).map((m) => Math.round(m * 100))).toEqual([45, 80]);
  });
});
