// Every module that must never reach a browser bundle carries `import "server-only"`, so Next's
// build fails if a client component pulls one in; the modules browser code may import do not.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const MARK = /^import "server-only";$/m;

function files(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    return entry.isDirectory() ? files(rel) : rel.endsWith(".ts") ? [rel] : [];
  });
}

const serverFiles = files("server");
const browserSafe = serverFiles.filter((f) => /\.(schema|logic)\.ts$/.test(f) || f.startsWith("server/import/arch/"));
const mustBeServerOnly = serverFiles.filter(
  (f) =>
    !browserSafe.includes(f) &&
    (f.endsWith(".service.ts") ||
    f.endsWith(".response.ts") ||
    f.startsWith("server/realtime/") ||
    f.startsWith("server/trpc/") ||
    ["server/db/client.ts", "server/auth.ts", "server/env.ts", "server/session.ts", "server/runtime.ts", "server/startup.ts", "server/domain/access.ts"].includes(f)),
);

describe("server-only", () => {
  it("finds the modules it checks", () => {
    expect(mustBeServerOnly.filter((f) => f.endsWith(".service.ts")).length).toBeGreaterThan(10);
    expect(mustBeServerOnly).toContain("server/db/client.ts");
    expect(browserSafe.length).toBeGreaterThan(10);
  });

  it.each(mustBeServerOnly)("%s is marked server-only", (file) => {
    expect(fs.readFileSync(path.join(root, file), "utf8")).toMatch(MARK);
  });

  it.each(browserSafe)("%s stays importable by the browser", (file) => {
    expect(fs.readFileSync(path.join(root, file), "utf8")).not.toMatch(MARK);
  });
});
