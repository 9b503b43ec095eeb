/**
 * `plan`: facts → the design's plan. Stops first (content order, earliest cut wins), then each
 * step through the safety rules (`safety.ts`), then the avoided actions. Unknown facts stay
 * unknown: what the plan assumed is listed, with the question whose answer would change it.
 */
import { checklistUrl, parseCode, resolveCode, type FactName, type Facts, type FactValue, type KnowledgeBase, type Question, type Scenario, type Stop } from "../model/index.ts";
import { answerLabeller, evaluate, missingFacts, questionWords } from "./conditions.ts";
import { ASSUMPTION_WORDS, handOverWords, stepReason, type WordsContext } from "./reasons.ts";
import { adminStatus, avoidStatus, cutPointOf, cutStatus, cutsFor, holdsFor, neverStatus, outcomeOf, registrationStatus, type Cuts, type Decided } from "./safety.ts";
import { applyPresets } from "./presets.ts";
import { ownCodeAsNone } from "./other-code.ts";
import { candidateValues } from "./space.ts";
import { findScenario, type Target } from "./target.ts";
import type { Assumption, AssumptionKind, Escalation, HandOverCause, Plan, PlanOutcome, PlanStep } from "./types.ts";

/**
 * Plans the diagnostic for a code (any written form) and an app. Throws a RangeError when there
 * is no such scenario: shells check the target first with `findScenario`, which returns issues.
 */
export function plan(kb: KnowledgeBase, target: Target, facts: Facts): Plan {
  const found = findScenario(kb, target);
  if (!found.ok) throw new RangeError(found.issues.map((i) => `${i.code}: ${i.message}`).join("; "));
  return planScenario(kb, found.target.scenario, facts);
}

/** What else a plan takes into account besides the person's answers. */
export interface PlanOptions {
  /** Facts the organisation presets for all its users (`fixpath.config.yaml`); see `presets.ts`. */
  organisation?: Facts;
}

/** Plans one scenario of `kb`, with the next question. */
export function planScenario(kb: KnowledgeBase, scenario: Scenario, answers: Facts, options: PlanOptions = {}): Plan {
  const { facts, used } = applyPresets(answers, options.organisation ?? {});
  const core = planCore(kb, scenario, facts, new Set(used.map((u) => u.fact)));
  const next = rankQuestions(kb, scenario, facts, core)[0];
  const result: Plan = next ? { ...core, nextQuestion: next } : core;
  if (used.length > 0) result.organisation = used.map((u) => ({ ...u, says: organisationWords(scenario, u.fact, u.value) }));
  return result;
}

