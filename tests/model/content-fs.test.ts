import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readContentFiles } from "../../src/model/content-fs.ts";
import { loadKnowledgeBase } from "../../src/model/load/index.ts";
import { validFiles } from "../helpers/content.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Writes the small valid knowledge base to a temporary content folder. */
function contentFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), "fixpath-content-"));
  dirs.push(dir);
  for (const [name, text] of Object.entries(validFiles())) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe("readContentFiles", () => {
  it("reads every YAML file with its name in the folder and its path for messages", () => {
    const dir = contentFolder();
    const files = readContentFiles(dir, join(dir, ".."));
    expect(files.map((f) => f.name)).toEqual(["caa50021/code.yaml", "caa50021/onedrive.yaml", "sources.yaml"]);
    expect(files[0]!.display).toMatch(/^fixpath-content-[^/]+\/caa50021\/code\.yaml$/);
    expect(loadKnowledgeBase(files).issues).toEqual([]);
  });

  it("returns a dangling symlink as an unreadable file, which the loader reports as a content problem", () => {
    const dir = contentFolder();
    const target = join(dir, "gone", "teams.yaml");
    symlinkSync(target, join(dir, "caa50021", "teams.yaml"));
    const files = readContentFiles(dir, dir);
    const link = files.find((f) => f.name === "caa50021/teams.yaml");
    expect(link).toMatchObject({ text: "", unreadable: `it is a symlink to ${target}, which does not exist` });
    const { issues } = loadKnowledgeBase(files);
    expect(issues.map((i) => `${i.file} ${i.code}`)).toEqual(["caa50021/teams.yaml kb/unreadable-file"]);
    expect(issues[0]!.hint).toMatch(/restore the file, or remove it/);
  });

  it("returns a dangling symlink to a folder too, instead of skipping what it held", () => {
    const dir = contentFolder();
    symlinkSync(join(dir, "gone"), join(dir, "caa70007"));
    const files = readContentFiles(dir, dir);
    expect(files.find((f) => f.name === "caa70007")).toMatchObject({ unreadable: `it is a symlink to ${join(dir, "gone")}, which does not exist` });
    expect(loadKnowledgeBase(files).issues.map((i) => `${i.file} ${i.code}`)).toEqual(["caa70007 kb/unreadable-file"]);
  });
});
