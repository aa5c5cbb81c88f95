// Undo and redo arrive while the edit (or the step before) is still on its way to the server,
// because the live store already shows it: steps wait their turn and none is dropped.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { useHistory } from "~/app/_stores/history-store";

/** A promise with its resolve and reject in hand, standing for a server answer. */
function answer() {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe("history of edits", () => {
  beforeEach(() => useHistory.getState().clear());

  it("redo pressed before the undo was answered redoes exactly what the undo undid", async () => {
    const log: string[] = [];
    const undoAnswer = answer();
    let room = "Annex";
    useHistory.getState().record({
      label: "move",
      undo: async () => {
        log.push("undo sent");
        await undoAnswer.promise;
        room = "Atrium";
      },
      redo: async () => {
        log.push("redo sent");
        room = "Annex";
      },
    });
    const undo = useHistory.getState().step("undo");
    const redo = useHistory.getState().step("redo");
    expect(useHistory.getState().busy).toBe(true);
    await vi.waitFor(() => expect(log).toEqual(["undo sent"]));
    undoAnswer.resolve();
    expect(await undo).toBe("move");
    expect(await redo).toBe("move");
    expect(log).toEqual(["undo sent", "redo sent"]);
    expect(room).toBe("Annex");
    expect(useHistory.getState()).toMatchObject({ busy: false, future: [] });
    expect(useHistory.getState().past.map((e) => e.label)).toEqual(["move"]);
  });

  it("undo pressed before the edit was answered undoes that edit once it is kept", async () => {
    const first = answer();
    const undone: string[] = [];
    useHistory.getState().record({ label: "drag", undo: async () => void undone.push("drag"), redo: async () => undefined });
    useHistory.getState().record({ label: "move", undo: async () => void undone.push("move"), redo: async () => undefined, settled: first.promise });
    const undo = useHistory.getState().step("undo");
    // Nothing is undone while the edit is still unanswered.
    await new Promise((r) => setTimeout(r, 20));
    expect(undone).toEqual([]);
    first.resolve();
    expect(await undo).toBe("move");
    expect(undone).toEqual(["move"]);
  });

  it("an edit the server refused is forgotten, and undo reaches the one before it", async () => {
    const refused = answer();
    const undone: string[] = [];
    useHistory.getState().record({ label: "drag", undo: async () => void undone.push("drag"), redo: async () => undefined });
    const entry = { label: "move", undo: async () => void undone.push("move"), redo: async () => undefined, settled: refused.promise };
    useHistory.getState().record(entry);
    const undo = useHistory.getState().step("undo");
    refused.promise.catch(() => useHistory.getState().forget(entry));
    refused.reject(new Error("changed by someone else"));
    expect(await undo).toBe("drag");
    expect(undone).toEqual(["drag"]);
  });

  it("a step that fails leaves the list without it and does not block the next", async () => {
    useHistory.getState().record({ label: "a", undo: async () => undefined, redo: async () => undefined });
    useHistory.getState().record({
      label: "b",
      undo: () => Promise.reject(new Error("gone")),
      redo: async () => undefined,
    });
    await expect(useHistory.getState().step("undo")).rejects.toThrow("gone");
    expect(await useHistory.getState().step("undo")).toBe("a");
    expect(useHistory.getState().past).toEqual([]);
    expect(useHistory.getState().future.map((e) => e.label)).toEqual(["a"]);
  });
});
