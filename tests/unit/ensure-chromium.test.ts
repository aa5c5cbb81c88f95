// The step before `npm test` that finds (or installs) Chromium: pointed at nothing, with
// installing forbidden, it stops at once with a sentence saying what to install or set.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ensureChromium, findChromium } from "../../scripts/ensure-chromium.mjs";

describe("ensure-chromium", () => {
  it("stops with exit code 1 and a sentence when CHROMIUM_PATH points at nothing", () => {
    const run = spawnSync(process.execPath, ["scripts/ensure-chromium.mjs"], {
      env: { ...process.env, CHROMIUM_PATH: "/nonexistent", ENGRAM_NO_INSTALL: "1" },
      encoding: "utf8",
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(
      "[engram] CHROMIUM_PATH is /nonexistent, which is not an executable file: point it at Chromium, or unset it to use /usr/bin/chromium.",
    );
    expect(run.stdout).toBe("");
  });

  it("names the package to install and the variable to set when no usual path holds a browser", () => {
    const env = { PATH: process.env.PATH, ENGRAM_NO_INSTALL: "1" };
    expect(() => ensureChromium(env, ["/nonexistent/chromium", "/nonexistent/google-chrome"])).toThrow(
      "No Chromium found for the browser tests (looked in /nonexistent/chromium, /nonexistent/google-chrome): install Debian's `chromium` package (as root: apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome executable.",
    );
  });

  it("takes CHROMIUM_PATH when it is an executable, else the first usual path that is", () => {
    expect(findChromium({ CHROMIUM_PATH: process.execPath }, [])).toBe(process.execPath);
    const notExecutable = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "engram-chromium-")), "chromium");
    fs.writeFileSync(notExecutable, "", { mode: 0o644 });
    expect(findChromium({}, ["/nonexistent/chromium", notExecutable, process.execPath])).toBe(process.execPath);
    expect(findChromium({}, ["/nonexistent/chromium"])).toBeNull();
  });
});
