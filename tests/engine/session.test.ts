import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { FACTS, FACT_NAMES, type FactName, type FactValue } from "../../src/model/index.ts";
import {
  answer,
  deferStep,
  attachFindings,
  candidateValues,
  explainOutcome,
  OUTCOME_NOTE_MAX,
  plan,
  STEP_OUTCOME_REASONS,
  parseSession,
  planCore,
  recordOutcome,
  sessionState,
  startSession,
  undo,
  STEP_OUTCOMES,
  type Session,
  type SessionResult,
  type StepOutcome,
} from "../../src/engine/index.ts";
import { OUTCOMES as API_OUTCOMES, OUTCOME_REASONS as API_OUTCOME_REASONS } from "../../src/server/storage/repository.ts";
import { makeFacts, realKb, seedScenario } from "./helpers.ts";

const kb = realKb();
const seed = seedScenario(kb);
const AT = "2026-01-02T10:00:00Z";

function ok(result: SessionResult): Session {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.issues)}`);
  return result.session;
}

function start(facts = {}): Session {
  return ok(startSession(kb, { code: "CAA50021", app: "onedrive", facts }));
}

describe("session transitions", () => {
  it("starts with the canonical code and the code's scenario", () => {
    const s = start();
    expect(s).toMatchObject({ version: 1, code: "caa50021", app: "onedrive", facts: {}, outcomes: [], history: [] });
  });

  it.each([
    // --- start
    ["an unknown code", () => startSession(kb, { code: "XYZ", app: "onedrive" }), "target/unknown-code"],
    ["an unknown app", () => startSession(kb, { code: "caa50021", app: "onedriv" }), "target/unknown-app"],
    ["facts of the wrong type", () => startSession(kb, { code: "caa50021", app: "onedrive", facts: { managed: "yes" } as never }), "facts/wrong-type"],
    // --- answers
    ["an unknown fact", () => answer(start(), "manged", true), "facts/unknown-fact"],
    ["a boolean written as text", () => answer(start(), "managed", "yes"), "facts/wrong-type"],
    ["a choice that does not exist", () => answer(start(), "where", "taskbar"), "facts/bad-value"],
    ["a code that is not a code", () => answer(start(), "otherErrorAfterSignIn", "oops"), "facts/bad-value"],
    ["another app than the session's", () => answer(start(), "app", "teams"), "session/app-fixed"],
    // --- outcomes
    ["an outcome for an unknown step", () => recordOutcome(kb, start(), { stepId: "clean-reboot", outcome: "fixed", at: AT }), "session/unknown-step"],
    ["an outcome for an avoided action", () => recordOutcome(kb, start(), { stepId: seed.avoid[0]!.id, outcome: "fixed", at: AT }), "session/unknown-step"],
    ["an outcome for a step not offered", () => recordOutcome(kb, ok(answer(start(), "managed", true)), { stepId: "cleanup-wam-accounts", outcome: "no-change", at: AT }), "session/step-not-offered"],
    ["an outcome that does not exist", () => recordOutcome(kb, start(), { stepId: "clean-restart", outcome: "worked" as StepOutcome, at: AT }), "session/bad-outcome"],
    ["a time that is not ISO", () => recordOutcome(kb, start(), { stepId: "clean-restart", outcome: "fixed", at: "yesterday" }), "session/bad-time"],
    ["an outcome after the fix", () => recordOutcome(kb, ok(recordOutcome(kb, start(), { stepId: "clean-restart", outcome: "fixed", at: AT })), { stepId: "repair-onedrive", outcome: "fixed", at: AT }), "session/finished"],
    // --- undo
    ["undo at the start", () => undo(start()), "session/nothing-to-undo"],
  ])("refuses %s without throwing", (_name, run, code) => {
    const result = run();
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.code)).toContain(code);
  });

  it("suggests the fact meant", () => {
    const result = answer(start(), "manged", true);
    expect(!result.ok && result.issues[0]!.hint).toBe('did you mean "managed"?');
  });

  it("never mutates the session it is given", () => {
    const s = start();
    const frozen = JSON.stringify(s);
    answer(s, "managed", true);
    recordOutcome(kb, s, { stepId: "clean-restart", outcome: "no-change", at: AT });
    expect(JSON.stringify(s)).toBe(frozen);
  });

  it("treats \"I don't know\" as unknown and does not ask again", () => {
    const s = ok(answer(start(), "accountType", "unknown"));
    expect(s.facts.accountType).toBeUndefined();
    expect(s.dontKnow).toEqual(["accountType"]);
    expect(sessionState(kb, s)!.question?.fact).not.toBe("accountType");
  });
});

describe("parseSession", () => {
  it.each([
    ["a newer version", { ...start(), version: 2 }, "session/bad-version"],
    ["JSON text that is not JSON", "{ nope", "session/bad-json"],
    ["a missing field", (({ outcomes: _o, ...rest }) => rest)(start()), "session/invalid"],
    ["a bad fact value", { ...start(), facts: { managed: "yes" } }, "facts/wrong-type"],
    ["an unknown fact", { ...start(), facts: { manged: true } }, "facts/unknown-fact"],
    ["a bad time", { ...start(), outcomes: [{ stepId: "clean-restart", outcome: "fixed", at: "soon" }] }, "session/invalid"],
    ["outcomes that disagree with the history", { ...start(), outcomes: [{ stepId: "clean-restart", outcome: "fixed", at: AT }] }, "session/inconsistent"],
  ])("refuses %s", (_name, input, code) => {
    const result = parseSession(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.code)).toContain(code);
  });

  it("reads JSON text", () => {
    const s = ok(answer(start(), "managed", true));
    expect(ok(parseSession(JSON.stringify(s)))).toEqual(s);
  });
});

describe("sessionState", () => {
  const answered = () => {
    let s = start(makeFacts({ where: "banner", personalAndWorkPaired: false }));
    s = ok(answer(s, "managed", false));
    return s;
  };

  it("asks the most useful question first", () => {
    const st = sessionState(kb, start())!;
    expect(st.status).toBe("asking");
    expect(st.question).toBe(st.plan.nextQuestion);
  });

  it("offers the first do step once nothing is left to ask", () => {
    const st = sessionState(kb, answered())!;
    expect(st.status).toBe("step");
    expect(st.step?.id).toBe(st.plan.steps.find((s) => s.status === "do")!.id);
  });

  it("ends resolved when a step fixed it", () => {
    const s = ok(recordOutcome(kb, answered(), { stepId: "clean-restart", outcome: "fixed", at: AT }));
    expect(sessionState(kb, s)!.status).toBe("resolved");
  });

  it("stops for another guide", () => {
    const s = ok(answer(start(), "otherErrorAfterSignIn", "0x8004de40"));
    const st = sessionState(kb, s)!;
    expect(st.status).toBe("stopped");
    expect(st.plan.switchTo).toBe("0x8004de40");
  });

  it("escalates with a full report when the do steps run out", () => {
    let s = answered();
    const times: string[] = [];
    for (let i = 0; ; i++) {
      const st = sessionState(kb, s)!;
      if (st.status !== "step") break;
      const at = `2026-01-02T10:${String(i).padStart(2, "0")}:00Z`;
      times.push(at);
      s = ok(recordOutcome(kb, s, { stepId: st.step!.id, outcome: i % 2 ? "could-not" : "no-change", at }));
    }
    const st = sessionState(kb, s)!;
    expect(st.status).toBe("escalated");
    const doSteps = planCore(kb, seed, s.facts).steps.filter((x) => x.status === "do").map((x) => x.id);
    expect(st.report.tried.map((t) => t.stepId)).toEqual(doSteps);
    expect(st.report.tried.map((t) => t.at)).toEqual(times);
    expect(st.report.tried[0]!.title).toBe(seed.steps.find((x) => x.id === doSteps[0])!.title);
    expect(st.report.answers).toEqual(s.facts);
    expect(st.report.escalation!.reasons.length).toBeGreaterThan(0);
    expect(st.report.escalation!.checklist).toBe(kb.checklists.has("caa50021") ? "/codes/caa50021/admin/" : undefined);
  });

  it("escalates at once when a stop escalates before any step", () => {
    const st = sessionState(kb, start(makeFacts({ windowsServer: true })))!;
    expect(st.status).toBe("escalated");
    expect(st.report.escalation!.reasons.join(" ")).toMatch(/Windows Server/i);
  });
});

describe("\"I don't know\" never unlocks (issue 21)", () => {
  const answered = (facts: Record<string, unknown>) => {
    let s = start();
    for (const [fact, value] of Object.entries(facts)) s = ok(answer(s, fact, value as never));
    return s;
  };
  // The managed persona: work account, not a server, alone, files fine, and "I don't know" to managed.
  const persona = () => answered({ accountType: "work", otherErrorAfterSignIn: "none", windowsServer: false, multipleUsersAffected: false, filesNotSyncedZeroFiles: false, where: "banner", personalAndWorkPaired: false });

  it("asks whether the PC is managed before the first step it gates, not after", () => {
    let s = persona();
    // Walk the do steps; the managed question must come before the broker clean-up is reached.
    for (let guard = 0; guard < 10; guard++) {
      const state = sessionState(kb, s)!;
      if (state.status === "asking") {
        expect(state.question!.fact).toBe("managed");
        expect(s.outcomes.map((o) => o.stepId)).not.toContain("cleanup-wam-accounts");
        return;
      }
      expect(state.status).toBe("step");
      s = ok(recordOutcome(kb, s, { stepId: state.step!.id, outcome: "no-change", at: AT }));
    }
    throw new Error("the managed question was never asked");
  });

  it("turns 'I don't know' into finding out before any account is touched, then IT's path or the person's at once", () => {
    let s = persona();
    s = ok(answer(s, "managed", "unknown"));
    for (let guard = 0; guard < 10; guard++) {
      const state = sessionState(kb, s)!;
      if (state.status === "finding-out") {
        expect(state.step!.id).toBe("cleanup-wam-accounts");
        expect(state.findOut!.map((q) => q.fact)).toEqual(["managed"]);
        // Answering now decides the step at once.
        expect(sessionState(kb, ok(answer(s, "managed", true)))!.plan.steps.find((x) => x.id === "cleanup-wam-accounts")!.status).toBe("ask-admin");
        expect(sessionState(kb, ok(answer(ok(answer(s, "managed", false)), "isAdmin", true)))!.plan.steps.find((x) => x.id === "cleanup-wam-accounts")!.status).toBe("do");
        // Still not known: the step is left to IT, the diagnostic goes on, and the report says so.
        const left = ok(deferStep(kb, s, "cleanup-wam-accounts"));
        const after = sessionState(kb, left)!;
        expect(after.step?.id).not.toBe("cleanup-wam-accounts");
        // Every later step that waits only for the same answer is left too: not asked again.
        const sameAnswer = after.plan.steps.filter((x) => x.status === "find-out" && x.findOut!.every((f) => f === "managed")).map((x) => x.id);
        expect(sameAnswer).toEqual(expect.arrayContaining(["cleanup-wam-accounts", "check-access-work-or-school"]));
        expect(after.report.heldForIt.map((x) => x.stepId)).toEqual(sameAnswer);
        expect(after.report.heldForIt[0]).toEqual({ stepId: "cleanup-wam-accounts", title: seed.steps.find((x) => x.id === "cleanup-wam-accounts")!.title, facts: ["managed"] });
        expect(after.status).not.toBe("finding-out");
        expect(undo(left)).toEqual({ ok: true, session: s });
        expect(parseSession(JSON.parse(JSON.stringify(left)))).toEqual({ ok: true, session: left });
        return;
      }
      expect(state.status, JSON.stringify(state.question?.fact)).toBe("step");
      expect(["cleanup-wam-accounts", "check-access-work-or-school"]).not.toContain(state.step!.id);
      s = ok(recordOutcome(kb, s, { stepId: state.step!.id, outcome: "no-change", at: AT }));
    }
    throw new Error("the held step was never reached");
  });

  it("ends with IT, naming the held steps and the question nobody could answer", () => {
    let s = ok(answer(persona(), "managed", "unknown"));
    for (let guard = 0; guard < 20; guard++) {
      const state = sessionState(kb, s)!;
      if (state.status === "escalated") {
        const reasons = state.report.escalation!.reasons.join(" ");
        expect(reasons).toContain(seed.questions.find((q) => q.fact === "managed")!.prompt);
        for (const held of state.report.heldForIt) expect(reasons).toContain(held.title);
        expect(state.report.heldForIt.length).toBeGreaterThan(0);
        return;
      }
      if (state.status === "finding-out") s = ok(deferStep(kb, s, state.step!.id));
      else if (state.status === "step") s = ok(recordOutcome(kb, s, { stepId: state.step!.id, outcome: "no-change", at: AT }));
      else if (state.status === "asking") s = ok(answer(s, state.question!.fact, "unknown"));
      else throw new Error(`unexpected ${state.status}`);
    }
    throw new Error("never ended");
  });

  it("refuses to leave a step that does not wait for an answer", () => {
    const s = ok(answer(persona(), "managed", false));
    const refused = deferStep(kb, s, "clean-restart");
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.issues[0]!.code).toBe("session/step-not-held");
  });
});

describe("a step that leaves the app half-done", () => {
  const unlinked = () => {
    let s = start(makeFacts({ where: "banner", personalAndWorkPaired: false }));
    s = ok(recordOutcome(kb, s, { stepId: "clean-restart", outcome: "no-change", at: AT }));
    s = ok(answer(s, "otherErrorAfterSignIn", "none"));
    return ok(recordOutcome(kb, s, { stepId: "unlink-work-account", outcome: "fixed", at: AT }));
  };

  it("does not end fixed: it leads to the step that completes it, and says what is half-done", () => {
    const st = sessionState(kb, unlinked())!;
    expect(st.status).toBe("step");
    expect(st.step?.id).toBe("repair-onedrive");
    expect(st.completing).toMatchObject({ after: "unlink-work-account", step: "repair-onedrive" });
    expect(st.completing!.until).toMatch(/unlinked/);
  });

  it("ends fixed once the completing step fixed it", () => {
    const s = ok(recordOutcome(kb, unlinked(), { stepId: "repair-onedrive", outcome: "fixed", at: AT }));
    expect(sessionState(kb, s)!.status).toBe("resolved");
    expect(recordOutcome(kb, s, { stepId: "reset-onedrive", outcome: "fixed", at: AT })).toMatchObject({ ok: false });
  });

  it("goes on with the plan when the completing step did not fix it", () => {
    const s = ok(recordOutcome(kb, unlinked(), { stepId: "repair-onedrive", outcome: "no-change", at: AT }));
    const st = sessionState(kb, s)!;
    expect(st.status === "step" || st.status === "asking").toBe(true);
    expect(st.completing).toBeUndefined();
    if (st.step) expect(["clean-restart", "unlink-work-account", "repair-onedrive"]).not.toContain(st.step.id);
  });
});

describe("the code seen after sign-in", () => {
  const afterRestart = () => {
    const { otherErrorAfterSignIn: _none, ...facts } = makeFacts();
    return ok(recordOutcome(kb, start(facts), { stepId: "clean-restart", outcome: "no-change", at: AT }));
  };

  it.each(["CAA50021", "0xCAA50021", "3399811105"])("the guide's own code (%s) says so and goes on", (written) => {
    const s = ok(answer(afterRestart(), "otherErrorAfterSignIn", written));
    const st = sessionState(kb, s)!;
    expect(st.status).not.toBe("stopped");
    expect(st.plan.outcome).toBe("plan");
    expect(st.notice).toMatch(/^CAA50021 is the code this guide is about/);
    expect(s.facts.otherErrorAfterSignIn).toBe(written);
  });

  it("reads the guide's own code as no other code in the plan contract too", () => {
    expect(plan(kb, { code: "caa50021", app: "onedrive" }, makeFacts({ otherErrorAfterSignIn: "caa50021" })).outcome).toBe("plan");
  });

  it("keeps a code Fixpath does not know, says so, and hands over to IT", () => {
    const s = ok(answer(afterRestart(), "otherErrorAfterSignIn", "0x8004dead"));
    const st = sessionState(kb, s)!;
    expect(s.facts.otherErrorAfterSignIn).toBe("0x8004dead");
    expect(st.notice).toMatch(/does not know the code 0x8004DEAD/);
    expect(st.status).toBe("escalated");
    expect(st.report.escalation!.reasons[0]).toMatch(/0x8004DEAD follows, and Fixpath has no guide/);
  });

  it("still switches to a known code's guide", () => {
    const st = sessionState(kb, ok(answer(afterRestart(), "otherErrorAfterSignIn", "0x8004DE40")))!;
    expect(st.status).toBe("stopped");
    expect(st.notice).toBeUndefined();
  });
});

describe("the order of questions", () => {
  const walk = (facts = {}) => {
    let s = start(facts);
    const seen: string[] = [];
    for (let i = 0; i < 40; i++) {
      const st = sessionState(kb, s)!;
      if (st.status === "asking") {
        seen.push(`?${st.question!.fact}`);
        const fact = st.question!.fact as FactName;
        const value = fact === "accountType" ? "work" : FACTS[fact].type === "code" ? "none" : fact === "where" ? "banner" : fact === "isAdmin" ? true : false;
        s = ok(answer(s, fact, value));
      } else if (st.status === "step") {
        seen.push(st.step!.id);
        s = ok(recordOutcome(kb, s, { stepId: st.step!.id, outcome: "no-change", at: AT }));
      } else break;
    }
    return seen;
  };

  it("asks about another code only after a step was tried", () => {
    const seen = walk();
    expect(seen.indexOf("?otherErrorAfterSignIn")).toBeGreaterThan(seen.indexOf("clean-restart"));
  });

  it("asks only what the next step needs", () => {
    const seen = walk();
    expect(seen.slice(0, seen.indexOf("clean-restart"))).toEqual(["?accountType", "?windowsServer", "?multipleUsersAffected", "?filesNotSyncedZeroFiles"]);
    // Admin rights are asked just before the first step that needs them (from the content), not before.
    const firstAdmin = seedScenario(kb).steps.find((st) => st.needsAdmin && seen.includes(st.id))?.id;
    if (firstAdmin) expect(seen.indexOf("?isAdmin"), seen.join(" ")).toBe(seen.indexOf(firstAdmin) - 1);
    else expect(seen, seen.join(" ")).not.toContain("?isAdmin");
    expect(seen.indexOf("?managed")).toBeLessThan(seen.indexOf("reset-onedrive"));
    // …and no earlier than the first step it changes: one that adds or removes a work account is IT's on a managed PC.
    const firstRegistration = seedScenario(kb).steps.find((st) => st.changesRegistration && seen.includes(st.id))!.id;
    expect(seen.indexOf("?managed"), seen.join(" ")).toBe(seen.indexOf(firstRegistration) - 1);
  });

  it("asks nothing more once the plan hands over to IT before any step", () => {
    const st = sessionState(kb, start({ accountType: "work", windowsServer: true }))!;
    expect(st.status).toBe("escalated");
  });
});

describe("why a step did not fix it", () => {
  it("uses the reasons and outcomes the outcomes API keeps, so a shell can send what it saved", () => {
    expect([...STEP_OUTCOME_REASONS]).toEqual([...API_OUTCOME_REASONS]);
    expect([...STEP_OUTCOMES]).toEqual([...API_OUTCOMES]);
  });

  const tried = () => ok(recordOutcome(kb, start(makeFacts()), { stepId: "clean-restart", outcome: "could-not", at: AT }));

  it("is added to the outcome just saved, kept through JSON, and undone with it", () => {
    const s = ok(explainOutcome(tried(), { stepId: "clean-restart", reason: "no-rights", note: "  needs a password I don't have " }));
    expect(s.outcomes[0]).toEqual({ stepId: "clean-restart", outcome: "could-not", at: AT, reason: "no-rights", note: "needs a password I don't have" });
    expect(ok(parseSession(JSON.stringify(s)))).toEqual(s);
    expect(sessionState(kb, s)!.report.tried[0]).toMatchObject({ reason: "no-rights" });
    expect(ok(undo(s)).outcomes).toEqual([]);
  });

  it.each([
    ["for a step that is not the last outcome", () => explainOutcome(tried(), { stepId: "repair-onedrive", reason: "unclear" }), "session/no-outcome-to-explain"],
    ["for a fixed step", () => explainOutcome(ok(recordOutcome(kb, start(makeFacts()), { stepId: "clean-restart", outcome: "fixed", at: AT })), { stepId: "clean-restart", reason: "unclear" }), "session/reason-not-allowed"],
    ["that is not in the list", () => explainOutcome(tried(), { stepId: "clean-restart", reason: "lazy" as never }), "session/bad-reason"],
    ["with a note too long", () => explainOutcome(tried(), { stepId: "clean-restart", reason: "other", note: "x".repeat(501) }), "session/bad-note"],
  ])("is refused %s", (_name, run, code) => {
    const result = run();
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.code)).toContain(code);
  });
});

describe("what recordOutcome and explainOutcome accept, parseSession reads back", () => {
  // session.ts checks times and notes without zod (the island's first load carries no zod);
  // session-parse.ts reads them back with zod/mini. Both must draw the line in the same place.
  const iso = z.iso.datetime({ offset: true });
  const edges = [
    AT, "2026-01-02T10:00:00.123Z", "2026-01-02T10:00:00+01:00", "2026-01-02T10:00:00-23:59", "2024-02-29T00:00:00Z", "2000-02-29T23:59:59Z",
    "2026-02-29T10:00:00Z", "1900-02-29T10:00:00Z", "2026-01-02T10:00Z", "2026-01-02T10:00:00", "2026-01-02 10:00:00Z", "2026-01-02T24:00:00Z",
    "2026-01-02T10:60:00Z", "2026-01-02T10:00:00+24:00", "2026-01-02T10:00:00z", "2026-13-02T10:00:00Z", "2026-04-31T10:00:00Z", "2026-01-02T10:00:00.Z", "",
  ];
  const times = fc.oneof(
    fc.constantFrom(...edges),
    fc.date({ min: new Date("1000-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59Z"), noInvalidDate: true }).map((d) => d.toISOString()),
    fc.tuple(fc.date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("2100-01-01T00:00:00Z"), noInvalidDate: true }), fc.constantFrom("Z", "+01:00", "-05:30", "+14:00", "+24:00", "", "z", "+0100")).map(([d, zone]) => d.toISOString().slice(0, 19) + zone),
    fc.string(),
  );

  it("takes a time exactly when the stored session's schema reads it", () => {
    fc.assert(
      fc.property(times, (at) => {
        const r = recordOutcome(kb, start(makeFacts()), { stepId: "clean-restart", outcome: "no-change", at });
        expect(r.ok, at).toBe(iso.safeParse(at).success);
        if (r.ok) expect(parseSession(JSON.stringify(r.session)).ok, at).toBe(true);
        else expect(r.issues.map((i) => i.code)).toEqual(["session/bad-time"]);
      }),
      { numRuns: 500 },
    );
  });

  it("takes a note of 1 to OUTCOME_NOTE_MAX characters once trimmed, and reads it back", () => {
    const tried = ok(recordOutcome(kb, start(makeFacts()), { stepId: "clean-restart", outcome: "could-not", at: AT }));
    for (const [note, taken] of [["x", true], ["x".repeat(OUTCOME_NOTE_MAX), true], [` ${"x".repeat(OUTCOME_NOTE_MAX)} `, true], ["x".repeat(OUTCOME_NOTE_MAX + 1), false], ["   ", false]] as const) {
      const r = explainOutcome(tried, { stepId: "clean-restart", reason: "other", note });
      expect(r.ok, `${note.length} characters`).toBe(taken);
      if (r.ok) expect(ok(parseSession(JSON.stringify(r.session)))).toEqual(r.session);
    }
  });
});

describe("findings kept with the session", () => {
  const group = { source: "dsregcmd /status", summary: [{ label: "Join type", value: "Microsoft Entra joined" }], findings: [{ id: "prt", status: "fail" as const, message: "No primary refresh token (AzureAdPrt NO).", lines: [40] }] };

  it("are kept through JSON, and a new group of the same source replaces the old", () => {
    const s = ok(attachFindings(start(), [group]));
    expect(ok(parseSession(JSON.stringify(s)))).toEqual(s);
    const again = ok(attachFindings(s, [{ ...group, findings: [] }, { source: "Evidence bundle", findings: [] }]));
    expect(again.findings!.map((g) => [g.source, g.findings.length])).toEqual([["dsregcmd /status", 0], ["Evidence bundle", 0]]);
  });

  it("are refused when malformed, with the path", () => {
    const result = attachFindings(start(), [{ source: "x", findings: [{ status: "bad" as never, message: "m" }] }]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]).toMatchObject({ code: "session/bad-findings", path: "findings[0].findings[0].status" });
  });
});

// ---------------------------------------------------------------- properties

type Event =
  | { type: "answer"; fact: string; value: FactValue | null }
  | { type: "outcome"; stepId: string; outcome: StepOutcome; at: string }
  | { type: "explain"; stepId: string; reason: (typeof STEP_OUTCOME_REASONS)[number] }
  | { type: "defer"; stepId: string }
  | { type: "undo" };

/** Events that are sometimes invalid on purpose: unknown facts and steps, wrong value types. */
function eventArb(stepIds: string[]): fc.Arbitrary<Event> {
  const value = fc.oneof(
    fc.constantFrom<FactValue | null>(true, false, "unknown", null, "none", "0x8004de40", "0X8004DE90", "yes", "work", "personal", "banner", "account-add", "password"),
    fc.string({ maxLength: 6 }),
  );
  const at = fc.date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2030-01-01T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString());
  return fc.oneof(
    { weight: 4, arbitrary: fc.record({ type: fc.constant("answer" as const), fact: fc.constantFrom(...FACT_NAMES, "manged", "nope"), value }) },
    { weight: 4, arbitrary: fc.record({ type: fc.constant("outcome" as const), stepId: fc.constantFrom(...stepIds, "no-such-step"), outcome: fc.constantFrom(...STEP_OUTCOMES), at }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant("explain" as const), stepId: fc.constantFrom(...stepIds), reason: fc.constantFrom(...STEP_OUTCOME_REASONS) }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant("defer" as const), stepId: fc.constantFrom(...stepIds, "no-such-step") }) },
    { weight: 2, arbitrary: fc.constant({ type: "undo" as const }) },
  );
}

const sessionRun = fc
  .constantFrom(...kb.scenarios.keys())
  .chain((id) => {
    const sc = kb.scenarios.get(id)!;
    return fc.record({
      id: fc.constant(id),
      facts: fc.record(Object.fromEntries(sc.questions.map((q) => [q.fact, fc.constantFrom(...candidateValues(sc, q.fact as never))])), { requiredKeys: [] }),
      events: fc.array(eventArb([...sc.steps, ...sc.avoid].map((s) => s.id)), { maxLength: 25 }),
    });
  });

describe("session properties", () => {
  it("stay valid, round-trip through JSON, never offer a never step, and undo restores the previous state", () => {
    fc.assert(
      fc.property(sessionRun, ({ id, facts, events }) => {
        const sc = kb.scenarios.get(id)!;
        let session = ok(startSession(kb, { code: sc.code, app: sc.app, facts }));
        const before: Session[] = [];
        for (const event of events) {
          const result =
            event.type === "answer"
              ? answer(session, event.fact, event.value)
              : event.type === "outcome"
                ? recordOutcome(kb, session, event)
                : event.type === "explain"
                  ? explainOutcome(session, event)
                  : event.type === "defer"
                    ? deferStep(kb, session, event.stepId)
                    : undo(session);
          if (!result.ok) {
            expect(result.issues.length).toBeGreaterThan(0);
            continue;
          }
          if (event.type === "undo") expect(result.session).toEqual(before.pop());
          else if (event.type === "explain") {
            // explaining rewrites the last outcome: undo takes back the outcome with its reason
            expect(undo(result.session)).toEqual(undo(session));
          } else {
            before.push(session);
            expect(undo(result.session)).toEqual({ ok: true, session });
          }
          session = result.session;
          const json = JSON.parse(JSON.stringify(session)) as unknown;
          expect(parseSession(json)).toEqual({ ok: true, session });
          const state = sessionState(kb, session)!;
          if (state.step) {
            // a step offered is do; a step that waits for answers is shown only to find them out
            const want = state.status === "finding-out" ? "find-out" : "do";
            expect(state.step.status).toBe(want);
            expect(state.plan.steps.find((s) => s.id === state.step!.id)?.status).toBe(want);
          }
          // "I don't know" never unlocks: a held step offers the questions to find out, never a do
          if (state.status === "finding-out") {
            expect(state.findOut?.length).toBeGreaterThan(0);
            for (const q of state.findOut!) expect(session.facts[q.fact as FactName]).toBeUndefined();
          }
          if (state.status === "escalated") expect(state.report.escalation?.reasons.length).toBeGreaterThan(0);
          // nothing asks about a code seen after sign-in before a step came back "no change"
          if (state.question && FACTS[state.question.fact as FactName].type === "code") expect(session.outcomes.some((o) => o.outcome === "no-change")).toBe(true);
          // a session never ends fixed on a step that leaves the app half-done
          if (state.status === "resolved") expect(session.outcomes.some((o) => o.outcome === "fixed" && !sc.steps.find((x) => x.id === o.stepId)?.completedBy)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
