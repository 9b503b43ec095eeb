import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { answer, recordOutcome, sessionState, startSession, type Session } from "../../src/engine/index.ts";
import { analyzeDsregcmd } from "../../src/evidence/index.ts";
import { buildReport, collectIdentifiers, createRedactor, renderReport, REPORT_FORMATS } from "../../src/report/index.ts";
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
    else s = ok(recordOutcome(kb, s, { stepId: state.step!.id, outcome: "no-change", at: `2026-11-26T09:${String(10 + minute++).padStart(2, "0")}:00Z` }));
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
    expect(data.notTried.find((s) => s.stepId === "cleanup-wam-accounts")?.status).toBe("ask-admin");
    expect(data.notTried.find((s) => s.stepId === "check-access-work-or-school")?.status).toBe("ask-admin");
    expect(data.neverDo.map((n) => n.id)).toEqual(expect.arrayContaining(["dsregcmd-leave", "unenroll-intune"]));
    expect(data.startedAt).toBe("Monday morning, after the password change");
    expect(data.evidence?.joinType).toBeDefined();
  });

  it.each(REPORT_FORMATS)("renders %s, redacted (golden)", async (format) => {
    await expect(renderReport(buildReport(input)!, format)).toMatchFileSnapshot(`./__golden__/escalated.redacted.${format}`);
  });

  it.each(REPORT_FORMATS)("renders %s, not redacted (golden)", async (format) => {
    await expect(renderReport(buildReport(input, { redact: false })!, format)).toMatchFileSnapshot(`./__golden__/escalated.plain.${format}`);
  });

  it("never says steps were tried when the person tried none (a stop sent them to IT first)", () => {
    let s = ok(startSession(kb, { code: "CAA50021", app: "onedrive" }));
    for (const [fact, value] of [["accountType", "work"], ["otherErrorAfterSignIn", "none"], ["windowsServer", true], ["managed", true]] as const) s = ok(answer(s, fact, value));
    for (let state = sessionState(kb, s)!; state.status === "asking"; state = sessionState(kb, s)!) s = ok(answer(s, state.question!.fact, "unknown"));
    const data = buildReport({ kb, session: s, generatedAt: "2026-11-26T10:00:00Z" })!;
    expect(data.status).toBe("escalated");
    expect(data.tried).toEqual([]);
    const words = [data.summary, ...data.escalation.reasons, ...data.notTried.map((n) => n.reason)].join("\n");
    expect(words).not.toMatch(/not resolved by the steps|\byou did\b|you (have )?tried|none of the steps/i);
    expect(data.summary).toMatch(/before any step/);
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
    for (const id of ids) expect(report.toLowerCase(), `${file} report: ${id}`).not.toContain(id.trim().toLowerCase());
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
