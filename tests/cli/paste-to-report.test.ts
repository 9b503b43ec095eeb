/**
 * Issue 26 in the terminal: from a paste to IT's inbox without losing anything. What the analyzer
 * settles reaches `fixpath diagnose` (--evidence, or analyze's JSON as --answers) and `fixpath
 * report` (a bundle's findings, a ticket from a paste), labelled as the analyzer's; an answer the
 * evidence contradicts is refused. Through main() as a shell runs it, on the project's real
 * fixtures. (`fixpath analyze --json` and its redaction: analyze-redact.test.ts.)
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import { EXIT, type CliIo } from "../../src/cli/io.ts";
import { analyzePaste } from "../../src/evidence/index.ts";
import { collectBundleIdentifiers } from "../../src/report/index.ts";
import { fakeIo, ROOT } from "../helpers/io.ts";

const dir = mkdtempSync(join(tmpdir(), "fixpath-paste-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const FIXTURES = join(ROOT, "tests", "fixtures");
const BUNDLE = join(FIXTURES, "bundle", "90-derived-bundle-from-fixtures.txt");
const STANDARD_USER = join(FIXTURES, "bundle", "92-derived-current-command-standard-user.txt");
const ENTRA_JOINED = join(FIXTURES, "dsregcmd", "03-aadinternals-entra-joined-no-prt.txt");

async function run(argv: string[], stdin?: CliIo["stdin"]) {
  const io = fakeIo(stdin ? { stdin } : {});
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

const piped = (text: string) => Object.assign(Readable.from([Buffer.from(text)]), { isTTY: false }) as unknown as CliIo["stdin"];

/** What `fixpath analyze FILE --json` prints, as a file. */
async function analyzeJson(input: string, name: string, extra: string[] = []): Promise<string> {
  const r = await run(["analyze", input, "--json", ...extra]);
  expect(r.code).toBe(EXIT.ok);
  return file(name, r.out);
}

// ---------------------------------------------------------------- diagnose

