// A pipe named as a file, as a shell's process substitution gives one (`--answers <(…)`,
// `fixpath analyze <(…)`): read to its end like a file. The writer is another process, since the
// read blocks this one until the pipe has its data.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import { fakeIo } from "../helpers/io.ts";
import { FIXTURE_DIR } from "../evidence/helpers.ts";

const dir = mkdtempSync(join(tmpdir(), "fixpath-pipe-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A named pipe that another process fills with `text`. */
function pipeOf(name: string, text: string): string {
  const path = join(dir, name);
  execFileSync("mkfifo", [path]);
  const source = join(dir, `${name}.source`);
  writeFileSync(source, text);
  spawn("sh", ["-c", 'cat "$1" > "$2"', "sh", source, path], { stdio: "ignore" });
  return path;
}

async function run(argv: string[]) {
  const io = fakeIo();
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe("a pipe given as a file", () => {
  it("gives diagnose the same answers as a file", async () => {
    const answers = '{ "windowsServer": true }';
    writeFileSync(join(dir, "answers.json"), answers);
    const fromFile = await run(["diagnose", "caa50021", "--app", "onedrive", "--answers", join(dir, "answers.json")]);
    expect(fromFile.code).toBe(0);
    expect(await run(["diagnose", "caa50021", "--app", "onedrive", "--answers", pipeOf("answers.fifo", answers)])).toEqual(fromFile);
  });

  it("gives analyze the same saved output as a file", async () => {
    const saved = join(FIXTURE_DIR, "01-mslearn-hybrid-joined-legacy-format.txt");
    const fromFile = await run(["analyze", saved]);
    expect(fromFile.code).not.toBe(2);
    expect(fromFile.out).toContain("dsregcmd /status");
    expect(await run(["analyze", pipeOf("status.fifo", readFileSync(saved, "utf8"))])).toEqual(fromFile);
  });
});
