// The palace panel's recall walk is read from the live store: the same stops, in the same order
// and described in the same words as the server's walk, with notes that were cut short marked.
import { describe, expect, it } from "vitest";
import { walkFromView } from "~/app/_components/recall/live-walk";
import type { PalaceView } from "~/app/_stores/live-palace/live-palace.select";
import { placeInRoom, stopCue } from "~/server/domain/route/route.logic";

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const room = { id: id(1), name: "Hall of Steps", gridX: 0, gridZ: 0, width: 9, depth: 9, height: 3, theme: "slate", version: 1 } as PalaceView["room"][string];
const concept = (n: number, title: string, notes: { excerpt: string; length: number }) =>
  ({ id: id(n), title, kind: "optimizer", tags: ["sgd"], sourceUrl: null, version: 1, notesExcerpt: notes.excerpt, notesLength: notes.length, picture: null }) as PalaceView["concept"][string];
const locus = (n: number, conceptId: string, routeOrder: number, x: number, z: number) =>
  ({ id: id(n), conceptId, roomId: room.id, x, y: 0, z, rotationY: 0, shape: "lamp", color: "#c9a227", routeOrder, version: 1 }) as PalaceView["locus"][string];

describe("the recall walk from the live store", () => {
  it("visits placed concepts in route order, described as the server describes them", () => {
    const momentum = concept(10, "Momentum", { excerpt: "A ball rolling", length: 14 });
    const adam = concept(11, "Adam", { excerpt: "Adaptive moments, first", length: 400 });
    const inbox = concept(12, "Not placed", { excerpt: "", length: 0 });
    const view = {
      palace: { id: id(99), title: "Optimisers", ownerId: id(98), ownerName: "O", description: "", visibility: "private", version: 1, access: { role: "owner", canEdit: true } },
      room: { [room.id]: room },
      door: {},
      concept: { [momentum.id]: momentum, [adam.id]: adam, [inbox.id]: inbox },
      locus: { [id(21)]: locus(21, adam.id, 2, 8, 8), [id(20)]: locus(20, momentum.id, 1, 1, 1) },
      link: {},
    } as PalaceView;

    const { walk, excerpted } = walkFromView(view, true);
    expect(walk.stops.map((s) => s.concept.title)).toEqual(["Momentum", "Adam"]);
    expect(walk).toMatchObject({ palace: { id: id(99), title: "Optimisers" }, canGrade: true, dueOnly: false, routeLength: 2 });
    expect(walk.stops[1]!.cue).toBe(stopCue({ roomName: "Hall of Steps", stop: 2, of: 2, shape: "lamp", color: "#c9a227", where: placeInRoom(9, 9, 8, 8) }));
    expect(walk.stops[1]!.cue).toMatch(/^Hall of Steps, stop 2 of 2, .* south-east corner$/);
    // Adam's notes were cut short in the store: the card fetches them in full.
    expect([...excerpted]).toEqual([adam.id]);
    expect(walkFromView(view, false).walk.canGrade).toBe(false);
  });
});
