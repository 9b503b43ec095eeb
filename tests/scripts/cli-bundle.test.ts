// The compiled `fixpath` bin (scripts/cli-bundle.mjs): built on the first run, reused while
// nothing changed, rebuilt when content/ or src/ change, so an edit shows at the next run. Run on a
// copy of the project, so the real cache is left alone.
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI_INPUTS, ensureCliBundle } from "../../scripts/cli-bundle.mjs";
import { ROOT } from "../helpers/io.ts";

const run = promisify(execFile);
let copy = "";
let cacheDir = "";

beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), "fixpath-bin-"));
  for (const input of [...CLI_INPUTS, "bin"]) cpSync(join(ROOT, input), join(copy, input), { recursive: true });
  symlinkSync(join(ROOT, "node_modules"), join(copy, "node_modules"));
  cacheDir = join(copy, ".cli-cache");
});
afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

/** `fixpath <args>` through the copy's bin, with its cache in the copy. */
async function fixpath(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  return run(process.execPath, [join(copy, "bin", "fixpath.mjs"), ...args], { cwd: copy, encoding: "utf8", env: { ...process.env, FIXPATH_CLI_CACHE: cacheDir } });
}

describe("the compiled fixpath bin", () => {
  it("is built on the first run, with a line on stderr while it takes more than a second, and reused after", async () => {
    const first = await fixpath("lookup", "caa50021");
    expect(first.stdout).toContain("Microsoft 365 error CAA50021: the Windows sign-in broker gave up");
    expect(first.stderr).toMatch(/^fixpath: compiling the command line and checking the content after a change…\nfixpath: ready \(\d+\.\d s; again only after the next change\)\.\n$|^$/);
    const again = await ensureCliBundle({ root: copy, cacheDir });
    expect(again.built).toBe(false);
    expect(existsSync(again.snapshot)).toBe(true);
    const second = await fixpath("lookup", "caa50021");
    expect(second).toEqual({ stdout: first.stdout, stderr: "" });
  }, 120_000);

  it("is not rebuilt when a file is touched but unchanged", async () => {
    const before = await ensureCliBundle({ root: copy, cacheDir });
    const file = join(copy, "content", "caa50021", "code.yaml");
    utimesSync(file, new Date(), new Date(Date.now() + 5_000));
    const after = await ensureCliBundle({ root: copy, cacheDir });
    expect(after).toMatchObject({ built: false, dir: before.dir });
  }, 120_000);

  it("shows an edit of content/ at the next run, with a new snapshot and the same bundle", async () => {
    const before = await ensureCliBundle({ root: copy, cacheDir });
    const file = join(copy, "content", "caa50021", "code.yaml");
    const text = readFileSync(file, "utf8");
    writeFileSync(file, text.replace("the Windows sign-in broker gave up", "the sign-in broker stopped trying"));
    const edited = await fixpath("lookup", "caa50021");
    expect(edited.stdout).toContain("Microsoft 365 error CAA50021: the sign-in broker stopped trying");
    expect(edited.stdout).not.toContain("gave up");
    const after = await ensureCliBundle({ root: copy, cacheDir });
    expect(after).toMatchObject({ built: false, dir: before.dir });
    expect(after.snapshot).not.toBe(before.snapshot);
    expect(existsSync(before.snapshot)).toBe(false);
  }, 120_000);

  it("lets fixpath validate read the YAML of an edit at once, without making a snapshot first", async () => {
    const file = join(copy, "content", "caa50021", "code.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("meaningStatus:", "meaningStatuss:"));
    const broken = await fixpath("validate").catch((e: { code: number; stdout: string; stderr: string }) => e);
    expect(broken).toMatchObject({ code: 1, stderr: "" });
    expect(broken.stdout).toContain("kb/unknown-field");
    const bundle = await ensureCliBundle({ root: copy, cacheDir, snapshot: false });
    expect(existsSync(bundle.snapshot)).toBe(false);
  }, 120_000);

  it("is rebuilt when src/ changes", async () => {
    const before = await ensureCliBundle({ root: copy, cacheDir });
    const file = join(copy, "src", "cli", "lookup.ts");
    writeFileSync(file, readFileSync(file, "utf8") + "\n// an edit\n");
    const after = await ensureCliBundle({ root: copy, cacheDir });
    expect(after.built).toBe(true);
    expect(after.dir).not.toBe(before.dir);
  }, 120_000);
});
