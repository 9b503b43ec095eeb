/** `fixpath diagnose --answers`: the plan without questions, through main() as a shell runs it. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { APPS } from "../../src/model/index.ts";
import { main } from "../../src/cli/main.ts";
import { EXIT, type CliIo } from "../../src/cli/io.ts";
import { appsWithScenario } from "../../src/engine/index.ts";
import { fakeIo } from "../helpers/io.ts";
import { loadProjectKb } from "../helpers/kb.ts";

const kb = loadProjectKb();
const dir = mkdtempSync(join(tmpdir(), "fixpath-diagnose-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

interface Args {
  code: string;
  app?: string;
  answers?: string;
  json: boolean;
}

async function run(args: Partial<Args>, stdin?: CliIo["stdin"]) {
  // No answers at all is an empty answers file: without --answers, diagnose asks in a terminal.
  const a: Args = { code: "caa50021", app: "onedrive", json: false, answers: file("none.json", "{}"), ...args };
  const argv = ["diagnose", a.code, ...(a.app === undefined ? [] : ["--app", a.app]), ...(a.answers === undefined ? [] : ["--answers", a.answers]), ...(a.json ? ["--json"] : [])];
  const io = fakeIo(stdin ? { stdin } : {});
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

const piped = (text: string) => Object.assign(Readable.from(text === "" ? [] : [Buffer.from(text)]), { isTTY: false }) as unknown as CliIo["stdin"];
const tty = () => Object.assign(Readable.from([]), { isTTY: true }) as unknown as CliIo["stdin"];

describe("fixpath diagnose --json", () => {
  it("prints the plan contract, with assumptions and the next question", async () => {
    const answers = file("managed.json", JSON.stringify({ managed: true, isAdmin: false, accountType: "work" }));
    const r = await run({ answers, json: true });
    expect(r).toMatchObject({ code: EXIT.ok, err: "" });
    const plan = JSON.parse(r.out) as Record<string, unknown>;
    expect(Object.keys(plan)).toEqual(expect.arrayContaining(["code", "app", "outcome", "steps", "assumptions"]));
    expect(Object.keys(plan).every((k) => ["code", "app", "outcome", "steps", "switchTo", "escalation", "assumptions", "nextQuestion"].includes(k))).toBe(true);
    expect(plan).toMatchObject({ code: "caa50021", app: "onedrive", outcome: "plan", escalation: { reasons: expect.any(Array) } });
    const steps = plan.steps as { id: string; status: string; reason: string; cause: { kind: string } }[];
    // `findOut` only on a step that waits for answers (status find-out), naming them; every step says why as data (`cause`) and in words.
    for (const s of steps) expect(Object.keys(s).sort()).toEqual(s.status === "find-out" ? ["cause", "findOut", "id", "reason", "status"] : ["cause", "id", "reason", "status"]);
    expect(steps.find((s) => s.id === "cleanup-wam-accounts")?.cause).toEqual({ kind: "registration", on: "managed" });
    expect(steps.some((s) => s.status === "find-out")).toBe(true);
    expect(steps.find((s) => s.id === "cleanup-wam-accounts")?.status).toBe("ask-admin");
    expect((plan.nextQuestion as { fact: string }).fact).toBe("otherErrorAfterSignIn");
  });

  it("switches guide for another code, written any way", async () => {
    const r = await run({ answers: file("other.json", '{ "accountType": "work", "otherErrorAfterSignIn": "0X8004DE40" }'), json: true });
    expect(JSON.parse(r.out)).toMatchObject({ outcome: "switch-guide", switchTo: "0x8004de40" });
  });

  it("reads the answers from standard input with -", async () => {
    const r = await run({ answers: "-", json: true }, piped('{ "windowsServer": true, "accountType": "work", "otherErrorAfterSignIn": "none" }'));
    expect(r.code).toBe(EXIT.ok);
    expect(JSON.parse(r.out)).toMatchObject({ outcome: "escalate" });
  });

  const single = [...kb.codes.keys()].find((c) => appsWithScenario(kb, c).length === 1);
  it(`uses the code's only scenario when --app is omitted (${single})`, async () => {
    expect(single, "the content has such a code").toBeDefined();
    if (!single) return;
    const r = await run({ code: single.toUpperCase(), app: undefined, json: true });
    expect(r.code).toBe(EXIT.ok);
    expect(JSON.parse(r.out)).toMatchObject({ code: single, app: appsWithScenario(kb, single)[0] });
  });
});

describe("fixpath diagnose (text)", () => {
  // In the interactive mode's words (issue 26): no outcome, status, step or stop ids on screen (they are in --json).
  it("prints what to do, each step with its reason, what not to do and the next question", async () => {
    const r = await run({});
    expect(r.code).toBe(EXIT.ok);
    expect(r.out).toMatch(/^The plan: take the steps below, in order\./m);
    expect(r.out).toMatch(/ 1\. Restart Windows/);
    // nothing answered: the broker clean-up waits for the answers that would hold it back
    expect(r.out).toMatch(/\d\. Clear the broker's accounts.* \(find out first\)/);
    expect(r.out).toContain("What not to do");
    expect(r.out).toMatch(/ - Running dsregcmd \/leave\. /);
    expect(r.out).toMatch(/Next question\n {2}Which account fails to sign in\?/);
    expect(r.out).toContain(`To answer it, add to the answers file: { "accountType": "work" | "personal" }`);
    expect(r.out).not.toMatch(/\[(?:clean-restart|cleanup-wam-accounts|dsregcmd-leave)\]|Outcome: |ask-admin|find-out|the stop does not apply/);
  });

  it("says each thing a held step waits for once, and points the next steps held for the same answers back to it", async () => {
    const { code, out } = await run({ answers: file("unsure.json", "{}") });
    expect(code).toBe(0);
    const held = out.split("\n").filter((l) => l.trim().startsWith("Find out first"));
    expect(held.length).toBeGreaterThan(2);
    const full = held.filter((l) => !/^Find out first, as for step \d+\.$/.test(l.trim()));
    expect(new Set(full).size).toBe(full.length);
    expect(full.length).toBeLessThan(held.length);
  });

  it("reads answers saved by Windows PowerShell 5.1 (UTF-16 with a BOM) or Notepad (UTF-8 with a BOM) as the same answers", async () => {
    const json = '{ "windowsServer": true }';
    const plain = await run({ answers: file("plain.json", json) });
    const utf16 = await run({ answers: file("utf16.json", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json, "utf16le")])) });
    const bom = await run({ answers: file("bom.json", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json)])) });
    expect(plain.code).toBe(0);
    expect(plain.out).toMatch(/^Stop here and hand over to IT/m);
    expect(utf16).toEqual(plain);
    expect(bom).toEqual(plain);
  });

  it("refuses an endless device given as the answers file once past the limit", async () => {
    const endless = await run({ answers: "/dev/zero" });
    expect(endless.code).toBe(EXIT.usage);
    expect(endless.err).toMatch(/^fixpath diagnose: \/dev\/zero is over 16\.0 MB; at most 16\.0 MB is read/);
  });

  it("prints the escalation and the stop's reason", async () => {
    const r = await run({ answers: file("server.json", '{ "windowsServer": true }') });
    expect(r.out).toMatch(/^Stop here and hand over to IT/m);
    expect(r.out).toContain("Hand over to IT");
    expect(r.out).toMatch(/Windows Server/);
  });
});

describe("fixpath diagnose refuses bad input with exit 2", () => {
  const missingApp = (() => {
    for (const code of kb.codes.keys()) {
      const have = appsWithScenario(kb, code);
      const app = APPS.find((a) => !have.includes(a));
      if (have.length > 0 && app) return { code, app, have };
    }
    return undefined;
  })();
  const multi = [...kb.codes.keys()].find((c) => appsWithScenario(kb, c).length > 1);

  it.each<[string, () => Promise<{ code: number; err: string }>, RegExp]>([
    // --- the answers
    ["invalid JSON", () => run({ answers: file("bad.json", "{ managed: true ") }), /not valid JSON/],
    ["a list instead of an object", () => run({ answers: file("list.json", "[true]") }), /JSON object/],
    ["an unknown fact", () => run({ answers: file("typo.json", '{ "manged": true }') }), /did you mean "managed"\?/],
    ["a boolean written as text", () => run({ answers: file("yes.json", '{ "managed": "yes" }') }), /true or false[\s\S]*write true/],
    ["a value that does not exist", () => run({ answers: file("where.json", '{ "where": "baner" }') }), /"baner" is not a value of "where"[\s\S]*did you mean "banner"\?/],
    ["a code that is not a code", () => run({ answers: file("code.json", '{ "otherErrorAfterSignIn": "soon" }') }), /not an error code/],
    ["a missing answers file", () => run({ answers: join(dir, "nope.json") }), /no such file: .*nope\.json[\s\S]*Fix: pass a JSON file of answers/],
    // --- where, in the file: line and column, as an editor counts them
    ["a comma after the last answer", () => run({ answers: file("comma.json", '{\n  "managed": true,\n}\n') }), /comma\.json:2:18: the answers are not valid JSON: a comma after the last entry/],
    ["a file cut short", () => run({ answers: file("cut.json", '{\n  "managed": true') }), /cut\.json:2:18: the answers are not valid JSON: it ends too early/],
    ["a Windows path with single backslashes", () => run({ answers: file("path.json", '{ "where": "C:\\Users" }') }), /path\.json:1:15: [^\n]*a backslash that escapes nothing/],
    ["a wrong value, at its line", () => run({ answers: file("line.json", '{\n  "where": "banner",\n  "managed": "yes"\n}') }), /line\.json:3:3: "managed" is true or false/],
    ["binary data", () => run({ answers: file("binary.json", Buffer.from([0x7b, 0, 0x01, 0x02, 0x03, 0xff, 0x00, 0x22, 0x10, 0x11])) }), /binary\.json: the answers are not text \(it holds binary data\)/],
    ["an empty file", () => run({ answers: file("empty.json", " \n") }), /empty\.json: the answers are empty/],
    ["- with a terminal on stdin", () => run({ answers: "-" }, tty()), /nothing was piped in/],
    ["- with nothing on stdin", () => run({ answers: "-" }, piped("")), /nothing was piped in/],
    ["- without stdin", () => run({ answers: "-" }), /nothing was piped in/],
    // --- the code and the app
    ["an unknown code", () => run({ code: "CAA99999" }), /no guide for the code "CAA99999"/],
    ["text that is not a code", () => run({ code: "hello" }), /not an error code/],
    ["an unknown app", () => run({ app: "onedriv" }), /did you mean "onedrive"\?/],
  ])("%s", async (_name, go, message) => {
    const r = await go();
    expect(r.code).toBe(EXIT.usage);
    expect(r.err).toMatch(message);
    // In words: no internal problem code (cli/…, facts/…, target/…) reaches a person.
    expect(r.err).not.toMatch(/\b(?:cli|facts|target)\/[a-z-]+/);
  });

  it("an unknown code lists the codes with a diagnostic once, not every code twice", async () => {
    const r = await run({ code: "CAA99999" });
    expect(r.code).toBe(EXIT.usage);
    expect(r.err.match(/caa50021/g)).toHaveLength(1);
    const withoutScenario = [...kb.codes.keys()].find((c) => appsWithScenario(kb, c).length === 0);
    expect(withoutScenario, "the content has a code without a scenario").toBeDefined();
    expect(r.err).not.toContain(withoutScenario!);
  });

  it("an app without a scenario lists the apps that have one", async () => {
    expect(missingApp, "the content has such a code").toBeDefined();
    if (!missingApp) return;
    const r = await run({ code: missingApp.code, app: missingApp.app });
    expect(r.code).toBe(EXIT.usage);
    expect(r.err).not.toContain("target/");
    expect(r.err).toContain(`apps with a scenario for ${missingApp.code}: ${missingApp.have.join(", ")}`);
  });

  it("no --app for a code with several scenarios lists them", async () => {
    expect(multi, "the content has such a code").toBeDefined();
    if (!multi) return;
    const r = await run({ code: multi, app: undefined });
    expect(r.code).toBe(EXIT.usage);
    expect(r.err).toMatch(/several apps/);
    expect(r.err).toContain(appsWithScenario(kb, multi).join(", "));
  });
});

describe("fixpath diagnose --answers, text: each reason once", () => {
  it("a guide that does not fit says why once, and nothing of its steps or open questions", async () => {
    const r = await run({ answers: file("personal.json", '{ "accountType": "personal" }') });
    expect(r.code).toBe(EXIT.ok);
    expect(r.out).toContain("This guide does not fit your situation.");
    expect(r.out.split("You are signing in with a personal Microsoft account.").length - 1).toBe(1);
    expect(r.out).not.toMatch(/Not proposed|Not offered|Next question|Not answered yet/);
  });

  it("steps not offered for one cause are named together, and a stop said under the hand-over is not repeated", async () => {
    const r = await run({ answers: file("server.json", '{ "accountType": "work", "windowsServer": true, "managed": true }') });
    expect(r.out).toMatch(/Not offered\n {2}- Restart Windows \(Restart, not Shut down\); Unlink the work account in OneDrive;[^\n]*: The plan stops before them \(see "Hand over to IT" below\)\.\n\n/);
    expect(r.out.split("OneDrive on Windows Server has its own supported setups").length - 1).toBe(1);
    // an escalation before any step never speaks of the first-line steps
    expect(r.out).not.toContain("after the first-line steps, stop there");
  });
});
