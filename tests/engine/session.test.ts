import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FACT_NAMES, type FactValue } from "../../src/model/index.ts";
import {
  answer,
  candidateValues,
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

// ---------------------------------------------------------------- properties

type Event =
  | { type: "answer"; fact: string; value: FactValue | null }
  | { type: "outcome"; stepId: string; outcome: StepOutcome; at: string }
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
            event.type === "answer" ? answer(session, event.fact, event.value) : event.type === "outcome" ? recordOutcome(kb, session, event) : undo(session);
          if (!result.ok) {
            expect(result.issues.length).toBeGreaterThan(0);
            continue;
          }
          if (event.type === "undo") expect(result.session).toEqual(before.pop());
          else {
            before.push(session);
            expect(undo(result.session)).toEqual({ ok: true, session });
          }
          session = result.session;
          const json = JSON.parse(JSON.stringify(session)) as unknown;
          expect(parseSession(json)).toEqual({ ok: true, session });
          const state = sessionState(kb, session)!;
          if (state.step) {
            expect(state.step.status).toBe("do");
            expect(state.plan.steps.find((s) => s.id === state.step!.id)?.status).toBe("do");
          }
          if (state.status === "escalated") expect(state.report.escalation?.reasons.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });
});
