// Answers arriving from the analyzer (or a link) into a new or already started diagnostic: they
// fill what the person has not answered, never replace what they did, and each answer says where
// it came from.
import { describe, expect, it } from "vitest";
import { answer, type Session } from "../../src/engine/session.ts";
import { diagnoseTarget } from "../../site/src/lib/diagnose-target.ts";
import { appsOffered } from "../../site/src/lib/view.ts";
import { answerWords, checkedAnswers, EMPTY_STORE, foundAnswers, mergeSettled, resolveConflict, sourceOf } from "../../site/src/lib/settled.ts";
import { buildReport } from "../../src/report/report.ts";
import { loadProjectKb } from "../helpers/kb.ts";
import type { Candidate } from "../../src/evidence/error-text/recognize.ts";

const base: Session = { version: 1, code: "caa50021", app: "onedrive", facts: {}, dontKnow: [], outcomes: [], history: [] };

function answered(s: Session, fact: string, value: boolean | string | null): Session {
  const r = answer(s, fact, value);
  if (!r.ok) throw new Error(r.issues[0]!.message);
  return r.session;
}

const read = (text: string) => ({ read: `the evidence bundle: ${text} (line 4 of your paste)` });

describe("settled answers into a diagnostic", () => {
  it("fill unanswered and 'I don't know' questions, and say they came from the analyzer", () => {
    const started = answered(answered(base, "accountType", "work"), "isAdmin", null);
    const { session, store } = mergeSettled(started, EMPTY_STORE, { managed: { value: true, ...read("enrolled in Intune") }, windowsServer: { value: false, ...read("Windows 10 Pro") }, isAdmin: { value: true, ...read("in Administrators") } });
    expect(session.facts).toEqual({ accountType: "work", managed: true, windowsServer: false, isAdmin: true });
    expect(session.dontKnow).toEqual([]);
    expect(store.conflicts).toEqual([]);
    // No history entry: "Undo last answer" takes back the person's answers, not the analyzer's readings.
    expect(session.history).toEqual(started.history);
    expect(sourceOf(session, store, "managed")).toEqual({ from: "analyzer", read: "the evidence bundle: enrolled in Intune (line 4 of your paste)", alsoPerson: false });
    expect(sourceOf(session, store, "accountType")).toEqual({ from: "person" });
  });

  it("never replace the person's answer: the difference waits for their choice", () => {
    const started = answered(base, "managed", false);
    const merged = mergeSettled(started, EMPTY_STORE, { managed: { value: true, ...read("enrolled in Intune") } });
    expect(merged.session.facts.managed).toBe(false);
    expect(merged.store.conflicts).toEqual(["managed"]);
    // Keeping theirs: both stay visible.
    const kept = resolveConflict(merged.session, merged.store, "managed", "mine");
    expect(kept.session.facts.managed).toBe(false);
    expect(kept.store.conflicts).toEqual([]);
    expect(sourceOf(kept.session, kept.store, "managed")).toMatchObject({ from: "person", settledOther: { value: true } });
    // Taking the analyzer's: an answer the person can undo.
    const taken = resolveConflict(merged.session, merged.store, "managed", "settled");
    expect(taken.session.facts.managed).toBe(true);
    expect(taken.session.history.at(-1)).toMatchObject({ type: "answer", fact: "managed", value: true, previous: false });
    expect(sourceOf(taken.session, taken.store, "managed")).toMatchObject({ from: "analyzer", alsoPerson: true });
  });

  it("a newer paste replaces an earlier reading, and the app never changes", () => {
    const first = mergeSettled(base, EMPTY_STORE, { isAdmin: { value: true, ...read("first") } });
    const second = mergeSettled(first.session, first.store, { isAdmin: { value: false, ...read("second") }, app: { value: "outlook" } });
    expect(second.session.facts).toEqual({ isAdmin: false });
    expect(second.store.conflicts).toEqual([]);
    expect(second.session.app).toBe("onedrive");
  });

  it("the organisation's cautious preset is named as the source, whatever was pasted", () => {
    const session: Session = { ...base, organisation: { managed: true } };
    const merged = mergeSettled(session, EMPTY_STORE, { managed: { value: false, ...read("not enrolled") } });
    expect(sourceOf(merged.session, merged.store, "managed")).toEqual({ from: "organisation" });
  });

  it("a link's answer without a reading says it came from the link", () => {
    const merged = mergeSettled(base, EMPTY_STORE, { isAdmin: { value: true } });
    expect(sourceOf(merged.session, merged.store, "isAdmin")).toEqual({ from: "link" });
  });

  it("only settled, well-formed answers travel from the analyzer", () => {
    expect(checkedAnswers({ managed: { value: true, read: "x" }, isAdmin: { value: "unknown" }, windowsServer: { value: "yes" }, colour: { value: "blue" }, app: { value: "teams" }, recentChange: { value: "password" } })).toEqual({ managed: { value: true, read: "x" }, recentChange: { value: "password" } });
    expect(checkedAnswers("nonsense")).toEqual({});
  });

  it("answers read as words", () => {
    const scenario = { questions: [{ fact: "where", prompt: "Where?", why: "", choices: [{ value: "banner", label: "On an account already added" }] }, { fact: "accountType", prompt: "Which?", why: "", choices: [{ value: "work", label: "A work or school account (you@yourcompany.com)" }] }] } as never;
    expect(answerWords(scenario, "accountType", "work")).toBe("A work or school account");
    expect(answerWords(scenario, "managed", true)).toBe("Yes");
    expect(answerWords(scenario, "where", "banner")).toBe("On an account already added");
    expect(answerWords(scenario, "recentChange", "windows-update")).toBe("Windows update");
    expect(answerWords(scenario, "otherErrorAfterSignIn", "none")).toBe("No other code");
  });
});

