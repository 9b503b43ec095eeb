import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { answer, attachFindings, explainOutcome, recordOutcome, sessionState, startSession, type Session } from "../../src/engine/index.ts";
import { analyzeDsregcmd } from "../../src/evidence/index.ts";
import { buildReport, collectIdentifiers, createRedactor, REDACTED_WORDS, renderReport, REPORT_FORMATS } from "../../src/report/index.ts";
import { ROOT } from "../helpers/io.ts";
import { loadProjectKb } from "../helpers/kb.ts";

const kb = loadProjectKb();
const FIXTURES = join(ROOT, "tests", "fixtures", "dsregcmd");
const fixtureFiles = readdirSync(FIXTURES).filter((f) => f.endsWith(".txt") && /^\d\d-/.test(f));

function ok<T>(r: { ok: true; session: T } | { ok: false; issues: unknown[] }): T {
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.session;
}

/** A managed-device user without admin rights who works through the first-line steps. */
function escalatedSession(): Session {
  let s = ok(startSession(kb, { code: "CAA50021", app: "onedrive" }));
  const answers: [string, boolean | string][] = [
    ["accountType", "work"], ["otherErrorAfterSignIn", "none"], ["windowsServer", false], ["multipleUsersAffected", false],
    ["filesNotSyncedZeroFiles", false], ["managed", true], ["isAdmin", false], ["where", "banner"], ["personalAndWorkPaired", false],
  ];
  for (const [fact, value] of answers) s = ok(answer(s, fact, value));
  let minute = 0;
  for (let state = sessionState(kb, s)!; state.status === "step" || state.status === "asking"; state = sessionState(kb, s)!) {
    if (state.status === "asking") s = ok(answer(s, state.question!.fact, "unknown"));
    else if (state.step!.id === "check-access-work-or-school") {
      // one step the person could not do, with why and a note that names someone (redacted in the report)
      s = ok(recordOutcome(kb, s, { stepId: state.step!.id, outcome: "could-not", at: `2026-11-26T09:${String(10 + minute++).padStart(2, "0")}:00Z` }));
      s = ok(explainOutcome(s, { stepId: state.step!.id, reason: "no-rights", note: "Windows asked for helpdesk@contoso.com's password" }));
    } else s = ok(recordOutcome(kb, s, { stepId: state.step!.id, outcome: "no-change", at: `2026-11-26T09:${String(10 + minute++).padStart(2, "0")}:00Z` }));
  }
  return s;
}

const evidence = (() => {
  const r = analyzeDsregcmd(readFileSync(join(FIXTURES, "01-mslearn-hybrid-joined-legacy-format.txt"), "utf8"));
  if (!r.ok) throw new Error("fixture 01 did not parse");
  return r.analysis;
})();

