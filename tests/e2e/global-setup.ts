// Browser-test server: the built app on a free port with a fresh PGlite folder and test hooks
// on. Tests read the address with inject("baseURL").
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { serveApp } from "../helpers/serve";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
  }
}

export default async function setup(project: TestProject) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "engram-e2e-"));
  const served = await serveApp(
    { PGLITE_DIR: path.join(dataDir, "pglite"), DATABASE_URL: "", BETTER_AUTH_SECRET: "", ENGRAM_TEST_HOOKS: "1" },
    path.join(dataDir, "server.log"),
  );
  project.provide("baseURL", served.baseURL);
  return async () => {
    await served.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
