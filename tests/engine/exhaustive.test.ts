/**
 * Every combination of the facts each scenario reads (each boolean true/false/unknown, each choice
 * and unknown, code facts unknown/none/a code), planned and checked against every safety rule of
 * shared/design.md. The scenarios, their facts and the rules' targets all come from content/.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enumerateFacts, planScenario, scenarioFacts, spaceSize } from "../../src/engine/index.ts";
import { realKb } from "./helpers.ts";
import { designViolations, violations } from "./safety-rules.ts";

/** Above this many combinations, facts that only a question reads are held unknown. */
const MAX_COMBINATIONS = 300_000;

const kb = realKb();
let total = 0;

describe.each([...kb.scenarios.entries()].map(([id, sc]) => ({ id, sc })))("every fact combination of $id", ({ id, sc }) => {
  const { read, askedOnly } = scenarioFacts(sc);
  const all = [...read, ...askedOnly];
  const facts = spaceSize(sc, all) <= MAX_COMBINATIONS ? all : read;
  const held = all.filter((f) => !facts.includes(f));
  const size = spaceSize(sc, facts);

  const safety: string[] = [];
  const design: string[] = [];
  let count = 0;
  beforeAll(() => {
    for (const combo of enumerateFacts(sc, facts)) {
      count++;
      const plan = planScenario(kb, sc, combo);
      const where = `\n    facts: ${JSON.stringify(combo)}`;
      for (const problem of violations(kb, sc, combo, plan)) if (safety.length < 12) safety.push(problem + where);
      for (const problem of designViolations(sc, combo, plan)) if (design.length < 12) design.push(problem + where);
    }
    total += count;
    console.log(`${id}: ${count} combinations checked`);
    // No time limit is asserted here (performance lives in bench/): on a shared, loaded machine the
    // largest space takes longer than vitest's default hook timeout.
  }, 600_000);

  it(`plans all ${size} combinations of ${facts.join(", ")} safely${held.length ? ` (held unknown: ${held.join(", ")})` : ""}`, () => {
    expect(count).toBe(size);
    expect(safety, `${id}: safety rules broken`).toEqual([]);
  });

  it("follows the design's stop rules for the facts it asks (Windows Server, several users, files not synced, personal account, another code)", () => {
    expect(count).toBe(size);
    expect(design, `${id}: the design's stop rules are broken (a content question: its stops do not say it)`).toEqual([]);
  });
});

afterAll(() => {
  console.log(`exhaustive safety check: ${total} combinations in ${kb.scenarios.size} scenarios`);
});


describe("the safety checker itself", () => {
  // Guards against a hollow exhaustive test: a plan broken on purpose must be reported.
  const [id, sc] = [...kb.scenarios.entries()][0]!;
  const facts = { managed: true, isAdmin: false };
  const good = planScenario(kb, sc, facts);
  const broken = (edit: (p: typeof good) => void) => {
    const copy = structuredClone(good);
    edit(copy);
    return violations(kb, sc, facts, copy);
  };

  it(`accepts the real plan of ${id}`, () => {
    expect(violations(kb, sc, facts, good)).toEqual([]);
  });

  it.each([
    ["an avoided action offered as do", (p: typeof good) => void (p.steps[p.steps.length - 1]!.status = "do")],
    ["an advanced step offered on a managed device", (p: typeof good) => {
      const i = sc.steps.findIndex((s) => s.tier === "advanced");
      if (i >= 0) p.steps[i]!.status = "do";
      else p.steps[0]!.reason = "";
    }],
    ["an escalation dropped on a managed device", (p: typeof good) => void delete p.escalation],
    ["an empty reason", (p: typeof good) => void (p.steps[0]!.reason = "")],
    ["a wrong outcome", (p: typeof good) => void (p.outcome = "not-this-error")],
  ])("reports %s", (_name, edit) => {
    expect(broken(edit).length).toBeGreaterThan(0);
  });
});

/** A copy whose steps and escalation can be edited; the next question stays the scenario's own object. */
function copyOf(p: ReturnType<typeof planScenario>): ReturnType<typeof planScenario> {
  const copy = { ...p, steps: p.steps.map((s) => ({ ...s })) };
  if (p.escalation) copy.escalation = { ...p.escalation, reasons: [...p.escalation.reasons] };
  return copy;
}