describe("the escalation report", () => {
  const session = escalatedSession();
  const input = { kb, session, evidence, startedAt: "Monday morning, after the password change", generatedAt: "2026-11-26T10:00:00Z" };

  it("ends escalated, with the steps tried and what IT should check next", () => {
    const data = buildReport(input)!;
    expect(data.status).toBe("escalated");
    // On a managed PC the steps that remove or add a work account (the broker clean-up, Access work
    // or school) are IT's, so the person tries the other first-line steps only.
    expect(data.tried.map((t) => t.stepId)).toEqual(["clean-restart", "unlink-work-account", "repair-onedrive"]);
    expect(data.notTaken.find((g) => g.steps.some((s) => s.stepId === "cleanup-wam-accounts"))?.status).toBe("ask-admin");
    expect(data.notTaken.find((g) => g.steps.some((s) => s.stepId === "check-access-work-or-school"))?.status).toBe("ask-admin");
    expect(data.neverDo.map((n) => n.id)).toEqual(expect.arrayContaining(["dsregcmd-leave", "unenroll-intune"]));
    expect(data.startedAt).toBe("Monday morning, after the password change");
    expect(data.findings[0]?.summary?.find((s) => s.label === "Join type")?.value).toBe("Microsoft Entra hybrid joined");
  });

  it.each(REPORT_FORMATS)("renders %s, redacted (golden)", async (format) => {
    await expect(renderReport(buildReport(input)!, format)).toMatchFileSnapshot(`./__golden__/escalated.redacted.${format}`);
  });

  it.each(REPORT_FORMATS)("renders %s, not redacted (golden)", async (format) => {
    await expect(renderReport(buildReport(input, { redact: false })!, format)).toMatchFileSnapshot(`./__golden__/escalated.plain.${format}`);
  });

  it("renders in one go from the session, the same as building then rendering", () => {
    for (const format of REPORT_FORMATS) {
      expect(renderReport(input, { format, baseUrl: "https://fixpath.example.org" })).toBe(renderReport(buildReport(input, { baseUrl: "https://fixpath.example.org" })!, format));
    }
  });

  it("keeps identifiers only when asked to", () => {
    const ids = collectIdentifiers(evidence.evidence).filter((v) => v.length >= 3);
    expect(ids.length).toBeGreaterThan(0);
    const plain = JSON.stringify(buildReport({ ...input, startedAt: "after ana@contoso.com changed her password" }, { redact: false }));
    const redacted = JSON.stringify(buildReport({ ...input, startedAt: "after ana@contoso.com changed her password" }));
    expect(plain).toContain("ana@contoso.com");
    expect(redacted).not.toContain("ana@contoso.com");
    expect(redacted).toContain("[email-1]");
  });

  it("redacts what the person typed, and quotes no example address as an answer", () => {
    const md = renderReport({ ...input, startedAt: "since ana@contoso.com reset MFA" }, { format: "md" });
    expect(md).toContain("Which account fails to sign in? A work or school account.");
    expect(md).not.toContain("you@yourcompany.com");
    expect(md).toContain("since [email-1] reset MFA");
    expect(md).not.toContain("ana@contoso.com");
  });

  it.each([...kb.scenarios.keys()])("leaves content text alone when redacting (%s)", (id) => {
    const sc = kb.scenarios.get(id)!;
    let s = ok(startSession(kb, { code: sc.code, app: sc.app }));
    for (const q of sc.questions) if (q.choices) s = ok(answer(s, q.fact, q.choices[0]!.value));
    const cut = (text: string) => text.split("\n").slice(0, -2).join("\n");
    const redacted = renderReport({ kb, session: s, evidence }, { format: "md" });
    expect(cut(redacted)).toBe(cut(renderReport({ kb, session: s, evidence }, { format: "md", redact: false })));
  });

  it("says why a step could not be done, with the person's note redacted", () => {
    let s = ok(startSession(kb, { code: "caa50021", app: "onedrive", facts: { accountType: "work", windowsServer: false, multipleUsersAffected: false, filesNotSyncedZeroFiles: false } }));
    s = ok(recordOutcome(kb, s, { stepId: "clean-restart", outcome: "could-not", at: "2026-11-26T09:00:00Z" }));
    s = ok(explainOutcome(s, { stepId: "clean-restart", reason: "no-rights", note: "the PC belongs to ana@contoso.com" }));
    const txt = renderReport({ kb, session: s }, { format: "txt" });
    expect(txt).toContain("Restart Windows (Restart, not Shut down): could not do it (2026-11-26T09:00:00Z). Why: they had no rights to do it (\"the PC belongs to [email-1]\").");
  });

  it("redacts what the person typed: computer names, SIDs, phone numbers, e-mail in any script, IP addresses; and the footer says exactly that", () => {
    let s = ok(startSession(kb, { code: "caa50021", app: "onedrive", facts: { accountType: "work", windowsServer: false, multipleUsersAffected: false, filesNotSyncedZeroFiles: false } }));
    s = ok(recordOutcome(kb, s, { stepId: "clean-restart", outcome: "could-not", at: "2026-11-26T09:00:00Z" }));
    const note = "PC DESKTOP-4F2K9AB, SID S-1-5-21-1111111111-2222222222-3333333333-1001, call +44 20 7946 0958 or 555.123.4567, ana.pérez@contoso.com, 10.1.2.3";
    s = ok(explainOutcome(s, { stepId: "clean-restart", reason: "other", note }));
    const txt = renderReport({ kb, session: s }, { format: "txt" });
    for (const id of ["DESKTOP-4F2K9AB", "S-1-5-21-1111111111", "7946 0958", "555.123.4567", "pérez", "10.1.2.3"]) expect(txt).not.toContain(id);
    expect(txt).toContain(REDACTED_WORDS);
    // Unticked, the same report keeps them and says so.
    const raw = renderReport({ kb, session: s }, { format: "txt", redact: false });
    expect(raw).toContain(note);
    expect(raw).not.toContain(REDACTED_WORDS);
  });

  it("keeps a fixed case a short record: nothing for IT to check next, while an escalated one lists the checks", () => {
    let s = ok(startSession(kb, { code: "caa50021", app: "onedrive", facts: { accountType: "work", windowsServer: false, multipleUsersAffected: false, filesNotSyncedZeroFiles: false, managed: false, isAdmin: true } }));
    s = ok(recordOutcome(kb, s, { stepId: "clean-restart", outcome: "fixed", at: "2026-11-26T09:00:00Z" }));
    const data = buildReport({ kb, session: s })!;
    expect(data.status).toBe("resolved");
    expect(data.checkNext).toEqual([]);
    expect(renderReport(data, "md")).not.toContain("What IT should check next");
    const escalated = buildReport({ kb, session: escalatedSession() })!;
    expect(escalated.status).toBe("escalated");
    expect(escalated.checkNext.length).toBeGreaterThan(0);
    // What the guide asked the person to have ready for IT goes with an open case, not a fixed one.
    expect(escalated.askFor).toEqual(kb.scenarios.get("caa50021/onedrive")!.managed.sendToIt.map((t) => t.replace(/\[([^\]]+)\]\([^)]*\)/g, "$1").replace(/`/g, "")));
    expect(renderReport(escalated, "md")).toContain("## What the person was asked to have ready");
    expect(data.askFor).toEqual([]);
  });

  it("shows a step marked fixed that left the app half-done, and the step that completes it", () => {
    let s = ok(startSession(kb, { code: "caa50021", app: "onedrive", facts: { accountType: "work", windowsServer: false, multipleUsersAffected: false, filesNotSyncedZeroFiles: false, where: "banner", managed: false, isAdmin: true } }));
    s = ok(recordOutcome(kb, s, { stepId: "clean-restart", outcome: "no-change", at: "2026-11-26T09:00:00Z" }));
    s = ok(answer(s, "otherErrorAfterSignIn", "none"));
    s = ok(recordOutcome(kb, s, { stepId: "unlink-work-account", outcome: "fixed", at: "2026-11-26T09:05:00Z" }));
    const data = buildReport({ kb, session: s })!;
    expect(data.status).toBe("step");
    expect(data.halfDone).toMatchObject({ stepId: "unlink-work-account", next: { stepId: "repair-onedrive" } });
    expect(renderReport(data, "md")).toContain("Unlink the work account in OneDrive was marked fixed, but it is not finished: OneDrive stays unlinked");
    // Pairing again fixes it: one "fixed it" in the report, the unlink is the step before.
    s = ok(recordOutcome(kb, s, { stepId: "repair-onedrive", outcome: "fixed", at: "2026-11-26T09:10:00Z" }));
    const done = renderReport(buildReport({ kb, session: s })!, "md");
    expect(done.match(/^- .*: fixed it \(/gm)).toHaveLength(1);
    expect(done).toContain('Unlink the work account in OneDrive: done, and finished by the step after it ("');
  });
});

describe("what the report says, from what happened", () => {
  const base = { accountType: "work", windowsServer: true, managed: true } as const;
  const serverSession = () => {
    const s = ok(startSession(kb, { code: "caa50021", app: "onedrive", facts: base }));
    expect(sessionState(kb, s)!.status).toBe("escalated");
    return s;
  };

  it.each(["md", "txt"] as const)("a Windows Server session with no step tried says none was tried, and nothing of first-line fixes (%s)", (format) => {
    const text = renderReport({ kb, session: serverSession() }, { format });
    expect(text).toContain("Handed over to IT before any step was tried.");
    expect(text).toMatch(/Windows Server/);
    expect(text).not.toMatch(/You did the first-line fixes|Not resolved by the steps|None of the steps|You tried/);
  });

  it("says the guide stops before any step while a question that comes first is still open", () => {
    const s = ok(startSession(kb, { code: "caa50021", app: "onedrive", facts: { windowsServer: true } }));
    expect(sessionState(kb, s)!.status).toBe("asking");
    const text = renderReport({ kb, session: s }, { format: "txt" });
    expect(text).toContain('In progress: no step tried yet; for what the person answered, the guide stops before any step (see "Steps not taken"), and a question is still open.');
    expect(text).toContain("Steps not taken");
    // without the stop, the open question is all there is to say
    const plain = renderReport({ kb, session: ok(startSession(kb, { code: "caa50021", app: "onedrive" })) }, { format: "txt" });
    expect(plain).toContain("In progress: no step tried yet; a question is still open.");
  });

  it("quotes the guide's stop to IT when it does not fit the situation (its title speaks to the person)", () => {
    const s = ok(startSession(kb, { code: "caa50021", app: "onedrive", facts: { accountType: "personal" } }));
    expect(sessionState(kb, s)!.status).toBe("stopped");
    const data = buildReport({ kb, session: s })!;
    expect(data.summary).toMatch(/^This guide does not fit the situation: “[^”]+personal Microsoft account\.” /);
  });

  it("says each reason once, with every step it applies to", () => {
    const text = renderReport({ kb, session: serverSession() }, { format: "md" });
    expect(text.split("The guide stops here:").length - 1).toBe(1);
    expect(text).toContain('Not offered: Restart Windows (Restart, not Shut down); Unlink the work account in OneDrive;');
    expect(text).toMatch(/Check the device's registration with dsregcmd \/status\. See "Why this goes to IT"\./);
  });

  it("lists nothing as not done on purpose when the guide stopped before any step", () => {
    const data = buildReport({ kb, session: serverSession() })!;
    expect(data.neverDo).toEqual([]);
    expect(renderReport(data, "md")).not.toContain("Not done on purpose");
    // once a step has been shown and tried, what the person must never do is part of the record
    expect(buildReport({ kb, session: escalatedSession() })!.neverDo.map((n) => n.id)).toContain("dsregcmd-leave");
  });

  it("is written to IT, about the person: the causes carry the data, the words are IT's", () => {
    const data = buildReport({ kb, session: escalatedSession() })!;
    expect(data.escalation!.causes).toEqual([{ kind: "out-of-steps", tried: 3, couldNot: 0 }, { kind: "stop", stop: "managed-after-first-line", at: "after-first-line" }]);
    expect(data.escalation!.reasons[0]).toBe("The person tried 3 steps of this guide; none of them fixed the error.");
    const text = renderReport(data, "md");
    expect(data.escalation!.reasons[1]).toBe("The guide ends after the first-line steps here, and they did not fix it. What remains on a managed computer (policies, compliance, the device record) is for IT.");
    for (const words of [/You did the first-line/, /You tried/, /hand over to IT/i, /Don't do it alone/, /you don't have/, /Find out first/, /you answered/, /in your own Windows session\./]) expect(text).not.toMatch(words);
    // the session's own words (the end screen, the CLI) still speak to the person
    expect(sessionState(kb, escalatedSession())!.report.escalation!.reasons[0]).toMatch(/^You tried 3 steps of this guide/);
  });

  it("says what the person could not tell, for a step held until an answer is known", () => {
    let s = ok(startSession(kb, { code: "caa50021", app: "onedrive", facts: { accountType: "work", otherErrorAfterSignIn: "none", windowsServer: false, multipleUsersAffected: false, filesNotSyncedZeroFiles: false, where: "banner", personalAndWorkPaired: false } }));
    s = ok(answer(s, "managed", "unknown"));
    s = ok(answer(s, "isAdmin", "unknown"));
    const data = buildReport({ kb, session: s })!;
    const held = data.notTaken.find((g) => g.status === "find-out");
    expect(held?.reason).toMatch(/^The person could not tell “Is this a computer your organisation manages\?” — /);
    expect(held?.reason).not.toMatch(/Find out first|you /);
  });

  it("never says the person could not tell what was only not asked yet", () => {
    const s = ok(startSession(kb, { code: "caa50021", app: "teams", facts: { accountType: "work", isAdmin: false } }));
    const held = buildReport({ kb, session: s })!.notTaken.filter((g) => g.status === "find-out");
    expect(held.length).toBeGreaterThan(0);
    for (const g of held) {
      expect(g.reason).toMatch(/^Not answered yet: “/);
      // A stop fires on one answer of the question, which the stop's own words name.
      expect(g.reason).not.toMatch(/if so/);
      expect(g.reason).not.toMatch(/could not tell/);
    }
  });

  it("leaves out the checks whose answers rule them out, and keeps them while not known", () => {
    const ids = (facts: Record<string, boolean | string>) => buildReport({ kb, session: ok(startSession(kb, { code: "caa50021", app: "onedrive", facts: { accountType: "work", windowsServer: true, ...facts } })) })!.checkNext.flatMap((g) => g.items.map((i) => i.id));
    expect(ids({})).toEqual(expect.arrayContaining(["dual-state", "hybrid-join-diagnostics"]));
    expect(ids({ hybridJoined: false })).not.toContain("dual-state");
    expect(ids({ hybridJoined: false })).not.toContain("hybrid-join-diagnostics");
    expect(ids({ hybridJoined: false })).toContain("prt-health");
    expect(ids({ hybridJoined: true })).toContain("dual-state");
  });

  it("sends no checks for this code when another guide applies or it is not this error", () => {
    const s = ok(startSession(kb, { code: "caa50021", app: "onedrive", facts: { accountType: "personal" } }));
    expect(sessionState(kb, s)!.status).toBe("stopped");
    expect(buildReport({ kb, session: s })!.checkNext).toEqual([]);
  });

  it.each(["md", "txt"] as const)("speaks in titles and words, not ids or backticks (%s)", (format) => {
    const text = renderReport({ ...{ kb, session: escalatedSession(), evidence } }, { format });
    const prose = text.replace(/\(Fixpath page [^)]*\)/g, "");
    for (const id of ["cleanup-wam-accounts", "clean-restart", "dsregcmd-leave", "ask-admin:", "entra-joined", "Join type: hybrid-joined", "accountType", " in onedrive", "`"]) expect(prose, id).not.toContain(id);
    expect(text).toContain("CAA50021 in OneDrive");
  });

  it("links absolutely with a base URL, and names each page by title and path without one", () => {
    const withBase = renderReport({ kb, session: escalatedSession() }, { format: "md", baseUrl: "https://help.example.org/" });
    expect(withBase).toContain("[Read the user's Entra sign-in logs](https://help.example.org/codes/caa50021/admin/#sign-in-logs)");
    expect(withBase).not.toMatch(/\]\(\//);
    const txt = renderReport({ kb, session: escalatedSession() }, { format: "txt", baseUrl: "https://help.example.org" });
    expect(txt).toContain("Read the user's Entra sign-in logs: https://help.example.org/codes/caa50021/admin/#sign-in-logs");
    const none = renderReport({ kb, session: escalatedSession() }, { format: "txt" });
    expect(none).toContain("Read the user's Entra sign-in logs (Fixpath page /codes/caa50021/admin/#sign-in-logs)");
  });

  it("lists only the checks that fit the app", () => {
    const ids = (app: string) => {
      const s = ok(startSession(kb, { code: "caa50021", app, facts: { accountType: "work", windowsServer: true } }));
      return buildReport({ kb, session: s })!.checkNext.flatMap((g) => g.items.map((i) => i.id));
    };
    expect(ids("onedrive")).not.toContain("teams-sign-in-diagnostic");
    expect(ids("onedrive")).toContain("onedrive-sync-conditional-access");
    expect(ids("teams")).toContain("teams-sign-in-diagnostic");
    expect(ids("teams")).not.toContain("onedrive-sync-conditional-access");
    expect(ids("teams")).toContain("sign-in-logs");
  });

  it("shows the findings of any analyzer, redacted, with ids only in JSON", () => {
    const findings = [{ source: "Evidence bundle: whoami /groups", summary: [{ label: "Admin rights", value: "no (a standard user)" }], findings: [{ id: "not-admin", status: "info" as const, message: "CONTOSO\\ana is not in the local Administrators group.", lines: [3], link: { href: "/codes/caa50021/admin/#broker-plugin-health", title: "Check the broker's health" } }] }];
    const md = renderReport({ kb, session: serverSession(), findings }, { format: "md" });
    expect(md).toContain("**Evidence bundle: whoami /groups**");
    expect(md).toContain("- Admin rights: no (a standard user).");
    expect(md).toContain("- Note: [account-1] is not in the local Administrators group. (line 3) See: Check the broker's health (Fixpath page /codes/caa50021/admin/#broker-plugin-health).");
    expect(md).not.toContain("not-admin");
    const json = JSON.parse(renderReport({ kb, session: serverSession(), findings }, { format: "json", redact: false })) as { findings: { findings: { id: string; message: string }[] }[] };
    expect(json.findings[0]!.findings[0]).toMatchObject({ id: "not-admin", message: "CONTOSO\\ana is not in the local Administrators group." });
  });

  it("shows the findings the session carries", () => {
    const s = ok(attachFindings(serverSession(), [{ source: "Evidence bundle: Windows edition", findings: [{ status: "warn", message: "This is Windows Server 2022 (InstallationType Server)." }] }]));
    expect(renderReport({ kb, session: s }, { format: "txt" })).toContain("* Worth a look: This is Windows Server 2022 (InstallationType Server).");
  });

  it("puts first the checks a finding that is not a pass points at", () => {
    const findings = [{ source: "dsregcmd /status", findings: [{ status: "fail" as const, message: "No primary refresh token (AzureAdPrt NO).", link: { href: "/codes/caa50021/admin/#prt-health", title: "Admin: primary refresh token health" } }] }];
    const data = buildReport({ kb, session: serverSession(), findings })!;
    expect(data.checkNext.find((g) => g.owner === "device")!.items[0]).toMatchObject({ id: "prt-health", pointedAt: true });
    expect(renderReport(data, "txt")).toContain("* Check the user's primary refresh token (PRT) (Fixpath page /codes/caa50021/admin/#prt-health): the analyzer's findings point here.");
  });

  it("redacts identifier values an analyzer passes in", () => {
    const findings = [{ source: "Evidence bundle", findings: [{ status: "warn" as const, message: "OneDrive is signed in to the tenant Fabrikam Research." }] }];
    const md = renderReport({ kb, session: serverSession(), findings, identifiers: ["Fabrikam Research"] }, { format: "md" });
    expect(md).toContain("the tenant [name-1].");
  });
});

describe("redaction", () => {
  it.each(fixtureFiles)("removes every identifier field of %s", (file) => {
    const text = readFileSync(join(FIXTURES, file), "utf8");
    const parsed = analyzeDsregcmd(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const ids = collectIdentifiers(parsed.analysis.evidence).filter((v) => v.trim().length >= 3 && !/^(yes|no|none|direct)$/i.test(v.trim()));
    const redact = createRedactor(ids);
    const out = redact(text);
    for (const id of ids) expect(out.toLowerCase(), `${file}: ${id}`).not.toContain(id.trim().toLowerCase());
    expect(out).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
    expect(out).not.toMatch(/\b[0-9a-f]{40}\b/i);
    expect(out).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
    // the report for a session with this evidence carries none of them either
    const report = renderReport(buildReport({ kb, session: ok(startSession(kb, { code: "caa50021", app: "onedrive" })), evidence: parsed.analysis })!, "json");
    // A name that is also an ordinary word (a tenant called "Example") may stand in the guide's own
    // words ("for example"): content stays as written, so such names are looked for in what came from the paste.
    const fromPaste = JSON.stringify((JSON.parse(report) as { findings: unknown }).findings);
    for (const id of ids) expect((/^[a-z]+$/i.test(id.trim()) ? fromPaste : report).toLowerCase(), `${file} report: ${id}`).not.toContain(id.trim().toLowerCase());
  });

  it("is idempotent", () => {
    const idText = fc.constantFrom("3a1bcd2e-0f6a-4b7c-9d8e-112233445566", "ana@contoso.com", "CONTOSO\\ana", "0123456789ABCDEF0123456789ABCDEF01234567", "contoso", " ", "\n", "x");
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), idText)), fc.array(fc.constantFrom("contoso", "WORKSTATION-7", "ana")), (parts, names) => {
        const once = createRedactor(names)(parts.join(""));
        expect(createRedactor(names)(once)).toBe(once);
      }),
      { numRuns: 300 },
    );
  });

  it("gives one value one token and leaves paths alone", () => {
    const redact = createRedactor(["WORKSTATION-7"]);
    expect(redact("DeviceId 3A1BCD2E-0F6A-4B7C-9D8E-112233445566 and again 3a1bcd2e-0f6a-4b7c-9d8e-112233445566")).toBe("DeviceId [guid-1] and again [guid-1]");
    expect(redact("Executing Account Name : CONTOSO\\ana, on WORKSTATION-7")).toBe("Executing Account Name : [account-1], on [name-1]");
    expect(redact("%localappdata%\\Microsoft\\OneDrive\\onedrive.exe and C:\\Program Files\\x")).toBe("%localappdata%\\Microsoft\\OneDrive\\onedrive.exe and C:\\Program Files\\x");
  });
});