/** "Your organisation says Yes to "Is this computer managed …?"", in the scenario's own words. */
export function organisationWords(scenario: Scenario, fact: FactName, value: FactValue): string {
  const words = answerLabeller(scenario.questions, new Set([fact]))(fact, value);
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The plan without the next question (what `rankQuestions` compares). */
export function planCore(kb: KnowledgeBase, scenario: Scenario, answers: Facts, fromOrganisation: ReadonlySet<FactName> = new Set()): Plan {
  const code = resolveCode(kb, scenario.code) ?? scenario.code.toLowerCase();
  const facts: Facts = { ...ownCodeAsNone(kb, code, answers), app: scenario.app };
  const assumptions = new Assumptions();
  const label = answerLabeller(scenario.questions, fromOrganisation);
  const question = questionWords(scenario.questions);

  // ---- stops, in content order
  const fired: Stop[] = [];
  for (const stop of scenario.stops) {
    const t = evaluate(stop.when, facts);
    if (t === true) fired.push(stop);
    else if (t === "unknown") for (const f of missingFacts(stop.when, facts)) assumptions.add(f, "stop-may-fire", stop.id);
  }
  const cuts = cutsFor(fired, scenario.steps, facts);
  const winner = cuts.start ?? cuts.beforeStateChange ?? cuts.afterFirstLine;
  const outcome: PlanOutcome = winner ? outcomeOf(winner) : "plan";

  // ---- steps: each decided as data, then worded (reasons.ts)
  const asked = new Set(scenario.questions.map((q) => q.fact as FactName));
  const holdContext = { facts, asked, stops: scenario.stops, firstStateChange: cuts.firstStateChange };
  const words: WordsContext = { scenario, facts, label, question };
  const decide = (step: Scenario["steps"][number], index: number): Decided => {
    if (cuts.start) return cutStatus(step, index, cuts)!;
    const never = neverStatus(step, facts);
    if (never) {
      if (facts.managed === undefined) assumptions.add("managed", "maybe-managed", step.id);
      return never;
    }
    const cut = cutStatus(step, index, cuts);
    if (cut) return cut;
    const when = step.when ? evaluate(step.when, facts) : true;
    if (when === false) return { status: "skip", cause: { kind: "does-not-apply" } };
    const ruled = registrationStatus(step, facts) ?? adminStatus(step, facts);
    if (ruled) return ruled;
    // An unknown answer never unlocks: what the cautious answer would hold back waits for it.
    const holds = holdsFor(step, index, holdContext);
    if (holds.length > 0) return { status: "find-out", cause: { kind: "find-out", holds } };
    if (step.when && when === "unknown") for (const f of missingFacts(step.when, facts)) assumptions.add(f, "step-applies", step.id);
    // A step that changes nothing (reading a status) is not held; it says what it assumed.
    const assumedNotManaged = step.tier === "advanced" && facts.managed === undefined;
    if (assumedNotManaged) assumptions.add("managed", "not-managed", step.id);
    return { status: "do", cause: { kind: "offered", tier: step.tier, applies: !step.when ? "always" : when === true ? "yes" : "assumed", assumedNotManaged } };
  };
  const steps: PlanStep[] = scenario.steps.map((step, index) => {
    const { status, cause } = decide(step, index);
    const out: PlanStep = { id: step.id, status, cause, reason: stepReason(cause, step.id, words) };
    if (cause.kind === "find-out") out.findOut = [...new Set(cause.holds.map((h) => h.fact))];
    return out;
  });

  // ---- what not to do
  for (const item of scenario.avoid) {
    const { status, cause } = avoidStatus(item, facts);
    steps.push({ id: item.id, status, cause, reason: stepReason(cause, item.id, words) });
  }

  const result: Plan = { code, app: scenario.app, outcome, steps, assumptions: assumptions.list() };
  if (outcome === "switch-guide" && winner) result.switchTo = switchTarget(kb, winner, facts);
  const escalation = escalationFor(kb, scenario, code, outcome, fired, cuts);
  if (escalation) result.escalation = escalation;
  return result;
}

/** The code a switch-guide stop points at: the hub its code resolves to, or the code written canonically. */
function switchTarget(kb: KnowledgeBase, stop: Stop, facts: Facts): string {
  const fromFact = stop.switchToFact !== undefined ? facts[stop.switchToFact as FactName] : undefined;
  const written = typeof fromFact === "string" ? fromFact : (stop.switchTo ?? "");
  return resolveCode(kb, written) ?? canonicalCode(written);
}

/** `0X8004DE40`, `8004de40`, `2147802688` → `0x8004de40`; AADSTS codes → `aadsts50126`. */
export function canonicalCode(written: string): string {
  const key = parseCode(written);
  if (key === undefined) return written.trim().toLowerCase();
  return key.startsWith("hex:") ? `0x${key.slice(4)}` : key.replace(":", "");
}

function escalationFor(kb: KnowledgeBase, scenario: Scenario, code: string, outcome: PlanOutcome, fired: readonly Stop[], cuts: Cuts): Escalation | undefined {
  const ending = outcome === "escalate" || (outcome === "plan" && (cuts.afterFirstLine !== undefined || cuts.managed));
  if (!ending) return undefined;
  const causes: HandOverCause[] = [];
  // The stops that stop the plan, earliest cut first; then the managed-device rule if no stop said it.
  const ordered = [cuts.start, cuts.beforeStateChange, cuts.afterFirstLine].filter((s): s is Stop => s !== undefined);
  // A plan that escalates before the first-line steps never reaches a stop after them.
  const reached = (stop: Stop) => outcome !== "escalate" || cutPointOf(stop) !== "after-first-line";
  for (const stop of [...ordered, ...fired].filter(reached)) {
    if (stop.outcome === "not-this-error" || (stop.outcome === "switch-guide" && stop !== cuts.afterFirstLine)) continue;
    if (!causes.some((c) => c.kind === "stop" && c.stop === stop.id)) causes.push({ kind: "stop", stop: stop.id, at: cutPointOf(stop) });
  }
  if (cuts.managed && cuts.afterFirstLine === undefined && outcome !== "escalate") causes.push({ kind: "managed" });
  return causes.length === 0 ? undefined : escalationOf(kb, scenario, code, causes);
}

/** The hand-over for these causes: each in the person's words, and the code's admin checklist when it has one. */
export function escalationOf(kb: KnowledgeBase, scenario: Scenario, code: string, causes: HandOverCause[]): Escalation {
  const esc: Escalation = { causes, reasons: causes.map((c) => handOverWords(c, scenario)) };
  if (kb.checklists.has(code)) esc.checklist = checklistUrl(code);
  return esc;
}

class Assumptions {
  private readonly byKey = new Map<string, Assumption>();
  add(fact: FactName, kind: AssumptionKind, affects: string): void {
    const key = `${fact}\u0000${kind}`;
    const found = this.byKey.get(key);
    if (!found) this.byKey.set(key, { fact, kind, assumed: ASSUMPTION_WORDS[kind], affects: [affects] });
    else if (!found.affects.includes(affects)) found.affects.push(affects);
  }
  list(): Assumption[] {
    return [...this.byKey.values()];
  }
}

// ---------------------------------------------------------------- the next question

/** What a plan decides, without its words: outcome, switch target, escalation, each status. */
function signature(p: Plan): string {
  return `${p.outcome}|${p.switchTo ?? ""}|${p.escalation ? "E" : ""}|${p.steps.map((s) => s.status).join(",")}`;
}

/**
 * The scenario's questions for unknown facts, most useful first. A fact ranks when one of its
 * values changes the plan: first facts that decide a stop at `start`, then facts that change a
 * first-line step (earliest step first), then the rest; ties keep the scenario's question order.
 * Facts that change the plan only together with others (the plan assumed them) come last.
 */
export function rankQuestions(kb: KnowledgeBase, scenario: Scenario, facts: Facts, base: Plan = planCore(kb, scenario, facts)): Question[] {
  const baseSig = signature(base);
  const firstLine = scenario.steps.filter((s) => s.tier === "first-line").length;
  const startFacts = new Set<string>();
  for (const stop of scenario.stops) if (stop.at === "start" || stop.outcome === "not-this-error") for (const f of missingFacts(stop.when, facts)) startFacts.add(f);
  const affects = new Map<string, string[]>(base.assumptions.map((a) => [a.fact, []]));
  for (const a of base.assumptions) affects.get(a.fact)!.push(...a.affects);
  const order = new Map(base.steps.map((s, i) => [s.id, i]));
  const stopIds = new Set(scenario.stops.map((s) => s.id));

  const ranked: { q: Question; rank: [number, number, number] }[] = [];
  scenario.questions.forEach((q, qi) => {
    const fact = q.fact as FactName;
    if (facts[fact] !== undefined || fact === "app") return;
    let firstChange = Infinity;
    let changed = false;
    for (const value of candidateValues(scenario, fact)) {
      const other = planCore(kb, scenario, { ...facts, [fact]: value });
      if (signature(other) === baseSig) continue;
      changed = true;
      const i = other.steps.findIndex((s, k) => s.status !== base.steps[k]?.status);
      if (i !== -1 && i < firstChange) firstChange = i;
    }
    if (changed) {
      const category = startFacts.has(fact) ? 0 : firstChange < firstLine ? 1 : 2;
      ranked.push({ q, rank: [category, category === 0 ? 0 : firstChange, qi] });
    } else if (affects.has(fact)) {
      const ids = affects.get(fact)!;
      const earliest = Math.min(...ids.map((id) => (stopIds.has(id) ? -1 : (order.get(id) ?? Infinity))));
      ranked.push({ q, rank: [3, earliest, qi] });
    }
  });
  ranked.sort((a, b) => a.rank[0] - b.rank[0] || a.rank[1] - b.rank[1] || a.rank[2] - b.rank[2]);
  return ranked.map((r) => r.q);
}