describe("the safety checker itself, on the rules of issue 11", () => {
  // Each edit turns a real plan into what the old engine produced; the checker must report it.
  const entries = [...kb.scenarios.entries()];
  const withFlag = (flag: "actsOnOwnProfile" | "changesRegistration", admin = false) =>
    entries.find(([, sc]) => sc.steps.some((s) => s[flag] && (!admin || s.needsAdmin) && s.tier === "first-line")) ??
    entries.find(([, sc]) => sc.steps.some((s) => s[flag] && (!admin || s.needsAdmin)))!;

  it("reports a registration-changing step offered as do on a managed PC", () => {
    const [, sc] = withFlag("changesRegistration");
    const facts = { managed: true, isAdmin: true } as const;
    const plan = copyOf(planScenario(kb, sc, facts));
    expect(violations(kb, sc, facts, plan)).toEqual([]);
    const i = sc.steps.findIndex((s) => s.changesRegistration && s.tier === "first-line");
    plan.steps[i]!.status = "do";
    expect(violations(kb, sc, facts, plan).some((v) => v.includes("managed or joined"))).toBe(true);
  });

  it("reports the old 'approve the prompt in your session' reason for a profile step", () => {
    // Built, not found: the real content may have no step that both acts on the profile and needs
    // admin rights (the broker plug-in's per-user registration does not), and the check must still fail.
    const [, real] = withFlag("actsOnOwnProfile");
    const at = real.steps.findIndex((s) => s.actsOnOwnProfile);
    const sc = { ...real, steps: real.steps.map((s, i) => (i === at ? { ...s, needsAdmin: true } : s)) };
    const facts = { managed: false, isAdmin: false, hybridJoined: false } as const;
    const plan = copyOf(planScenario(kb, sc, facts));
    expect(violations(kb, sc, facts, plan)).toEqual([]);
    const i = sc.steps.findIndex((s) => s.actsOnOwnProfile && s.needsAdmin);
    plan.steps[i]!.reason = "Needs administrator rights, which you don't have: ask IT to do it with you. IT should approve the prompt in your session rather than sign in as themselves.";
    expect(violations(kb, sc, facts, plan).some((v) => v.includes("someone else's elevation"))).toBe(true);
  });

  it("reports a plan reason that says the first-line steps were done", () => {
    const [, sc] = entries.find(([, s]) => s.stops.some((st) => st.at === "after-first-line"))!;
    const facts = { managed: true } as const;
    const plan = copyOf(planScenario(kb, sc, facts));
    expect(violations(kb, sc, facts, plan)).toEqual([]);
    plan.escalation!.reasons[0] = "You did the first-line fixes on a managed computer and the error is still there.";
    expect(violations(kb, sc, facts, plan).some((v) => v.includes("steps were tried"))).toBe(true);
  });
});

describe("the design-rule checker itself", () => {
  // Guards against a hollow design check: a plan broken on purpose must be reported. The scenario
  // must ask both facts, not allow personal accounts and have a step that changes state, or the
  // test fails (it never skips).
  const asks = (sc: { questions: { fact: string }[] }, fact: string) => sc.questions.some((q) => q.fact === fact);
  const sc = [...kb.scenarios.values()].find((s) => asks(s, "windowsServer") && asks(s, "accountType") && !s.accountTypes.includes("personal") && s.steps.some((st) => st.changesState));

  it("reports a personal account that is planned, and a server that changes state", () => {
    expect(sc, "a scenario for work accounts only that asks windowsServer and accountType and has a step that changes state").toBeDefined();
    const facts = { windowsServer: true, accountType: "personal" } as const;
    const plan = structuredClone(planScenario(kb, sc!, facts));
    expect(designViolations(sc!, facts, plan), "the real plan follows the rules").toEqual([]);
    plan.outcome = "plan";
    plan.steps[sc!.steps.findIndex((s) => s.changesState)]!.status = "do";
    const found = designViolations(sc!, facts, plan);
    expect(found.some((f) => f.includes("windowsServer stops the plan"))).toBe(true);
    expect(found.some((f) => f.includes("personal account"))).toBe(true);
  });
});
