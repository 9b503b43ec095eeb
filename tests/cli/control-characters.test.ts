// What came from outside (a typed code or query, an unknown option, a saved session someone edited)
// is echoed as printable text: no escape sequence reaches the terminal through any command.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import { fakeIo } from "../helpers/io.ts";

/** Clear the screen, set the window title, ring the bell: what a hostile string would try. */
const HOSTILE = "\u001b[2J\u001b]0;owned\u0007\u009b31m";
/** Any C0 or C1 control character but a line break or a tab. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

const dir = mkdtempSync(join(tmpdir(), "fixpath-control-"));
const ANSWERS = join(dir, "answers.json");
writeFileSync(ANSWERS, '{ "managed": true }');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(argv: string[], cwd?: string) {
  const io = fakeIo(cwd ? { cwd } : {});
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe("control characters from outside are shown escaped", () => {
  it.each<[string, string[]]>([
    ["a lookup query", ["lookup", `CAA5002${HOSTILE}`]],
    ["a code given to diagnose", ["diagnose", HOSTILE, "--app", "onedrive", "--answers", ANSWERS]],
    ["a code given to show", ["show", `caa${HOSTILE}`]],
    ["an unknown option", ["lookup", `--x${HOSTILE}`]],
    ["a missing file", ["analyze", `nope${HOSTILE}.txt`]],
  ])("%s", async (_name, argv) => {
    const r = await run(argv);
    expect(r.code).not.toBe(0);
    expect(r.out + r.err).not.toMatch(CONTROL);
    expect(r.out + r.err).toContain("\\u001b[2J");
  });

  it("in a report from a session file someone edited", async () => {
    const session = { version: 1, code: "caa50021", app: "onedrive", facts: { managed: true }, dontKnow: [], outcomes: [], history: [{ type: "answer", fact: "managed", value: true, previous: null }] };
    writeFileSync(join(dir, "s.json"), JSON.stringify({ kind: "fixpath-session", version: 1, startedAt: `Monday${HOSTILE}`, session }));
    for (const format of ["md", "txt", "json"]) {
      const r = await run(["report", "--session", "s.json", "--format", format], dir);
      expect(r.code, format).toBe(0);
      expect(r.out, format).toContain("Monday");
      expect(r.out + r.err, format).not.toMatch(CONTROL);
    }
    // JSON stays JSON, with the same text
    const json = await run(["report", "--session", "s.json", "--format", "json"], dir);
    expect((JSON.parse(json.out) as { startedAt: string }).startedAt).toBe(`Monday${HOSTILE}`);
  });
});
