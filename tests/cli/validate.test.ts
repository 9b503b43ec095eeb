import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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
    expect(io.out()).toMatch(/^✔ content is valid: \d+ codes, \d+ scenarios, \d+ checklists, \d+ steps in \d+ files/);
  });

  it("points at the exact line and column of a field broken in a copy of content/", async () => {
    const dir = copyContent();
    const file = join(dir, "caa50021", "onedrive.yaml");
    const text = readFileSync(file, "utf8");
    const broken = text.replace("    tier: first-line\n    needsRestart: true", "    tier: frist-line\n    needsRestart: true");
    expect(broken).not.toBe(text);
    writeFileSync(file, broken);
    const lines = broken.split("\n");
    const line = lines.findIndex((l) => l.includes("frist-line")) + 1;
    const col = lines[line - 1]!.indexOf("frist-line") + 1;

    const io = fakeIo({ cwd: dir });
    expect(await main(["validate", dir], io)).toBe(1);
    expect(io.err()).toContain(`caa50021/onedrive.yaml:${line}:${col}  kb/invalid-value  steps[0].tier`);
    expect(io.err()).toContain('Fix: did you mean "first-line"?');
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
    expect(io.out()).toContain("Exit codes:");
    expect(io.out()).toContain("70  internal error");
  });
});
