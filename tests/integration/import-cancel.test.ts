// Cancel in the import dialog aborts the save's request; the server then rolls the write back
// unless it had already committed. An aborted signal writes nothing; a live one writes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/server/db/client";
import { importPlannedPalace } from "~/server/domain/transfer/transfer.service";
import { readArchitecture } from "~/server/import/arch";
import { testDatabases } from "../helpers/databases";
import { tinyResNet, writeOnnx } from "../helpers/onnx-writer";
import { signUp } from "../helpers/world";

describe.each(testDatabases)("cancelling an import on $name", (target) => {
  let database: Database & { drop(): Promise<void> };
  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(() => database.drop());

  it("rolls back a planned import whose request was aborted, and writes one whose request was not", async () => {
    const { caller, user } = await signUp(database, "Cancel");
    const { palace } = readArchitecture({ fileName: "cancelled.onnx", bytes: writeOnnx(tinyResNet(2)) });
    const actor = { userId: user.id };

    const aborted = new AbortController();
    aborted.abort();
    await expect(importPlannedPalace(database.db, actor, { palace }, aborted.signal)).rejects.toMatchObject({
      code: "INVALID",
      message: "The import was cancelled; nothing was saved.",
    });
    expect(await caller.palace.list()).toEqual([]);

    const saved = await importPlannedPalace(database.db, actor, { palace }, new AbortController().signal);
    expect(saved).toMatchObject({ title: "cancelled", conceptCount: palace.concepts.length });
    expect((await caller.palace.list()).map((p) => p.id)).toEqual([saved.id]);
  });
});
