import { beforeEach, describe, expect, it } from "vitest";
import { summarise } from "~/app/_components/recall/walk-summary";
import { useRecallWalk } from "~/app/_stores/recall-store";

const stops = ["a", "b", "c"].map((id) => ({ conceptId: id, locusId: `locus-${id}` }));

describe("recall walk store", () => {
  beforeEach(() => useRecallWalk.getState().reset());

  it("tracks the current stop, the reveal and what remains, for the 3D view", () => {
    const walk = useRecallWalk.getState();
    walk.start("palace", stops, 1000);
    expect(useRecallWalk.getState()).toMatchObject({ currentConceptId: "a", currentLocusId: "locus-a", revealed: false, remaining: ["b", "c"] });
    useRecallWalk.getState().graded(3, 1500);
    expect(useRecallWalk.getState().grades).toEqual([]);
    useRecallWalk.getState().reveal();
    const key = useRecallWalk.getState().gradeKey;
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    useRecallWalk.getState().reveal();
    expect(useRecallWalk.getState().gradeKey).toBe(key);
    useRecallWalk.getState().graded(1, 4000);
    expect(useRecallWalk.getState()).toMatchObject({
      currentConceptId: "b",
      revealed: false,
      gradeKey: null,
      // The miss comes back at the end of the walk.
      remaining: ["c", "a"],
      grades: [{ conceptId: "a", rating: 1, ms: 3000 }],
      finishedAt: null,
    });
  });

  it("finishes after the last stop, and an empty walk is finished at once", () => {
    const walk = useRecallWalk.getState();
    walk.start("palace", stops.slice(0, 1), 0);
    useRecallWalk.getState().reveal();
    useRecallWalk.getState().graded(4, 2500);
    expect(useRecallWalk.getState()).toMatchObject({ currentConceptId: null, remaining: [], finishedAt: 2500 });
    useRecallWalk.getState().start("palace", [], 10);
    expect(useRecallWalk.getState().finishedAt).toBe(10);
  });

  it("skips a stop without grading it", () => {
    useRecallWalk.getState().start("palace", stops, 0);
    useRecallWalk.getState().skip(100);
    expect(useRecallWalk.getState()).toMatchObject({ currentConceptId: "b", grades: [], remaining: ["c"], stopShownAt: 100 });
  });

  it("ends early with what was graded, counting the stops left unwalked", () => {
    useRecallWalk.getState().start("palace", stops, 1000);
    useRecallWalk.getState().reveal();
    useRecallWalk.getState().graded(3, 2000);
    useRecallWalk.getState().end(2500);
    expect(useRecallWalk.getState()).toMatchObject({
      finishedAt: 2500,
      unwalked: 2,
      currentConceptId: null,
      grades: [{ conceptId: "a", rating: 3 }],
    });
    // Ending again, or grading after the end, changes nothing.
    useRecallWalk.getState().end(9000);
    useRecallWalk.getState().graded(4, 9000);
    expect(useRecallWalk.getState()).toMatchObject({ finishedAt: 2500, unwalked: 2, grades: [{ conceptId: "a", rating: 3 }] });
  });

  it("brings a miss back at the end of the walk, at most twice, marked as walked again", () => {
    const walk = () => useRecallWalk.getState();
    const grade = (rating: 1 | 2 | 3 | 4) => {
      walk().reveal();
      walk().graded(rating);
    };
    walk().start("palace", stops, 1000);
    grade(1); // a
    grade(3); // b
    grade(3); // c
    expect(walk()).toMatchObject({ currentConceptId: "a", finishedAt: null });
    expect(walk().stops.at(-1)).toEqual({ conceptId: "a", locusId: "locus-a", again: true });
    grade(1); // a again, missed again
    expect(walk().currentConceptId).toBe("a");
    grade(1); // a a third time: left for later
    expect(walk().finishedAt).not.toBeNull();
    expect(walk().stops.map((s) => s.conceptId)).toEqual(["a", "b", "c", "a", "a"]);
  });
});

describe("walk summary", () => {
  it("counts each concept by its first grade, and a miss as relearnt when its last grade is not Again", () => {
    const grades = [
      { conceptId: "a", rating: 1 },
      { conceptId: "b", rating: 1 },
      { conceptId: "c", rating: 4 },
      { conceptId: "a", rating: 3 },
      { conceptId: "b", rating: 1 },
    ];
    const summary = summarise(grades);
    expect(summary.first.map((g) => [g.conceptId, g.rating])).toEqual([
      ["a", 1],
      ["b", 1],
      ["c", 4],
    ]);
    expect(summary.stillMissed).toEqual(["b"]);
    expect(summary.relearnt).toBe(1);
  });
});
