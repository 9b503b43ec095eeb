/**
 * An organisation's preset facts (fixpath.config.yaml) can only make a plan more cautious than the
 * person's own answers, never less — checked over every fact combination of every scenario, for
 * each fact that has a cautious value, alone and all together.
 */
import { describe, expect, it } from "vitest";
import { answer, applyPresets, enumerateFacts, parseSession, planCore, planScenario, recordOutcome, scenarioFacts, sessionState, spaceSize, startSession, type Plan } from "../../src/engine/index.ts";
import { FACTS, FACT_NAMES, cautiousValue, type FactName, type Facts } from "../../src/model/index.ts";
import { realKb, seedScenario } from "./helpers.ts";

const kb = realKb();
const CAUTIOUS = FACT_NAMES.filter((f) => cautiousValue(f) !== undefined);
/** Above this many combinations, facts only a question reads are held unknown (as in exhaustive.test.ts). */
const MAX_COMBINATIONS = 60_000;

const presetSets: { name: string; presets: Facts }[] = [
  ...CAUTIOUS.map((f) => ({ name: `${f}: ${String(cautiousValue(f))}`, presets: { [f]: cautiousValue(f)! } as Facts })),
  { name: "all cautious presets", presets: Object.fromEntries(CAUTIOUS.map((f) => [f, cautiousValue(f)!])) as Facts },
];

/** What a preset may never do to a plan: offer a step to do that the person's answers held back, or turn a stop into a plan. */
function lessCautious(own: Plan, withPresets: Plan): string[] {
  const problems: string[] = [];
  own.steps.forEach((step, i) => {
    const now = withPresets.steps[i]!;
    if (now.id !== step.id) problems.push(`step order changed at ${i}: ${step.id} → ${now.id}`);
    else if (now.status === "do" && step.status !== "do") problems.push(`${step.id}: ${step.status} → do`);
  });
  if (own.outcome !== "plan" && withPresets.outcome === "plan") problems.push(`outcome ${own.outcome} → plan`);
  if (own.escalation && !withPresets.escalation) problems.push("the hand-over to IT disappeared");
  return problems;
}

describe.each([...kb.scenarios.entries()].map(([id, sc]) => ({ id, sc })))("presets over every fact combination of $id", ({ id, sc }) => {
  const { read, askedOnly } = scenarioFacts(sc);
  const all = [...read, ...askedOnly];
  const facts = spaceSize(sc, all) <= MAX_COMBINATIONS ? all : read;

  it.each(presetSets)("$name never makes a plan less cautious, and no answer overrides it", ({ presets }) => {
    const problems: string[] = [];
    let count = 0;
    for (const answers of enumerateFacts(sc, facts)) {
      count++;
      const { facts: merged } = applyPresets(answers, presets);
      for (const [f, v] of Object.entries(presets)) if (merged[f as FactName] !== v && problems.length < 10) problems.push(`${f} answered away: ${JSON.stringify(answers)}`);
      for (const p of lessCautious(planCore(kb, sc, answers), planCore(kb, sc, merged))) if (problems.length < 10) problems.push(`${id} ${p}\n    answers: ${JSON.stringify(answers)}`);
    }
    expect(count).toBe(spaceSize(sc, facts));
    expect(problems).toEqual([]);
  });
});

describe("applyPresets", () => {
  it("a cautious preset wins over the person's answer and says so", () => {
    expect(applyPresets({ managed: false, isAdmin: true }, { managed: true, isAdmin: false })).toEqual({
      facts: { managed: true, isAdmin: false },
      used: [
        { fact: "isAdmin", value: false, overrode: true },
        { fact: "managed", value: true, overrode: false },
      ].sort((a, b) => FACT_NAMES.indexOf(a.fact as FactName) - FACT_NAMES.indexOf(b.fact as FactName)),
    });
  });

  it("ignores a preset of the less cautious value (the config refuses it; the engine does not trust it)", () => {
    expect(applyPresets({}, { managed: false, isAdmin: true })).toEqual({ facts: {}, used: [] });
  });

  it("a preset without a cautious value fills an unanswered question only", () => {
    expect(applyPresets({}, { accountType: "work" })).toEqual({ facts: { accountType: "work" }, used: [{ fact: "accountType", value: "work" }] });
    expect(applyPresets({ accountType: "personal" }, { accountType: "work" })).toEqual({ facts: { accountType: "personal" }, used: [] });
  });
});

