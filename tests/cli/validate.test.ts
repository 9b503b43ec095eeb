import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import { fakeIo, ROOT } from "../helpers/io.ts";

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function copyContent(): string {
  const dir = mkdtempSync(join(tmpdir(), "fixpath-content-"));
  temps.push(dir);
  cpSync(join(ROOT, "content"), dir, { recursive: true });
  return dir;
}

describe("fixpath validate", () => {
  it("prints the summary for the project's content and exits 0", async () => {
    const io = fakeIo();
    expect(await main(["validate"], io)).toBe(0);
    expect(io.out()).toMatch(/^✔ content\/ is valid: \d+ codes?, \d+ scenarios?, \d+ checklists?, \d+ steps? in \d+ files?/);
    expect(io.err()).toBe("");
  });

  it("points at the exact line and column of a field broken in a copy of content/", async () => {
    const dir = copyContent();
    const file = join(dir, "caa50021", "onedrive.yaml");
    const text = readFileSync(file, "utf8");
    const broken = text.replace("    tier: first-line\n", "    tier: frist-line\n");
    expect(broken).not.toBe(text);
    writeFileSync(file, broken);
    const lines = broken.split("\n");
    const line = lines.findIndex((l) => l.includes("frist-line")) + 1;
    const col = lines[line - 1]!.indexOf("frist-line") + 1;

    const io = fakeIo();
    expect(await main(["validate", dir], io)).toBe(1);
    // results on stdout, so `fixpath validate | grep` finds them
    expect(io.out()).toContain(`caa50021/onedrive.yaml:${line}:${col}  kb/invalid-value  steps[0].tier`);
    expect(io.out()).toContain('Fix: did you mean "first-line"?');
    expect(io.out()).toMatch(new RegExp(`✖ \\d+ problems? in ${dir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/\n$`));
    expect(io.err()).toBe("");

    const json = fakeIo();
    expect(await main(["validate", dir, "--format", "json"], json)).toBe(1);
    const parsed = JSON.parse(json.out()) as { folder: string; valid: boolean; issues: { code: string; line: number; path: string }[] };
    expect(parsed).toMatchObject({ folder: dir, valid: false });
    expect(parsed.issues).toContainEqual(expect.objectContaining({ code: "kb/invalid-value", path: "steps[0].tier", line }));
  });

  it.each([
    { slip: "a broken library reference", file: "caa82ee7/teams.yaml", from: "use: try-another-network", to: "use: try-another-netwrok", needle: "try-another-netwrok", code: "kb/unknown-library-item", fix: 'did you mean "try-another-network"?' },
    { slip: "a redefinition of a library item's words", file: "caa82ee7/teams.yaml", from: "  - use: try-another-network\n", to: "  - use: try-another-network\n    title: Try the hotspot\n", needle: "title: Try the hotspot", code: "kb/library-redefined", fix: "remove it here" },
  ])("gives exactly one located problem with a fix for $slip in the project's content", async ({ file, from, to, needle, code, fix }) => {
    const dir = copyContent();
    const path = join(dir, ...file.split("/"));
    const broken = readFileSync(path, "utf8").replace(from, to);
    writeFileSync(path, broken);
    const lines = broken.split("\n");
    const line = lines.findIndex((l) => l.includes(needle)) + 1;
    const col = lines[line - 1]!.indexOf(needle) + 1;
    const io = fakeIo();
    expect(await main(["validate", dir, "--format", "json"], io)).toBe(1);
    const issues = (JSON.parse(io.out()) as { issues: { code: string; severity: string; file: string; line: number; col: number; hint: string }[] }).issues;
    expect(issues.filter((i) => i.severity === "error")).toEqual([expect.objectContaining({ code, file: expect.stringContaining(file), line, col })]);
    expect(issues[0]!.hint).toContain(fix);
  });

  it("warns once, in the library file, for a library item no scenario uses, and still passes", async () => {
    const dir = copyContent();
    writeFileSync(join(dir, "library", "steps", "spare-step.yaml"), "kind: step\ntitle: A spare step\nchangesState: false\n");
    const io = fakeIo();
    expect(await main(["validate", dir], io)).toBe(0);
    expect(io.out()).toContain("library/steps/spare-step.yaml:1:1  kb/unused-library-item");
    expect(io.out().match(/kb\/unused-library-item/g)).toHaveLength(1);
  });

  it("names the folder it validated, relative to the working folder", async () => {
    const dir = copyContent();
    const io = fakeIo({ cwd: join(dir, "..") });
    expect(await main(["validate", dir.split("/").at(-1)!, "--format", "json"], io)).toBe(0);
    expect(JSON.parse(io.out())).toMatchObject({ folder: dir.split("/").at(-1), valid: true, errors: 0 });
  });

  it("reports a link to a missing file as a content problem, not an internal error", async () => {
    const dir = copyContent();
    symlinkSync(join(dir, "no-such-file.yaml"), join(dir, "caa50021", "extra.yaml"));
    const io = fakeIo();
    expect(await main(["validate", dir], io)).toBe(1);
    expect(io.out()).toMatch(/caa50021\/extra\.yaml {2}kb\/unreadable-file {2}\(file\)\n {2}cannot be read: it is a symlink to .*no-such-file\.yaml, which does not exist/);
    expect(io.out() + io.err()).not.toContain("internal error");
  });

  it("refuses an unknown --format", async () => {
    const io = fakeIo();
    expect(await main(["validate", "--format", "yaml"], io)).toBe(2);
    expect(io.err()).toContain('--format is text or json, not "yaml"');
  });

  it("reports a missing content folder as a usage error", async () => {
    const io = fakeIo();
    expect(await main(["validate", "no-such-folder"], io)).toBe(2);
    expect(io.err()).toContain("no content folder at no-such-folder");
  });
});