describe("fixpath diagnose --evidence", () => {
  it("answers what a bundle settles: the plan needs no administrator question, and says where each answer came from", async () => {
    const answers = file("work.json", JSON.stringify({ accountType: "work" }));
    const json = await run(["diagnose", "caa50021", "--app", "onedrive", "--answers", answers, "--evidence", STANDARD_USER, "--json"]);
    expect(json.code).toBe(EXIT.ok);
    const plan = JSON.parse(json.out) as { assumptions: { fact: string }[]; steps: { id: string; status: string }[]; nextQuestion?: { fact: string } };
    // The bundle settles isAdmin false, managed false, windowsServer false: none of them is assumed or asked.
    for (const fact of ["isAdmin", "managed", "windowsServer", "personalAndWorkPaired"]) {
      expect(plan.assumptions.map((a) => a.fact)).not.toContain(fact);
      expect(plan.nextQuestion?.fact).not.toBe(fact);
    }
    // A standard user: the broker clean-up that needs admin rights is not the person's to do.
    expect(plan.steps.find((s) => s.id === "cleanup-wam-accounts")?.status).not.toBe("do");

    const text = await run(["diagnose", "caa50021", "--app", "onedrive", "--answers", answers, "--evidence", STANDARD_USER]);
    expect(text.code).toBe(EXIT.ok);
    expect(text.out).toContain("Found by the analyzer (not asked)");
    expect(text.out).toMatch(/Do you have administrator rights on this computer\? No\. \(in the evidence bundle: /);
  });

  it("works with the evidence alone, from a script: the plan for what the paste settles", async () => {
    const r = await run(["diagnose", "caa50021", "--app", "onedrive", "--evidence", ENTRA_JOINED, "--json"]);
    expect(r.code).toBe(EXIT.ok);
    const plan = JSON.parse(r.out) as { assumptions: { fact: string }[] };
    expect(plan.assumptions.map((a) => a.fact)).not.toContain("managed");
    // Without --json and without a terminal, the plan as text rather than "needs a terminal".
    const text = await run(["diagnose", "caa50021", "--app", "onedrive", "--evidence", ENTRA_JOINED]);
    expect(text.code).toBe(EXIT.ok);
    expect(text.out).toMatch(/Is this a computer your organisation manages\? Yes\. \(in dsregcmd \/status: /);
  });

  it("refuses an answer the evidence contradicts, naming the fact, both values and the fix", async () => {
    const answers = file("not-managed.json", JSON.stringify({ accountType: "work", managed: false }));
    const r = await run(["diagnose", "caa50021", "--app", "onedrive", "--answers", answers, "--evidence", ENTRA_JOINED]);
    expect(r.code).toBe(EXIT.usage);
    expect(r.out).toBe("");
    expect(r.err).toContain(`"managed": false`);
    expect(r.err).toContain(`shows true`);
    expect(r.err).toContain("03-aadinternals-entra-joined-no-prt.txt");
    expect(r.err).toMatch(/Fix: remove "managed" from the answers/);
    expect(r.err).not.toMatch(/\bat \S+\.ts:\d+/);
  });

  it("accepts the same value in the answers and the evidence", async () => {
    const answers = file("managed.json", JSON.stringify({ managed: true }));
    const r = await run(["diagnose", "caa50021", "--app", "onedrive", "--answers", answers, "--evidence", ENTRA_JOINED, "--json"]);
    expect(r.code).toBe(EXIT.ok);
  });

  it.each<[string, () => string, RegExp]>([
    ["an error message instead of evidence", () => file("message.txt", "Something went wrong. CAA50021 OneDrive"), /neither dsregcmd \/status output nor the evidence bundle[\s\S]*Fix: /],
    ["a missing file", () => join(dir, "nope.txt"), /no such file: [\s\S]*Fix: /],
    ["an empty file", () => file("empty.txt", ""), /empty/i],
  ])("refuses %s with what to pass instead", async (_name, input, message) => {
    const r = await run(["diagnose", "caa50021", "--app", "onedrive", "--evidence", input(), "--json"]);
    expect(r.code).toBe(EXIT.usage);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/\b(?:cli|facts|target|dsreg)\/[a-z-]+/);
  });
});

describe("fixpath diagnose --answers with what fixpath analyze --json printed", () => {
  it("takes the analysis's settled answers, from a file or standard input", async () => {
    const analysis = await analyzeJson(STANDARD_USER, "standard-user.json");
    const r = await run(["diagnose", "caa50021", "--app", "onedrive", "--answers", analysis, "--json"]);
    expect(r.code).toBe(EXIT.ok);
    const plan = JSON.parse(r.out) as { assumptions: { fact: string }[]; steps: { id: string; status: string }[] };
    expect(plan.assumptions.map((a) => a.fact)).not.toContain("isAdmin");
    expect(plan.steps.find((s) => s.id === "cleanup-wam-accounts")?.status).not.toBe("do");

    const piping = await run(["diagnose", "caa50021", "--app", "onedrive", "--answers", "-"], piped(readFileSync(analysis, "utf8")));
    expect(piping.code).toBe(EXIT.ok);
    expect(piping.out).toMatch(/Do you have administrator rights on this computer\? No\. \(in the evidence bundle: /);
  });

  it("refuses two captures that disagree, and an analysis of an error message", async () => {
    const admin = await analyzeJson(BUNDLE, "admin.json");
    const r = await run(["diagnose", "caa50021", "--app", "onedrive", "--answers", admin, "--evidence", STANDARD_USER]);
    expect(r.code).toBe(EXIT.usage);
    expect(r.err).toMatch(/the analysis in .*admin\.json says "isAdmin": true, but .*92-derived-current-command-standard-user\.txt shows false/);
    expect(r.err).toMatch(/Fix: /);

    const message = await analyzeJson(file("dialog.txt", "OneDrive: Something went wrong. Error code CAA50021"), "message.json");
    const m = await run(["diagnose", "caa50021", "--app", "onedrive", "--answers", message]);
    expect(m.code).toBe(EXIT.usage);
    expect(m.err).toMatch(/JSON for an error message, which answers no question[\s\S]*Fix: /);
  });
});

// ---------------------------------------------------------------- report

describe("fixpath report with an evidence bundle", () => {
  /** A saved session: a work account that tried the first step. */
  function session(): string {
    const s = {
      kind: "fixpath-session",
      version: 1,
      startedAt: "Monday",
      session: {
        version: 1,
        code: "caa50021",
        app: "onedrive",
        facts: { accountType: "work" },
        dontKnow: [],
        outcomes: [{ stepId: "clean-restart", outcome: "no-change", at: "2026-12-01T09:00:00Z" }],
        history: [
          { type: "answer", fact: "accountType", value: "work", previous: null },
          { type: "outcome", stepId: "clean-restart", outcome: "no-change", at: "2026-12-01T09:00:00Z" },
        ],
      },
    };
    return file("session.json", JSON.stringify(s));
  }

  it("carries the bundle's findings (the AADSTS event, elevation, OneDrive accounts), redacted", async () => {
    for (const format of ["md", "txt", "json"]) {
      const r = await run(["report", "--session", session(), "--evidence", BUNDLE, "--format", format]);
      expect(r.code, r.err).toBe(EXIT.ok);
      expect(r.out).toContain("AADSTS50034");
      expect(r.out).toMatch(/this window was not elevated/);
      expect(r.out).toMatch(/OneDrive: a personal account, 1 work account/);
      expect(r.out).not.toMatch(/ana@contoso\.com|Users\\\\?ana\b|3e47136a-2382-43d3-98e7-fa3646a91bfe/i);
    }
  });

  it("keeps the person's answer where the paste says otherwise, and says so on stderr", async () => {
    // Nothing to say when the paste does not disagree with the session.
    const r = await run(["report", "--session", session(), "--evidence", BUNDLE, "--format", "json"]);
    expect(r.code).toBe(EXIT.ok);
    expect(r.err).toBe("");
    const withAdmin = JSON.parse(readFileSync(session(), "utf8"));
    withAdmin.session.facts.isAdmin = false;
    withAdmin.session.history.push({ type: "answer", fact: "isAdmin", value: false, previous: null });
    const path = file("session-admin.json", JSON.stringify(withAdmin));
    const noted = await run(["report", "--session", path, "--evidence", BUNDLE, "--format", "json"]);
    expect(noted.code).toBe(EXIT.ok);
    expect(noted.err).toMatch(/^fixpath report: note: the session answers "isAdmin": false, but .*90-derived-bundle-from-fixtures\.txt shows true \(.*line 16\)\. The report keeps the person's answer/);
    expect((JSON.parse(noted.out) as { answers: { fact: string; value: unknown; source: string }[] }).answers.find((a) => a.fact === "isAdmin")).toMatchObject({ value: false, source: "person" });
  });

  it("keeps the identifiers with --no-redact (the analysis is the same)", async () => {
    const r = await run(["report", "--session", session(), "--evidence", BUNDLE, "--format", "json", "--no-redact"]);
    expect(r.code).toBe(EXIT.ok);
    expect((JSON.parse(r.out) as { redaction: { applied: boolean } }).redaction.applied).toBe(false);
  });
});

describe("fixpath report CODE --app APP --answers FILE --evidence FILE: a ticket from a paste", () => {
  const ids = (() => {
    const a = analyzePaste(readFileSync(BUNDLE));
    if (!a.ok || a.kind !== "bundle") throw new Error("fixture 90 is a bundle");
    return collectBundleIdentifiers(a.bundle.evidence).filter((v) => v.length >= 3 && !/^(?:yes|no|none|n\/a)$/i.test(v));
  })();

  it("carries the bundle's findings and no identifier from it, and labels what the analyzer found", async () => {
    const answers = file("ticket.json", JSON.stringify({ accountType: "work", windowsServer: false }));
    for (const format of ["md", "txt"]) {
      const r = await run(["report", "CAA50021", "--app", "onedrive", "--answers", answers, "--evidence", BUNDLE, "--format", format]);
      expect(r.code, r.err).toBe(EXIT.ok);
      expect(r.out).toContain("AADSTS50034");
      expect(r.out).toMatch(/Do you have administrator rights on this computer\? Yes \(found by the analyzer in the evidence bundle: .*line 16; not asked\)\./);
      // windowsServer was given in the answers and the bundle agrees: still the analyzer's finding, said once.
      expect(r.out).toMatch(/Windows Server[^\n]*\? No \(found by the analyzer in the evidence bundle: InstallationType Client, line 24; not asked\)\./);
      // The person's own answer stays theirs.
      expect(r.out).toMatch(/Which account fails to sign in\? A work or school account/);
      expect(r.out).not.toMatch(/Which account fails to sign in\?[^\n]*found by the analyzer/);
      for (const id of ids) expect(r.out.toLowerCase(), id).not.toContain(id.toLowerCase());
    }
    const json = JSON.parse((await run(["report", "caa50021", "--app", "onedrive", "--answers", answers, "--evidence", BUNDLE, "--format", "json"])).out) as {
      answers: { fact: string; source: string; found?: { source: string; lines: number[] } }[];
    };
    expect(json.answers.find((a) => a.fact === "isAdmin")).toMatchObject({ source: "analyzer", found: { source: "the evidence bundle", lines: [16] } });
    expect(json.answers.find((a) => a.fact === "accountType")).toMatchObject({ source: "person" });
  });

  it("builds the ticket from analyze's JSON alone", async () => {
    const analysis = await analyzeJson(BUNDLE, "ticket-analysis.json");
    const r = await run(["report", "caa50021", "--app", "onedrive", "--answers", analysis, "--format", "txt"]);
    expect(r.code, r.err).toBe(EXIT.ok);
    expect(r.out).toMatch(/\? Yes \(found by the analyzer in the evidence bundle: /);
  });

  it("refuses an answer the bundle contradicts, and a ticket without a code or without answers", async () => {
    const wrong = file("wrong.json", JSON.stringify({ isAdmin: false }));
    const r = await run(["report", "caa50021", "--app", "onedrive", "--answers", wrong, "--evidence", BUNDLE]);
    expect(r.code).toBe(EXIT.usage);
    expect(r.err).toMatch(/"isAdmin": false, but .* shows true[\s\S]*Fix: remove "isAdmin"/);
    const noCode = await run(["report", "--app", "onedrive", "--answers", wrong]);
    expect(noCode.code).toBe(EXIT.usage);
    expect(noCode.err).toMatch(/name it[\s\S]*Fix: fixpath report CAA50021/);
    const nothing = await run(["report", "caa50021", "--app", "onedrive"]);
    expect(nothing.code).toBe(EXIT.usage);
    expect(nothing.err).toMatch(/needs what is known[\s\S]*Fix: /);
  });
});

describe("fixpath report --answers: what the person could not tell, and what nobody asked", () => {
  it("says \"Not known\" for an answer of \"unknown\", and \"not answered yet\" for a question not asked", async () => {
    const answers = file("unknowns.json", JSON.stringify({ accountType: "work", managed: "unknown", isAdmin: false, windowsServer: false, multipleUsersAffected: false }));
    const r = await run(["report", "caa50021", "--app", "teams", "--answers", answers]);
    expect(r.code).toBe(EXIT.ok);
    expect(r.out).toContain("Is this a computer your organisation manages? Not known.");
    expect(r.out).toMatch(/The person could not tell “Is this a computer your organisation manages\?” — /);
    // Never asked: not something the person could not tell.
    expect(r.out).toMatch(/Not answered yet: “Does OneDrive say your files are not yet synced/);
    expect(r.out).not.toMatch(/could not tell “Does OneDrive say/);
  });
});
