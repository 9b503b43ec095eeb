import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { runAnalyze } from "../../src/cli/analyze.ts";
import { printable } from "../../src/cli/text.ts";
import type { CliIo } from "../../src/cli/io.ts";
import { EXIT } from "../../src/cli/io.ts";
import { ROOT } from "../helpers/io.ts";
import { FIXTURE_DIR, readFixtures, utf16leWithBom } from "./helpers.ts";

const tmp = mkdtempSync(join(tmpdir(), "fixpath-analyze-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function fakeIo(stdin?: CliIo["stdin"]): { io: CliIo; out: () => string; err: () => string } {
  let out = "";
  let err = "";
  const io: CliIo = {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    env: {},
    // A folder with no content: the analysis runs without a knowledge base.
    cwd: tmp,
  };
  if (stdin) io.stdin = stdin;
  return { io, out: () => out, err: () => err };
}

const file = (name: string, data: string | Uint8Array) => {
  const path = join(tmp, name);
  writeFileSync(path, data);
  return path;
};

const fixture = (name: string) => readFixtures().find((f) => f.name === name)!.text;

describe("fixpath analyze", () => {
  it("analyses a UTF-16LE file and prints findings, not the pasted identifiers", async () => {
    const { io, out, err } = fakeIo();
    const code = await runAnalyze({ input: file("status.txt", utf16leWithBom(fixture("03-aadinternals-entra-joined-no-prt"))), json: false }, io);
    expect(code).toBe(EXIT.ok);
    expect(out()).toContain("dsregcmd /status output (modern layout, 72 lines, utf-16le)");
    expect(out()).toContain("Join type:     Microsoft Entra joined");
    expect(out()).toMatch(/✖ fail {2}No primary refresh token/);
    // States are words, and no finding id is printed (issue 14, item 10).
    expect(out()).not.toMatch(/not-tested|not-elevated|\bprt:/);
    expect(out()).toContain("/codes/caa50021/admin/#prt-health");
    expect(out()).not.toContain("ea77c7d5-7b2f-4567-bf0c-c0a4ceb8b679");
    expect(err()).toBe("");
  });

  it("prints the whole analysis as JSON with --json", async () => {
    const { io, out } = fakeIo();
    const code = await runAnalyze({ input: join(FIXTURE_DIR, "05-mslearn-prejoin-discover-fail-0x801c0021.txt"), json: true }, io);
    expect(code).toBe(EXIT.ok);
    const parsed = JSON.parse(out());
    expect(parsed).toMatchObject({ ok: true, kind: "dsregcmd", dsregcmd: { state: { preJoin: { value: "failed", phase: "discover" } } } });
  });

  it("reads stdin with -, and recognises error text", async () => {
    const { io, out } = fakeIo(Readable.from([Buffer.from("Teams: error "), Buffer.from("caa 50021\n")]));
    const code = await runAnalyze({ input: "-", json: false }, io);
    expect(code).toBe(EXIT.ok);
    expect(out()).toContain("0xCAA50021  written caa 50021");
    expect(out()).toContain("Apps named: teams");
  });

  it("exits 1 when nothing is recognised", async () => {
    const { io, err } = fakeIo(Readable.from([Buffer.from("my laptop is slow today")]));
    expect(await runAnalyze({ input: "-", json: false }, io)).toBe(EXIT.problems);
    expect(err()).toMatch(/^Nothing recognised/);
  });

  it.each([
    ["empty input", "", "the input is empty"],
    ["binary data", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]), "the input is not text (it holds binary data)"],
  ])("exits 2 with a clear message in words, no code and no stack trace, for %s", async (_, data, words) => {
    const { io, out, err } = fakeIo();
    expect(await runAnalyze({ input: file("bad.txt", data), json: false }, io)).toBe(EXIT.usage);
    expect(out()).toBe("");
    expect(err()).toContain(words);
    expect(err()).not.toMatch(/dsreg\//);
    expect(err()).toContain("Fix:");
    expect(err()).not.toMatch(/\n\s+at /);
  });

  it("exits 2 for 10 MB of text without reading it all", async () => {
    const { io, err } = fakeIo();
    const big = file("big.txt", "AzureAdJoined : YES\n".repeat(525_000));
    expect(await runAnalyze({ input: big, json: false }, io)).toBe(EXIT.usage);
    expect(err()).toContain("is 10.0 MB; at most 2.0 MB is read");
  });

  it("stops reading stdin past the limit and exits 2", async () => {
    const chunks = Array.from({ length: 40 }, () => Buffer.alloc(512 * 1024, 0x41));
    const { io, err } = fakeIo(Readable.from(chunks));
    expect(await runAnalyze({ input: "-", json: false }, io)).toBe(EXIT.usage);
    expect(err()).toMatch(/standard input is 20\.0 MB; at most 2\.0 MB is read/);
  });

  it.each([
    ["a missing file", { input: "no-such-file.txt" }, undefined, /no such file: no-such-file\.txt/],
    ["a folder", { input: "." }, undefined, /not a file/],
    ["- without stdin", { input: "-" }, undefined, /no standard input/],
    ["- with a terminal", { input: "-" }, Object.assign(Readable.from([]), { isTTY: true }), /it is a terminal/],
  ])("exits 2 for %s", async (_, args, stdin, message) => {
    const { io, err } = fakeIo(stdin);
    expect(await runAnalyze({ ...args, json: false }, io)).toBe(EXIT.usage);
    expect(err()).toMatch(message);
  });

  it("exits 2 on a closed, empty stdin instead of waiting", async () => {
    const { io, err } = fakeIo(Readable.from([]));
    expect(await runAnalyze({ input: "-", json: false }, io)).toBe(EXIT.usage);
    expect(err()).toContain("the input is empty");
  });

  it("gives JSON errors with --json", async () => {
    const { io, out } = fakeIo();
    expect(await runAnalyze({ input: "missing.txt", json: true }, io)).toBe(EXIT.usage);
    expect(JSON.parse(out())).toMatchObject({ ok: false, issues: [{ code: "cli/unreadable-input" }] });
  });

  it("prints HTML in values as text and escapes terminal control characters", async () => {
    const { io, out } = fakeIo();
    const text = "| Device State |\n AzureAdJoined : YES\n DomainJoined : YES\n Weird\u001b[2J : <script>x</script>\n";
    expect(await runAnalyze({ input: file("html.txt", text), json: true }, io)).toBe(EXIT.ok);
    const parsed = JSON.parse(out());
    expect(parsed.dsregcmd.evidence.extras).toContainEqual(expect.objectContaining({ text: " Weird\u001b[2J : <script>x</script>" }));
    expect(printable("a\u001b[2Jb\nc")).toBe("a\\u001b[2Jb\nc");
  });
});