describe("fixpath list", () => {
  it("lists every page with id, title and URL as JSON", async () => {
    const io = fakeIo();
    expect(await main(["list", "--json"], io)).toBe(0);
    const pages = JSON.parse(io.out()) as { id: string; url: string; title: string; kind: string }[];
    const ids = pages.map((p) => p.id);
    expect(ids).toContain("caa50021");
    expect(ids).toContain("caa50021/onedrive");
    for (const p of pages) {
      expect(p.url).toBe(`/codes/${p.id}/`);
      expect(p.title.length).toBeGreaterThan(0);
    }
  });

  it("refuses to list broken content and says how to see why", async () => {
    const dir = copyContent();
    writeFileSync(join(dir, "caa50021", "code.yaml"), "kind: code\nid: [\n");
    const io = fakeIo({ cwd: dir });
    expect(await main(["list", "--content", dir], io)).toBe(1);
    expect(io.err()).toContain("kb/yaml-syntax");
    expect(io.err()).toContain("run `fixpath validate");
  });
});

describe("fixpath CLI shell", () => {
  it("exits 2 on an unknown command and says how to get help", async () => {
    const io = fakeIo();
    expect(await main(["frobnicate"], io)).toBe(2);
    expect(io.err()).toMatch(/unknown command 'frobnicate'/);
    expect(io.err()).toContain("--help");
  });

  it("lists the exit codes in --help", async () => {
    const io = fakeIo();
    expect(await main(["--help"], io)).toBe(0);
    expect(io.out()).toContain("Exit codes (every command):");
    expect(io.out()).toContain("70  internal error");
  });
});

describe("fixpath conventions", () => {
  it("prints the version with --version and -V", async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
    for (const flag of ["--version", "-V"]) {
      const io = fakeIo();
      expect(await main([flag], io)).toBe(0);
      expect(io.out()).toBe(`${version}\n`);
    }
  });

  it("prints the help on stdout when run with no command", async () => {
    const io = fakeIo();
    expect(await main([], io)).toBe(0);
    expect(io.out()).toMatch(/^Usage: fixpath/);
    expect(io.out()).toContain("lookup [options] <text...>");
    expect(io.err()).toBe("");
  });
});

describe("fixpath lookup", () => {
  it.each([[""], ["   "]])("refuses an empty query %j as a usage error", async (query) => {
    const io = fakeIo();
    expect(await main(["lookup", query], io)).toBe(2);
    expect(io.err()).toContain("nothing to look up");
    expect(io.out()).toBe("");
  });

  it("prints the page for a code on stdout", async () => {
    const io = fakeIo();
    expect(await main(["lookup", "0xCAA50021"], io)).toBe(0);
    expect(io.out()).toMatch(/^\d+ pages for 0xCAA50021:\n 1\. .*CAA50021/);
    expect(io.out()).toContain("/codes/caa50021/");
  });

  it("says once, on stderr, when nothing matches, and exits 1", async () => {
    const io = fakeIo();
    expect(await main(["lookup", "qqzzyx wibble"], io)).toBe(1);
    expect(io.out()).toBe("");
    expect(io.err().match(/qqzzyx/g)).toHaveLength(1);
  });
});