describe("the analyzer's answers in the IT report", () => {
  it("are labelled as found by the analyzer, with what it read and its lines, while the session still holds them", () => {
    const kb = loadProjectKb();
    const handed = checkedAnswers({ isAdmin: { value: false, read: "the evidence bundle: no S-1-5-32-544 (line 20)", found: { source: "the evidence bundle", because: "none of the group rows is S-1-5-32-544", lines: [20, 21] } } });
    const { session, store } = mergeSettled(answered(base, "accountType", "work"), EMPTY_STORE, handed);
    const found = foundAnswers(session, store);
    expect(found).toEqual([{ fact: "isAdmin", value: false, source: "the evidence bundle", because: "none of the group rows is S-1-5-32-544", lines: [20, 21] }]);
    const report = buildReport({ kb, session, generatedAt: "2026-12-07T10:00:00Z", found }, { redact: false })!;
    const admin = report.answers.find((a) => a.fact === "isAdmin")!;
    expect(admin.source).toBe("analyzer");
    expect(admin.answer).toMatch(/found by the analyzer in the evidence bundle: none of the group rows is S-1-5-32-544, lines 20, 21; not asked/);
    expect(report.answers.find((a) => a.fact === "accountType")!.source).toBe("person");
    // The person then answered otherwise: the report no longer says the analyzer found it.
    expect(foundAnswers(answered(session, "isAdmin", true), store)).toEqual([]);
  });

  it("keep no malformed reading from storage", () => {
    expect(checkedAnswers({ isAdmin: { value: true, read: "x", found: { source: "s", because: "b", lines: [0] } } }).isAdmin).toEqual({ value: true, read: "x" });
  });
});

describe("which diagnostic the analyzer opens", () => {
  const cand = (pageId: string, score: number): Candidate => ({ pageId, url: `/codes/${pageId}/`, title: pageId, kind: pageId.includes("/") ? "scenario" : "code", score, reasons: [] });

  it("the code and app the paste names", () => {
    expect(diagnoseTarget({ codes: [{ hub: "caa50021" }] as never, apps: [{ app: "teams", line: 1 }], candidates: [cand("caa50021/teams", 4)] }, {})).toEqual({ code: "caa50021", app: "teams" });
  });

  it("no app when the paste names none: the person chooses (never the first page that fits)", () => {
    expect(diagnoseTarget({ codes: [{ hub: "caa50021" }] as never, apps: [], candidates: [cand("caa50021/outlook", 3), cand("caa50021/onedrive", 3)] }, {})).toEqual({ code: "caa50021" });
  });

  it("a message several codes share leaves the code to the person", () => {
    expect(diagnoseTarget({ codes: [], apps: [], candidates: [cand("caa50021/outlook", 1), cand("caa2000b/outlook", 1)] }, {})).toEqual({});
    expect(diagnoseTarget({ codes: [], apps: [], candidates: [cand("caa2000b/outlook", 2), cand("caa50021/outlook", 1)] }, {})).toEqual({ code: "caa2000b" });
  });

  it("the code the events name wins", () => {
    expect(diagnoseTarget({ codes: [{ hub: "caa50021" }] as never, apps: [], candidates: [] }, {}, "aadsts50034")).toEqual({ code: "aadsts50034" });
  });
});

describe("the organisation's apps in every chooser (one rule)", () => {
  it("offers only the apps in use, and every app when none of a code's guides is for one in use", () => {
    expect(appsOffered(["onedrive", "outlook", "teams"], ["onedrive", "teams"])).toEqual(["onedrive", "teams"]);
    expect(appsOffered(["outlook"], ["onedrive", "teams"])).toEqual(["outlook"]);
    expect(appsOffered(["onedrive", "outlook"], [])).toEqual(["onedrive", "outlook"]);
  });
});