describe("fixpath analyze, evidence bundle", () => {
  const BUNDLE = readFileSync(join(import.meta.dirname, "../fixtures/bundle/90-derived-bundle-from-fixtures.txt"), "utf8");

  it("prints the device card, each part's state, findings with lines and the answers in words", async () => {
    const { io, out, err } = fakeIo();
    expect(await runAnalyze({ input: file("bundle.txt", utf16leWithBom(BUNDLE)), json: false }, io)).toBe(EXIT.ok);
    const text = out();
    expect(text).toMatch(/^Evidence bundle \(161 lines, utf-16le, 14 parts read\)/);
    expect(text).toMatch(/Administrator rights: Yes \(this window was not elevated\) {2}\(lines 13, 16\)/);
    expect(text).toContain("management enrollment: access denied (line 51)");
    expect(text).toMatch(/✖ fail {2}The sign-in service answered AADSTS50034 in event 1081/);
    expect(text).toContain("The person has local administrator rights on this Windows device: yes");
    expect(text).toMatch(/- Whether the device is managed stays unknown: the management enrollment part says access was denied/);
    // No fact names or ids on screen; identifiers from the paste are not echoed.
    expect(text).not.toMatch(/isAdmin|personalAndWorkPaired|denied-mdm|event-aadsts/);
    expect(text).not.toContain("ana@contoso.com");
    expect(err()).toBe("");
  });

  it("shows the points nobody has confirmed when the content is at hand", async () => {
    const { io, out } = fakeIo();
    io.cwd = ROOT;
    expect(await runAnalyze({ input: join(import.meta.dirname, "../fixtures/bundle/90-derived-bundle-from-fixtures.txt"), json: false }, io)).toBe(EXIT.ok);
    // Counted in one line by default; listed with --unconfirmed.
    expect(out()).toMatch(/\d+ points about what these parts show are not confirmed yet: add --unconfirmed to list them\./);
    expect(out()).not.toMatch(/without administrator rights may read the sign-in event log/);
    const listed = fakeIo();
    listed.io.cwd = ROOT;
    expect(await runAnalyze({ input: join(import.meta.dirname, "../fixtures/bundle/90-derived-bundle-from-fixtures.txt"), json: false, unconfirmed: true }, listed.io)).toBe(EXIT.ok);
    expect(listed.out()).toMatch(/without administrator rights may read the sign-in event log/);
    // AADSTS50034 has a page but no guided diagnostic: the line points at the page, never at a dead end.
    expect(out()).toContain("→ This looks like AADSTS50034, which has no guided diagnostic yet: read its page, /codes/aadsts50034/");
    expect(out()).not.toContain("fixpath diagnose aadsts50034");
  });

  it("--json: the same facts shape as for dsregcmd, and one place for the sections and findings", async () => {
    const { io, out } = fakeIo();
    expect(await runAnalyze({ input: file("bundle.txt", BUNDLE), json: true }, io)).toBe(EXIT.ok);
    const parsed = JSON.parse(out());
    expect(parsed).toMatchObject({ ok: true, kind: "bundle", bundle: { facts: { facts: { isAdmin: true, windowsServer: false, personalAndWorkPaired: true } } } });
    expect(Object.keys(parsed.bundle)).toEqual(["evidence", "state", "findings", "facts", "card"]);
    expect(Object.keys(parsed.bundle.facts)).toEqual(["facts", "support", "unknown", "notes"]);
    // What stays unknown is keyed by fact, its cause in words; the notes are the same in sentences.
    expect(parsed.bundle.facts.unknown).toContainEqual({ fact: "managed", cause: expect.stringMatching(/^the management enrollment part says access was denied/) });
    expect(parsed.bundle.facts.notes).toContain(`Whether the device is managed stays unknown: ${parsed.bundle.facts.unknown.find((u: { fact: string }) => u.fact === "managed").cause}.`);
    expect(parsed.bundle.evidence.sections.mdm.state).toBe("denied");
    // The derived state, as for dsregcmd: each part's readability in words, worked out once.
    expect(parsed.bundle.state.parts.mdm).toMatchObject({ printed: false, unreadable: { kind: "denied", words: expect.stringMatching(/^the management enrollment part says access was denied \(line \d+\)$/) } });
  });

  it("reads a bare whoami /groups on its own", async () => {
    const { io, out } = fakeIo();
    const groups = readFileSync(join(import.meta.dirname, "../fixtures/windows/01-whoami-all-local-admin-not-elevated.log"));
    expect(await runAnalyze({ input: file("groups.txt", groups), json: false }, io)).toBe(EXIT.ok);
    expect(out()).toMatch(/^One part of the evidence bundle, on its own: groups of your sign-in/);
  });

  it("names the file in its messages, not a placeholder", async () => {
    const { io, err } = fakeIo();
    expect(await runAnalyze({ input: file("empty.txt", "   \n"), json: false }, io)).toBe(EXIT.usage);
    expect(err()).toMatch(/empty\.txt: the input is empty/);
    expect(err()).not.toContain("<paste>");
  });
});