describe("a plan with the organisation's presets", () => {
  const sc = seedScenario(kb);

  it("does not ask what the organisation answered, and says it relied on it", () => {
    const own = planScenario(kb, sc, { accountType: "work" });
    const org = planScenario(kb, sc, { accountType: "work" }, { organisation: { managed: true } });
    expect(org.nextQuestion?.fact).not.toBe("managed");
    expect(org.organisation).toEqual([expect.objectContaining({ fact: "managed", value: true, says: expect.stringMatching(/^Your organisation says /) })]);
    expect(own.organisation).toBeUndefined();
    // The managed rule now holds: the plan ends after the first-line steps and goes to IT.
    expect(org.escalation).toBeDefined();
  });

  it("words reasons that rest on a preset as the organisation's answer, not the person's", () => {
    const org = planScenario(kb, sc, { accountType: "work", managed: false }, { organisation: { managed: true } });
    const words = org.steps.map((s) => s.reason).join("\n");
    expect(words).not.toMatch(/you answered No to "[^"]*managed/i);
    expect(org.organisation?.[0]).toMatchObject({ overrode: false });
  });
});

describe("a diagnostic session with the organisation's presets", () => {
  const walk = (organisation: Facts | undefined, answerManaged: boolean) => {
    let r = startSession(kb, { code: "CAA50021", app: "onedrive", facts: { accountType: "work" }, ...(organisation ? { organisation } : {}) });
    const asked: string[] = [];
    for (let i = 0; i < 40 && r.ok; i++) {
      const st = sessionState(kb, r.session)!;
      if (st.status === "asking") {
        const fact = st.question!.fact;
        asked.push(fact);
        r = answer(r.session, fact, fact === "managed" ? answerManaged : FACTS[fact as FactName].type === "code" ? "none" : fact === "where" ? "banner" : false);
      } else if (st.status === "step") {
        r = recordOutcome(kb, r.session, { stepId: st.step!.id, outcome: "no-change", at: "2026-03-14T10:00:00Z" });
      } else return { asked, state: st, session: r.session };
    }
    throw new Error("the session did not end");
  };

  it("never asks a preset fact, and the plan says the organisation answered it", () => {
    const { asked, state } = walk({ managed: true }, false);
    expect(asked).not.toContain("managed");
    expect(state.plan.organisation).toEqual([expect.objectContaining({ fact: "managed", value: true })]);
    expect(state.status).toBe("escalated");
  });

  it("holds a cautious preset against the person's own answer, even one given through the answers", () => {
    const withPreset = walk({ managed: true }, false);
    const without = walk(undefined, false);
    // Without the preset, answering "not managed" lets the person clear the broker's accounts; with it, that step is IT's.
    const status = (w: typeof withPreset) => w.state.plan.steps.find((s) => s.id === "cleanup-wam-accounts")!.status;
    expect(status(without)).toBe("do");
    expect(status(withPreset)).toBe("ask-admin");
    let s = withPreset.session;
    const r = answer(s, "managed", false);
    if (r.ok) s = r.session;
    expect(sessionState(kb, s)!.plan.steps.find((st) => st.id === "cleanup-wam-accounts")!.status).toBe("ask-admin");
  });

  it("keeps the presets in the session's JSON", () => {
    const { session } = walk({ managed: true }, false);
    const back = parseSession(JSON.parse(JSON.stringify(session)));
    expect(back.ok && back.session.organisation).toEqual({ managed: true });
  });
});
